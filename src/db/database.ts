/**
 * One small interface over the two engines: PGlite (embedded, default) and PostgreSQL (`DATABASE_URL`).
 * Both speak the same SQL; repositories write it, services own the transaction.
 */

import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite, PGliteOptions, Transaction } from '@electric-sql/pglite';
import { DomainError } from '../domain/errors.js';
import { ConnectionQueue, type QueueOptions, queueOptions } from './connection-queue.js';

export type Row = Record<string, unknown>;

export interface Queryable {
  query<T = Row>(text: string, params?: unknown[]): Promise<T[]>;
  /**
   * Bulk load: `COPY table (columns) FROM STDIN` of rows in COPY's text format (`copyLine`). PostgreSQL
   * streams the chunks to the server; PGlite reads them as one blob (`COPY … FROM '/dev/blob'`).
   * Optional, so that a hand-made Queryable (a test spy) need not have it: callers then insert.
   */
  copyFrom?(table: string, columns: readonly string[], chunks: Iterable<string>): Promise<void>;
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One row in COPY's text format: tab-separated, `\N` for null, booleans t/f, dates as written. */
export function copyLine(values: readonly unknown[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i) line += '\t';
    if (v === null || v === undefined) line += '\\N';
    else if (typeof v === 'boolean') line += v ? 't' : 'f';
    else if (typeof v === 'number') line += String(v);
    else {
      const s = String(v);
      line += /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]) : s;
    }
  }
  return `${line}\n`;
}

const IDENT = /^[a-z_][a-z0-9_]*$/;
function copySql(table: string, columns: readonly string[], source: string): string {
  if (!IDENT.test(table) || !columns.every((c) => IDENT.test(c)))
    throw new Error(`bad COPY target ${table} (${columns.join(', ')})`);
  return `copy ${table} (${columns.join(', ')}) from ${source}`;
}

export interface Database extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction; rolls back on any thrown error. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs a script of several statements (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: the data directory as a tarball (used to clone databases in tests). */
  dump?(): Promise<Blob>;
  /**
   * PGlite only: a consistent gzipped copy of the data directory while the database stays open
   * (backups): no transaction can run meanwhile, and a CHECKPOINT first puts every committed change
   * into the files.
   */
  snapshot?(): Promise<Blob>;
  /** PGlite only: the line in front of its one connection (the HTTP layer gives each request its turn). */
  readonly queue?: ConnectionQueue;
}

export interface OpenOptions {
  /** PostgreSQL URL; when absent PGlite is used. */
  url?: string;
  /** PostgreSQL schema to use (created if missing); tests use one per file. */
  schema?: string;
  /** PGlite data directory; `memory://` or undefined for an in-memory database. */
  dataDir?: string;
  /** PGlite: start from a dumped data directory. */
  loadDataDir?: Blob;
  /** PGlite: bounds of the connection queue (default from the environment, `queueOptions`). */
  queue?: QueueOptions;
}

// Dates stay 'YYYY-MM-DD' strings on both engines; int8 (counts, ids) become numbers.
const DATE_OID = 1082;
const INT8_OID = 20;

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url) return openPostgres(opts.url, opts.schema);
  return openPglite(opts.dataDir, opts.loadDataDir, opts.queue ?? queueOptions());
}

async function openPostgres(url: string, schema?: string): Promise<Database> {
  const pg = (await import('pg')).default;
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') => {
      if (oid === DATE_OID) return (v: string) => v;
      if (oid === INT8_OID) return (v: string) => Number(v);
      return pg.types.getTypeParser(oid, format);
    },
  };
  if (schema) {
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`bad schema name ${schema}`);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`create schema if not exists ${schema}`);
    await c.end();
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: pgPoolSize(),
    types,
    options: schema ? `-c search_path=${schema}` : undefined,
    application_name: 'shequ',
  });
  pool.on('error', () => {}); // idle client errors surface on the next query
  const query = async <T>(text: string, params?: unknown[]) =>
    (await pool.query(text, params as unknown[])).rows as T[];
  const { from: copyStream } = (await import('pg-copy-streams')).default;
  const copyOn = async (
    client: import('pg').PoolClient,
    table: string,
    columns: readonly string[],
    chunks: Iterable<string>,
  ) => {
    await pipeline(Readable.from(chunks), client.query(copyStream(copySql(table, columns, 'stdin'))));
  };
  return {
    engine: 'postgres',
    query,
    async copyFrom(table, columns, chunks) {
      const client = await pool.connect();
      try {
        await copyOn(client, table, columns, chunks);
      } finally {
        client.release();
      }
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const tx: Queryable = {
          query: async <R>(t: string, p?: unknown[]) => (await client.query(t, p as unknown[])).rows as R[],
          copyFrom: (table, columns, chunks) => copyOn(client, table, columns, chunks),
        };
        const result = await fn(tx);
        await client.query('commit');
        return result;
      } catch (e) {
        await client.query('rollback').catch(() => {});
        throw e;
      } finally {
        client.release();
      }
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async close() {
      await pool.end();
    },
  };
}

