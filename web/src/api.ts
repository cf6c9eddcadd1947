// Typed fetch client for the shequ HTTP API (docs/api-foundation.md).

export type Role =
  | 'sysadmin'
  | 'province'
  | 'city'
  | 'county_swd'
  | 'county_org'
  | 'street'
  | 'community'
  | 'worker';

export type Level = 'nation' | 'province' | 'city' | 'county' | 'street' | 'community';

export type CommitteeType = 'residents' | 'villagers' | 'special';

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  regionName: string;
  regionLevel: Level;
  disabled: boolean;
  lockedUntil: string | null;
  mustChangePassword: boolean;
  createdAt: string;
}

export interface Me extends User {
  permissions: string[];
}

export interface RegionSummary {
  code: string;
  name: string;
  level: Level;
  parentCode: string | null;
  committeeType: CommitteeType | null;
  urbanRuralClass: string | null;
  childCount: number;
  population: { year: number; urbanResidentPopulation: number } | null;
}

export interface RegionRef {
  code: string;
  name: string;
  level: Level;
}

export interface RegionDetail {
  region: RegionSummary;
  ancestors: RegionRef[];
  children: RegionSummary[];
}

export interface PopulationItem {
  year: number;
  urbanResidentPopulation: number;
  totalResidentPopulation: number | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorType: 'user' | 'token' | 'system';
  actorName: string;
  action: string;
  entityType: string;
  entityId: string | null;
  regionCode: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  firstBrokenId: number | null;
  /** server explanation when the chain is broken (not in the written contract) */
  reason?: string | null;
}

export interface ApiToken {
  id: number;
  name: string;
  regionCode: string;
  regionName: string;
  access: 'read' | 'write';
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
  createdAt: string;
  createdBy: string;
}

export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];

  constructor(status: number, code: string, message: string, fields: FieldError[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

let csrfToken: string | null = null;
let unauthorizedHandler: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called whenever an API call (other than sign-in / session probe) answers 401. */
export function onUnauthorized(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toApiError(status: number, body: unknown): ApiError {
  if (isRecord(body) && isRecord(body.error)) {
    const err = body.error;
    const fields = Array.isArray(err.fields)
      ? err.fields.filter(isRecord).map((f) => ({
          field: String(f.field ?? ''),
          message: String(f.message ?? ''),
        }))
      : [];
    return new ApiError(
      status,
      typeof err.code === 'string' ? err.code : 'ERROR',
      typeof err.message === 'string' ? err.message : `HTTP ${status}`,
      fields,
    );
  }
  return new ApiError(status, 'HTTP_ERROR', `HTTP ${status}`);
}

const SILENT_401 = new Set(['/api/auth/login', '/api/auth/me']);

async function request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(buildUrl(path, query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络错误，请稍后重试');
  }

  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const error = toApiError(res.status, data);
    if (res.status === 401 && !SILENT_401.has(path) && unauthorizedHandler) unauthorizedHandler();
    throw error;
  }
  return data as T;
}

const enc = encodeURIComponent;

export const api = {
  // auth
  login: (username: string, password: string) =>
    request<{ user: Me; csrfToken: string }>('POST', '/api/auth/login', { username, password }),
  logout: () => request<{ ok: true }>('POST', '/api/auth/logout'),
  me: () => request<{ user: Me; csrfToken: string }>('GET', '/api/auth/me'),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<{ ok: true }>('POST', '/api/auth/password', { currentPassword, newPassword }),

  // regions
  region: (code: string) => request<RegionDetail>('GET', `/api/regions/${enc(code)}`),
  updateRegion: (code: string, patch: { name?: string; urbanRuralClass?: string | null }) =>
    request<{ region: RegionSummary }>('PATCH', `/api/regions/${enc(code)}`, patch),
  population: (code: string) =>
    request<{ items: PopulationItem[] }>('GET', `/api/regions/${enc(code)}/population`),
  putPopulation: (
    code: string,
    year: number,
    body: { urbanResidentPopulation: number; totalResidentPopulation?: number | null },
  ) =>
    request<{ item: PopulationItem }>(
      'PUT',
      `/api/regions/${enc(code)}/population/${year}`,
      body,
    ),

  // users
  users: (query: { region?: string; q?: string; role?: string; page?: number; pageSize?: number }) =>
    request<{ items: User[]; total: number }>('GET', '/api/users', undefined, query),
  createUser: (body: {
    username: string;
    displayName: string;
    role: Role;
    regionCode: string;
    password: string;
  }) => request<{ user: User }>('POST', '/api/users', body),
  updateUser: (
    id: number,
    patch: {
      displayName?: string;
      role?: Role;
      regionCode?: string;
      disabled?: boolean;
      password?: string;
    },
  ) => request<{ user: User }>('PATCH', `/api/users/${id}`, patch),

  // audit
  audit: (query: {
    region?: string;
    entityType?: string;
    action?: string;
    actor?: string;
    from?: string;
    to?: string;
    page?: number;
    pageSize?: number;
  }) => request<{ items: AuditEntry[]; total: number }>('GET', '/api/audit', undefined, query),
  verifyAudit: () => request<AuditVerifyResult>('GET', '/api/audit/verify'),

  // tokens
  tokens: () => request<{ items: ApiToken[] }>('GET', '/api/tokens'),
  createToken: (body: {
    name: string;
    regionCode: string;
    access: 'read' | 'write';
    expiresAt: string;
  }) => request<{ token: ApiToken; secret: string }>('POST', '/api/tokens', body),
  revokeToken: (id: number) => request<{ ok: true }>('DELETE', `/api/tokens/${id}`),
};
