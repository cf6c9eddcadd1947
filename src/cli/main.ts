/**
 * `shequ <command>`: thin shells over the services. Exit codes: 0 done, 1 refused or failed, 2 usage.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { type Database, openDatabase } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { DomainError } from '../domain/errors.js';
import { ROLES, type Role, systemActor } from '../domain/permissions.js';
import { startServer } from '../http/server.js';
import { seedDemo } from '../seed/demo.js';
import { SYNTHETIC_COUNTY, SYNTHETIC_PROVINCE, type SyntheticScope, seedSynthetic } from '../seed/synthetic.js';
import { seedSyntheticTraining } from '../seed/synthetic-training.js';
import { auditVerifier } from '../services/audit.service.js';
import {
  auditCheckpointExporter,
  auditCheckpointLister,
  auditCheckpointWriter,
  loadAuditKeyring,
  readCheckpointExportFile,
} from '../services/audit-checkpoint.service.js';
import type { AuditReport } from '../services/audit-verify.service.js';
import {
  pgliteBackupToFile,
  pgliteRestore,
  postgresBackupToFile,
  postgresRestore,
} from '../services/backup.service.js';
import { regionImporter } from '../services/region-import.service.js';
import { userCreator } from '../services/user.service.js';
import { workerExporter } from '../services/worker-export.service.js';
import { type ImportProgress, workerImporter } from '../services/worker-import.service.js';

const USAGE = `shequ — 社区工作者队伍管理平台

用法 (usage):
  shequ serve                         启动服务（默认 http://localhost:3000，PORT 可改）
  shequ migrate                       执行数据库迁移
  shequ seed demo                     载入演示数据（西双版纳州三县市、演示账号）
  shequ seed synthetic --workers N --scope county|province|national [--seed S] [--training]
                                      生成合成区划与人员（测试与基准用，身份证号码有效且与区划、出生日期一致）
  shequ user create --username U --role R --region CODE [--name 姓名] [--password P]
                                      创建用户（密码也可用环境变量 SHEQU_PASSWORD 提供）
  shequ import regions FILE [--dry-run]
                                      从 .xlsx 或 .csv 导入区划（任何一行有错则全部不写入）
  shequ import workers FILE [--region CODE] [--dry-run] [--mode all|valid-only] [--update]
                                      从 .xlsx 或 .csv 导入人员（默认任何一行有错则全部不写入；
                                      --mode valid-only 只写入正确的行；--update 更新本辖区已有人员；
                                      --region 为表中没有所在社区代码时的默认社区）
  shequ export workers --region CODE -o FILE [--reveal]
                                      导出人员名册 .xlsx（默认脱敏；--reveal 导出完整号码，记入审计）
  shequ audit verify [--against FILE]  校验审计日志哈希链和检查点（--against：对照导出的检查点文件，可多次给出）
  shequ audit checkpoints [--export FILE]
                                      列出最近的审计检查点；--export 写入并导出最新检查点（保存在数据库以外）
  shequ backup -o FILE [--schema S]   备份：内嵌数据库复制数据目录（服务运行时请用管理接口，见 README）；
                                      PostgreSQL 调用 pg_dump（--schema 只备份该 schema）
  shequ restore FILE [--data-dir DIR] [--force] [--schema S]
                                      恢复到新的空目录（内嵌数据库）或空数据库（PostgreSQL），并校验审计链；
                                      --force 替换已有数据（原目录改名保留）

数据库：设置 DATABASE_URL 使用 PostgreSQL；否则使用内嵌 PGlite，数据目录 ./data（SHEQU_DATA_DIR 可改）。
审计密钥：SHEQU_AUDIT_KEY_FILE 或 SHEQU_AUDIT_KEY；内嵌数据库默认为数据目录中的 audit.key（首次启动时生成）。
`;

async function withDb<T>(
  fn: (db: Database) => Promise<T>,
  opts: { checkpoint?: boolean; schema?: string } = {},
): Promise<T> {
  const config = loadConfig();
  const db = await openDatabase(
    config.databaseUrl ? { url: config.databaseUrl, schema: opts.schema } : { dataDir: config.dataDir },
  );
  try {
    await migrate(db);
    const result = await fn(db);
    // What the command wrote to the audit log is covered by a checkpoint before the directory is let go.
    if (opts.checkpoint !== false) {
      const keys = loadAuditKeyring(config, db.engine);
      if (keys)
        await auditCheckpointWriter(db, keys, { reason: 'cli' }).catch((e: Error) =>
          console.error(`注意：审计检查点未写入：${e.message}`),
        );
    }
    return result;
  } finally {
    await db.close();
  }
}

const auditKeysOf = (db: Database) => loadAuditKeyring(loadConfig(), db.engine);

function printReport(v: AuditReport): void {
  if (v.ok) {
    const c = v.checkpoints;
    console.log(
      `审计链完整：已校验 ${v.checked} 条记录；检查点 ${c.database + c.file} 个（签名有效 ${c.verified} 个）` +
        (c.latest ? `，最新有效检查点覆盖至第 ${c.latest.lastId} 号记录（${c.latest.entryCount} 条）` : ''),
    );
  } else {
    for (const p of v.problems) console.error(p.message);
    if (v.problemCount > v.problems.length) console.error(`……另有 ${v.problemCount - v.problems.length} 处问题`);
    console.error(
      `审计校验未通过：共 ${v.problemCount} 处问题${v.firstBrokenId ? `（第 ${v.firstBrokenId} 号记录之前的 ${v.checked} 条完好）` : ''}`,
    );
  }
  for (const w of v.warnings) console.error(`注意：${w}`);
}

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      username: { type: 'string' },
      role: { type: 'string' },
      region: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      'dry-run': { type: 'boolean' },
      mode: { type: 'string' },
      update: { type: 'boolean' },
      output: { type: 'string', short: 'o' },
      reveal: { type: 'boolean' },
      workers: { type: 'string' },
      scope: { type: 'string' },
      seed: { type: 'string' },
      training: { type: 'boolean' },
      against: { type: 'string', multiple: true },
      export: { type: 'string' },
      schema: { type: 'string' },
      'data-dir': { type: 'string' },
      force: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [cmd, sub, arg] = positionals;
  if (values.help || !cmd) {
    console.log(USAGE);
    return cmd || values.help ? 0 : 2;
  }
  const actor = systemActor('cli');
  // `restore FILE` takes its file where other commands take a subcommand.
  switch (cmd === 'restore' ? cmd : `${cmd}${sub ? ` ${sub}` : ''}`) {
    case 'serve':
      await startServer(loadConfig());
      return -1; // keeps running
    case 'migrate':
      return withDb(async (db) => {
        const { applied } = await migrate(db);
        console.log(applied.length ? `已执行迁移：${applied.join(', ')}` : '数据库已是最新');
        return 0;
      });
    case 'seed demo':
      return withDb(async (db) => {
        await seedDemo(db);
        console.log('已载入演示数据；演示账号密码 Shequ@2024');
        return 0;
      });
    case 'seed synthetic': {
      const workers = Number(values.workers ?? 10000);
      const scope = values.scope ?? 'county';
      if (
        !Number.isInteger(workers) ||
        workers < 1 ||
        workers > 10_000_000 ||
        !['county', 'province', 'national'].includes(scope)
      ) {
        console.error('用法：shequ seed synthetic --workers N --scope county|province|national [--seed S]');
        return 2;
      }
      return withDb(async (db) => {
        let phase = '';
        const r = await seedSynthetic(db, {
          scope: scope as SyntheticScope,
          workers,
          seed: Number(values.seed ?? 1),
          onProgress: (p) => {
            if (phase && phase !== p.phase) process.stderr.write('\n');
            phase = p.phase;
            process.stderr.write(
              `\r${p.phase === 'regions' ? '区划' : '人员'} ${p.done.toLocaleString('zh-CN')} / ${p.total.toLocaleString('zh-CN')}`,
            );
          },
        });
        process.stderr.write('\n');
        console.log(
          `已生成 ${r.regions.toLocaleString('zh-CN')} 个区划、${r.workers.toLocaleString('zh-CN')} 名合成人员，用时 ${(r.ms / 1000).toFixed(1)} 秒`,
        );
        if (values.training) {
          // Synthetic training completions for the scope's regions (issue 5): one county program a year 2021–2026.
          const prefix = scope === 'county' ? SYNTHETIC_COUNTY : scope === 'province' ? SYNTHETIC_PROVINCE : '';
          const t = await seedSyntheticTraining(db, prefix);
          console.log(
            `已生成 ${t.programs.toLocaleString('zh-CN')} 个培训班、${t.completions.toLocaleString('zh-CN')} 条结业记录`,
          );
        }
        return 0;
      });
    }
    case 'user create': {
      const password = values.password ?? process.env.SHEQU_PASSWORD;
      if (!values.username || !values.role || !values.region || !password) {
        console.error('需要 --username、--role、--region 和 --password（或环境变量 SHEQU_PASSWORD）');
        return 2;
      }
      if (!ROLES.includes(values.role as Role)) {
        console.error(`角色应为 ${ROLES.join('、')} 之一`);
        return 2;
      }
      return withDb(async (db) => {
        const { user } = await userCreator(db, actor, {
          username: values.username!,
          displayName: values.name ?? values.username!,
          role: values.role as Role,
          regionCode: values.region!,
          password,
          mustChangePassword: false,
        });
        console.log(`已创建用户 ${user.username}（${user.role}，${user.regionName}）`);
        return 0;
      });
    }
    case 'import regions': {
      if (!arg) {
        console.error('用法：shequ import regions FILE [--dry-run]');
        return 2;
      }
      return withDb(async (db) => {
        const result = await regionImporter(db, actor, arg, { dryRun: values['dry-run'] });
        for (const e of result.errors) console.error(`第 ${e.row} 行 [${e.column}] ${e.message}`);
        console.log(
          `共 ${result.total} 行，有效 ${result.valid} 行，错误 ${result.errors.length} 处；${result.committed ? '已全部写入' : values['dry-run'] ? '试运行，未写入' : '未写入任何数据'}`,
        );
        return result.errors.length ? 1 : 0;
      });
    }
    case 'import workers': {
      const mode = values.mode ?? 'all';
      if (!arg || (mode !== 'all' && mode !== 'valid-only')) {
        console.error('用法：shequ import workers FILE [--region CODE] [--dry-run] [--mode all|valid-only] [--update]');
        return 2;
      }
      return withDb(async (db) => {
        const bar = progressBar();
        let result: Awaited<ReturnType<typeof workerImporter>>;
        try {
          result = await workerImporter(db, actor, arg, {
            dryRun: values['dry-run'],
            mode,
            update: values.update,
            region: values.region,
            fileName: arg,
            onProgress: bar.update,
          });
        } finally {
          bar.done();
        }
        for (const e of result.errors) console.error(`第 ${e.row} 行 [${e.column}] ${e.message}`);
        const rows = new Set(result.errors.map((e) => e.row)).size;
        const outcome = result.committed
          ? `已写入：新增 ${result.created} 人，更新 ${result.updated} 人${rows ? `；${rows} 行有错未写入` : ''}`
          : values['dry-run']
            ? '试运行，未写入'
            : result.errors.length
              ? '未写入任何数据'
              : '没有可写入的行';
        console.log(
          `共 ${result.total} 行，有效 ${result.valid} 行，错误 ${result.errors.length} 处（${rows} 行）；${outcome}`,
        );
        return result.errors.length ? 1 : 0;
      });
    }
    case 'export workers': {
      if (!values.region || !values.output) {
        console.error('用法：shequ export workers --region CODE -o FILE [--reveal]');
        return 2;
      }
      const out = values.output;
      return withDb(async (db) => {
        const exp = await workerExporter(db, actor, { region: values.region }, { reveal: values.reveal });
        const { createWriteStream } = await import('node:fs');
        const bar = progressBar();
        let n: number;
        try {
          n = await exp.write(createWriteStream(out), (rows) => bar.update({ phase: 'write', rows, total: exp.total }));
        } finally {
          bar.done();
        }
        console.log(
          `已导出 ${n} 人到 ${out}${exp.reveal ? '（完整号码，已记入审计）' : '（身份证号码和手机号码已脱敏）'}`,
        );
        return 0;
      });
    }
    case 'audit verify': {
      const external = (values.against ?? []).flatMap(readCheckpointExportFile);
      return withDb(
        async (db) => {
          const v = await auditVerifier(db, actor, { keys: auditKeysOf(db), external });
          printReport(v);
          return v.ok ? 0 : 1;
        },
        { checkpoint: false },
      );
    }
    case 'audit checkpoints':
      return withDb(
        async (db) => {
          if (values.export) {
            const out = values.export;
            if (existsSync(out)) {
              console.error(`文件 ${out} 已存在：导出不会覆盖已有文件`);
              return 2;
            }
            const doc = await auditCheckpointExporter(db, actor, auditKeysOf(db));
            writeFileSync(out, `${JSON.stringify(doc, null, 2)}\n`, { flag: 'wx' });
            const c = doc.checkpoints[0];
            console.log(
              `已导出第 ${c.id} 号检查点（覆盖至第 ${c.lastId} 号记录，共 ${c.entryCount} 条）到 ${out}；请把它保存在数据库和服务器以外`,
            );
            return 0;
          }
          const list = await auditCheckpointLister(db, actor, 20);
          if (list.length === 0) console.log('还没有审计检查点');
          for (const c of list)
            console.log(
              `第 ${c.id} 号  ${c.at}  覆盖至第 ${c.lastId} 号记录（共 ${c.entryCount} 条）  密钥 ${c.keyId}`,
            );
          return 0;
        },
        { checkpoint: false },
      );
    case 'backup': {
      if (!values.output) {
        console.error('用法：shequ backup -o FILE [--schema S]');
        return 2;
      }
      const out = values.output;
      const config = loadConfig();
      try {
        return await withDb(
          async (db) => {
            const bytes = config.databaseUrl
              ? await postgresBackupToFile(db, auditKeysOf(db), { url: config.databaseUrl, out, schema: values.schema })
              : await pgliteBackupToFile(db, auditKeysOf(db), out);
            console.log(
              `已备份到 ${out}（${(bytes / 1024 / 1024).toFixed(1)} MB，已记入审计日志）；文件含个人信息，请妥善保管`,
            );
            return 0;
          },
          { checkpoint: false, schema: values.schema },
        );
      } catch (e) {
        // The embedded database belongs to the running server: the copy has to come from inside it.
        if (e instanceof DomainError && e.code === 'DATA_DIR_LOCKED' && !config.databaseUrl)
          throw new DomainError(
            'conflict',
            'DATA_DIR_LOCKED',
            `${e.message}\n服务运行时请由全国级系统管理员下载备份：POST /api/system/backup（见 README“备份与恢复”），或先停止服务再执行 shequ backup`,
          );
        throw e;
      }
    }
    case 'restore': {
      if (!sub) {
        console.error('用法：shequ restore FILE [--data-dir DIR] [--force] [--schema S]');
        return 2;
      }
      const config = loadConfig();
      const target = config.databaseUrl ? 'PostgreSQL 数据库' : resolve(values['data-dir'] ?? config.dataDir);
      const r = config.databaseUrl
        ? await postgresRestore(sub, config.databaseUrl, config, { force: values.force, schema: values.schema })
        : await pgliteRestore(sub, target, config, { force: values.force });
      console.log(`已恢复到 ${target}${r.movedAside ? `（原目录已改名保留为 ${r.movedAside}）` : ''}`);
      const tables = Object.entries(r.counts);
      console.log(`数据表 ${tables.length} 张，行数：`);
      for (const [name, n] of tables) console.log(`  ${name}\t${n}`);
      printReport(r.report);
      if (!r.report.ok) console.error('数据已恢复，但审计校验发现上述问题');
      return r.report.ok ? 0 : 1;
    }
    default:
      console.error(`未知命令：${positionals.join(' ')}\n\n${USAGE}`);
      return 2;
  }
}

const PHASES: Record<ImportProgress['phase'], string> = {
  read: '读取校验',
  check: '核对数据库',
  write: '写入',
  done: '完成',
};

/**
 * Progress on stderr: a redrawn text bar when stderr is a terminal, otherwise a line every few seconds
 * (logs and CI stay readable).
 */
