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

/** A worker record (docs/api-workers.md); ID number and phone masked unless revealed. */
export interface Worker {
  id: number;
  name: string;
  idNumber: string;
  idNumberMasked: boolean;
  gender: string;
  birthDate: string;
  age: number;
  ethnicity: string | null;
  phone: string | null;
  category: string;
  position: string;
  status: string;
  regionCode: string;
  regionName: string;
  streetName: string | null;
  startDate: string;
  politicalStatus: string | null;
  education: string | null;
  educationFulltime: string | null;
  major: string | null;
  socialWorkMajor: boolean;
  homeRegionCode: string | null;
  veteran: boolean;
  graduateEntrant: boolean;
  graduateYear: number | null;
  qualification: string | null;
  exitType: string | null;
  exitDate: string | null;
  exitReason: string | null;
}

export interface WorkerPeriod {
  id: number;
  regionCode: string;
  regionName: string;
  startDate: string;
  endDate: string | null;
  origin: string;
  endType: string | null;
  endReason: string | null;
}

export interface WorkerPosition {
  id: number;
  regionCode: string;
  position: string;
  startDate: string;
  endDate: string | null;
  term: string | null;
}

export interface WorkerQualification {
  id: number;
  level: string;
  certificateNo: string | null;
  obtainedOn: string;
}

export interface ServiceYears {
  days: number;
  years: number;
  months: number;
  text: string;
  rule: string;
  breakdown: { regionCode: string; startDate: string; endDate: string | null; days: number; counted: boolean; note: string }[];
}

export interface TimelineEvent {
  date: string;
  dateText: string;
  kind: string;
  text: string;
}

export interface WorkerDetail {
  worker: Worker;
  periods: WorkerPeriod[];
  positions: WorkerPosition[];
  qualifications: WorkerQualification[];
  serviceYears: ServiceYears;
  timeline: TimelineEvent[];
}

export interface WorkerHistoryItem {
  id: number;
  at: string;
  actorName: string;
  action: string;
  changes: { field: string; from: unknown; to: unknown }[];
}

export type WorkerSort = 'region' | 'name' | 'birthDate' | 'hiredOn' | 'id';

/** Filters of GET /api/workers (and of the export). */
export interface WorkerFilters {
  region?: string;
  q?: string;
  category?: string;
  position?: string;
  status?: string;
  gender?: string;
  education?: string;
  politicalStatus?: string;
  qualification?: string;
  veteran?: boolean;
  graduateEntrant?: boolean;
  ageMin?: number;
  ageMax?: number;
}

export interface WorkerQuery extends WorkerFilters {
  sort?: WorkerSort;
  desc?: boolean;
  page?: number;
  pageSize?: number;
}

/** Body of POST /api/workers: coded fields as codes; optional fields may be left out. */
export type WorkerCreateBody = Record<string, string | number | boolean | null>;
/** Body of PATCH /api/workers/:id: only the fields that change. */
export type WorkerPatchBody = Record<string, string | number | boolean | null>;

export interface ImportResult {
  total: number;
  valid: number;
  errors: { row: number; column: string; field: string; message: string }[];
  committed: boolean;
  created: number;
  updated: number;
  reportId: string | null;
}

export interface ImportOptions {
  dryRun: boolean;
  mode: 'all' | 'valid-only';
  update: boolean;
  region?: string;
}

export interface FieldError {
  field: string;
  message: string;
}

// ---------------------------------------------------------------- policy as data (docs/api-policy.md)

export type PolicyLevel = 'nation' | 'province' | 'city' | 'county';
export const POLICY_LEVELS: PolicyLevel[] = ['nation', 'province', 'city', 'county'];
export type PolicySection = 'staffing' | 'training' | 'incentive' | 'grades' | 'pay' | 'budget' | 'assessment' | 'lifecycle';
export const POLICY_SECTIONS: PolicySection[] = ['staffing', 'training', 'incentive', 'grades', 'pay', 'budget', 'assessment', 'lifecycle'];

