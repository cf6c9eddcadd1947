/**
 * Worker import benchmark (issue 3): a 100,000-row .xlsx imported end to end (parse, validate, check,
 * write in one transaction) against a raw COPY of the same rows into the same `worker` table, in the
 * same run, on PGlite (in memory) and on PostgreSQL. Target: import ≤ 3× COPY; peak RSS ≤ 600 MB.
 *
 *   node --import tsx bench/worker-import.ts [--rows 100000] [--engines pglite,postgres]
 *
 * The file is generated in a child process and each engine runs in its own child, so the peak RSS
 * reported is that of the import alone (the generator's 100k objects are not in it).
 * Baselines: PGlite `COPY worker (…) FROM '/dev/blob'` with the CSV as the blob; PostgreSQL a
 * server-side `COPY worker (…) FROM '<file>'` (the bench connects as a superuser to a local server).
 * Server-side COPY skips the network, so that baseline is, if anything, faster than the client COPY
 * (pg-copy-streams) the import itself uses.
 * The import writes ahead while it reads, so its "read+validate" phase includes most of the write;
 * "write" is what is left at the end (updates, removals, the audit entries).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Database, Queryable } from '../src/db/database.js';
import { openDatabase, pgliteSettings } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { regionRepository } from '../src/db/repositories/region.repository.js';
import { systemActor } from '../src/domain/permissions.js';
import type { ValidWorker } from '../src/domain/worker.js';
import {
  CATEGORIES,
  EDUCATIONS,
  ORIGINS,
  POLITICAL_STATUSES,
  POSITIONS,
  QUALIFICATIONS,
} from '../src/domain/worker-vocab.js';
import { SYNTHETIC_TODAY, syntheticRegions, syntheticWorkers } from '../src/seed/synthetic.js';
import { type ImportProgress, workerImporter } from '../src/services/worker-import.service.js';
import { WORKER_COLUMNS } from '../src/services/worker-template.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    engines: { type: 'string', default: 'pglite,postgres' },
    dir: { type: 'string', default: join(tmpdir(), 'shequ-bench-import') },
    child: { type: 'string' },
    seed: { type: 'string', default: '7' },
    /** PGlite on a data directory in the temp folder instead of in memory (the database then is not in the RSS). */
    'pglite-disk': { type: 'boolean', default: false },
  },
});
const ROWS = Number(values.rows);
const DIR = values.dir!;
const SEED = Number(values.seed);
const PG_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = 'bench_import';
const XLSX_PATH = join(DIR, `workers-${ROWS}-${SEED}.xlsx`);
const CSV_PATH = join(DIR, `workers-${ROWS}-${SEED}.csv`);
const COPY_COLS = `region_code, name, id_number, gender, birth_date, ethnicity, phone, category, position, status, hired_on,
  political_status, education, education_fulltime, major, social_work_major, home_region_code, veteran, graduate_entrant, graduate_year, qualification`;

const regions = () => syntheticRegions('county', SEED);
/**
 * --pglite-disk: the data directory as the product runs (SHEQU_DATA_DIR), made, migrated and given its
 * regions by a child of its own, so that the import's child opens an existing directory as a server
 * does — PGlite's initdb alone peaks near 900 MB RSS, opening a made directory ~340 MB.
 */
const PGLITE_DIR = join(DIR, 'pglite-data');
const mb = (kb: number) => Math.round(kb / 1024);

/**
 * Resident kB by kind of mapping (Linux): PGlite's WebAssembly memory (the read-write mapping as large as
 * the memory, inside V8's reservation up to its maximum; only its touched pages are resident), other
 * anonymous memory (V8's heap, malloc, compiled code), and files (the node binary, libraries). Null
 * where /proc is not there.
 */
