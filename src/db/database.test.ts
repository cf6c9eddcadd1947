import { describe, expect, it } from 'vitest';
import { openDatabase, pgliteSettings } from './database.js';

describe('PGlite settings', () => {
  it.each([
    ['default: a 64 MB buffer pool', {}, ["shared_buffers = '64MB'"]],
    ['an override replaces the default', { SHEQU_PGLITE_CONF: 'shared_buffers=128MB' }, ["shared_buffers = '128MB'"]],
    ['several, spaces trimmed, quotes dropped', { SHEQU_PGLITE_CONF: " work_mem = 8MB , shared_buffers=32MB,x='y'" }, ["shared_buffers = '32MB'", "work_mem = '8MB'", "x = 'y'"]],
    ['an item without a value is ignored', { SHEQU_PGLITE_CONF: 'work_mem,' }, ["shared_buffers = '64MB'"]],
  ])('%s', (_, env, lines) => {
    expect(pgliteSettings(env)).toEqual(lines);
  });

  it('an opened PGlite database runs with them', async () => {
    const db = await openDatabase({});
    try {
      const [row] = await db.query<{ shared_buffers: string }>('show shared_buffers');
      expect(row.shared_buffers).toBe('64MB');
    } finally {
      await db.close();
    }
  }, 60_000);
});
