// Issue 6 API client: probation, retirement, incentive eligibility, recruitment (docs/api-lifecycle.md).
import { type ApiBody, type ApiResponse, download, type Item, request } from '../../api';

export type ProbationList = ApiResponse<'/api/lifecycle/probation'>;
export type ProbationItem = ProbationList['items'][number];
export type RetirementList = ApiResponse<'/api/lifecycle/retirements'>;
export type RetirementItem = RetirementList['items'][number];
export type RetiredItem = Item<ApiResponse<'/api/lifecycle/retired'>>;
export type IncentiveList = ApiResponse<'/api/lifecycle/incentive'>;
export type IncentiveItem = IncentiveList['items'][number];

export type PlanView = ApiResponse<'/api/recruitment/plans/{id}'>;
export type Plan = PlanView['plan'];
export type Conditions = Plan['conditions'];
export type Applicant = PlanView['posts'][number]['applicants'][number];
export type ApplicantPatch = ApiBody<'/api/recruitment/applicants/{id}', 'patch'>;
export type PlanInput = ApiBody<'/api/recruitment/plans', 'post'>;

export const lifecycleApi = {
  probation: (region?: string) =>
    request<ApiResponse<'/api/lifecycle/probation'>>('GET', '/api/lifecycle/probation', undefined, { region }),
  decideProbation: (id: number, body: ApiBody<'/api/workers/{id}/probation', 'post'>) =>
    request<ApiResponse<'/api/workers/{id}/probation', 'post'>>('POST', `/api/workers/${id}/probation`, body),
  retirements: (region?: string, months?: number) =>
    request<ApiResponse<'/api/lifecycle/retirements'>>('GET', '/api/lifecycle/retirements', undefined, {
      region,
      months,
    }),
  retired: (region?: string) =>
    request<ApiResponse<'/api/lifecycle/retired'>>('GET', '/api/lifecycle/retired', undefined, { region }),
  incentive: (region?: string, year?: number) =>
    request<ApiResponse<'/api/lifecycle/incentive'>>('GET', '/api/lifecycle/incentive', undefined, { region, year }),
  plans: (region?: string) =>
    request<ApiResponse<'/api/recruitment/plans'>>('GET', '/api/recruitment/plans', undefined, { region }),
  createPlan: (body: PlanInput) =>
    request<ApiResponse<'/api/recruitment/plans', 'post'>>('POST', '/api/recruitment/plans', body),
  plan: (id: number) => request<ApiResponse<'/api/recruitment/plans/{id}'>>('GET', `/api/recruitment/plans/${id}`),
  addApplicant: (planId: number, body: Record<string, unknown>) =>
    request<ApiResponse<'/api/recruitment/plans/{id}/applicants', 'post'>>(
      'POST',
      `/api/recruitment/plans/${planId}/applicants`,
      body,
    ),
  importApplicants: (planId: number, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<ApiResponse<'/api/recruitment/plans/{id}/applicants/import', 'post'>>(
      'POST',
      `/api/recruitment/plans/${planId}/applicants/import`,
      form,
    );
  },
  updateApplicant: (id: number, body: ApplicantPatch) =>
    request<ApiResponse<'/api/recruitment/applicants/{id}', 'patch'>>(
      'PATCH',
      `/api/recruitment/applicants/${id}`,
      body,
    ),
  downloadTemplate: (planId: number) =>
    download(`/api/recruitment/plans/${planId}/template.xlsx`, undefined, '报名人员导入模板.xlsx'),
  downloadImportErrors: (reportId: string) =>
    download(
      `/api/recruitment/imports/${encodeURIComponent(reportId)}/errors.xlsx`,
      undefined,
      '报名人员导入错误说明.xlsx',
    ),
  closePlan: (id: number, note: string | null) =>
    request<ApiResponse<'/api/recruitment/plans/{id}/close', 'post'>>('POST', `/api/recruitment/plans/${id}/close`, {
      note,
    }),
  decideTie: (planId: number, body: ApiBody<'/api/recruitment/plans/{id}/ties', 'post'>) =>
    request<ApiResponse<'/api/recruitment/plans/{id}/ties', 'post'>>(
      'POST',
      `/api/recruitment/plans/${planId}/ties`,
      body,
    ),
  offer: (id: number) =>
    request<ApiResponse<'/api/recruitment/applicants/{id}/offer', 'post'>>(
      'POST',
      `/api/recruitment/applicants/${id}/offer`,
    ),
  hire: (id: number, startDate: string) =>
    request<ApiResponse<'/api/recruitment/applicants/{id}/hire', 'post'>>(
      'POST',
      `/api/recruitment/applicants/${id}/hire`,
      { startDate },
    ),
};

/** Today as YYYY-MM-DD in the browser's calendar. */
export const todayIso = (): string => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