function progressBar() {
  const tty = process.stderr.isTTY === true;
  const started = Date.now();
  let last = 0;
  let drawn = false;
  return {
    update(p: ImportProgress & { total?: number }) {
      const now = Date.now();
      if (now - last < (tty ? 100 : 5000) && p.phase !== 'done') return;
      last = now;
      const secs = ((now - started) / 1000).toFixed(1);
      if (!tty) {
        console.error(`[${secs}s] ${PHASES[p.phase]}：${p.rows} 行${p.total ? ` / ${p.total}` : ''}`);
        return;
      }
      const width = 30;
      const frac = p.total ? Math.min(1, p.rows / p.total) : p.phase === 'done' ? 1 : (p.rows / 1000) % 1;
      const filled = Math.round(frac * width);
      const bar =
        p.total || p.phase === 'done'
          ? `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`
          : `${'░'.repeat(filled)}█${'░'.repeat(Math.max(0, width - filled - 1))}`;
      process.stderr.write(`\r${PHASES[p.phase]} [${bar}] ${p.rows}${p.total ? `/${p.total}` : ''} 行 ${secs}s   `);
      drawn = true;
    },
    done() {
      if (tty && drawn) process.stderr.write('\n');
    },
  };
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (e: unknown) => {
    if (e instanceof DomainError) {
      console.error(
        `错误：${e.message}${e.fields.length ? `（${e.fields.map((f) => `${f.field}：${f.message}`).join('；')}）` : ''}`,
      );
    } else {
      console.error(e);
    }
    process.exit(1);
  },
);