function residentByKind(wasmBytes = 0): { wasm: number; anon: number; brk: number; file: number } | null {
  let text: string;
  try {
    text = readFileSync('/proc/self/smaps', 'utf8');
  } catch {
    return null;
  }
  const out = { wasm: 0, anon: 0, brk: 0, file: 0 };
  let kind: keyof typeof out = 'anon';
  for (const line of text.split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) {
      const size = Number.parseInt(head[2], 16) - Number.parseInt(head[1], 16);
      const name = head[3];
      kind = name.startsWith('/') ? 'file' : name === '[heap]' ? 'brk' : size === wasmBytes ? 'wasm' : 'anon';
      continue;
    }
    if (line.startsWith('Rss:')) out[kind] += Number(line.slice(4).trim().split(/\s+/)[0]);
  }
  out.anon += out.brk;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Generation (child): the .xlsx an office would send (labels, not codes; shared strings as Excel
// writes them) and the CSV of the same rows for COPY.

async function generate(): Promise<void> {
  const ExcelJS = (await import('exceljs')).default;
  const communities = regions().filter((r) => r.level === 'community');
  const ws = syntheticWorkers(communities, ROWS, SEED, SYNTHETIC_TODAY);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: XLSX_PATH, useSharedStrings: true, useStyles: true });
  const sheet = wb.addWorksheet('人员名册');
  sheet.columns = WORKER_COLUMNS.map((c) => ({ key: c.field, width: c.width, style: c.text ? { numFmt: '@' } : {} }));
  sheet.addRow([`${SYNTHETIC_TODAY} 社区工作者名册（基准测试）`]).commit();
  sheet.addRow(WORKER_COLUMNS.map((c) => (c.required ? `${c.label}*` : c.label))).commit();
  const lab = <T extends Record<string, string>>(t: T, v: keyof T | null) => (v === null ? null : t[v]);
  const yes = (b: boolean) => (b ? '是' : '否');
  for (const w of ws) {
    const row: Record<string, unknown> = {
      name: w.name,
      idNumber: w.idNumber,
      gender: w.gender === 'male' ? '男' : '女',
      birthDate: w.birthDate,
      ethnicity: w.ethnicity,
      politicalStatus: lab(POLITICAL_STATUSES, w.politicalStatus),
      education: lab(EDUCATIONS, w.education),
      educationFulltime: lab(EDUCATIONS, w.educationFulltime),
      major: w.major,
      socialWorkMajor: yes(w.socialWorkMajor),
      phone: w.phone,
      homeRegionCode: w.homeRegionCode,
      category: CATEGORIES[w.category],
      position: POSITIONS[w.position],
      term: w.term,
      regionCode: w.regionCode,
      // Excel date cells for one date column, text for the other: both are common.
      startDate: new Date(`${w.startDate}T00:00:00Z`),
      origin: ORIGINS[w.origin],
      status: w.status === 'probation' ? '试用期' : '在岗',
      veteran: yes(w.veteran),
      graduateEntrant: yes(w.graduateEntrant),
      graduateYear: w.graduateYear,
      qualification: w.qualification ? QUALIFICATIONS[w.qualification.level] : null,
      qualificationCertificateNo: w.qualification?.certificateNo ?? null,
      qualificationDate: w.qualification?.obtainedOn ?? null,
    };
    const r = sheet.addRow(WORKER_COLUMNS.map((c) => row[c.field] ?? null));
    r.getCell(WORKER_COLUMNS.findIndex((c) => c.field === 'startDate') + 1).numFmt = 'yyyy-mm-dd';
    r.commit();
  }
  await sheet.commit();
  await wb.commit();
  writeFileSync(CSV_PATH, ws.map(csvLine).join(''));
}

