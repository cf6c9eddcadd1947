import { describe, expect, it } from 'vitest';
import { openDatabase, pgliteSettings, pgPoolSize } from './database.js';

describe('PGlite settings', () => {
  it.each([
    ['default: a 64 MB buffer pool', {}, ["shared_buffers = '64MB'"]],
    ['an override replaces the default', { SHEQU_PGLITE_CONF: 'shared_buffers=128MB' }, ["shared_buffers = '128MB'"]],
    [
      'several, spaces trimmed, quotes dropped',
      { SHEQU_PGLITE_CONF: " work_mem = 8MB , shared_buffers=32MB,x='y'" },
      ["shared_buffers = '32MB'", "work_mem = '8MB'", "x = 'y'"],
    ],
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

describe('PostgreSQL pool size', () => {
  it.each([
    ['2 cores: 5', {}, 2, 5],
    ['1 core: at least 4', {}, 1, 4],
    ['16 cores: at most 20', {}, 16, 20],
    ['SHEQU_PG_POOL wins', { SHEQU_PG_POOL: '12' }, 2, 12],
    ['a bad setting is ignored', { SHEQU_PG_POOL: 'many' }, 2, 5],
    ['zero is ignored', { SHEQU_PG_POOL: '0' }, 2, 5],
  ])('%s', (_, env, cores, size) => {
    expect(pgPoolSize(env, cores)).toBe(size);
  });
});
