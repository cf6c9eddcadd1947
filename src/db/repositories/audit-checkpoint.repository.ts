import type { Checkpoint } from '../../domain/audit-checkpoint.js';
import type { Queryable } from '../database.js';

interface CheckpointRow {
  id: number;
  at: Date | string;
  last_id: number;
  last_hash: string;
  entry_count: number;
  key_id: string;
  mac: string;
}

const COLS = 'id, at, last_id, last_hash, entry_count, key_id, mac';

// Checkpoint instants are written from a JS Date (milliseconds), so the ISO text round-trips exactly.
const toCheckpoint = (r: CheckpointRow): Checkpoint => ({
  id: r.id,
  at: new Date(r.at).toISOString(),
  lastId: r.last_id,
  lastHash: r.last_hash,
  entryCount: r.entry_count,
  keyId: r.key_id,
  mac: r.mac,
});

export const auditCheckpointRepository = {
  async insert(tx: Queryable, c: Omit<Checkpoint, 'id'>, reason: string): Promise<Checkpoint> {
    const rows = await tx.query<CheckpointRow>(
      `insert into audit_checkpoint (at, last_id, last_hash, entry_count, key_id, mac, reason)
       values ($1, $2, $3, $4, $5, $6, $7) returning ${COLS}`,
      [c.at, c.lastId, c.lastHash, c.entryCount, c.keyId, c.mac, reason],
    );
    return toCheckpoint(rows[0]);
  },

  /** Checkpoints in chain order (by the entry they cover), in pages. */
  async page(db: Queryable, after: { lastId: number; id: number }, limit: number): Promise<Checkpoint[]> {
    const rows = await db.query<CheckpointRow>(
      `select ${COLS} from audit_checkpoint where (last_id, id) > ($1, $2) order by last_id, id limit $3`,
      [after.lastId, after.id, limit],
    );
    return rows.map(toCheckpoint);
  },

  /** The newest checkpoints first (the writer looks for the latest one its keys can vouch for). */
  async latest(db: Queryable, limit: number): Promise<Checkpoint[]> {
    const rows = await db.query<CheckpointRow>(
      `select ${COLS} from audit_checkpoint order by last_id desc, id desc limit $1`,
      [limit],
    );
    return rows.map(toCheckpoint);
  },

  async count(db: Queryable): Promise<number> {
    return (await db.query<{ n: number }>('select count(*)::int as n from audit_checkpoint'))[0].n;
  },

  /** Entries after `afterId`: how many and the last id (the periodic writer's cheap test). */
  async newEntries(db: Queryable, afterId: number): Promise<{ n: number; lastId: number | null }> {
    const r = await db.query<{ n: number; last_id: number | null }>(
      'select count(*)::int as n, max(id) as last_id from audit_log where id > $1',
      [afterId],
    );
    return { n: r[0].n, lastId: r[0].last_id === null ? null : Number(r[0].last_id) };
  },

  /** The stored hash of one entry and the number of entries up to it, or null when it is gone. */
  async pointAt(db: Queryable, id: number): Promise<{ hash: string; count: number } | null> {
    const rows = await db.query<{ hash: string; n: number }>(
      'select hash, (select count(*)::int from audit_log where id <= $1) as n from audit_log where id = $1',
      [id],
    );
    return rows[0] ? { hash: rows[0].hash, count: rows[0].n } : null;
  },
};
