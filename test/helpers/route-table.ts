/**
 * The route-table check: every registered API route must answer 401 without a session, and 403 or 404
 * when asked about a region outside the caller's subtree. A route added without a fixture here fails
 * the check, so nobody can add a route and skip the question.
 */
import type { InjectOptions } from 'fastify';
import { routeTables } from '../../src/http/plugins/auth.js';
import type { Client, TestApp } from './app.js';

/** Ids that lie outside 勐海县 (the caller's county), made by `outsideFixtures`. */
export interface Outside {
  userId: number;
  tokenId: number;
  workerId: number;
  /** A grade review (draft) of 景洪市, made by the platform administrator. */
  gradeReviewId: number;
  /** A training program organised by 景洪市 (issue 5). */
  trainingProgramId: number;
  /** Issue 5: a 2026 assessment plan of 景洪市 (open), made by the platform administrator. */
  assessmentPlanId: number;
  /** Issue 5: a proposed consequence for the 景洪市 worker in that plan (inserted directly: approving needs every score). */
  consequenceId: number;
  /** A year-end statistics snapshot (2025) of 景洪市, approved by the administrator. */
  statsSnapshotId: number;
}

export type RouteFixture =
  | { outOfScope: (o: Outside) => InjectOptions }
  /** The route takes no region or record input: state why, so the exemption is deliberate. */
  | { noRegionInput: string };

/**
 * Public routes, deliberately so. Issue 5: the residents' community page and its rating are public by
 * design (no accounts; reached by link or QR code); their abuse limits are tested in assessment.test.ts.
 */
export const PUBLIC_ROUTES = new Set([
  'GET /api/health',
  'GET /api/openapi.json',
  'POST /api/auth/login',
  'GET /api/public/communities/:code',
  'POST /api/public/communities/:code/ratings',
]);

const JINGHONG = '532801000000'; // 景洪市, a sibling county of 勐海县
const JINGHONG_STREET = '532801001000';