/**
 * Connections the server keeps to PostgreSQL: SHEQU_PG_POOL, else 2 × the cores + 1 (PostgreSQL's own
 * rule of thumb, at least 4, at most 20). More connections than the cores can run only queue inside
 * the database: on 2 cores, 20 concurrent roster searches had p95 144 ms with 20 connections and
 * 71 ms with 5 in the same run (bench/RESULTS.md).
 */
export function pgPoolSize(env: NodeJS.ProcessEnv = process.env, cores = availableParallelism()): number {
  const set = Number(env.SHEQU_PG_POOL);
  if (Number.isInteger(set) && set > 0) return set;
  return Math.min(20, Math.max(4, 2 * cores + 1));
}

/**
 * PGlite's postgresql.conf lines. Its buffer pool lives in the process's WebAssembly heap, which grows
 * as buffers are touched and never shrinks: PGlite's default shared_buffers (160 MB) shows up in the
 * RSS of a long import. 64 MB holds a county's or a city's working set; the data directory's files stay
 * in the OS page cache behind it. SHEQU_PGLITE_CONF (comma-separated `name=value`) overrides.
 */
export function pgliteSettings(env: NodeJS.ProcessEnv = process.env): string[] {
  const lines = new Map<string, string>([['shared_buffers', '64MB']]);
  for (const item of (env.SHEQU_PGLITE_CONF ?? '').split(',')) {
    const [name, ...value] = item.split('=');
    if (name.trim() && value.length) lines.set(name.trim(), value.join('=').trim());
  }
  return [...lines].map(([k, v]) => `${k} = '${v.replaceAll("'", '')}'`);
}

async function openPglite(
  dataDir: string | undefined,
  loadDataDir: Blob | undefined,
  queueOpts: QueueOptions,
): Promise<Database> {
  const { PGlite, types } = await import('@electric-sql/pglite');
  const persistent = dataDir && !dataDir.startsWith('memory://');
  let release = () => {};
  if (persistent) {
    mkdirSync(dataDir, { recursive: true });
    release = lockDataDir(dataDir);
  }
  const options: PGliteOptions = {
    parsers: { [types.DATE]: (v: string) => v, [types.INT8]: (v: string) => Number(v) },
  };
  if (loadDataDir) options.loadDataDir = loadDataDir;
  options.postgresqlconf = pgliteSettings();
  let db: PGlite;
  try {
    db = await PGlite.create(persistent ? dataDir : undefined, options);
  } catch (e) {
    release();
    throw e;
  }
  // A restored archive carries the lock file of the process it was copied from: the lock is ours.
  if (persistent && loadDataDir) writeFileSync(join(dataDir, 'shequ.lock'), String(process.pid));
  const wrap = (q: PGlite | Transaction): Queryable => ({
    query: async <T>(text: string, params?: unknown[]) => (await q.query<T>(text, params)).rows,
    copyFrom: async (table, columns, chunks) => {
      await q.query(copySql(table, columns, `'/dev/blob'`), [], { blob: new Blob([...chunks]) });
    },
  });
  // Everything on the connection waits its turn in one line (connection-queue.ts); inside a transaction
  // the statements go straight to it, since the transaction holds the connection.
  const queue = new ConnectionQueue(queueOpts);
  const direct = wrap(db);
  return {
    engine: 'pglite',
    queue,
    query: <T>(text: string, params?: unknown[]) => queue.run(() => direct.query<T>(text, params)),
    copyFrom: (table, columns, chunks) => queue.run(() => direct.copyFrom!(table, columns, chunks)),
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) => queue.run(() => db.transaction((tx) => fn(wrap(tx)))),
    exec: (sql: string) => queue.run(async () => void (await db.exec(sql))),
    close: () =>
      queue.run(async () => {
        await db.close();
        release();
      }),
    dump: () => queue.run(() => db.dumpDataDir('none') as Promise<Blob>),
    // Inside a transaction (and the queue): no statement is half-way while the files are read.
    snapshot: () =>
      queue.run(() =>
        db.transaction(async (tx) => {
          await tx.query('checkpoint');
          return (await db.dumpDataDir('gzip')) as Blob;
        }),
      ),
  };
}

/**
 * PGlite has no lock across processes: two processes on one directory silently lose writes. Take an
 * exclusive lock file holding our pid; a live holder makes the second opener fail before it touches
 * anything. A lock left by a dead process is taken over.
 */
export function lockDataDir(dir: string): () => void {
  const path = join(dir, 'shequ.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (readFileSync(path, 'utf8') === String(process.pid)) unlinkSync(path);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number(readFileSync(path, 'utf8').trim());
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new DomainError(
          'conflict',
          'DATA_DIR_LOCKED',
          `数据目录 ${dir} 正被另一个进程（PID ${holder}）使用；同一数据目录只能由一个进程打开。请先停止该进程，或设置 SHEQU_DATA_DIR 使用其他目录。`,
          [],
          `The data directory ${dir} is in use by process ${holder}.`,
        );
      }
      if (holder === process.pid) {
        throw new DomainError('conflict', 'DATA_DIR_LOCKED', `数据目录 ${dir} 已在本进程中打开`);
      }
      // Stale lock from a process that is gone.
      if (existsSync(path)) unlinkSync(path);
    }
  }
  throw new Error(`could not lock ${dir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
