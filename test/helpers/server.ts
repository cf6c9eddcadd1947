/** The real server on a random port over a PGlite clone of the demo database, serving web/dist (e2e). */
import { join } from 'node:path';
import { loadConfig, projectRoot } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { createTestDb } from './db.js';

export async function startTestServer(): Promise<{ url: string; close(): Promise<void> }> {
  const t = await createTestDb('pglite');
  const app = await buildApp({ db: t.db, config: loadConfig({}), webRoot: join(projectRoot(), 'web', 'dist') });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    async close() {
      await app.close();
      await t.close();
    },
  };
}
