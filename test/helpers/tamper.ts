/**
 * Tests that play an attacker who owns the audit tables: the append-only triggers (migration 019) are
 * switched off for one transaction, exactly as such an owner could, and switched back on.
 */
import type { Database, Queryable } from '../../src/db/database.js';

const TRIGGERS = [
  ['audit_log', 'audit_log_append_only'],
  ['audit_log', 'audit_log_no_truncate'],
  ['audit_checkpoint', 'audit_checkpoint_append_only'],
  ['audit_checkpoint', 'audit_checkpoint_no_truncate'],
] as const;

export async function asTableOwner<T>(db: Database, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    for (const [table, trigger] of TRIGGERS) await tx.query(`alter table ${table} disable trigger ${trigger}`);
    const result = await fn(tx);
    for (const [table, trigger] of TRIGGERS) await tx.query(`alter table ${table} enable always trigger ${trigger}`);
    return result;
  });
}