/** One published version of one level's policy document; `document` holds the partial sections. */
export interface PolicyDocumentView {
  id: string | number;
  level: PolicyLevel;
  regionCode: string;
  regionName: string;
  version: number;
  effectiveFrom: string;
  title: string;
  basis: string | null;
  document: Partial<Record<PolicySection, Record<string, unknown>>>;
  createdAt: string;
  createdBy: string;
}

export interface PolicySourceDocument {
  id: string | number;
  level: PolicyLevel;
  regionName: string;
  version: number;
  effectiveFrom: string;
  /** the fields of the section this document supplied */
  fields: string[];
}

export interface EffectivePolicy {
  policy: Partial<Record<PolicySection, Record<string, unknown>>>;
  sources: { section: PolicySection | string; documents: PolicySourceDocument[] }[];
  problems: { path: string; message: string }[];
}

export interface PolicyPublishBody {
  level: PolicyLevel;
  regionCode: string;
  effectiveFrom: string;
  title: string;
  basis?: string;
  document: Record<string, unknown>;
}

/** How a figure was computed: the rule, its inputs and the arithmetic (domain explanations). */
export interface Explanation {
  rule: string;
  inputs: Record<string, unknown>;
  arithmetic: string;
  source?: string;
  /** further worked lines the engine may add (headcount, gap, per10k, status) */
  [line: string]: unknown;
}

export type StaffingStatus = 'short' | 'within' | 'over';

export interface StaffingAdjustment {
  id: number;
  /** the region adjusted (the server adds it: a county page also lists its children's adjustments) */
  regionCode?: string;
  regionName?: string;
  /** whether this adjustment is the one in force for its year (server extra) */
  applied?: boolean;
  year: number;
  quota: number;
  reason: string;
  createdBy: string;
  createdAt: string;
}

export interface StaffingChild {
  code: string;
  name: string;
  level: Level;
  urbanPopulation: number | null;
  headcount: number;
  quota: number | null;
  gap: number | null;
  per10k: number | null;
  status: StaffingStatus | null;
}

export interface Staffing {
  /** echoed by the server beside the written contract */
  code?: string;
  name?: string;
  year?: number;
  policyDate?: string;
  quota: number;
  headcount: number;
  gap: number;
  per10k: number | null;
  status: StaffingStatus;
  explanation: Explanation;
  byCategory: { committee: number; staff: number };
  urbanPopulation: number | null;
  quotaLevel: string;
  adjustments: StaffingAdjustment[];
  children: StaffingChild[];
}

export interface StaffingHistoryItem {
  year: number;
  urbanPopulation: number | null;
  quota: number | null;
  headcount: number;
  gap: number | null;
  status: StaffingStatus | null;
}

export interface GradeStep {
  rule: string;
  input: Record<string, unknown>;
  effect: number;
  text: string;
  /** the grade after this step (the engine provides it; not in the written contract) */
  grade?: number;
}

export interface WorkerGrade {
  category: string;
  categoryName: string;
  grade: number;
  steps: GradeStep[];
  policySources: unknown;
  /** server extras beside the written contract */
  date?: string;
  minGrade?: number;
  maxGrade?: number;
  /** the grade on record (set by the yearly review), if any */
  recorded?: { grade: number; effectiveFrom: string | null } | null;
}

export interface WorkerPay {
  monthlyFen: number;
  components: { code: string; name: string; fen: number }[];
  steps: { text: string; arithmetic: string }[];
  example: boolean;
  policySources: unknown;
}

export interface GradeReviewItem {
  workerId: number;
  name: string;
  from: number | null;
  to: number;
  reason: string;
}

export interface GradeReviewPreview {
  id: string | number;
  regionCode: string;
  effectiveDate: string;
  items: GradeReviewItem[];
  unchanged: number;
  /** workers left out, with why (server extra, e.g. a position in no category) */
  skipped?: { reason: string; workers: number }[];
}


// ---- annual assessment and residents' voice (docs/api-assessment.md)
export type AssessmentResult = 'excellent' | 'competent' | 'basic' | 'fail';
export type RatingScore = 'satisfied' | 'basic' | 'unsatisfied';

export interface AssessmentPlan {
  id: number;
  regionCode: string;
  regionName: string;
  year: number;
  title: string;
  status: 'open' | 'approved';
  ratingFrom: string;
  ratingTo: string;
  createdBy: string;
  createdAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
}

