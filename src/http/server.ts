/** Opens the database, migrates, seeds the demo on a fresh embedded database, and listens. */
import type { Config } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { seedDemoIfEmpty } from '../seed/demo.js';
import { buildApp } from './app.js';

export async function startServer(config: Config) {
  const started = Date.now();
  const db = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
  await migrate(db);
  // The demo county is created only on an empty embedded database; a PostgreSQL server gets it
  // only from `shequ seed demo`.
  const seeded = db.engine === 'pglite' ? await seedDemoIfEmpty(db) : false;
  const app = await buildApp({ db, config, logger: { level: process.env.LOG_LEVEL ?? 'info' } });
  await app.listen({ port: config.port, host: config.host });
  const where = db.engine === 'pglite' ? `PGlite ${config.dataDir}` : 'PostgreSQL';
  console.log(
    `shequ 已启动：http://localhost:${config.port}  （数据库：${where}${seeded ? '，已载入演示数据，演示账号密码 Shequ@2024' : ''}；用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒）`,
  );
  const stop = async () => {
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return { app, db };
}
