// Issue 6 API client: probation, retirement, incentive eligibility, recruitment (docs/api-lifecycle.md).
import { request, type Worker } from '../../api';

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
  createdBy: string;
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
  checks: { rule: string; met: boolean; evidence: string }[];
  rank: number | null;
  tied: boolean;
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
  posts: { id: number; regionCode: string; regionName: string; streetName: string | null; posts: number; applicants: Applicant[] }[];
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
  posts: { regionCode: string; posts: number }[];
}

export const lifecycleApi = {
  probation: (region?: string) => request<ProbationList>('GET', '/api/lifecycle/probation', undefined, { region }),
  decideProbation: (id: number, body: { result: 'pass' | 'fail'; date: string; opinion: string }) =>
    request<{ worker: Worker }>('POST', `/api/workers/${id}/probation`, body),
  retirements: (region?: string, months?: number) => request<RetirementList>('GET', '/api/lifecycle/retirements', undefined, { region, months }),
  retired: (region?: string) => request<{ items: RetiredItem[] }>('GET', '/api/lifecycle/retired', undefined, { region }),
  incentive: (region?: string, year?: number) => request<IncentiveList>('GET', '/api/lifecycle/incentive', undefined, { region, year }),
  plans: (region?: string) => request<{ items: (Plan & { posts: number; applicants: number; hired: number })[] }>('GET', '/api/recruitment/plans', undefined, { region }),
  createPlan: (body: PlanInput) => request<PlanView>('POST', '/api/recruitment/plans', body),
  plan: (id: number) => request<PlanView>('GET', `/api/recruitment/plans/${id}`),
  addApplicant: (planId: number, body: Record<string, unknown>) => request<{ id: number }>('POST', `/api/recruitment/plans/${planId}/applicants`, body),
  importApplicants: (planId: number, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<{ created: number; ids: number[] }>('POST', `/api/recruitment/plans/${planId}/applicants/import`, form);
  },
  updateApplicant: (id: number, body: { writtenScore?: number | null; interviewScore?: number | null; vetting?: string; vettingNote?: string | null }) =>
    request<PlanView>('PATCH', `/api/recruitment/applicants/${id}`, body),
  offer: (id: number) => request<{ id: number }>('POST', `/api/recruitment/applicants/${id}/offer`),
  hire: (id: number, startDate: string) => request<{ applicantId: number; worker: Worker }>('POST', `/api/recruitment/applicants/${id}/hire`, { startDate }),
};

/** Today as YYYY-MM-DD in the browser's calendar. */
export const todayIso = (): string => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
