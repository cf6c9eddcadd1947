// Typed fetch client for the shequ HTTP API (docs/api-foundation.md).
//
// The response and request shapes are not written here: they are aliases into web/src/api.gen.ts,
// which `npm run gen:api` generates from the server's OpenAPI document (the routes' TypeBox schemas).
// A route change shows up here as a type error once the file is regenerated.
import type { components, paths } from './api.gen';

type Method = 'get' | 'put' | 'post' | 'delete' | 'patch';
type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;
/** The JSON body of the 200 answer of METHOD PATH, as the OpenAPI document declares it. */
export type ApiResponse<P extends keyof paths, M extends Method = 'get'> = paths[P][M] extends {
  responses: { 200: infer R };
}
  ? JsonOf<R>
  : never;
/** The JSON request body of METHOD PATH. */
export type ApiBody<P extends keyof paths, M extends Method> = paths[P][M] extends { requestBody?: infer B }
  ? JsonOf<NonNullable<B>>
  : never;
/** The query parameters of METHOD PATH. */
export type ApiQuery<P extends keyof paths, M extends Method = 'get'> = paths[P][M] extends {
  parameters: { query?: infer Q };
}
  ? NonNullable<Q>
  : never;
/** The element type of a list answer `{ items: T[] }`. */
export type Item<L> = L extends { items: (infer T)[] } ? T : never;

export type User = Item<ApiResponse<'/api/users'>>;
export type Me = ApiResponse<'/api/auth/me'>['user'];
export type Role = User['role'];
export type Level = User['regionLevel'];
export type RegionDetail = ApiResponse<'/api/regions/{code}'>;
export type RegionSummary = RegionDetail['region'];
export type RegionRef = RegionDetail['ancestors'][number];
export type CommitteeType = NonNullable<RegionSummary['committeeType']>;
export type PopulationItem = Item<ApiResponse<'/api/regions/{code}/population'>>;
export type AuditEntry = Item<ApiResponse<'/api/audit'>>;
export type AuditVerifyResult = ApiResponse<'/api/audit/verify'>;
export type ApiToken = Item<ApiResponse<'/api/tokens'>>;

/** A worker record (docs/api-workers.md); ID number and phone masked unless revealed. */
export type Worker = WorkerDetail['worker'];
export type WorkerDetail = ApiResponse<'/api/workers/{id}'>;
export type WorkerPeriod = WorkerDetail['periods'][number];
export type WorkerPosition = WorkerDetail['positions'][number];
export type WorkerQualification = WorkerDetail['qualifications'][number];
export type ServiceYears = WorkerDetail['serviceYears'];
export type TimelineEvent = WorkerDetail['timeline'][number];
export type WorkerHistoryItem = Item<ApiResponse<'/api/workers/{id}/history'>>;
/** Position codes (书记, 主任 …) as the position change accepts them. */
export type PositionCode = ApiBody<'/api/workers/{id}/positions', 'post'>['position'];
/** Social-work qualification levels as the qualification form accepts them. */
export type QualificationLevel = ApiBody<'/api/workers/{id}/qualifications', 'post'>['level'];

/** Query of GET /api/workers: the filters, the order and the page. */
export type WorkerQuery = ApiQuery<'/api/workers'>;
export type WorkerSort = NonNullable<WorkerQuery['sort']>;
/** Filters of GET /api/workers (and of the export). */
export type WorkerFilters = Omit<WorkerQuery, 'sort' | 'desc' | 'page' | 'pageSize'>;

// The worker form builds its body field by field from a table of field definitions, so the web keeps
// these loose; the server validates every field against the route schema.
/** Body of POST /api/workers: coded fields as codes; optional fields may be left out. */
export type WorkerCreateBody = Record<string, string | number | boolean | null>;
/** Body of PATCH /api/workers/:id: only the fields that change. */
export type WorkerPatchBody = Record<string, string | number | boolean | null>;

export type ImportResult = ApiResponse<'/api/imports/workers', 'post'>;
/** The import wizard's choices, sent as the query of POST /api/imports/workers. */
export type ImportOptions = Required<Pick<ApiQuery<'/api/imports/workers', 'post'>, 'dryRun' | 'mode' | 'update'>> &
  Pick<ApiQuery<'/api/imports/workers', 'post'>, 'region'>;