export interface Satisfaction {
  count: number;
  satisfied: number;
  basic: number;
  unsatisfied: number;
  rate: number | null;
  usable: boolean;
  text: string;
}

export interface AssessmentQuota {
  unitCode: string;
  unitName: string;
  rated: number;
  excellent: number;
  target: number;
  cap: number;
  unscored: number;
  status: 'ok' | 'over_target' | 'over_cap';
  text: string;
}

export interface AssessmentScores {
  politicalQuality: number;
  workPerformance: number;
  residentSatisfaction: number;
}

export interface AssessmentEntry {
  workerId: number;
  name: string;
  position: string;
  positionLabel: string;
  regionCode: string;
  communityName: string;
  rated: boolean;
  unratedReason: string | null;
  eligibility: string;
  scores: AssessmentScores | null;
  total: number | null;
  result: AssessmentResult | null;
  resultLabel: string | null;
  steps: { rule: string; text: string }[];
  scoredBy: string | null;
  scoredAt: string | null;
  residents: Satisfaction;
}

export interface AssessmentConsequence {
  id: number;
  workerId: number;
  name: string;
  regionCode: string;
  year: number;
  kind: string;
  kindLabel: string;
  reason: string;
  status: 'proposed' | 'confirmed' | 'rejected' | 'waived';
  decidedBy: string | null;
  decidedAt: string | null;
  note: string | null;
}

export interface AssessmentRules {
  labels: Record<AssessmentResult, string>;
  weights: { politicalQuality: number; workPerformance: number; residentSatisfaction: number };
  bands: { excellentMin: number; competentMin: number; basicMin: number };
  excellentTarget: number;
  excellentCap: number;
  quotaUnit: 'street' | 'community';
  satisfactionFloor: number;
  minMonthsWorked: number;
  minRatings: number;
  ratingWindow: { from: string; to: string };
  consecutiveExcellent: number;
  policyDate: string;
}

export interface AssessmentPlanDetail {
  plan: AssessmentPlan;
  rules: AssessmentRules;
  quotaRule: string;
  quotas: AssessmentQuota[];
  summary: { entries: number; rated: number; unscored: number; byResult: Record<AssessmentResult, number> };
  entries: AssessmentEntry[];
  consequences: AssessmentConsequence[];
  faultTolerances: { id: number; workerId: number; name: string; regionCode: string; year: number; reason: string; decidedBy: string; decidedAt: string }[];
  abilities: { score: boolean; approve: boolean; decide: boolean };
}

export interface PublicWorker {
  id: number;
  name: string;
  position: string;
  duties: string;
  commitments: string;
  ratings: Satisfaction;
}

export interface PublicCommunity {
  community: { code: string; name: string; street: string | null; county: string | null };
  window: { year: number; from: string; to: string } | null;
  verificationRequired: boolean;
  minRatings: number;
  scores: { value: RatingScore; label: string }[];
  ratings: Satisfaction;
  workers: PublicWorker[];
}

export interface RatingSettings {
  regionCode: string;
  name: string;
  publicPath: string;
  verificationRequired: boolean;
  verificationCode: string | null;
  saved: boolean;
  updatedBy: string | null;
  window: { year: number; from: string; to: string } | null;
  ratings: Satisfaction;
  workers: PublicWorker[];
}

export type ScoreItem = Omit<AssessmentScores, 'residentSatisfaction'> & { workerId: number; residentSatisfaction?: number; result?: AssessmentResult | null };

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];
  /** An import's annotated error sheet to download, when the server kept one. */
  readonly reportId: string | null;

  constructor(status: number, code: string, message: string, fields: FieldError[] = [], reportId: string | null = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.reportId = reportId;
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
      typeof err.reportId === 'string' ? err.reportId : null,
    );
  }
  return new ApiError(status, 'HTTP_ERROR', `HTTP ${status}`);
}

const SILENT_401 = new Set(['/api/auth/login', '/api/auth/me']);