const csvField = (v: unknown) =>
  v === null || v === undefined
    ? ''
    : typeof v === 'string' && /[",\n]/.test(v)
      ? `"${v.replace(/"/g, '""')}"`
      : String(v);
const csvLine = (w: ValidWorker) =>
  `${[
    w.regionCode,
    w.name,
    w.idNumber,
    w.gender,
    w.birthDate,
    w.ethnicity,
    w.phone,
    w.category,
    w.position,
    w.status,
    w.startDate,
    w.politicalStatus,
    w.education,
    w.educationFulltime,
    w.major,
    w.socialWorkMajor,
    w.homeRegionCode,
    w.veteran,
    w.graduateEntrant,
    w.graduateYear,
    w.qualification?.level ?? null,
  ]
    .map(csvField)
    .join(',')}\n`;

// ---------------------------------------------------------------------------------------------
// One engine (child): fresh database and regions; the import; empty the tables; the COPY baseline.

interface EngineResult {
  engine: string;
  rows: number;
  copyMs: number;
  importMs: number;
  phases: Record<string, number>;
  created: number;
  errors: number;
  maxRssMb: number;
  /** Peak RSS of the whole child, COPY baseline included. */
  rssAfterCopyMb: number;
  importCpuMs: number;
  copyCpuMs: number;
}

/** A Database over a raw PGlite, so the bench can also call PGlite's COPY with a blob. */
async function pgliteDb(): Promise<{
  db: Database;
  copy: (sql: string, blob: Blob) => Promise<void>;
  wasmBytes: () => number;
}> {
  const { PGlite, types } = await import('@electric-sql/pglite');
  const dataDir = values['pglite-disk'] ? PGLITE_DIR : undefined;
  // The settings the server opens PGlite with (src/db/database.ts).
  const pg = await PGlite.create(dataDir, {
    parsers: { [types.DATE]: (v: string) => v, [types.INT8]: (v: string) => Number(v) },
    postgresqlconf: pgliteSettings(),
  });
  // As src/db/database.ts wraps PGlite, COPY from a blob included.
  const wrap = (q: { query: PGliteQuery }): Queryable => ({
    query: async <T>(text: string, params?: unknown[]) => (await q.query<T>(text, params)).rows,
    copyFrom: async (table, columns, chunks) =>
      void (await q.query(`copy ${table} (${columns.join(', ')}) from '/dev/blob'`, [], {
        blob: new Blob([...chunks]),
      })),
  });
  type PGliteQuery = <T>(text: string, params?: unknown[], options?: { blob?: Blob }) => Promise<{ rows: T[] }>;
  const db: Database = {
    engine: 'pglite',
    ...wrap(pg),
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) => pg.transaction((tx) => fn(wrap(tx))),
    exec: async (sql: string) => {
      await pg.exec(sql);
    },
    close: async () => {
      await pg.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  // The size of PGlite's WebAssembly memory (an internal of PGlite's; 0 if it is not there).
  const wasmBytes = () => (pg as unknown as { mod?: { HEAPU8?: Uint8Array } }).mod?.HEAPU8?.byteLength ?? 0;
  return { db, copy: async (sql, blob) => void (await pg.query(sql, [], { blob })), wasmBytes };
}

async function runEngine(engine: string): Promise<EngineResult> {
  let db: Database;
  let copy: () => Promise<void>;
  let wasmBytes = () => 0;
  if (engine === 'pglite') {
    const p = await pgliteDb();
    db = p.db;
    wasmBytes = p.wasmBytes;
    const blob = new Blob([readFileSync(CSV_PATH)]);
    copy = () => p.copy(`copy worker (${COPY_COLS}) from '/dev/blob' with (format csv)`, blob);
  } else {
    const admin = await openDatabase({ url: PG_URL });
    await admin.query(`drop schema if exists ${SCHEMA} cascade`);
    await admin.close();
    db = await openDatabase({ url: PG_URL, schema: SCHEMA });
    copy = async () => void (await db.query(`copy worker (${COPY_COLS}) from '${CSV_PATH}' with (format csv)`));
  }
  try {
    if (!(engine === 'pglite' && values['pglite-disk'])) {
      await migrate(db);
      await db.transaction((tx) => regionRepository.insertMany(tx, regions()));
    }
    const emptyTables = () =>
      db.exec('truncate worker_qualification, worker_position, worker_period, worker restart identity cascade');

    // The import first, on the empty table, so the peak RSS measured after it is the import's own
    // (PGlite's heap never shrinks, and its COPY of a 100k-row blob grows it by itself); then the
    // tables are emptied and the COPY baseline loads the same rows into the same table.
    const phases: Record<string, number> = {};
    // Where the memory is (stderr): V8's heap, and on Linux what is resident of PGlite's WebAssembly memory
    // (its buffer pool and working memory; it grows and never shrinks) against the rest.
    const memory = (when: string) => {
      const m = process.memoryUsage();
      const r = residentByKind(wasmBytes());
      console.error(
        `memory ${when}: rss ${mb(m.rss / 1024)} MB, V8 heap used ${mb(m.heapUsed / 1024)} of ${mb(m.heapTotal / 1024)} MB, external ${mb(m.external / 1024)} MB, of which ArrayBuffers ${mb(m.arrayBuffers / 1024)} MB` +
          (r
            ? ` | resident: WebAssembly memory ${mb(r.wasm)} of ${mb(wasmBytes() / 1024)} MB, other anonymous ${mb(r.anon)} MB (malloc heap ${mb(r.brk)} MB), files ${mb(r.file)} MB`
            : ''),
      );
    };
    memory('before the import');
    let t = performance.now();
    let cpu = process.cpuUsage();
    const result = await workerImporter(db, systemActor('bench'), XLSX_PATH, {
      onProgress: (p: ImportProgress) => {
        phases[p.phase] = Math.round(performance.now() - t);
        phases[`${p.phase}RssMb`] = Math.round(process.memoryUsage().rss / 1048576);
        memory(`at ${p.phase}`);
      },
    });
    const importMs = performance.now() - t;
    const importCpu = process.cpuUsage(cpu);
    const importRssMb = mb(process.resourceUsage().maxRSS);
    await emptyTables();

    t = performance.now();
    cpu = process.cpuUsage();
    await copy();
    const copyMs = performance.now() - t;
    const copyCpu = process.cpuUsage(cpu);
    const copied = (await db.query<{ n: number }>('select count(*)::int as n from worker'))[0].n;
    if (copied !== ROWS) throw new Error(`COPY loaded ${copied} rows, expected ${ROWS}`);
    if (!result.committed) throw new Error(`import refused: ${JSON.stringify(result.errors.slice(0, 5))}`);
    return {
      engine,
      rows: ROWS,
      copyMs,
      importMs,
      phases,
      created: result.created,
      errors: result.errors.length,
      maxRssMb: importRssMb,
      rssAfterCopyMb: mb(process.resourceUsage().maxRSS),
      // CPU of this process (on PGlite the database's too): steadier than wall time on a shared machine.
      importCpuMs: (importCpu.user + importCpu.system) / 1000,
      copyCpuMs: (copyCpu.user + copyCpu.system) / 1000,
    };
  } finally {
    await db.close();
  }
}

// ---------------------------------------------------------------------------------------------

function child(args: string[]): string {
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      ...process.execArgv.filter((a) => a.startsWith('--cpu-prof')),
      new URL(import.meta.url).pathname,
      ...args,
    ],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (r.status !== 0) throw new Error(`child ${args.join(' ')} failed (${r.status})`);
  return r.stdout;
}

async function main() {
  const common = [
    '--rows',
    String(ROWS),
    '--dir',
    DIR,
    '--seed',
    String(SEED),
    ...(values['pglite-disk'] ? ['--pglite-disk'] : []),
  ];
  if (values.child === 'generate') return generate();
  if (values.child === 'prepare-pglite') {
    rmSync(PGLITE_DIR, { recursive: true, force: true });
    const db = await openDatabase({ dataDir: PGLITE_DIR });
    await migrate(db);
    await db.transaction((tx) => regionRepository.insertMany(tx, regions()));
    await db.close();
    return;
  }
  if (values.child) {
    console.log(JSON.stringify(await runEngine(values.child)));
    return;
  }
  mkdirSync(DIR, { recursive: true });
  if (!existsSync(XLSX_PATH) || !existsSync(CSV_PATH)) {
    const t = performance.now();
    child(['--child', 'generate', ...common]);
    console.log(`generated ${XLSX_PATH} (${ROWS} rows) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  for (const engine of values.engines!.split(',')) {
    if (engine === 'pglite' && values['pglite-disk']) child(['--child', 'prepare-pglite', ...common]);
    const r = JSON.parse(
      child(['--child', engine, ...common])
        .trim()
        .split('\n')
        .pop()!,
    ) as EngineResult;
    console.log(
      `${engine === 'pglite' && values['pglite-disk'] ? 'pglite (disk)' : engine.padEnd(8)} import ${(r.importMs / 1000).toFixed(2)} s (read+validate ${(r.phases.check / 1000).toFixed(2)} s, db checks ${((r.phases.write - r.phases.check) / 1000).toFixed(2)} s, write ${((r.phases.done - r.phases.write) / 1000).toFixed(2)} s)` +
        ` | COPY ${(r.copyMs / 1000).toFixed(2)} s | ratio ${(r.importMs / r.copyMs).toFixed(1)}× (target ≤ 3×) | peak RSS ${r.maxRssMb} MB (target ≤ 600; ${r.rssAfterCopyMb} MB once the COPY baseline ran too; RSS by phase ${['check', 'write', 'done'].map((k) => `${k} ${r.phases[`${k}RssMb`]}`).join(', ')}) | created ${r.created} | CPU of this process: import ${(r.importCpuMs / 1000).toFixed(2)} s, COPY ${(r.copyCpuMs / 1000).toFixed(2)} s`,
    );
  }
}

await main();
