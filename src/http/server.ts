/** Opens the database, migrates, seeds the demo on a fresh embedded database, and listens. */
import type { Config } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { seedDemoIfEmpty } from '../seed/demo.js';
import { loadAuditKeyring, startAuditCheckpoints } from '../services/audit-checkpoint.service.js';
import { buildApp } from './app.js';

export async function startServer(config: Config) {
  const started = Date.now();
  const db = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
  await migrate(db);
  // The demo county is created only on an empty embedded database; a PostgreSQL server gets it
  // only from `shequ seed demo`.
  const seeded = db.engine === 'pglite' ? await seedDemoIfEmpty(db) : false;
  const auditKeys = loadAuditKeyring(config, db.engine);
  const app = await buildApp({ db, config, auditKeys, logger: { level: process.env.LOG_LEVEL ?? 'info' } });
  // Keyed checkpoints of the audit chain, written periodically and at shutdown (audit-checkpoint.service.ts).
  const checkpoints = auditKeys
    ? startAuditCheckpoints(db, auditKeys, {
        entries: config.auditCheckpointEntries,
        minutes: config.auditCheckpointMinutes,
        log: { info: (m) => app.log.info(m), error: (m) => app.log.error(m) },
      })
    : null;
  if (!auditKeys)
    console.warn(
      '警告：未配置审计密钥（SHEQU_AUDIT_KEY_FILE 或 SHEQU_AUDIT_KEY），不写审计检查点，删除末尾记录或重算哈希将无法发现',
    );
  await app.listen({ port: config.port, host: config.host });
  const where = db.engine === 'pglite' ? `PGlite ${config.dataDir}` : 'PostgreSQL';
  console.log(
    `shequ 已启动：http://localhost:${config.port}  （数据库：${where}${seeded ? '，已载入演示数据，演示账号密码 Shequ@2024' : ''}；用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒）`,
  );
  const stop = async () => {
    await app.close();
    await checkpoints?.stop();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return { app, db };
}
