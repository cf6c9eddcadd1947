import { Type } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { regionRepository } from '../../src/db/repositories/region.repository.js';
import { buildApp } from '../../src/http/app.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createTestDb, ENGINES } from '../helpers/db.js';
import { checkRouteTable, type Outside, outsideFixtures } from '../helpers/route-table.js';

describe.each(ENGINES)('route table (%s)', (engine) => {
  let t: TestApp;
  let outside: Outside;
  beforeAll(async () => {
    t = await createTestApp(engine);
    outside = await outsideFixtures(t);
  });
  afterAll(() => t.close());

  it('every route answers 401 without a session and 403/404 outside the caller’s subtree', async () => {
    const county = await t.login('demo-county');
    expect(await checkRouteTable(t, county, outside)).toEqual([]);
  });
});

describe('the route-table check catches a route that forgets its check', () => {
  it('flags a route that reads any region without applying the scope', async () => {
    const t = await createTestApp('pglite', {
      extraRoutes: [
        async (app, { db }) => {
          // Deliberately unguarded: it has a permission but reads the region without the caller's scope.
          app.get<{ Params: { code: string } }>('/api/test/leaky/:code', {
            config: { access: 'region.read' },
            schema: { params: Type.Object({ code: Type.String() }) },
            handler: async (request) => ({ found: !!(await regionRepository.exists(db, request.params.code)) }),
          });
        },
      ],
    });
    try {
      const outside = await outsideFixtures(t);
      const county = await t.login('demo-county');
      const leaky = { outOfScope: () => ({ method: 'GET' as const, url: '/api/test/leaky/532801000000' }) };
      const { FIXTURES } = await import('../helpers/route-table.js');
      const problems = await checkRouteTable(t, county, outside, { ...FIXTURES, 'GET /api/test/leaky/:code': leaky });
      expect(problems).toEqual([
        "GET /api/test/leaky/:code: answered 200 for a region outside the caller's subtree, expected 403 or 404",
      ]);
      // And a route nobody wrote a fixture for is reported too.
      const unlisted = await checkRouteTable(t, county, outside);
      expect(unlisted).toContain(
        'GET /api/test/leaky/:code: no fixture in test/helpers/route-table.ts — add its out-of-scope request',
      );
    } finally {
      await t.close();
    }
  });

  it('refuses to register an API route without an access rule', async () => {
    const { db, close } = await createTestDb('pglite');
    try {
      await expect(
        buildApp({
          db,
          config: loadConfig({}),
          webRoot: null,
          extraRoutes: [
            async (app) => {
              app.get('/api/test/open', async () => ({ secret: true }));
            },
          ],
        }),
      ).rejects.toThrow('route GET /api/test/open declares no access rule (config.access)');
    } finally {
      await close();
    }
  });
});
