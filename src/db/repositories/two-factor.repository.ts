/** TOTP secrets and recovery codes (020_two_factor.sql). The secret column holds the sealed secret. */
import type { Queryable } from '../database.js';

export interface TotpRow {
  user_id: number;
  secret: string;
  confirmed_at: Date | null;
  last_step: number | null;
}

export const twoFactorRepository = {
  async totpOf(db: Queryable, userId: number): Promise<TotpRow | null> {
    const rows = await db.query<TotpRow>(
      'select user_id, secret, confirmed_at, last_step::float8 as last_step from user_totp where user_id = $1',
      [userId],
    );
    return rows[0] ?? null;
  },

  /** Starts (or restarts) an enrolment: an unconfirmed secret, replacing an unconfirmed one. */
  async begin(db: Queryable, userId: number, sealedSecret: string): Promise<void> {
    await db.query(
      `insert into user_totp (user_id, secret) values ($1, $2)
       on conflict (user_id) do update set secret = excluded.secret, confirmed_at = null, last_step = null,
         created_at = now()
       where user_totp.confirmed_at is null`,
      [userId, sealedSecret],
    );
  },

  /** Confirms the enrolment with the step of the code that proved it; false if already confirmed. */
  async confirm(db: Queryable, userId: number, step: number): Promise<boolean> {
    const rows = await db.query<{ user_id: number }>(
      `update user_totp set confirmed_at = now(), last_step = $2
       where user_id = $1 and confirmed_at is null returning user_id`,
      [userId, step],
    );
    return rows.length === 1;
  },

  /**
   * Records the step of a code just used; false when that step (or a later one) was already used, e.g.
   * by a concurrent request with the same code.
   */
  async consumeStep(db: Queryable, userId: number, step: number): Promise<boolean> {
    const rows = await db.query<{ user_id: number }>(
      `update user_totp set last_step = $2
       where user_id = $1 and confirmed_at is not null and (last_step is null or last_step < $2) returning user_id`,
      [userId, step],
    );
    return rows.length === 1;
  },

  /** Removes the secret and every recovery code of a user; true if there was a secret. */
  async remove(db: Queryable, userId: number): Promise<boolean> {
    await db.query('delete from user_recovery_code where user_id = $1', [userId]);
    const rows = await db.query<{ user_id: number }>('delete from user_totp where user_id = $1 returning user_id', [
      userId,
    ]);
    return rows.length === 1;
  },

  /** Replaces the user's recovery codes with these hashes. */
  async replaceRecoveryCodes(db: Queryable, userId: number, hashes: readonly string[]): Promise<void> {
    await db.query('delete from user_recovery_code where user_id = $1', [userId]);
    await db.query('insert into user_recovery_code (user_id, code_hash) select $1, h from unnest($2::text[]) as h', [
      userId,
      hashes,
    ]);
  },

  /** Marks an unused recovery code used; false if it does not exist or was used already. */
  async consumeRecoveryCode(db: Queryable, userId: number, hash: string): Promise<boolean> {
    const rows = await db.query<{ id: number }>(
      `update user_recovery_code set used_at = now()
       where id = (select id from user_recovery_code where user_id = $1 and code_hash = $2 and used_at is null
                   order by id limit 1)
         and used_at is null
       returning id`,
      [userId, hash],
    );
    return rows.length === 1;
  },

  /** Has anyone a two-factor secret (started or confirmed)? */
  async inUse(db: Queryable): Promise<boolean> {
    return (await db.query<{ yes: boolean }>('select exists (select 1 from user_totp) as yes'))[0].yes;
  },

  async unusedRecoveryCodes(db: Queryable, userId: number): Promise<number> {
    const rows = await db.query<{ n: number }>(
      'select count(*)::int as n from user_recovery_code where user_id = $1 and used_at is null',
      [userId],
    );
    return rows[0].n;
  },
};
