import type { Queryable } from '../database.js';
import { escapeLike } from './like.js';

export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: string;
  region_code: string;
  region_name: string;
  region_level: string;
  password_hash: string;
  disabled: boolean;
  must_change_password: boolean;
  failed_attempts: number;
  locked_until: Date | null;
  created_at: Date;
  /** Two-factor sign-in is on (a confirmed TOTP secret, 020_two_factor.sql). */
  two_factor_enabled: boolean;
  /** For optimistic concurrency: the last update's time in microseconds (sign-in bookkeeping does not move it). */
  version: string;
}

const COLS = `u.id, u.username, u.display_name, u.role, u.region_code, r.name as region_name, r.level as region_level,
  u.password_hash, u.disabled, u.must_change_password, u.failed_attempts, u.locked_until, u.created_at,
  exists (select 1 from user_totp t where t.user_id = u.id and t.confirmed_at is not null) as two_factor_enabled,
  (extract(epoch from u.updated_at) * 1000000)::bigint::text as version`;
const FROM = 'from app_user u join region r on r.code = u.region_code';

export const userRepository = {
  async byUsername(db: Queryable, username: string): Promise<UserRow | null> {
    return (await db.query<UserRow>(`select ${COLS} ${FROM} where u.username = $1`, [username]))[0] ?? null;
  },

  async byId(db: Queryable, id: number): Promise<UserRow | null> {
    return (await db.query<UserRow>(`select ${COLS} ${FROM} where u.id = $1`, [id]))[0] ?? null;
  },

  /** A user only if attached inside the scope prefix. */
  async byIdInScope(db: Queryable, scope: string, id: number): Promise<UserRow | null> {
    return (
      (
        await db.query<UserRow>(`select ${COLS} ${FROM} where u.id = $1 and u.region_code like $2 || '%'`, [id, scope])
      )[0] ?? null
    );
  },

  async search(
    db: Queryable,
    f: { prefix: string; q?: string; role?: string; limit: number; offset: number },
  ): Promise<{ rows: UserRow[]; total: number }> {
    const params: unknown[] = [f.prefix];
    let where = `u.region_code like $1 || '%'`;
    if (f.q) {
      params.push(escapeLike(f.q));
      where += ` and (u.username ilike '%' || $${params.length} || '%' or u.display_name ilike '%' || $${params.length} || '%')`;
    }
    if (f.role) {
      params.push(f.role);
      where += ` and u.role = $${params.length}`;
    }
    const total = (await db.query<{ n: number }>(`select count(*)::int as n ${FROM} where ${where}`, params))[0].n;
    const rows = await db.query<UserRow>(
      `select ${COLS} ${FROM} where ${where} order by u.region_code, u.username limit ${f.limit} offset ${f.offset}`,
      params,
    );
    return { rows, total };
  },

  async insert(
    db: Queryable,
    u: {
      username: string;
      displayName: string;
      role: string;
      regionCode: string;
      passwordHash: string;
      mustChangePassword: boolean;
    },
  ): Promise<number> {
    const rows = await db.query<{ id: number }>(
      `insert into app_user (username, display_name, role, region_code, password_hash, must_change_password)
       values ($1, $2, $3, $4, $5, $6) returning id`,
      [u.username, u.displayName, u.role, u.regionCode, u.passwordHash, u.mustChangePassword],
    );
    return rows[0].id;
  },

  async update(
    db: Queryable,
    id: number,
    p: {
      displayName?: string;
      role?: string;
      regionCode?: string;
      disabled?: boolean;
      passwordHash?: string;
      mustChangePassword?: boolean;
    },
  ): Promise<void> {
    await db.query(
      `update app_user set display_name = coalesce($2, display_name), role = coalesce($3, role),
         region_code = coalesce($4, region_code), disabled = coalesce($5, disabled),
         password_hash = coalesce($6, password_hash),
         password_changed_at = case when $6::text is null then password_changed_at else now() end,
         must_change_password = coalesce($7, must_change_password),
         failed_attempts = case when $6::text is null then failed_attempts else 0 end,
         locked_until = case when $6::text is null then locked_until else null end,
         updated_at = now()
       where id = $1`,
      [
        id,
        p.displayName ?? null,
        p.role ?? null,
        p.regionCode ?? null,
        p.disabled ?? null,
        p.passwordHash ?? null,
        p.mustChangePassword ?? null,
      ],
    );
  },

  async recordFailure(
    db: Queryable,
    id: number,
    maxFailures: number,
    lockMinutes: number,
  ): Promise<{ locked: boolean }> {
    const rows = await db.query<{ locked: boolean }>(
      `update app_user set
         failed_attempts = case when failed_attempts + 1 >= $2 then 0 else failed_attempts + 1 end,
         locked_until = case when failed_attempts + 1 >= $2 then now() + make_interval(mins => $3) else locked_until end
       where id = $1 returning locked_until is not null and locked_until > now() as locked`,
      [id, maxFailures, lockMinutes],
    );
    return rows[0];
  },

  async recordSuccess(db: Queryable, id: number): Promise<void> {
    await db.query('update app_user set failed_attempts = 0, locked_until = null where id = $1', [id]);
  },

  /** The users of these names that exist (the demo-password check at start-up). */
  async byUsernames(db: Queryable, usernames: readonly string[]): Promise<UserRow[]> {
    return db.query<UserRow>(`select ${COLS} ${FROM} where u.username = any($1::text[]) order by u.id`, [usernames]);
  },

  async count(db: Queryable): Promise<number> {
    return (await db.query<{ n: number }>('select count(*)::int as n from app_user'))[0].n;
  },
};

