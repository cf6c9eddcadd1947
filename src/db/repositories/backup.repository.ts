import type { Queryable } from '../database.js';

const IDENT = /^[a-z_][a-z0-9_]*$/;

export const backupRepository = {
  /** Every table of the current schema with its row count (a backup is checked against these). */
  async tableCounts(db: Queryable): Promise<Record<string, number>> {
    const tables = await db.query<{ name: string }>(
      `select table_name as name from information_schema.tables
       where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`,
    );
    const out: Record<string, number> = {};
    for (const { name } of tables) {
      if (!IDENT.test(name)) throw new Error(`unexpected table name ${name}`);
      out[name] = (await db.query<{ n: number }>(`select count(*)::int as n from ${name}`))[0].n;
    }
    return out;
  },

  /** Whether the schema (or the search path) already holds shequ's tables: a restore must not mix two databases. */
  async hasTables(db: Queryable, schema?: string): Promise<boolean> {
    const r = await db.query<{ t: string | null }>(
      `select to_regclass(case when $1::text is null then 'audit_log' else quote_ident($1) || '.audit_log' end)::text as t`,
      [schema ?? null],
    );
    return r[0].t !== null;
  },
};