export async function request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const isForm = body instanceof FormData;
  // multipart bodies get their content type (with the boundary) from the browser
  if (body !== undefined && !isForm) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(buildUrl(path, query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
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

/** File name from a Content-Disposition header (RFC 5987 `filename*` preferred). */
function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8'[^']*')?([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1].trim() : fallback;
}

/**
 * Downloads a file from a GET endpoint and hands it to the browser as a download.
 * API errors (JSON bodies) are thrown as ApiError, like any other call.
 */
export async function download(path: string, query: Query | undefined, fallbackName: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(buildUrl(path, query), { method: 'GET', credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络错误，请稍后重试');
  }
  if (!res.ok) {
    let data: unknown = null;
    try {
      data = await res.json();
    } catch {
      data = null;
    }
    if (res.status === 401 && unauthorizedHandler) unauthorizedHandler();
    throw toApiError(res.status, data);
  }
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameOf(res.headers.get('content-disposition'), fallbackName);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// statistics (docs/api-stats.md, F-STATS)
export interface StatsItem {
  key: string;
  label: string;
  value: number | null;
  byChild: (number | null)[];
  arithmetic?: string;
  /** The item's own unit where a section mixes them (pay: 人, 元, %). */
  unit?: string;
}
export interface StatsSection {
  id: string;
  title: string;
  unit: string;
  rule: string;
  items: StatsItem[];
}
export interface StatsColumn {
  code: string;
  name: string;
  level: string;
}
export interface StatsSnapshot {
  id: number;
  regionCode: string;
  year: number;
  asOf: string;
  approvedBy: string;
  approvedAt: string;
}
export interface FigureSet {
  region: StatsColumn;
  date: string;
  basis: 'live' | 'history';
  method: string;
  bands: { age: number[]; service: number[] };
  columns: StatsColumn[];
  sections: StatsSection[];
}
export interface Stats extends FigureSet {
  snapshot: StatsSnapshot | null;
  abilities: { approve: boolean; export: boolean; workers: boolean };
}
export interface StatsDifference {
  section: string;
  title: string;
  key: string;
  label: string;
  snapshot: number | null;
  current: number | null;
  delta: number | null;
}
export interface StatsTrendItem {
  year: number;
  date: string;
  snapshot: boolean;
  headcount: number;
  quota: number | null;
  per10k: number | null;
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

  // workers (docs/api-workers.md)
  workers: (query: WorkerQuery) =>
    request<{ items: Worker[]; total: number }>('GET', '/api/workers', undefined, { ...query }),
  worker: (id: number, reveal = false) =>
    request<WorkerDetail>('GET', `/api/workers/${id}`, undefined, { reveal: reveal || undefined }),
  createWorker: (body: WorkerCreateBody) => request<{ worker: Worker }>('POST', '/api/workers', body),
  updateWorker: (id: number, patch: WorkerPatchBody) =>
    request<{ worker: Worker }>('PATCH', `/api/workers/${id}`, patch),
  workerHistory: (id: number) =>
    request<{ items: WorkerHistoryItem[] }>('GET', `/api/workers/${id}/history`),
  transferWorker: (id: number, body: { regionCode: string; date: string; reason: string }) =>
    request<{ worker: Worker }>('POST', `/api/workers/${id}/transfer`, body),
  exitWorker: (id: number, body: { type: string; date: string; reason: string }) =>
    request<{ worker: Worker }>('POST', `/api/workers/${id}/exit`, body),
  changePosition: (id: number, body: { position: string; startDate: string; term?: string | null }) =>
    request<{ worker: Worker; category: string }>('POST', `/api/workers/${id}/positions`, body),
  addQualification: (id: number, body: { level: string; certificateNo?: string | null; obtainedOn: string }) =>
    request<{ worker: Worker }>('POST', `/api/workers/${id}/qualifications`, body),
  exportWorkers: (filters: WorkerFilters & { reveal?: boolean }) =>
    download('/api/workers/export.xlsx', { ...filters }, '人员档案.xlsx'),
  downloadTemplate: () => download('/api/workers/template.xlsx', undefined, '人员导入模板.xlsx'),
  importWorkers: (file: File, options: ImportOptions) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<ImportResult>('POST', '/api/imports/workers', form, {
      dryRun: options.dryRun,
      mode: options.mode,
      update: options.update,
      region: options.region,
    });
  },
  downloadImportErrors: (reportId: string) =>
    download(`/api/imports/workers/${enc(reportId)}/errors.xlsx`, undefined, '导入错误标注.xlsx'),
  // policy, staffing, grade and pay (docs/api-policy.md)
  policies: (region?: string) =>
    request<{ items: PolicyDocumentView[] }>('GET', '/api/policies', undefined, { region }),
  effectivePolicy: (region?: string, date?: string) =>
    request<EffectivePolicy>('GET', '/api/policies/effective', undefined, { region, date }),
  publishPolicy: (body: PolicyPublishBody) => request<{ item: PolicyDocumentView }>('POST', '/api/policies', body),
  staffing: (code: string, year?: number) =>
    request<Staffing>('GET', `/api/regions/${enc(code)}/staffing`, undefined, { year }),
  staffingHistory: (code: string) =>
    request<{ items: StaffingHistoryItem[] }>('GET', `/api/regions/${enc(code)}/staffing/history`),
  adjustStaffing: (code: string, body: { year: number; quota: number; reason: string }) =>
    request<{ item: StaffingAdjustment }>('POST', `/api/regions/${enc(code)}/staffing/adjustments`, body),
  workerGrade: (id: number, date?: string) =>
    request<WorkerGrade>('GET', `/api/workers/${id}/grade`, undefined, { date }),
  workerPay: (id: number, date?: string) => request<WorkerPay>('GET', `/api/workers/${id}/pay`, undefined, { date }),
  previewGradeReview: (body: { regionCode: string; effectiveDate: string }) =>
    request<GradeReviewPreview>('POST', '/api/grade-reviews', body),
  commitGradeReview: (id: string | number) =>
    request<{ id: string | number; committed: number }>('POST', `/api/grade-reviews/${enc(String(id))}/commit`),
  // ---- training (docs/api-training.md)
  trainingPrograms: (q: { region?: string; from?: string; to?: string; tier?: string; type?: string } = {}) =>
    request<{ items: TrainingProgram[] }>('GET', '/api/training/programs', undefined, q),
  createTrainingProgram: (body: TrainingProgramBody) => request<{ item: TrainingProgram }>('POST', '/api/training/programs', body),
  trainingProgram: (id: number) => request<TrainingProgramDetail>('GET', `/api/training/programs/${id}`),
  enrolTraining: (id: number, body: { workerIds?: number[]; filter?: { region: string; positions?: string[]; category?: string } }) =>
    request<{ enrolled: number; skipped: number; matched: number }>('POST', `/api/training/programs/${id}/enrolments`, body),
  recordAttendance: (id: number, items: { workerId: number; status: string; attendedHours?: number | null; completedOn?: string | null; certificateNo?: string | null }[]) =>
    request<{ updated: number }>('POST', `/api/training/programs/${id}/attendance`, { items }),
  downloadAttendanceSheet: (id: number) => download(`/api/training/programs/${id}/attendance.xlsx`, undefined, '考勤表.xlsx'),
  importAttendance: (id: number, file: File, dryRun: boolean) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<AttendanceImportResult>('POST', `/api/training/programs/${id}/attendance/import`, form, { dryRun });
  },
  trainingCompliance: (q: { region: string; date?: string; status?: string; page?: number; pageSize?: number }) =>
    request<TrainingCompliance>('GET', '/api/training/compliance', undefined, q),
  exportTrainingCompliance: (q: { region: string; date?: string; status?: string }) =>
    download('/api/training/compliance.xlsx', q, '培训达标情况.xlsx'),
  workerTraining: (id: number) => request<WorkerTraining>('GET', `/api/workers/${id}/training`),
  trainers: () => request<{ items: Trainer[] }>('GET', '/api/training/trainers'),
  createTrainer: (body: { regionCode: string; name: string; title?: string | null; organisation?: string | null; subjects: string[] }) =>
    request<{ item: Trainer }>('POST', '/api/training/trainers', body),
  trainingResources: (kind?: string) => request<{ items: TrainingResource[] }>('GET', '/api/training/resources', undefined, { kind }),
  createTrainingResource: (body: { regionCode: string; kind: string; title: string; url?: string | null; summary?: string | null; subjects: string[] }) =>
    request<{ item: TrainingResource }>('POST', '/api/training/resources', body),
  mentorPairs: (region?: string) => request<{ items: MentorPair[] }>('GET', '/api/training/mentors', undefined, { region }),
  createMentorPair: (body: { mentorId: number; menteeId: number; startDate: string; endDate?: string | null; note?: string | null }) =>
    request<{ item: MentorPair }>('POST', '/api/training/mentors', body),
  allPost: (region?: string) => request<{ items: AllPostCertification[] }>('GET', '/api/training/all-post', undefined, { region }),
  createAllPost: (body: { workerId: number; certifiedOn: string; certificateNo?: string | null }) =>
    request<{ item: AllPostCertification }>('POST', '/api/training/all-post', body),
  // annual assessment and residents' voice (docs/api-assessment.md)
  assessmentPlans: () => request<{ items: (AssessmentPlan & { entries: number; scored: number })[] }>('GET', '/api/assessment-plans'),
  createAssessmentPlan: (body: { regionCode: string; year: number; title?: string }) =>
    request<{ plan: AssessmentPlan; entries: number; rated: number }>('POST', '/api/assessment-plans', body),
  assessmentPlan: (id: number, region?: string) => request<AssessmentPlanDetail>('GET', `/api/assessment-plans/${id}`, undefined, { region }),
  saveScores: (id: number, items: ScoreItem[]) =>
    request<{ saved: number; quotas: AssessmentQuota[] }>('PUT', `/api/assessment-plans/${id}/scores`, { items }),
  approvePlan: (id: number) => request<{ plan: AssessmentPlan; consequencesProposed: number }>('POST', `/api/assessment-plans/${id}/approve`),
  decideConsequence: (id: number, decision: 'confirm' | 'reject', note?: string) =>
    request<{ item: AssessmentConsequence }>('POST', `/api/assessment-consequences/${id}/decision`, { decision, note }),
  decideConsequences: (planId: number, kind: string, decision: 'confirm' | 'reject') =>
    request<{ kind: string; status: string; decided: number }>('POST', `/api/assessment-plans/${planId}/consequences/decision`, { kind, decision }),
  recordFaultTolerance: (planId: number, body: { workerId: number; reason: string }) =>
    request<{ id: number; waived: number[] }>('POST', `/api/assessment-plans/${planId}/fault-tolerance`, body),
  savePublicProfile: (workerId: number, body: { duties: string; commitments: string }) =>
    request<{ workerId: number; duties: string; commitments: string }>('PUT', `/api/workers/${workerId}/public-profile`, body),
  ratingSettings: (code: string) => request<RatingSettings>('GET', `/api/regions/${enc(code)}/rating-settings`),
  saveRatingSettings: (code: string, body: { verificationRequired: boolean; verificationCode?: string | null }) =>
    request<RatingSettings>('PUT', `/api/regions/${enc(code)}/rating-settings`, body),
  publicCommunity: (code: string) => request<PublicCommunity>('GET', `/api/public/communities/${enc(code)}`),
  rateCommunity: (code: string, body: { community: RatingScore; workers?: { workerId: number; score: RatingScore }[]; code?: string }) =>
    request<{ ok: true; ratings: number }>('POST', `/api/public/communities/${enc(code)}/ratings`, body),
  // statistics (docs/api-stats.md)
  stats: (region: string, date?: string) => request<Stats>('GET', '/api/stats', undefined, { region, date }),
  statsWorkers: (q: { region: string; date?: string; section: string; key: string; page: number; pageSize: number }) =>
    request<{ total: number; items: (Worker & { note?: string; monthlyFen?: number })[] }>('GET', '/api/stats/workers', undefined, { ...q }),
  statsTrend: (region: string) => request<{ items: StatsTrendItem[] }>('GET', '/api/stats/trend', undefined, { region }),
  statsSnapshots: (region: string) => request<{ items: StatsSnapshot[] }>('GET', '/api/stats/snapshots', undefined, { region }),
  approveStatsSnapshot: (region: string, year: number) =>
    request<{ item: StatsSnapshot }>('POST', '/api/stats/snapshots', { region, year }),
  statsSnapshot: (id: number) =>
    request<{ item: StatsSnapshot; figures: FigureSet; differences: StatsDifference[] }>('GET', `/api/stats/snapshots/${id}`),
  exportStats: (region: string, date?: string) => download('/api/stats/export.xlsx', { region, date }, '社区工作者统计.xlsx'),
};