export const loginAttemptRepository = {
  async insert(db: Queryable, username: string, ip: string, success: boolean): Promise<void> {
    await db.query('insert into login_attempt (username, ip, success) values ($1, $2, $3)', [username, ip, success]);
  },
  /**
   * Failures in the window. For an account, a success starts the count again; for an address it does
   * not, or one valid account would let an attacker reset the address limit at will.
   */
  async recentFailures(db: Queryable, by: 'username' | 'ip', value: string, minutes: number): Promise<number> {
    const sinceSuccess =
      by === 'username'
        ? `and at > coalesce((select max(at) from login_attempt where username = $1 and success), '-infinity')`
        : '';
    const rows = await db.query<{ n: number }>(
      `select count(*)::int as n from login_attempt where ${by === 'ip' ? 'ip' : 'username'} = $1 and not success
         and at > now() - make_interval(mins => $2) ${sinceSuccess}`,
      [value, minutes],
    );
    return rows[0].n;
  },
};

export interface SessionRow {
  id: string;
  csrf_token: string;
  expires_at: Date;
  user_id: number;
}

export const sessionRepository = {
  async insert(
    db: Queryable,
    s: { id: string; userId: number; csrfToken: string; ip: string; userAgent: string; hours: number },
  ): Promise<void> {
    await db.query(
      `insert into user_session (id, user_id, csrf_token, ip, user_agent, expires_at)
       values ($1, $2, $3, $4, $5, now() + make_interval(hours => $6))`,
      [s.id, s.userId, s.csrfToken, s.ip, s.userAgent, s.hours],
    );
  },
  async findValid(db: Queryable, id: string): Promise<(SessionRow & { user: UserRow }) | null> {
    const rows = await db.query<SessionRow & UserRow & { session_id: string }>(
      `select s.id as session_id, s.csrf_token, s.expires_at, s.user_id, ${COLS}
       from user_session s join app_user u on u.id = s.user_id join region r on r.code = u.region_code
       where s.id = $1 and s.expires_at > now() and not u.disabled`,
      [id],
    );
    const r = rows[0];
    if (!r) return null;
    return { id: r.session_id, csrf_token: r.csrf_token, expires_at: r.expires_at, user_id: r.user_id, user: r };
  },
  async touch(db: Queryable, id: string): Promise<void> {
    await db.query('update user_session set last_seen_at = now() where id = $1', [id]);
  },
  async delete(db: Queryable, id: string): Promise<void> {
    await db.query('delete from user_session where id = $1', [id]);
  },
  async deleteForUser(db: Queryable, userId: number, exceptId?: string): Promise<void> {
    await db.query("delete from user_session where user_id = $1 and id <> coalesce($2, '')", [
      userId,
      exceptId ?? null,
    ]);
  },
};
