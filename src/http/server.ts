/** Opens the database, migrates, seeds the demo on a fresh embedded database, and listens. */
import type { Config } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { twoFactorRepository } from '../db/repositories/two-factor.repository.js';
import { seedDemoIfEmpty } from '../seed/demo.js';
import { loadAuditKeyring, startAuditCheckpoints } from '../services/audit-checkpoint.service.js';
import { demoAccounts, demoPasswordWarning } from '../services/security.service.js';
import { buildApp } from './app.js';

/**
 * Where to listen: HOST when set; otherwise only this machine (127.0.0.1) while the demo accounts exist
 * — their password is published in the README — and every interface (0.0.0.0) for a real deployment.
 */
export const listenHost = (host: string | undefined, demoPresent: boolean): string =>
  host ?? (demoPresent ? '127.0.0.1' : '0.0.0.0');

export async function startServer(config: Config) {
  const started = Date.now();
  const db = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
  await migrate(db);
  // The demo county is created only on an empty embedded database; a PostgreSQL server gets it
  // only from `shequ seed demo`.
  const seeded = db.engine === 'pglite' ? await seedDemoIfEmpty(db) : false;
  const demo = await demoAccounts(db);
  const host = listenHost(config.host, demo.present);
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
  await app.listen({ port: config.port, host });
  const where = db.engine === 'pglite' ? `PGlite ${config.dataDir}` : 'PostgreSQL';
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  console.log(
    `shequ 已启动：http://${shown}:${config.port}  （数据库：${where}${seeded ? '，已载入演示数据，演示账号密码 Shequ@2024' : ''}；用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒）`,
  );
  if (!config.host && demo.present) {
    console.warn(
      '提示：数据库中有演示账号，服务只监听本机 127.0.0.1。要让其他电脑访问，请设置环境变量 HOST（如 HOST=0.0.0.0）。',
    );
  }
  if (demo.withDemoPassword.length) console.warn(`警告：${demoPasswordWarning(demo.withDemoPassword)}`);
  if (!config.secretKey && (config.requireTwoFactor.length > 0 || (await twoFactorRepository.inUse(db)))) {
    console.warn('警告：未设置 SHEQU_SECRET_KEY，两步验证的密钥未加密保存在数据库中。');
  }
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
