import type { ChainEntry } from '../../domain/audit-chain.js';
import type { Queryable } from '../database.js';
import { escapeLike } from './like.js';

export interface AuditRow {
  id: number;
  at: Date;
  actor_type: string;
  actor_id: string;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  region_code: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

const COLS =
  'id, at, actor_type, actor_id, actor_name, action, entity_type, entity_id, region_code, before, after, ip, prev_hash, hash';

export const toChainEntry = (r: AuditRow): ChainEntry => ({
  id: r.id,
  at: new Date(r.at).toISOString(),
  actorType: r.actor_type,
  actorId: r.actor_id,
  actorName: r.actor_name,
  action: r.action,
  entityType: r.entity_type,
  entityId: r.entity_id,
  regionCode: r.region_code,
  before: r.before,
  after: r.after,
  ip: r.ip,
  prevHash: r.prev_hash,
  hash: r.hash,
});

export const auditRepository = {
  /** Serialises appenders until commit, so the chain never forks. */
  async lockChain(tx: Queryable): Promise<string | null> {
    await tx.query('select pg_advisory_xact_lock(74270002)');
    const rows = await tx.query<{ hash: string }>('select hash from audit_log order by id desc limit 1');
    return rows[0]?.hash ?? null;
  },

  async insert(tx: Queryable, e: ChainEntry extends infer T ? Omit<T, 'id'> : never): Promise<number> {
    const rows = await tx.query<{ id: number }>(
      `insert into audit_log (at, actor_type, actor_id, actor_name, action, entity_type, entity_id, region_code, before, after, ip, prev_hash, hash)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11, $12, $13) returning id`,
      [
        e.at,
        e.actorType,
        e.actorId,
        e.actorName,
        e.action,
        e.entityType,
        e.entityId,
        e.regionCode,
        e.before === null || e.before === undefined ? null : JSON.stringify(e.before),
        e.after === null || e.after === undefined ? null : JSON.stringify(e.after),
        e.ip,
        e.prevHash,
        e.hash,
      ],
    );
    return rows[0].id;
  },

  /** Bulk insert in chain order (ids ascend with the input order). */
  async insertMany(tx: Queryable, es: Omit<ChainEntry, 'id'>[]): Promise<void> {
    const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
    for (let i = 0; i < es.length; i += 5000) {
      const b = es.slice(i, i + 5000);
      await tx.query(
        `insert into audit_log (at, actor_type, actor_id, actor_name, action, entity_type, entity_id, region_code, before, after, ip, prev_hash, hash)
         select at, actor_type, actor_id, actor_name, action, entity_type, entity_id, region_code, before, after, ip, prev_hash, hash
         from unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::varchar[], $9::jsonb[],
           $10::jsonb[], $11::text[], $12::text[], $13::text[])
           with ordinality as t(at, actor_type, actor_id, actor_name, action, entity_type, entity_id, region_code, before, after, ip, prev_hash, hash, ord)
         order by ord`,
        [
          b.map((e) => e.at),
          b.map((e) => e.actorType),
          b.map((e) => e.actorId),
          b.map((e) => e.actorName),
          b.map((e) => e.action),
          b.map((e) => e.entityType),
          b.map((e) => e.entityId),
          b.map((e) => e.regionCode),
          b.map((e) => json(e.before)),
          b.map((e) => json(e.after)),
          b.map((e) => e.ip),
          b.map((e) => e.prevHash),
          b.map((e) => e.hash),
        ],
      );
    }
  },

  /** Entries in id order, in pages (for verification of long chains without loading them all). */
  async page(db: Queryable, afterId: number, limit: number): Promise<AuditRow[]> {
    return db.query<AuditRow>(`select ${COLS} from audit_log where id > $1 order by id limit $2`, [afterId, limit]);
  },

  async search(
    db: Queryable,
    f: {
      scope: string;
      region?: string;
      entityType?: string;
      action?: string;
      actor?: string;
      from?: string;
      to?: string;
      limit: number;
      offset: number;
    },
  ): Promise<{ rows: AuditRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    // Data scope inside the query: entries without a region (system-wide) only for nation-wide actors.
    if (f.scope !== '') add(`region_code like ? || '%'`, f.scope);
    if (f.region) add(`region_code like ? || '%'`, f.region);
    if (f.entityType) add('entity_type = ?', f.entityType);
    if (f.action) add('action = ?', f.action);
    if (f.actor) add(`actor_name ilike '%' || ? || '%'`, escapeLike(f.actor));
    if (f.from) add('at >= ?::date', f.from);
    if (f.to) add(`at < (?::date + 1)`, f.to);
    const w = where.length ? `where ${where.join(' and ')}` : '';
    const total = (await db.query<{ n: number }>(`select count(*)::int as n from audit_log ${w}`, params))[0].n;
    const rows = await db.query<AuditRow>(
      `select ${COLS} from audit_log ${w} order by id desc limit ${f.limit} offset ${f.offset}`,
      params,
    );
    return { rows, total };
  },
};