export const FIXTURES: Record<string, RouteFixture> = {
  'GET /api/auth/me': { noRegionInput: 'returns the caller themself' },
  'POST /api/auth/logout': { noRegionInput: 'ends the caller’s own session' },
  'POST /api/auth/password': { noRegionInput: 'changes the caller’s own password' },
  'GET /api/regions/:code': { outOfScope: () => ({ method: 'GET', url: `/api/regions/${JINGHONG}` }) },
  'PATCH /api/regions/:code': {
    outOfScope: () => ({ method: 'PATCH', url: `/api/regions/${JINGHONG}`, payload: { name: '改名' } }),
  },
  'GET /api/regions/:code/population': {
    outOfScope: () => ({ method: 'GET', url: `/api/regions/${JINGHONG}/population` }),
  },
  'PUT /api/regions/:code/population/:year': {
    outOfScope: () => ({
      method: 'PUT',
      url: `/api/regions/${JINGHONG}/population/2026`,
      payload: { urbanResidentPopulation: 1 },
    }),
  },
  'GET /api/users': { outOfScope: () => ({ method: 'GET', url: `/api/users?region=${JINGHONG}` }) },
  'POST /api/users': {
    outOfScope: () => ({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'outsider1',
        displayName: '外县用户',
        role: 'street',
        regionCode: JINGHONG_STREET,
        password: 'Lancang#River7',
      },
    }),
  },
  'PATCH /api/users/:id': {
    outOfScope: (o) => ({ method: 'PATCH', url: `/api/users/${o.userId}`, payload: { displayName: '改名' } }),
  },
  'GET /api/audit': { outOfScope: () => ({ method: 'GET', url: `/api/audit?region=${JINGHONG}` }) },
  'GET /api/audit/verify': { noRegionInput: 'checks the whole chain; only a nation-wide administrator may' },
  'POST /api/audit/verify': {
    noRegionInput: 'checks the whole chain against exported checkpoints; only a nation-wide administrator may',
  },
  'POST /api/audit/checkpoints/export': {
    noRegionInput: 'signs the whole chain’s head; only a nation-wide administrator may',
  },
  'POST /api/system/backup': { noRegionInput: 'copies the whole database; only a nation-wide administrator may' },
  'GET /api/tokens': { noRegionInput: 'lists tokens inside the caller’s scope only (checked in tokens.test.ts)' },
  'POST /api/tokens': {
    outOfScope: () => ({
      method: 'POST',
      url: '/api/tokens',
      payload: { name: 'x', regionCode: JINGHONG, access: 'read', expiresAt: '2027-01-01T00:00:00Z' },
    }),
  },
  'DELETE /api/tokens/:id': { outOfScope: (o) => ({ method: 'DELETE', url: `/api/tokens/${o.tokenId}` }) },
  'GET /api/workers': { outOfScope: () => ({ method: 'GET', url: `/api/workers?region=${JINGHONG}` }) },
  'POST /api/workers': {
    outOfScope: () => ({
      method: 'POST',
      url: '/api/workers',
      payload: {
        name: '外县',
        idNumber: '11010519491231002X',
        category: 'staff',
        position: 'staff',
        regionCode: '532801001003',
        startDate: '2020-01-01',
      },
    }),
  },
  'GET /api/workers/:id': { outOfScope: (o) => ({ method: 'GET', url: `/api/workers/${o.workerId}` }) },
  'PATCH /api/workers/:id': {
    outOfScope: (o) => ({ method: 'PATCH', url: `/api/workers/${o.workerId}`, payload: { major: '社会工作' } }),
  },
  'GET /api/workers/:id/history': { outOfScope: (o) => ({ method: 'GET', url: `/api/workers/${o.workerId}/history` }) },
  'POST /api/workers/:id/transfer': {
    outOfScope: (o) => ({
      method: 'POST',
      url: `/api/workers/${o.workerId}/transfer`,
      payload: { regionCode: '532822101001', date: '2026-01-01', reason: '调入' },
    }),
  },
  'POST /api/workers/:id/exit': {
    outOfScope: (o) => ({
      method: 'POST',
      url: `/api/workers/${o.workerId}/exit`,
      payload: { type: 'resignation', date: '2026-01-01', reason: '辞职' },
    }),
  },
  'POST /api/workers/:id/positions': {
    outOfScope: (o) => ({
      method: 'POST',
      url: `/api/workers/${o.workerId}/positions`,
      payload: { position: 'member', startDate: '2026-01-01' },
    }),
  },
  'GET /api/workers/template.xlsx': { noRegionInput: 'the blank import template, the same for everyone' },
  'GET /api/workers/export.xlsx': {
    outOfScope: () => ({ method: 'GET', url: `/api/workers/export.xlsx?region=${JINGHONG}` }),
  },
  'POST /api/imports/workers': {
    outOfScope: () => ({ method: 'POST', url: `/api/imports/workers?region=${JINGHONG_STREET}`, payload: {} }),
  },
  'GET /api/imports/workers/:reportId/errors.xlsx': {
    noRegionInput: 'a report belongs to the caller who uploaded it; anyone else gets 404 (worker-import.test.ts)',
  },
  'POST /api/workers/:id/qualifications': {
    outOfScope: (o) => ({
      method: 'POST',
      url: `/api/workers/${o.workerId}/qualifications`,
      payload: { level: 'assistant', obtainedOn: '2026-01-01' },
    }),
  },
  'GET /api/policies': { outOfScope: () => ({ method: 'GET', url: `/api/policies?region=${JINGHONG}` }) },
  'GET /api/policies/effective': {
    outOfScope: () => ({ method: 'GET', url: `/api/policies/effective?region=${JINGHONG}&date=2026-01-01` }),
  },
  'POST /api/policies': {
    outOfScope: () => ({
      method: 'POST',
      url: '/api/policies',
      payload: {
        level: 'county',
        regionCode: JINGHONG,
        effectiveFrom: '2027-01-01',
        title: '外县',
        document: { staffing: { perTenThousand: 20 } },
      },
    }),
  },
  'GET /api/regions/:code/staffing': {
    outOfScope: () => ({ method: 'GET', url: `/api/regions/${JINGHONG}/staffing` }),
  },
  'GET /api/regions/:code/staffing/history': {
    outOfScope: () => ({ method: 'GET', url: `/api/regions/${JINGHONG}/staffing/history` }),
  },
  'POST /api/regions/:code/staffing/adjustments': {
    outOfScope: () => ({
      method: 'POST',
      url: `/api/regions/${JINGHONG}/staffing/adjustments`,
      payload: { year: 2026, quota: 1, reason: '外县' },
    }),
  },
  'GET /api/regions/:code/budget': { outOfScope: () => ({ method: 'GET', url: `/api/regions/${JINGHONG}/budget` }) },
  'GET /api/workers/:id/grade': { outOfScope: (o) => ({ method: 'GET', url: `/api/workers/${o.workerId}/grade` }) },
  'GET /api/workers/:id/pay': { outOfScope: (o) => ({ method: 'GET', url: `/api/workers/${o.workerId}/pay` }) },
  'POST /api/grade-reviews': {
    outOfScope: () => ({
      method: 'POST',
      url: '/api/grade-reviews',
      payload: { regionCode: JINGHONG, effectiveDate: '2026-12-31' },
    }),
  },
  'POST /api/grade-reviews/:id/commit': {
    outOfScope: (o) => ({ method: 'POST', url: `/api/grade-reviews/${o.gradeReviewId}/commit` }),
  },
  // ---- training (issue 5)
  'GET /api/training/programs': {
    outOfScope: () => ({ method: 'GET', url: `/api/training/programs?region=${JINGHONG}` }),
  },
  'POST /api/training/programs': {
    outOfScope: () => ({ method: 'POST', url: '/api/training/programs', payload: TRAINING_PROGRAM(JINGHONG) }),
  },
  'GET /api/training/programs/:id': {
    outOfScope: (o) => ({ method: 'GET', url: `/api/training/programs/${o.trainingProgramId}` }),
  },
  'POST /api/training/programs/:id/enrolments': {
    outOfScope: (o) => ({
      method: 'POST',
      url: `/api/training/programs/${o.trainingProgramId}/enrolments`,
      payload: { workerIds: [o.workerId] },
    }),
  },
  'POST /api/training/programs/:id/attendance': {
    outOfScope: (o) => ({
      method: 'POST',
      url: `/api/training/programs/${o.trainingProgramId}/attendance`,
      payload: { items: [{ workerId: o.workerId, status: 'completed' }] },
    }),
  },
  'GET /api/training/programs/:id/attendance.xlsx': {
    outOfScope: (o) => ({ method: 'GET', url: `/api/training/programs/${o.trainingProgramId}/attendance.xlsx` }),
  },
  'POST /api/training/programs/:id/attendance/import': {
    outOfScope: (o) => ({
      method: 'POST',
      url: `/api/training/programs/${o.trainingProgramId}/attendance/import`,
      payload: {},
    }),
  },
  'GET /api/training/compliance': {
    outOfScope: () => ({ method: 'GET', url: `/api/training/compliance?region=${JINGHONG}` }),
  },
  'GET /api/training/compliance.xlsx': {
    outOfScope: () => ({ method: 'GET', url: `/api/training/compliance.xlsx?region=${JINGHONG}` }),
  },
  'GET /api/workers/:id/training': {
    outOfScope: (o) => ({ method: 'GET', url: `/api/workers/${o.workerId}/training` }),
  },
  'GET /api/workers/:id/assessments': {
    outOfScope: (o) => ({ method: 'GET', url: `/api/workers/${o.workerId}/assessments` }),
  },
  'GET /api/training/trainers': {
    noRegionInput: 'lists the trainers kept in the caller’s subtree and by its ancestors only (training.test.ts)',
  },
  'POST /api/training/trainers': {
    outOfScope: () => ({
      method: 'POST',
      url: '/api/training/trainers',
      payload: { regionCode: JINGHONG, name: '外县老师', subjects: ['mediation'] },
    }),
  },
  'GET /api/training/resources': {
    noRegionInput: 'lists the resources kept in the caller’s subtree and by its ancestors only (training.test.ts)',
  },
  'POST /api/training/resources': {
    outOfScope: () => ({
      method: 'POST',
      url: '/api/training/resources',
      payload: { regionCode: JINGHONG, kind: 'link', title: '外县', url: 'https://example.org', subjects: [] },
    }),
  },
  'GET /api/training/mentors': {
    outOfScope: () => ({ method: 'GET', url: `/api/training/mentors?region=${JINGHONG}` }),
  },
  'POST /api/training/mentors': {
    outOfScope: (o) => ({
      method: 'POST',
      url: '/api/training/mentors',
      payload: { mentorId: o.workerId, menteeId: o.workerId + 1, startDate: '2026-01-01' },
    }),
  },
  'GET /api/training/all-post': {
    outOfScope: () => ({ method: 'GET', url: `/api/training/all-post?region=${JINGHONG}` }),
  },
  'POST /api/training/all-post': {
    outOfScope: (o) => ({
      method: 'POST',
      url: '/api/training/all-post',
      payload: { workerId: o.workerId, certifiedOn: '2026-01-01' },
    }),
  },
  // ---- issue 5: assessment and residents' voice
  'GET /api/assessment-plans': {
    noRegionInput: 'lists the plans of the caller’s subtree and own county only (assessment.test.ts)',
  },
  'POST /api/assessment-plans': {
    outOfScope: () => ({ method: 'POST', url: '/api/assessment-plans', payload: { regionCode: JINGHONG, year: 2027 } }),
  },
  'GET /api/assessment-plans/:id': {
    outOfScope: (o) => ({ method: 'GET', url: `/api/assessment-plans/${o.assessmentPlanId}` }),
  },
  'PUT /api/assessment-plans/:id/scores': {
    outOfScope: (o) => ({
      method: 'PUT',
      url: `/api/assessment-plans/${o.assessmentPlanId}/scores`,
      payload: {
        items: [{ workerId: o.workerId, politicalQuality: 80, workPerformance: 80, residentSatisfaction: 80 }],
      },
    }),
  },
  'POST /api/assessment-plans/:id/approve': {
    outOfScope: (o) => ({ method: 'POST', url: `/api/assessment-plans/${o.assessmentPlanId}/approve` }),
  },
  'POST /api/assessment-plans/:id/fault-tolerance': {
    outOfScope: (o) => ({
      method: 'POST',
      url: `/api/assessment-plans/${o.assessmentPlanId}/fault-tolerance`,
      payload: { workerId: o.workerId, reason: '外县' },
    }),
  },
  'POST /api/assessment-consequences/:id/decision': {
    outOfScope: (o) => ({
      method: 'POST',
      url: `/api/assessment-consequences/${o.consequenceId}/decision`,
      payload: { decision: 'confirm' },
    }),
  },
  'POST /api/assessment-plans/:id/consequences/decision': {
    outOfScope: (o) => ({
      method: 'POST',
      url: `/api/assessment-plans/${o.assessmentPlanId}/consequences/decision`,
      payload: { kind: 'reward', decision: 'confirm' },
    }),
  },
  'PUT /api/workers/:id/public-profile': {
    outOfScope: (o) => ({
      method: 'PUT',
      url: `/api/workers/${o.workerId}/public-profile`,
      payload: { duties: '外县', commitments: '外县' },
    }),
  },
  'GET /api/regions/:code/rating-settings': {
    outOfScope: () => ({ method: 'GET', url: '/api/regions/532801001003/rating-settings' }),
  },
  'PUT /api/regions/:code/rating-settings': {
    outOfScope: () => ({
      method: 'PUT',
      url: '/api/regions/532801001003/rating-settings',
      payload: { verificationRequired: false },
    }),
  },
  'POST /api/regions/:code/ratings/review': {
    outOfScope: () => ({
      method: 'POST',
      url: '/api/regions/532801001003/ratings/review',
      payload: { group: 1, decision: 'discard' },
    }),
  },
  // Issue 6: the worker life cycle
  'GET /api/lifecycle/probation': {
    outOfScope: () => ({ method: 'GET', url: `/api/lifecycle/probation?region=${JINGHONG}` }),
  },
  'POST /api/workers/:id/probation': {
    outOfScope: (o) => ({
      method: 'POST',
      url: `/api/workers/${o.workerId}/probation`,
      payload: { result: 'pass', date: '2026-01-01', opinion: '合格' },
    }),
  },
  'GET /api/workers/:id/retirement': {
    outOfScope: (o) => ({ method: 'GET', url: `/api/workers/${o.workerId}/retirement` }),
  },
  'GET /api/lifecycle/retirements': {
    outOfScope: () => ({ method: 'GET', url: `/api/lifecycle/retirements?region=${JINGHONG}` }),
  },
  'GET /api/lifecycle/retired': {
    outOfScope: () => ({ method: 'GET', url: `/api/lifecycle/retired?region=${JINGHONG}` }),
  },
  'GET /api/lifecycle/incentive': {
    outOfScope: () => ({ method: 'GET', url: `/api/lifecycle/incentive?region=${JINGHONG}` }),
  },
  // Plans and applicants outside the caller's scope answer 404 like a missing id (a real 景洪市 plan: recruitment.test.ts).
  'GET /api/recruitment/plans': {
    outOfScope: () => ({ method: 'GET', url: `/api/recruitment/plans?region=${JINGHONG}` }),
  },
  'POST /api/recruitment/plans': {
    outOfScope: () => ({
      method: 'POST',
      url: '/api/recruitment/plans',
      payload: {
        regionCode: JINGHONG,
        title: '外县',
        referenceDate: '2026-12-01',
        writtenPercent: 40,
        posts: [{ regionCode: '532801001003', posts: 1 }],
      },
    }),
  },
  'GET /api/recruitment/plans/:id': { outOfScope: () => ({ method: 'GET', url: '/api/recruitment/plans/999999' }) },
  'POST /api/recruitment/plans/:id/applicants': {
    outOfScope: () => ({
      method: 'POST',
      url: '/api/recruitment/plans/999999/applicants',
      payload: { name: '甲', idNumber: '11010519491231002X' },
    }),
  },
  'POST /api/recruitment/plans/:id/applicants/import': {
    noRegionInput: 'a multipart upload to a plan; a plan outside the scope answers 404 (recruitment.test.ts)',
  },
  'GET /api/recruitment/plans/:id/template.xlsx': {
    outOfScope: () => ({ method: 'GET', url: '/api/recruitment/plans/999999/template.xlsx' }),
  },
  'GET /api/recruitment/imports/:reportId/errors.xlsx': {
    noRegionInput: 'a report belongs to the caller who uploaded it; anyone else gets 404 (recruitment.test.ts)',
  },
  'POST /api/recruitment/plans/:id/close': {
    outOfScope: () => ({ method: 'POST', url: '/api/recruitment/plans/999999/close', payload: {} }),
  },
  'POST /api/recruitment/plans/:id/ties': {
    outOfScope: () => ({
      method: 'POST',
      url: '/api/recruitment/plans/999999/ties',
      payload: { winners: [1], reason: '加试' },
    }),
  },
  'PATCH /api/recruitment/applicants/:id': {
    outOfScope: () => ({ method: 'PATCH', url: '/api/recruitment/applicants/999999', payload: { writtenScore: 80 } }),
  },
  'POST /api/recruitment/applicants/:id/offer': {
    outOfScope: () => ({ method: 'POST', url: '/api/recruitment/applicants/999999/offer' }),
  },
  'GET /api/secretaries/filings': {
    outOfScope: () => ({ method: 'GET', url: `/api/secretaries/filings?region=${JINGHONG}` }),
  },
  'POST /api/workers/:id/filing': {
    outOfScope: (o) => ({ method: 'POST', url: `/api/workers/${o.workerId}/filing`, payload: { date: '2026-01-01' } }),
  },
  'POST /api/secretaries/filings/:id/review': {
    outOfScope: () => ({
      method: 'POST',
      url: '/api/secretaries/filings/999999/review',
      payload: { result: 'filed', date: '2026-01-01' },
    }),
  },
  'GET /api/secretaries/reserve': {
    outOfScope: () => ({ method: 'GET', url: `/api/secretaries/reserve?region=${JINGHONG}` }),
  },
  'POST /api/workers/:id/reserve': {
    outOfScope: (o) => ({
      method: 'POST',
      url: `/api/workers/${o.workerId}/reserve`,
      payload: { date: '2026-01-01', reason: '优秀' },
    }),
  },
  'POST /api/secretaries/reserve/:id/decide': {
    outOfScope: () => ({
      method: 'POST',
      url: '/api/secretaries/reserve/999999/decide',
      payload: { status: 'selected', date: '2026-01-01' },
    }),
  },
  'GET /api/workers/:id/contracts': {
    outOfScope: (o) => ({ method: 'GET', url: `/api/workers/${o.workerId}/contracts` }),
  },
  'POST /api/workers/:id/contracts': {
    outOfScope: (o) => ({
      method: 'POST',
      url: `/api/workers/${o.workerId}/contracts`,
      payload: { startDate: '2026-01-01', endDate: '2028-12-31', socialInsurance: true, housingFund: true },
    }),
  },
  'GET /api/lifecycle/contracts/due': {
    outOfScope: () => ({ method: 'GET', url: `/api/lifecycle/contracts/due?region=${JINGHONG}` }),
  },
  'GET /api/subsidies': { outOfScope: () => ({ method: 'GET', url: `/api/subsidies?region=${JINGHONG}` }) },
  'POST /api/workers/:id/subsidies': {
    outOfScope: (o) => ({
      method: 'POST',
      url: `/api/workers/${o.workerId}/subsidies`,
      payload: { kind: 'disaster', reason: '防汛', amountFen: 50000 },
    }),
  },
  'POST /api/subsidies/:id/decide': {
    outOfScope: () => ({ method: 'POST', url: '/api/subsidies/999999/decide', payload: { result: 'approved' } }),
  },
  'GET /api/care': { outOfScope: () => ({ method: 'GET', url: `/api/care?region=${JINGHONG}` }) },
  'POST /api/workers/:id/care': {
    outOfScope: (o) => ({
      method: 'POST',
      url: `/api/workers/${o.workerId}/care`,
      payload: { kind: 'talk', title: '谈心', doneOn: '2026-01-01' },
    }),
  },
  'PATCH /api/care/:id': {
    outOfScope: () => ({ method: 'PATCH', url: '/api/care/999999', payload: { doneOn: '2026-01-01' } }),
  },
  'GET /api/cadres': { outOfScope: () => ({ method: 'GET', url: `/api/cadres?region=${JINGHONG}` }) },
  'POST /api/cadres': {
    outOfScope: () => ({
      method: 'POST',
      url: '/api/cadres',
      payload: {
        regionCode: '532801001003',
        name: '外县',
        idNumber: '11010519491231002X',
        homeUnit: '市民政局',
        kind: 'attachment',
        startDate: '2026-01-01',
      },
    }),
  },
  'POST /api/recruitment/applicants/:id/hire': {
    outOfScope: () => ({
      method: 'POST',
      url: '/api/recruitment/applicants/999999/hire',
      payload: { startDate: '2026-12-01' },
    }),
  },
  'GET /api/dashboard': { outOfScope: () => ({ method: 'GET', url: `/api/dashboard?region=${JINGHONG}` }) },
  'GET /api/stats': { outOfScope: () => ({ method: 'GET', url: `/api/stats?region=${JINGHONG}` }) },
  'GET /api/stats/workers': {
    outOfScope: () => ({ method: 'GET', url: `/api/stats/workers?region=${JINGHONG}&section=gender&key=male` }),
  },
  'GET /api/stats/trend': { outOfScope: () => ({ method: 'GET', url: `/api/stats/trend?region=${JINGHONG}` }) },
  'GET /api/stats/export.xlsx': {
    outOfScope: () => ({ method: 'GET', url: `/api/stats/export.xlsx?region=${JINGHONG}` }),
  },
  'GET /api/stats/snapshots': { outOfScope: () => ({ method: 'GET', url: `/api/stats/snapshots?region=${JINGHONG}` }) },
  'POST /api/stats/snapshots': {
    outOfScope: () => ({ method: 'POST', url: '/api/stats/snapshots', payload: { region: JINGHONG, year: 2025 } }),
  },
  'GET /api/stats/snapshots/:id': {
    outOfScope: (o) => ({ method: 'GET', url: `/api/stats/snapshots/${o.statsSnapshotId}` }),
  },
  // Issue 6: exit requests and the terms register; requests and terms of 景洪市 answer 404 like a missing id (a real one: exits.test.ts).
  'GET /api/exit-requests': { outOfScope: () => ({ method: 'GET', url: `/api/exit-requests?region=${JINGHONG}` }) },
  'POST /api/workers/:id/exit-requests': {
    outOfScope: (o) => ({
      method: 'POST',
      url: `/api/workers/${o.workerId}/exit-requests`,
      payload: {
        type: 'resignation',
        date: '2026-01-01',
        reason: '辞职',
        documents: [{ kind: 'resignationLetter', title: '辞职申请书', date: '2026-01-01' }],
      },
    }),
  },
  'GET /api/exit-requests/:id': { outOfScope: () => ({ method: 'GET', url: '/api/exit-requests/999999' }) },
  'POST /api/exit-requests/:id/approve': {
    outOfScope: () => ({ method: 'POST', url: '/api/exit-requests/999999/approve', payload: {} }),
  },
  'POST /api/exit-requests/:id/return': {
    outOfScope: () => ({ method: 'POST', url: '/api/exit-requests/999999/return', payload: { reason: '材料不全' } }),
  },
  'POST /api/exit-requests/:id/documents/:documentId/file': {
    noRegionInput: 'a multipart upload to a request; a request outside the scope answers 404 (exits.test.ts)',
  },
  'GET /api/exit-requests/:id/documents/:documentId/file': {
    outOfScope: () => ({ method: 'GET', url: '/api/exit-requests/999999/documents/1/file' }),
  },
  'GET /api/terms': { outOfScope: () => ({ method: 'GET', url: `/api/terms?region=${JINGHONG}` }) },
  'POST /api/terms': {
    outOfScope: () => ({
      method: 'POST',
      url: '/api/terms',
      payload: { regionCode: '532801001003', termNumber: 11, electedOn: '2021-03-15' },
    }),
  },
  'POST /api/terms/:id/close': {
    outOfScope: () => ({
      method: 'POST',
      url: '/api/terms/999999/close',
      payload: { closedOn: '2026-01-01', reason: 'election' },
    }),
  },
  'POST /api/terms/:id/members': {
    outOfScope: (o) => ({
      method: 'POST',
      url: '/api/terms/999999/members',
      payload: { workerId: o.workerId, position: 'member' },
    }),
  },
  'DELETE /api/terms/:id/members/:memberId': {
    outOfScope: () => ({ method: 'DELETE', url: '/api/terms/999999/members/1' }),
  },
  // Two-factor sign-in (issue 12): the caller's own setup; an administrator's reset of a user they manage.
  'GET /api/auth/two-factor': { noRegionInput: 'the caller’s own two-factor state' },
  'POST /api/auth/two-factor/setup': { noRegionInput: 'sets up the caller’s own two-factor sign-in' },
  'POST /api/auth/two-factor/confirm': { noRegionInput: 'confirms the caller’s own two-factor sign-in' },
  'POST /api/auth/two-factor/recovery-codes': { noRegionInput: 'renews the caller’s own recovery codes' },
  'POST /api/auth/two-factor/disable': { noRegionInput: 'turns off the caller’s own two-factor sign-in' },
  'DELETE /api/users/:id/two-factor': {
    outOfScope: (o) => ({ method: 'DELETE', url: `/api/users/${o.userId}/two-factor` }),
  },
  'GET /api/system/security-warnings': { noRegionInput: 'platform-wide warnings; only the platform administrator' },
};

