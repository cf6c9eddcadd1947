/**
 * Row locks for read-check-write services: a service locks the row it is about to change before it
 * reads it, so a second writer of the same row waits and then reads what the first one wrote (no lost
 * update, no decision taken twice, each audit entry's `before` the previous entry's `after`). Read
 * the row again after locking it: in READ COMMITTED each statement sees what was committed before it.
 *
 * FOR NO KEY UPDATE is the lock an UPDATE of the row takes anyway; rows that merely reference the
 * locked one (a worker referencing its region, a contract its worker) are not held up by it.
 * Lock rows before writing any audit entry: the audit chain's lock is taken second everywhere, so the
 * two kinds of lock never wait on each other in a cycle.
 */
import type { Queryable } from '../database.js';

/** The tables whose rows services lock, with their key column (a fixed list: names go into the SQL). */
const KEYS = {
  app_user: 'id',
  region: 'code',
  care_record: 'id',
  recruitment_plan: 'id',
  secretary_filing: 'id',
  reserve_candidate: 'id',
  worker_subsidy: 'id',
  training_program: 'id',
} as const;
export type LockableTable = keyof typeof KEYS;

export const rowLockRepository = {
  /** Locks one row until the transaction ends; a row that does not exist locks nothing. */
  async lock(tx: Queryable, table: LockableTable, key: string | number): Promise<void> {
    await tx.query(`select 1 from ${table} where ${KEYS[table]} = $1 for no key update`, [key]);
  },
};
