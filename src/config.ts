/** Settings from the environment, read once. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** Serve cookies with the Secure flag (behind HTTPS). */
  secureCookies: boolean;
  sessionHours: number;
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
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.SHEQU_DATA_DIR ?? 'data'),
    secureCookies: env.SHEQU_SECURE_COOKIES === 'true',
    sessionHours: Number(env.SHEQU_SESSION_HOURS ?? 12),
    auditKey: env.SHEQU_AUDIT_KEY || undefined,
    auditKeyFile: env.SHEQU_AUDIT_KEY_FILE ? resolve(env.SHEQU_AUDIT_KEY_FILE) : undefined,
    auditCheckpointEntries: positive(env.SHEQU_AUDIT_CHECKPOINT_ENTRIES, 1000),
    auditCheckpointMinutes: positive(env.SHEQU_AUDIT_CHECKPOINT_MINUTES, 10),
  };
}

const positive = (v: string | undefined, fallback: number): number => {
  const n = Number(v);
  return v && Number.isInteger(n) && n > 0 ? n : fallback;
};