/** A valid program body organised by `regionCode` (issue 5). */
export const TRAINING_PROGRAM = (regionCode: string) => ({
  regionCode,
  title: '社区工作者在职培训班',
  tier: 'backbone',
  type: 'inService',
  subjects: ['policyLaw', 'mediation'],
  hours: 16,
  startDate: '2026-05-18',
  endDate: '2026-05-20',
  mode: 'offline',
});

/** A user and a token in 景洪市, made by the city administrator; a grade review there, by the administrator. */
export async function outsideFixtures(t: TestApp): Promise<Outside> {
  const city = await t.login('demo-city');
  const u = await city.request({
    method: 'POST',
    url: '/api/users',
    payload: {
      username: `jh-street-${Date.now()}`,
      displayName: '景洪街道',
      role: 'street',
      regionCode: JINGHONG_STREET,
      password: 'Lancang#River7',
    },
  });
  const tok = await city.request({
    method: 'POST',
    url: '/api/tokens',
    payload: { name: 'jh', regionCode: JINGHONG, access: 'read', expiresAt: '2027-06-01T00:00:00Z' },
  });
  if (u.statusCode !== 200 || tok.statusCode !== 200) throw new Error(`fixtures failed: ${u.body} ${tok.body}`);
  const worker = await t.db.query<{ id: number }>(
    "select id from worker where region_code like '532801%' order by id limit 1",
  );
  const admin = await t.login('demo-admin');
  const review = await admin.request({
    method: 'POST',
    url: '/api/grade-reviews',
    payload: { regionCode: JINGHONG, effectiveDate: '2026-12-31' },
  });
  if (review.statusCode !== 200) throw new Error(`grade review fixture failed: ${review.body}`);
  const program = await city.request({
    method: 'POST',
    url: '/api/training/programs',
    payload: TRAINING_PROGRAM(JINGHONG),
  });
  if (program.statusCode !== 200) throw new Error(`training program fixture failed: ${program.body}`);
  const plan = await admin.request({
    method: 'POST',
    url: '/api/assessment-plans',
    payload: { regionCode: JINGHONG, year: 2026 },
  });
  if (plan.statusCode !== 200) throw new Error(`assessment plan fixture failed: ${plan.body}`);
  const [consequence] = await t.db.query<{ id: number }>(
    `insert into assessment_consequence (plan_id, worker_id, region_code, year, kind, reason)
     select $1, id, region_code, 2026, 'reward', '路由表测试' from worker where id = $2 returning id`,
    [plan.json().plan.id, worker[0].id],
  );
  const snapshot = await admin.request({
    method: 'POST',
    url: '/api/stats/snapshots',
    payload: { region: JINGHONG, year: 2025 },
  });
  if (snapshot.statusCode !== 200) throw new Error(`stats snapshot fixture failed: ${snapshot.body}`);
  return {
    userId: u.json().user.id,
    tokenId: tok.json().token.id,
    workerId: worker[0].id,
    gradeReviewId: review.json().id,
    trainingProgramId: program.json().item.id,
    assessmentPlanId: plan.json().plan.id,
    consequenceId: consequence.id,
    statsSnapshotId: snapshot.json().item.id,
  };
}

