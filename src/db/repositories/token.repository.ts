import type { Queryable } from '../database.js';

export interface TokenRow {
  id: number;
  name: string;
  region_code: string;
  region_name: string;
  region_level: string;
  access: 'read' | 'write';
  created_by: number;
  created_by_name: string;
  expires_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
  created_at: Date;
}

/** A token with its creator as they are now: a token never holds more than its creator does today. */
export interface TokenWithCreatorRow extends TokenRow {
  creator_role: string;
  creator_region_code: string;
  creator_region_level: string;
  creator_disabled: boolean;
}

const COLS = `t.id, t.name, t.region_code, r.name as region_name, r.level as region_level, t.access, t.created_by,
  u.username as created_by_name, t.expires_at, t.revoked_at, t.last_used_at, t.created_at`;
const FROM = 'from api_token t join region r on r.code = t.region_code join app_user u on u.id = t.created_by';
const CREATOR_COLS = `u.role as creator_role, u.region_code as creator_region_code, cr.level as creator_region_level,
  u.disabled as creator_disabled`;

export const tokenRepository = {
  async insert(
    db: Queryable,
    t: { name: string; hash: string; regionCode: string; access: string; createdBy: number; expiresAt: string },
  ): Promise<number> {
    const rows = await db.query<{ id: number }>(
      `insert into api_token (name, token_hash, region_code, access, created_by, expires_at)
       values ($1, $2, $3, $4, $5, $6) returning id`,
      [t.name, t.hash, t.regionCode, t.access, t.createdBy, t.expiresAt],
    );
    return rows[0].id;
  },
  async byHash(db: Queryable, hash: string): Promise<TokenWithCreatorRow | null> {
    return (
      (
        await db.query<TokenWithCreatorRow>(
          `select ${COLS}, ${CREATOR_COLS} ${FROM} join region cr on cr.code = u.region_code
           where t.token_hash = $1 and t.revoked_at is null and t.expires_at > now()`,
          [hash],
        )
      )[0] ?? null
    );
  },
  async byIdInScope(db: Queryable, scope: string, id: number): Promise<TokenRow | null> {
    return (
      (
        await db.query<TokenRow>(`select ${COLS} ${FROM} where t.id = $1 and t.region_code like $2 || '%'`, [id, scope])
      )[0] ?? null
    );
  },
  async list(db: Queryable, scope: string): Promise<TokenRow[]> {
    return db.query<TokenRow>(
      `select ${COLS} ${FROM} where t.region_code like $1 || '%' order by t.id desc limit 500`,
      [scope],
    );
  },
  async revoke(db: Queryable, id: number): Promise<void> {
    await db.query('update api_token set revoked_at = now() where id = $1 and revoked_at is null', [id]);
  },
  async touch(db: Queryable, id: number): Promise<void> {
    await db.query('update api_token set last_used_at = now() where id = $1', [id]);
  },
};
