/**
 * One small interface over the two engines: PGlite (embedded, default) and PostgreSQL (`DATABASE_URL`).
 * Both speak the same SQL; repositories write it, services own the transaction.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { PGlite, PGliteOptions, Transaction } from '@electric-sql/pglite';
import { DomainError } from '../domain/errors.js';

export type Row = Record<string, unknown>;

export interface Queryable {
  query<T = Row>(text: string, params?: unknown[]): Promise<T[]>;
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
}

// Dates stay 'YYYY-MM-DD' strings on both engines; int8 (counts, ids) become numbers.
const DATE_OID = 1082;
const INT8_OID = 20;

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url) return openPostgres(opts.url, opts.schema);
  return openPglite(opts.dataDir, opts.loadDataDir);
}

async function openPostgres(url: string, schema?: string): Promise<Database> {
  const pg = (await import('pg')).default;
  const types = { getTypeParser: (oid: number, format?: 'text' | 'binary') => {
    if (oid === DATE_OID) return (v: string) => v;
    if (oid === INT8_OID) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  } };
  if (schema) {
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`bad schema name ${schema}`);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`create schema if not exists ${schema}`);
    await c.end();
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.SHEQU_PG_POOL ?? 10),
    types,
    options: schema ? `-c search_path=${schema}` : undefined,
    application_name: 'shequ',
  });
  pool.on('error', () => {}); // idle client errors surface on the next query
  const query = async <T>(text: string, params?: unknown[]) => (await pool.query(text, params as unknown[])).rows as T[];
  return {
    engine: 'postgres',
    query,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const tx: Queryable = { query: async <R>(t: string, p?: unknown[]) => (await client.query(t, p as unknown[])).rows as R[] };
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

async function openPglite(dataDir: string | undefined, loadDataDir?: Blob): Promise<Database> {
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
  let db: PGlite;
  try {
    db = await PGlite.create(persistent ? dataDir : undefined, options);
  } catch (e) {
    release();
    throw e;
  }
  const wrap = (q: PGlite | Transaction): Queryable => ({
    query: async <T>(text: string, params?: unknown[]) => (await q.query<T>(text, params)).rows,
  });
  return {
    engine: 'pglite',
    ...wrap(db),
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) => db.transaction((tx) => fn(wrap(tx))),
    async exec(sql: string) {
      await db.exec(sql);
    },
    async close() {
      await db.close();
      release();
    },
    dump: () => db.dumpDataDir('none') as Promise<Blob>,
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