const fill = (url: string) => url.replace(':code', '532822000000').replace(':year', '2026').replace(':id', '1');

/** Problems found, one line each; empty when every route holds. */
export async function checkRouteTable(
  t: TestApp,
  caller: Client,
  outside: Outside,
  fixtures = FIXTURES,
): Promise<string[]> {
  const problems: string[] = [];
  const routes = (routeTables.get(t.app) ?? []).filter(
    (r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.method !== 'HEAD',
  );
  for (const r of routes) {
    const key = `${r.method} ${r.url}`;
    if (PUBLIC_ROUTES.has(key)) {
      if (r.access !== 'public') problems.push(`${key}: listed as public but declares ${r.access}`);
      continue;
    }
    if (r.access === 'public') {
      problems.push(`${key}: public but not in PUBLIC_ROUTES`);
      continue;
    }
    const anon = await t.app.inject({
      method: r.method as InjectOptions['method'],
      url: fill(r.url),
      payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : {},
    });
    if (anon.statusCode !== 401) problems.push(`${key}: answered ${anon.statusCode} without a session, expected 401`);
    else if (anon.json().error?.code !== 'UNAUTHENTICATED') problems.push(`${key}: 401 without the error shape`);
    const f = fixtures[key];
    if (!f) {
      problems.push(`${key}: no fixture in test/helpers/route-table.ts — add its out-of-scope request`);
      continue;
    }
    if ('noRegionInput' in f) continue;
    const res = await caller.request(f.outOfScope(outside));
    if (res.statusCode !== 403 && res.statusCode !== 404)
      problems.push(
        `${key}: answered ${res.statusCode} for a region outside the caller's subtree, expected 403 or 404`,
      );
  }
  return problems;
}
