// Issue 6 API client: probation, retirement, incentive eligibility, recruitment (docs/api-lifecycle.md).
import { download, request, type Worker } from '../../api';

export interface Person {
  workerId: number;
  name: string;
  regionCode: string;
  regionName: string;
  streetName: string | null;
  position: string;
  positionName: string;
}
export interface ProbationItem extends Person {
  startDate: string;
  dueOn: string;
  daysLeft: number;
  state: 'running' | 'dueSoon' | 'overdue';
  stateName: string;
  rule: string;
  arithmetic: string;
}
export interface ProbationList {
  regionCode: string;
  regionName: string;
  date: string;
  counts: { total: number; overdue: number; dueSoon: number };
  items: ProbationItem[];
}
export interface RetirementItem extends Person {
  birthDate: string;
  gender: string;
  age: number;
  retirementDate: string;
  overdue: boolean;
  arithmetic: string;
}
export interface RetirementList {
  regionCode: string;
  regionName: string;
  date: string;
  until: string;
  months: number;
  rule: string;
  items: RetirementItem[];
}
export interface RetiredItem extends Person {
  birthDate: string;
  gender: string;
  exitDate: string;
  ageAtExit: number;
  reason: string;
}
export interface IncentiveItem extends Person {
  eligible: boolean;
  continuousText: string;
  fullTerms: number;
  honours: string[];
  conditions: { code: string; label: string; met: boolean; rule: string; evidence: string }[];
}
export interface IncentiveList {
  regionCode: string;
  regionName: string;
  year: number;
  date: string;
  rule: string;
  counts: { secretaries: number; eligible: number };
  items: IncentiveItem[];
}

export interface Plan {
  id: number;
  regionCode: string;
  regionName: string;
  title: string;
  status: 'open' | 'closed';
  referenceDate: string;
  maxAge: number | null;
  minEducation: string | null;
  residenceRegion: string | null;
  residenceName: string | null;
  writtenPercent: number;
  bonus: { graduate: number; veteran: number; socialWork: number; gridWorker: number };
  conditions: Conditions;
  closedOn: string | null;
  closedBy: string | null;
  closeNote: string | null;
  createdBy: string;
}
export interface Conditions {
  partyMember: boolean;
  localYears: number | null;
  noCriminalRecord: boolean;
  healthy: boolean;
  socialWorkQualification: string | null;
  custom: string[];
}
export interface Applicant {
  id: number;
  name: string;
  idNumber: string;
  gender: string;
  birthDate: string;
  phone: string | null;
  education: string | null;
  homeRegionCode: string | null;
  groups: string[];
  nearHome: boolean;
  writtenScore: number | null;
  interviewScore: number | null;
  total: number | null;
  arithmetic: string;
  eligible: boolean;
  conditionsComplete: boolean;
  checks: { rule: string; met: boolean; pending: boolean; evidence: string }[];
  localHukou: boolean | null;
  residenceYears: number | null;
  noRecordDeclared: boolean | null;
  health: 'pending' | 'passed' | 'failed';
  qualification: string | null;
  customChecks: { index: number; met: boolean; note: string | null }[];
  rank: number | null;
  tied: boolean;
  tieUndecided: boolean;
  tieDecision: { reason: string; won: boolean; decidedOn: string; decidedBy: string } | null;
  withinPosts: boolean;
  note: string | null;
  vetting: 'pending' | 'passed' | 'failed';
  vettingNote: string | null;
  status: 'applied' | 'offered' | 'hired';
  offeredOn: string | null;
  workerId: number | null;
}
export interface PlanView {
  plan: Plan;
  posts: { id: number; regionCode: string; regionName: string; streetName: string | null; posts: number; hired: number; offered: number; unfilled: number; applicants: Applicant[] }[];
}
export interface ApplicantPatch {
  writtenScore?: number | null;
  interviewScore?: number | null;
  vetting?: string;
  vettingNote?: string | null;
  localHukou?: boolean | null;
  residenceYears?: number | null;
  noRecordDeclared?: boolean | null;
  health?: string;
  qualification?: string | null;
  customChecks?: { index: number; met: boolean | null; note?: string | null }[];
}
export interface PlanInput {
  regionCode: string;
  title: string;
  referenceDate: string;
  maxAge?: number | null;
  minEducation?: string | null;
  residenceRegion?: string | null;
  writtenPercent: number;
  bonus?: Partial<Plan['bonus']>;
  conditions?: Partial<Conditions>;
  posts: { regionCode: string; posts: number }[];
}

export const lifecycleApi = {
  probation: (region?: string) => request<ProbationList>('GET', '/api/lifecycle/probation', undefined, { region }),
  decideProbation: (id: number, body: { result: 'pass' | 'fail'; date: string; opinion: string }) =>
    request<{ worker: Worker }>('POST', `/api/workers/${id}/probation`, body),
  retirements: (region?: string, months?: number) => request<RetirementList>('GET', '/api/lifecycle/retirements', undefined, { region, months }),
  retired: (region?: string) => request<{ items: RetiredItem[] }>('GET', '/api/lifecycle/retired', undefined, { region }),
  incentive: (region?: string, year?: number) => request<IncentiveList>('GET', '/api/lifecycle/incentive', undefined, { region, year }),
  plans: (region?: string) => request<{ items: (Plan & { posts: number; applicants: number; hired: number; unfilled: number })[] }>('GET', '/api/recruitment/plans', undefined, { region }),
  createPlan: (body: PlanInput) => request<PlanView>('POST', '/api/recruitment/plans', body),
  plan: (id: number) => request<PlanView>('GET', `/api/recruitment/plans/${id}`),
  addApplicant: (planId: number, body: Record<string, unknown>) => request<{ id: number }>('POST', `/api/recruitment/plans/${planId}/applicants`, body),
  importApplicants: (planId: number, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<{ created: number; ids: number[] }>('POST', `/api/recruitment/plans/${planId}/applicants/import`, form);
  },
  updateApplicant: (id: number, body: ApplicantPatch) => request<PlanView>('PATCH', `/api/recruitment/applicants/${id}`, body),
  downloadTemplate: (planId: number) => download(`/api/recruitment/plans/${planId}/template.xlsx`, undefined, '报名人员导入模板.xlsx'),
  downloadImportErrors: (reportId: string) => download(`/api/recruitment/imports/${encodeURIComponent(reportId)}/errors.xlsx`, undefined, '报名人员导入错误说明.xlsx'),
  closePlan: (id: number, note: string | null) => request<PlanView>('POST', `/api/recruitment/plans/${id}/close`, { note }),
  decideTie: (planId: number, body: { winners: number[]; reason: string }) => request<PlanView>('POST', `/api/recruitment/plans/${planId}/ties`, body),
  offer: (id: number) => request<{ id: number }>('POST', `/api/recruitment/applicants/${id}/offer`),
  hire: (id: number, startDate: string) => request<{ applicantId: number; worker: Worker }>('POST', `/api/recruitment/applicants/${id}/hire`, { startDate }),
};

/** Today as YYYY-MM-DD in the browser's calendar. */
export const todayIso = (): string => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
