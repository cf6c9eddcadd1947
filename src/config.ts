/** Settings from the environment, read once. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROLES, type Role } from './domain/permissions.js';

/** The folder holding package.json (works from src/ under tsx and from dist/). */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found');
    dir = up;
  }
  return dir;
}

export interface Config {
  port: number;
  /** HOST as set; unset = 127.0.0.1 while demo accounts exist, else 0.0.0.0 (server.ts decides). */
  host: string | undefined;
  databaseUrl: string | undefined;
  dataDir: string;
  /** Serve cookies with the Secure flag (behind HTTPS). */
  secureCookies: boolean;
  sessionHours: number;
  /** Roles that must sign in with two-factor sign-in (SHEQU_REQUIRE_2FA=sysadmin,county_swd,county_org). */
  requireTwoFactor: readonly Role[];
  /**
   * SHEQU_SECRET_KEY: 32 bytes as 64 hex digits or base64, kept outside the database; seals the
   * two-factor secrets (AES-256-GCM). Unset: the secrets are stored unsealed (a warning at start-up).
   */
  secretKey: Buffer | null;
  /** Audit checkpoint key(s) as hex (SHEQU_AUDIT_KEY), or a file holding them (SHEQU_AUDIT_KEY_FILE). */
  auditKey: string | undefined;
  auditKeyFile: string | undefined;
  /** A checkpoint after this many new audit entries, or this many minutes after the last one. */
  auditCheckpointEntries: number;
  auditCheckpointMinutes: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST || undefined,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.SHEQU_DATA_DIR ?? 'data'),
    secureCookies: env.SHEQU_SECURE_COOKIES === 'true',
    sessionHours: Number(env.SHEQU_SESSION_HOURS ?? 12),
    requireTwoFactor: parseRoles(env.SHEQU_REQUIRE_2FA),
    secretKey: parseSecretKey(env.SHEQU_SECRET_KEY),
    auditKey: env.SHEQU_AUDIT_KEY || undefined,
    auditKeyFile: env.SHEQU_AUDIT_KEY_FILE ? resolve(env.SHEQU_AUDIT_KEY_FILE) : undefined,
    auditCheckpointEntries: positive(env.SHEQU_AUDIT_CHECKPOINT_ENTRIES, 1000),
    auditCheckpointMinutes: positive(env.SHEQU_AUDIT_CHECKPOINT_MINUTES, 10),
  };
}

function parseRoles(text: string | undefined): Role[] {
  const names = (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !ROLES.includes(n as Role));
  if (unknown.length) throw new Error(`SHEQU_REQUIRE_2FA: 未知角色 ${unknown.join(', ')}（可选：${ROLES.join(', ')}）`);
  return [...new Set(names as Role[])];
}

function parseSecretKey(text: string | undefined): Buffer | null {
  if (!text) return null;
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error('SHEQU_SECRET_KEY 须为 32 字节（64 位十六进制或 base64）');
  return key;
}

const positive = (v: string | undefined, fallback: number): number => {
  const n = Number(v);
  return v && Number.isInteger(n) && n > 0 ? n : fallback;
};