export type FieldError = components['schemas']['Error']['error']['fields'][number];

// ---------------------------------------------------------------- policy as data (docs/api-policy.md)

/** One published version of one level's policy document; `document` holds the partial sections. */
export type PolicyDocumentView = Item<ApiResponse<'/api/policies'>>;
export type PolicyLevel = PolicyDocumentView['level'];
export const POLICY_LEVELS: PolicyLevel[] = ['nation', 'province', 'city', 'county'];
export type PolicySection =
  | 'staffing'
  | 'training'
  | 'incentive'
  | 'grades'
  | 'pay'
  | 'budget'
  | 'assessment'
  | 'lifecycle';
export const POLICY_SECTIONS: PolicySection[] = [
  'staffing',
  'training',
  'incentive',
  'grades',
  'pay',
  'budget',
  'assessment',
  'lifecycle',
];
export type EffectivePolicy = ApiResponse<'/api/policies/effective'>;
export type PolicyPublishBody = ApiBody<'/api/policies', 'post'>;

export type Staffing = ApiResponse<'/api/regions/{code}/staffing'>;
/** How a figure was computed: the rule, its inputs and the arithmetic (domain explanations). */
export type Explanation = Staffing['explanation'];
export type StaffingStatus = Staffing['status'];
export type StaffingAdjustment = Staffing['adjustments'][number];
export type StaffingChild = Staffing['children'][number];
export type StaffingHistoryItem = Item<ApiResponse<'/api/regions/{code}/staffing/history'>>;

export type WorkerGrade = ApiResponse<'/api/workers/{id}/grade'>;
export type GradeStep = WorkerGrade['steps'][number];
export type WorkerPay = ApiResponse<'/api/workers/{id}/pay'>;
export type GradeReviewPreview = ApiResponse<'/api/grade-reviews', 'post'>;
export type GradeReviewItem = GradeReviewPreview['items'][number];

// ---- annual assessment and residents' voice (docs/api-assessment.md)
type AssessmentPlanAnswer = ApiResponse<'/api/assessment-plans/{id}'>;
export type AssessmentPlanDetail = Omit<AssessmentPlanAnswer, 'rules'> & { rules: AssessmentRules };
export type AssessmentPlan = AssessmentPlanDetail['plan'];
export type AssessmentEntry = AssessmentPlanDetail['entries'][number];
export type AssessmentScores = NonNullable<AssessmentEntry['scores']>;
export type AssessmentResult = NonNullable<AssessmentEntry['result']>;
export type AssessmentQuota = AssessmentPlanDetail['quotas'][number];
export type AssessmentConsequence = AssessmentPlanDetail['consequences'][number];
/**
 * The rules frozen into a plan when it was issued. The schema leaves this an open object (a plan keeps
 * the policy's assessment section as it was, and the section may grow), so this narrowing is local: the
 * section's fields as the assessment policy defines them today (src/domain/assessment.ts PlanRules).
 */
