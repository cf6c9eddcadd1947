/**
 * Worker export benchmark (issue 3): 100,000 workers exported to .xlsx through the export service
 * (scope filter, paging by id through workerRepository.scan, exceljs streaming WorkbookWriter to a
 * file), on PGlite (in memory) and PostgreSQL. Target ≤ 10 s, streaming (peak RSS printed).
 *
 *   node --import tsx bench/worker-export.ts [--rows 100000] [--engines pglite,postgres] [--reveal]
 *
 * Each engine runs in its own child process. PostgreSQL uses schema bench_export, seeded once and
 * kept (re-seeded when the row count differs).
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type Database, openDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { systemActor } from '../src/domain/permissions.js';
import { SYNTHETIC_COUNTY, seedSynthetic } from '../src/seed/synthetic.js';
import { workerExporter } from '../src/services/worker-export.service.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    engines: { type: 'string', default: 'pglite,postgres' },
    reveal: { type: 'boolean', default: false },
    child: { type: 'string' },
  },
});
const ROWS = Number(values.rows);
const PG_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = 'bench_export';

async function runEngine(engine: string) {
  const db: Database =
    engine === 'pglite' ? await openDatabase({}) : await openDatabase({ url: PG_URL, schema: SCHEMA });
  try {
    await migrate(db);
    const have = (await db.query<{ n: number }>('select count(*)::int as n from worker'))[0].n;
    let seedMs = 0;
    if (have !== ROWS) {
      if (have > 0)
        await db.exec('truncate worker_qualification, worker_position, worker_period, worker restart identity cascade');
      seedMs = (await seedSynthetic(db, { scope: 'county', workers: ROWS, seed: 11 })).ms;
    }
    // As autovacuum would have done on a live database: without statistics the planner sorts every page.
    await db.exec('analyze');
    const dir = mkdtempSync(join(tmpdir(), 'shequ-bench-export-'));
    const file = join(dir, 'workers.xlsx');
    try {
      const t = performance.now();
      const exp = await workerExporter(
        db,
        systemActor('bench'),
        { region: `${SYNTHETIC_COUNTY}000000` },
        { reveal: values.reveal },
      );
      const n = await exp.write(createWriteStream(file));
      const ms = performance.now() - t;
      if (n !== ROWS) throw new Error(`exported ${n} rows, expected ${ROWS}`);
      return {
        engine,
        rows: n,
        ms,
        seedMs,
        bytes: statSync(file).size,
        maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    await db.close();
  }
}

async function main() {
  if (values.child) {
    console.log(JSON.stringify(await runEngine(values.child)));
    return;
  }
  for (const engine of values.engines!.split(',')) {
    const args = [
      '--import',
      'tsx',
      new URL(import.meta.url).pathname,
      '--child',
      engine,
      '--rows',
      String(ROWS),
      ...(values.reveal ? ['--reveal'] : []),
    ];
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (r.status !== 0) throw new Error(`${engine} failed`);
    const x = JSON.parse(r.stdout.trim().split('\n').pop()!) as Awaited<ReturnType<typeof runEngine>>;
    console.log(
      `${engine.padEnd(8)} export ${x.rows} rows in ${(x.ms / 1000).toFixed(2)} s (target ≤ 10 s), ${(x.bytes / 1048576).toFixed(1)} MB .xlsx, peak RSS ${x.maxRssMb} MB${x.seedMs ? ` (seeding took ${(x.seedMs / 1000).toFixed(1)} s, not counted)` : ''}`,
    );
  }
}

await main();