// ---- training types (docs/api-training.md)
export interface TrainingProgramBody {
  regionCode: string;
  title: string;
  tier: string;
  type: string;
  subjects: string[];
  hours: number;
  startDate: string;
  endDate: string;
  mode: string;
  location?: string | null;
  description?: string | null;
}
export interface TrainingProgram extends Required<TrainingProgramBody> {
  id: number;
  regionName: string;
  organiserLevel: string;
  createdBy: string;
  createdAt: string;
  enrolled: number;
  completed: number;
}
export interface TrainingEnrolment {
  id: number;
  workerId: number;
  workerName: string;
  position: string;
  regionCode: string;
  regionName: string;
  status: 'enrolled' | 'completed' | 'absent';
  attendedHours: number | null;
  completedOn: string | null;
  certificateNo: string | null;
}
export interface TrainingProgramDetail {
  item: TrainingProgram;
  enrolments: TrainingEnrolment[];
  abilities: { manage: boolean };
}
export interface AttendanceImportResult {
  total: number;
  valid: number;
  errors: { row: number; column: string; field: string; message: string }[];
  committed: boolean;
  updated: number;
}
export type ComplianceStatus = 'compliant' | 'dueSoon' | 'pending' | 'overdue' | 'notApplicable';
export interface ComplianceCounts {
  compliant: number;
  dueSoon: number;
  pending: number;
  overdue: number;
  notApplicable: number;
  total: number;
}
export interface ComplianceExplained {
  status: ComplianceStatus;
  statusLabel: string;
  rule: string;
  window: { from: string; to: string } | null;
  completionsInWindow: number;
  required: number;
  deadline: string | null;
  daysLeft: number | null;
  lastCompleted: { date: string; title: string | null } | null;
  arithmetic: string;
}
export interface ComplianceItem extends ComplianceExplained {
  workerId: number;
  name: string;
  regionCode: string;
  regionName: string;
  position: string;
  hiredOn: string;
}
export interface TrainingCompliance {
  region: { code: string; name: string; level: Level };
  date: string;
  policy: {
    window: 'calendar' | 'rolling';
    windowStartYear: number;
    dueSoonDays: number;
    rules: { appliesTo: string[]; everyYears: number; minTimes: number; text: string }[];
    source: string;
  };
  summary: ComplianceCounts;
  children: (ComplianceCounts & { code: string; name: string })[];
  items: ComplianceItem[];
  total: number;
}
export interface WorkerTraining {
  date: string;
  compliance: ComplianceExplained & { source: string };
  enrolments: {
    id: number;
    programId: number;
    title: string;
    tier: string;
    type: string;
    organiserLevel: string;
    hours: number;
    startDate: string;
    endDate: string;
    mode: string;
    status: 'enrolled' | 'completed' | 'absent';
    attendedHours: number | null;
    completedOn: string | null;
    certificateNo: string | null;
  }[];
}
export interface Trainer {
  id: number;
  regionCode: string;
  regionName: string;
  name: string;
  title: string | null;
  organisation: string | null;
  subjects: string[];
}
export interface TrainingResource {
  id: number;
  regionCode: string;
  regionName: string;
  kind: 'document' | 'link' | 'case';
  title: string;
  url: string | null;
  summary: string | null;
  subjects: string[];
}
export interface MentorPair {
  id: number;
  mentorId: number;
  mentorName?: string;
  menteeId: number;
  menteeName?: string;
  regionCode: string;
  regionName?: string;
  startDate: string;
  endDate: string | null;
  note: string | null;
}
export interface AllPostCertification {
  id: number;
  workerId: number;
  workerName: string;
  regionCode: string;
  regionName?: string;
  certifiedOn: string;
  certificateNo: string | null;
}