export type AssessmentRules = AssessmentPlanAnswer['rules'] & {
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
};
export type Satisfaction = AssessmentEntry['residents'];
export type PublicCommunity = ApiResponse<'/api/public/communities/{code}'>;
export type PublicWorker = PublicCommunity['workers'][number];
export type RatingScore = PublicCommunity['scores'][number]['value'];
export type RatingSettings = ApiResponse<'/api/regions/{code}/rating-settings'>;
export type ScoreItem = ApiBody<'/api/assessment-plans/{id}/scores', 'put'>['items'][number];

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];
  /** An import's annotated error sheet to download, when the server kept one. */
  readonly reportId: string | null;

  constructor(
    status: number,
    code: string,
    message: string,
    fields: FieldError[] = [],
    reportId: string | null = null,
  ) {
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
export type Stats = ApiResponse<'/api/stats'>;
export type StatsSection = Stats['sections'][number];
export type StatsItem = StatsSection['items'][number];
export type StatsColumn = Stats['columns'][number];
export type StatsSnapshot = Item<ApiResponse<'/api/stats/snapshots'>>;
export type StatsSnapshotDetail = ApiResponse<'/api/stats/snapshots/{id}'>;
export type FigureSet = StatsSnapshotDetail['figures'];
export type StatsDifference = StatsSnapshotDetail['differences'][number];
export type StatsTrendItem = Item<ApiResponse<'/api/stats/trend'>>;

const enc = encodeURIComponent;

export const api = {
  // auth
  login: (username: string, password: string, code?: string) =>
    request<ApiResponse<'/api/auth/login', 'post'>>('POST', '/api/auth/login', { username, password, code }),
  logout: () => request<ApiResponse<'/api/auth/logout', 'post'>>('POST', '/api/auth/logout'),
  me: () => request<ApiResponse<'/api/auth/me'>>('GET', '/api/auth/me'),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<ApiResponse<'/api/auth/password', 'post'>>('POST', '/api/auth/password', { currentPassword, newPassword }),

  // regions
  region: (code: string) => request<ApiResponse<'/api/regions/{code}'>>('GET', `/api/regions/${enc(code)}`),
  updateRegion: (code: string, patch: ApiBody<'/api/regions/{code}', 'patch'>) =>
    request<ApiResponse<'/api/regions/{code}', 'patch'>>('PATCH', `/api/regions/${enc(code)}`, patch),
  population: (code: string) =>
    request<ApiResponse<'/api/regions/{code}/population'>>('GET', `/api/regions/${enc(code)}/population`),
  putPopulation: (code: string, year: number, body: ApiBody<'/api/regions/{code}/population/{year}', 'put'>) =>
    request<ApiResponse<'/api/regions/{code}/population/{year}', 'put'>>(
      'PUT',
      `/api/regions/${enc(code)}/population/${year}`,
      body,
    ),

  // users
  users: (query: ApiQuery<'/api/users'>) => request<ApiResponse<'/api/users'>>('GET', '/api/users', undefined, query),
  createUser: (body: ApiBody<'/api/users', 'post'>) =>
    request<ApiResponse<'/api/users', 'post'>>('POST', '/api/users', body),
  updateUser: (id: number, patch: ApiBody<'/api/users/{id}', 'patch'>) =>
    request<ApiResponse<'/api/users/{id}', 'patch'>>('PATCH', `/api/users/${id}`, patch),

  // audit
  audit: (query: ApiQuery<'/api/audit'>) => request<ApiResponse<'/api/audit'>>('GET', '/api/audit', undefined, query),
  verifyAudit: () => request<ApiResponse<'/api/audit/verify'>>('GET', '/api/audit/verify'),

  // tokens
  tokens: () => request<ApiResponse<'/api/tokens'>>('GET', '/api/tokens'),
  createToken: (body: ApiBody<'/api/tokens', 'post'>) =>
    request<ApiResponse<'/api/tokens', 'post'>>('POST', '/api/tokens', body),
  revokeToken: (id: number) => request<ApiResponse<'/api/tokens/{id}', 'delete'>>('DELETE', `/api/tokens/${id}`),

  // workers (docs/api-workers.md)
  workers: (query: WorkerQuery) => request<ApiResponse<'/api/workers'>>('GET', '/api/workers', undefined, { ...query }),
  worker: (id: number, reveal = false) =>
    request<ApiResponse<'/api/workers/{id}'>>('GET', `/api/workers/${id}`, undefined, { reveal: reveal || undefined }),
  createWorker: (body: WorkerCreateBody) => request<ApiResponse<'/api/workers', 'post'>>('POST', '/api/workers', body),
  updateWorker: (id: number, patch: WorkerPatchBody) =>
    request<ApiResponse<'/api/workers/{id}', 'patch'>>('PATCH', `/api/workers/${id}`, patch),
  workerHistory: (id: number) => request<ApiResponse<'/api/workers/{id}/history'>>('GET', `/api/workers/${id}/history`),
  transferWorker: (id: number, body: ApiBody<'/api/workers/{id}/transfer', 'post'>) =>
    request<ApiResponse<'/api/workers/{id}/transfer', 'post'>>('POST', `/api/workers/${id}/transfer`, body),
  exitWorker: (id: number, body: ApiBody<'/api/workers/{id}/exit', 'post'>) =>
    request<ApiResponse<'/api/workers/{id}/exit', 'post'>>('POST', `/api/workers/${id}/exit`, body),
  changePosition: (id: number, body: ApiBody<'/api/workers/{id}/positions', 'post'>) =>
    request<ApiResponse<'/api/workers/{id}/positions', 'post'>>('POST', `/api/workers/${id}/positions`, body),
  addQualification: (id: number, body: ApiBody<'/api/workers/{id}/qualifications', 'post'>) =>
    request<ApiResponse<'/api/workers/{id}/qualifications', 'post'>>('POST', `/api/workers/${id}/qualifications`, body),
  exportWorkers: (filters: WorkerFilters & { reveal?: boolean }) =>
    download('/api/workers/export.xlsx', { ...filters }, '人员档案.xlsx'),
  downloadTemplate: () => download('/api/workers/template.xlsx', undefined, '人员导入模板.xlsx'),
  importWorkers: (file: File, options: ImportOptions) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<ApiResponse<'/api/imports/workers', 'post'>>('POST', '/api/imports/workers', form, {
      dryRun: options.dryRun,
      mode: options.mode,
      update: options.update,
      region: options.region,
    });
  },
  downloadImportErrors: (reportId: string) =>
    download(`/api/imports/workers/${enc(reportId)}/errors.xlsx`, undefined, '导入错误标注.xlsx'),
  // policy, staffing, grade and pay (docs/api-policy.md)
  policies: (region?: string) => request<ApiResponse<'/api/policies'>>('GET', '/api/policies', undefined, { region }),
  effectivePolicy: (region?: string, date?: string) =>
    request<ApiResponse<'/api/policies/effective'>>('GET', '/api/policies/effective', undefined, { region, date }),
  publishPolicy: (body: PolicyPublishBody) =>
    request<ApiResponse<'/api/policies', 'post'>>('POST', '/api/policies', body),
  staffing: (code: string, year?: number) =>
    request<ApiResponse<'/api/regions/{code}/staffing'>>('GET', `/api/regions/${enc(code)}/staffing`, undefined, {
      year,
    }),
  staffingHistory: (code: string) =>
    request<ApiResponse<'/api/regions/{code}/staffing/history'>>('GET', `/api/regions/${enc(code)}/staffing/history`),
  adjustStaffing: (code: string, body: ApiBody<'/api/regions/{code}/staffing/adjustments', 'post'>) =>
    request<ApiResponse<'/api/regions/{code}/staffing/adjustments', 'post'>>(
      'POST',
      `/api/regions/${enc(code)}/staffing/adjustments`,
      body,
    ),
  workerGrade: (id: number, date?: string) =>
    request<ApiResponse<'/api/workers/{id}/grade'>>('GET', `/api/workers/${id}/grade`, undefined, { date }),
  workerPay: (id: number, date?: string) =>
    request<ApiResponse<'/api/workers/{id}/pay'>>('GET', `/api/workers/${id}/pay`, undefined, { date }),
  previewGradeReview: (body: ApiBody<'/api/grade-reviews', 'post'>) =>
    request<ApiResponse<'/api/grade-reviews', 'post'>>('POST', '/api/grade-reviews', body),
  commitGradeReview: (id: string | number) =>
    request<ApiResponse<'/api/grade-reviews/{id}/commit', 'post'>>(
      'POST',
      `/api/grade-reviews/${enc(String(id))}/commit`,
    ),
  // ---- training (docs/api-training.md)
  trainingPrograms: (q: ApiQuery<'/api/training/programs'> = {}) =>
    request<ApiResponse<'/api/training/programs'>>('GET', '/api/training/programs', undefined, q),
  createTrainingProgram: (body: TrainingProgramBody) =>
    request<ApiResponse<'/api/training/programs', 'post'>>('POST', '/api/training/programs', body),
  trainingProgram: (id: number) =>
    request<ApiResponse<'/api/training/programs/{id}'>>('GET', `/api/training/programs/${id}`),
  enrolTraining: (id: number, body: ApiBody<'/api/training/programs/{id}/enrolments', 'post'>) =>
    request<ApiResponse<'/api/training/programs/{id}/enrolments', 'post'>>(
      'POST',
      `/api/training/programs/${id}/enrolments`,
      body,
    ),
  recordAttendance: (id: number, items: ApiBody<'/api/training/programs/{id}/attendance', 'post'>['items']) =>
    request<ApiResponse<'/api/training/programs/{id}/attendance', 'post'>>(
      'POST',
      `/api/training/programs/${id}/attendance`,
      { items },
    ),
  downloadAttendanceSheet: (id: number) =>
    download(`/api/training/programs/${id}/attendance.xlsx`, undefined, '考勤表.xlsx'),
  importAttendance: (id: number, file: File, dryRun: boolean) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<ApiResponse<'/api/training/programs/{id}/attendance/import', 'post'>>(
      'POST',
      `/api/training/programs/${id}/attendance/import`,
      form,
      { dryRun },
    );
  },
  trainingCompliance: (q: ApiQuery<'/api/training/compliance'>) =>
    request<ApiResponse<'/api/training/compliance'>>('GET', '/api/training/compliance', undefined, q),
  exportTrainingCompliance: (q: ApiQuery<'/api/training/compliance.xlsx'>) =>
    download('/api/training/compliance.xlsx', q, '培训达标情况.xlsx'),
  workerTraining: (id: number) =>
    request<ApiResponse<'/api/workers/{id}/training'>>('GET', `/api/workers/${id}/training`),
  trainers: () => request<ApiResponse<'/api/training/trainers'>>('GET', '/api/training/trainers'),
  createTrainer: (body: ApiBody<'/api/training/trainers', 'post'>) =>
    request<ApiResponse<'/api/training/trainers', 'post'>>('POST', '/api/training/trainers', body),
  trainingResources: (kind?: string) =>
    request<ApiResponse<'/api/training/resources'>>('GET', '/api/training/resources', undefined, { kind }),
  createTrainingResource: (body: ApiBody<'/api/training/resources', 'post'>) =>
    request<ApiResponse<'/api/training/resources', 'post'>>('POST', '/api/training/resources', body),
  mentorPairs: (region?: string) =>
    request<ApiResponse<'/api/training/mentors'>>('GET', '/api/training/mentors', undefined, { region }),
  createMentorPair: (body: ApiBody<'/api/training/mentors', 'post'>) =>
    request<ApiResponse<'/api/training/mentors', 'post'>>('POST', '/api/training/mentors', body),
  allPost: (region?: string) =>
    request<ApiResponse<'/api/training/all-post'>>('GET', '/api/training/all-post', undefined, { region }),
  createAllPost: (body: ApiBody<'/api/training/all-post', 'post'>) =>
    request<ApiResponse<'/api/training/all-post', 'post'>>('POST', '/api/training/all-post', body),
  // annual assessment and residents' voice (docs/api-assessment.md)
  assessmentPlans: () => request<ApiResponse<'/api/assessment-plans'>>('GET', '/api/assessment-plans'),
  createAssessmentPlan: (body: ApiBody<'/api/assessment-plans', 'post'>) =>
    request<ApiResponse<'/api/assessment-plans', 'post'>>('POST', '/api/assessment-plans', body),
  assessmentPlan: (id: number, region?: string) =>
    request<AssessmentPlanDetail>('GET', `/api/assessment-plans/${id}`, undefined, { region }),
  saveScores: (id: number, items: ScoreItem[]) =>
    request<ApiResponse<'/api/assessment-plans/{id}/scores', 'put'>>('PUT', `/api/assessment-plans/${id}/scores`, {
      items,
    }),
  approvePlan: (id: number) =>
    request<ApiResponse<'/api/assessment-plans/{id}/approve', 'post'>>('POST', `/api/assessment-plans/${id}/approve`),
  decideConsequence: (id: number, decision: 'confirm' | 'reject', note?: string) =>
    request<ApiResponse<'/api/assessment-consequences/{id}/decision', 'post'>>(
      'POST',
      `/api/assessment-consequences/${id}/decision`,
      { decision, note },
    ),
  decideConsequences: (planId: number, kind: string, decision: 'confirm' | 'reject') =>
    request<ApiResponse<'/api/assessment-plans/{id}/consequences/decision', 'post'>>(
      'POST',
      `/api/assessment-plans/${planId}/consequences/decision`,
      { kind, decision },
    ),
  recordFaultTolerance: (planId: number, body: ApiBody<'/api/assessment-plans/{id}/fault-tolerance', 'post'>) =>
    request<ApiResponse<'/api/assessment-plans/{id}/fault-tolerance', 'post'>>(
      'POST',
      `/api/assessment-plans/${planId}/fault-tolerance`,
      body,
    ),
  savePublicProfile: (workerId: number, body: ApiBody<'/api/workers/{id}/public-profile', 'put'>) =>
    request<ApiResponse<'/api/workers/{id}/public-profile', 'put'>>(
      'PUT',
      `/api/workers/${workerId}/public-profile`,
      body,
    ),
  ratingSettings: (code: string) =>
    request<ApiResponse<'/api/regions/{code}/rating-settings'>>('GET', `/api/regions/${enc(code)}/rating-settings`),
  saveRatingSettings: (code: string, body: ApiBody<'/api/regions/{code}/rating-settings', 'put'>) =>
    request<ApiResponse<'/api/regions/{code}/rating-settings', 'put'>>(
      'PUT',
      `/api/regions/${enc(code)}/rating-settings`,
      body,
    ),
  publicCommunity: (code: string) =>
    request<ApiResponse<'/api/public/communities/{code}'>>('GET', `/api/public/communities/${enc(code)}`),
  rateCommunity: (code: string, body: ApiBody<'/api/public/communities/{code}/ratings', 'post'>) =>
    request<ApiResponse<'/api/public/communities/{code}/ratings', 'post'>>(
      'POST',
      `/api/public/communities/${enc(code)}/ratings`,
      body,
    ),
  reviewRatings: (code: string, body: ApiBody<'/api/regions/{code}/ratings/review', 'post'>) =>
    request<ApiResponse<'/api/regions/{code}/ratings/review', 'post'>>(
      'POST',
      `/api/regions/${enc(code)}/ratings/review`,
      body,
    ),
  // statistics (docs/api-stats.md)
  stats: (region: string, date?: string) =>
    request<ApiResponse<'/api/stats'>>('GET', '/api/stats', undefined, { region, date }),
  statsWorkers: (q: ApiQuery<'/api/stats/workers'>) =>
    request<ApiResponse<'/api/stats/workers'>>('GET', '/api/stats/workers', undefined, { ...q }),
  statsTrend: (region: string) =>
    request<ApiResponse<'/api/stats/trend'>>('GET', '/api/stats/trend', undefined, { region }),
  statsSnapshots: (region: string) =>
    request<ApiResponse<'/api/stats/snapshots'>>('GET', '/api/stats/snapshots', undefined, { region }),
  approveStatsSnapshot: (region: string, year: number) =>
    request<ApiResponse<'/api/stats/snapshots', 'post'>>('POST', '/api/stats/snapshots', { region, year }),
  statsSnapshot: (id: number) => request<ApiResponse<'/api/stats/snapshots/{id}'>>('GET', `/api/stats/snapshots/${id}`),
  exportStats: (region: string, date?: string) =>
    download('/api/stats/export.xlsx', { region, date }, '社区工作者统计.xlsx'),
};

// ---- training types (docs/api-training.md)
export type TrainingProgramBody = ApiBody<'/api/training/programs', 'post'>;
export type TrainingSubject = TrainingProgramBody['subjects'][number];
export type TrainingProgramDetail = ApiResponse<'/api/training/programs/{id}'>;
export type TrainingProgram = TrainingProgramDetail['item'];
export type TrainingEnrolment = TrainingProgramDetail['enrolments'][number];
export type AttendanceImportResult = ApiResponse<'/api/training/programs/{id}/attendance/import', 'post'>;
export type TrainingCompliance = ApiResponse<'/api/training/compliance'>;
export type ComplianceItem = TrainingCompliance['items'][number];
export type ComplianceStatus = ComplianceItem['status'];
export type ComplianceCounts = TrainingCompliance['summary'];
export type WorkerTraining = ApiResponse<'/api/workers/{id}/training'>;
export type Trainer = Item<ApiResponse<'/api/training/trainers'>>;
export type TrainingResource = Item<ApiResponse<'/api/training/resources'>>;
export type MentorPair = Item<ApiResponse<'/api/training/mentors'>>;
export type AllPostCertification = Item<ApiResponse<'/api/training/all-post'>>;
