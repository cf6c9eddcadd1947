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
  /** A year-end statistics snapshot (2025) of 景洪市, approved by the administrator. */
  statsSnapshotId: number;
}

export type RouteFixture =
  | { outOfScope: (o: Outside) => InjectOptions }
  /** The route takes no region or record input: state why, so the exemption is deliberate. */
  | { noRegionInput: string };

/** Public routes, deliberately so. */
export const PUBLIC_ROUTES = new Set(['GET /api/health', 'GET /api/openapi.json', 'POST /api/auth/login']);

const JINGHONG = '532801000000'; // 景洪市, a sibling county of 勐海县
const JINGHONG_STREET = '532801001000';

export const FIXTURES: Record<string, RouteFixture> = {
  'GET /api/auth/me': { noRegionInput: 'returns the caller themself' },
  'POST /api/auth/logout': { noRegionInput: 'ends the caller’s own session' },
  'POST /api/auth/password': { noRegionInput: 'changes the caller’s own password' },
  'GET /api/regions/:code': { outOfScope: () => ({ method: 'GET', url: `/api/regions/${JINGHONG}` }) },
  'PATCH /api/regions/:code': { outOfScope: () => ({ method: 'PATCH', url: `/api/regions/${JINGHONG}`, payload: { name: '改名' } }) },
  'GET /api/regions/:code/population': { outOfScope: () => ({ method: 'GET', url: `/api/regions/${JINGHONG}/population` }) },
  'PUT /api/regions/:code/population/:year': {
    outOfScope: () => ({ method: 'PUT', url: `/api/regions/${JINGHONG}/population/2026`, payload: { urbanResidentPopulation: 1 } }),
  },
  'GET /api/users': { outOfScope: () => ({ method: 'GET', url: `/api/users?region=${JINGHONG}` }) },
  'POST /api/users': {
    outOfScope: () => ({
      method: 'POST',
      url: '/api/users',
      payload: { username: 'outsider1', displayName: '外县用户', role: 'street', regionCode: JINGHONG_STREET, password: 'Passw0rd!x' },
    }),
  },
  'PATCH /api/users/:id': { outOfScope: (o) => ({ method: 'PATCH', url: `/api/users/${o.userId}`, payload: { displayName: '改名' } }) },
  'GET /api/audit': { outOfScope: () => ({ method: 'GET', url: `/api/audit?region=${JINGHONG}` }) },
  'GET /api/audit/verify': { noRegionInput: 'checks the whole chain; only a nation-wide administrator may' },
  'GET /api/tokens': { noRegionInput: 'lists tokens inside the caller’s scope only (checked in tokens.test.ts)' },
  'POST /api/tokens': {
    outOfScope: () => ({ method: 'POST', url: '/api/tokens', payload: { name: 'x', regionCode: JINGHONG, access: 'read', expiresAt: '2027-01-01T00:00:00Z' } }),
  },
  'DELETE /api/tokens/:id': { outOfScope: (o) => ({ method: 'DELETE', url: `/api/tokens/${o.tokenId}` }) },
  'GET /api/workers': { outOfScope: () => ({ method: 'GET', url: `/api/workers?region=${JINGHONG}` }) },
  'POST /api/workers': {
    outOfScope: () => ({
      method: 'POST',
      url: '/api/workers',
      payload: { name: '外县', idNumber: '11010519491231002X', category: 'staff', position: 'staff', regionCode: '532801001003', startDate: '2020-01-01' },
    }),
  },
  'GET /api/workers/:id': { outOfScope: (o) => ({ method: 'GET', url: `/api/workers/${o.workerId}` }) },
  'PATCH /api/workers/:id': { outOfScope: (o) => ({ method: 'PATCH', url: `/api/workers/${o.workerId}`, payload: { major: '社会工作' } }) },
  'GET /api/workers/:id/history': { outOfScope: (o) => ({ method: 'GET', url: `/api/workers/${o.workerId}/history` }) },
  'POST /api/workers/:id/transfer': {
    outOfScope: (o) => ({ method: 'POST', url: `/api/workers/${o.workerId}/transfer`, payload: { regionCode: '532822101001', date: '2026-01-01', reason: '调入' } }),
  },
  'POST /api/workers/:id/exit': { outOfScope: (o) => ({ method: 'POST', url: `/api/workers/${o.workerId}/exit`, payload: { type: 'resignation', date: '2026-01-01', reason: '辞职' } }) },
  'POST /api/workers/:id/positions': {
    outOfScope: (o) => ({ method: 'POST', url: `/api/workers/${o.workerId}/positions`, payload: { position: 'member', startDate: '2026-01-01' } }),
  },
  'GET /api/workers/template.xlsx': { noRegionInput: 'the blank import template, the same for everyone' },
  'GET /api/workers/export.xlsx': { outOfScope: () => ({ method: 'GET', url: `/api/workers/export.xlsx?region=${JINGHONG}` }) },
  'POST /api/imports/workers': { outOfScope: () => ({ method: 'POST', url: `/api/imports/workers?region=${JINGHONG_STREET}`, payload: {} }) },
  'GET /api/imports/workers/:reportId/errors.xlsx': { noRegionInput: 'a report belongs to the caller who uploaded it; anyone else gets 404 (worker-import.test.ts)' },
  'POST /api/workers/:id/qualifications': {
    outOfScope: (o) => ({ method: 'POST', url: `/api/workers/${o.workerId}/qualifications`, payload: { level: 'assistant', obtainedOn: '2026-01-01' } }),
  },
  'GET /api/policies': { outOfScope: () => ({ method: 'GET', url: `/api/policies?region=${JINGHONG}` }) },
  'GET /api/policies/effective': { outOfScope: () => ({ method: 'GET', url: `/api/policies/effective?region=${JINGHONG}&date=2026-01-01` }) },
  'POST /api/policies': {
    outOfScope: () => ({ method: 'POST', url: '/api/policies', payload: { level: 'county', regionCode: JINGHONG, effectiveFrom: '2027-01-01', title: '外县', document: { staffing: { perTenThousand: 20 } } } }),
  },
  'GET /api/regions/:code/staffing': { outOfScope: () => ({ method: 'GET', url: `/api/regions/${JINGHONG}/staffing` }) },
  'GET /api/regions/:code/staffing/history': { outOfScope: () => ({ method: 'GET', url: `/api/regions/${JINGHONG}/staffing/history` }) },
  'POST /api/regions/:code/staffing/adjustments': {
    outOfScope: () => ({ method: 'POST', url: `/api/regions/${JINGHONG}/staffing/adjustments`, payload: { year: 2026, quota: 1, reason: '外县' } }),
  },
  'GET /api/regions/:code/budget': { outOfScope: () => ({ method: 'GET', url: `/api/regions/${JINGHONG}/budget` }) },
  'GET /api/workers/:id/grade': { outOfScope: (o) => ({ method: 'GET', url: `/api/workers/${o.workerId}/grade` }) },
  'GET /api/workers/:id/pay': { outOfScope: (o) => ({ method: 'GET', url: `/api/workers/${o.workerId}/pay` }) },
  'POST /api/grade-reviews': { outOfScope: () => ({ method: 'POST', url: '/api/grade-reviews', payload: { regionCode: JINGHONG, effectiveDate: '2026-12-31' } }) },
  'POST /api/grade-reviews/:id/commit': { outOfScope: (o) => ({ method: 'POST', url: `/api/grade-reviews/${o.gradeReviewId}/commit` }) },
  'GET /api/stats': { outOfScope: () => ({ method: 'GET', url: `/api/stats?region=${JINGHONG}` }) },
  'GET /api/stats/workers': { outOfScope: () => ({ method: 'GET', url: `/api/stats/workers?region=${JINGHONG}&section=gender&key=male` }) },
  'GET /api/stats/trend': { outOfScope: () => ({ method: 'GET', url: `/api/stats/trend?region=${JINGHONG}` }) },
  'GET /api/stats/export.xlsx': { outOfScope: () => ({ method: 'GET', url: `/api/stats/export.xlsx?region=${JINGHONG}` }) },
  'GET /api/stats/snapshots': { outOfScope: () => ({ method: 'GET', url: `/api/stats/snapshots?region=${JINGHONG}` }) },
  'POST /api/stats/snapshots': { outOfScope: () => ({ method: 'POST', url: '/api/stats/snapshots', payload: { region: JINGHONG, year: 2025 } }) },
  'GET /api/stats/snapshots/:id': { outOfScope: (o) => ({ method: 'GET', url: `/api/stats/snapshots/${o.statsSnapshotId}` }) },
};

/** A user and a token in 景洪市, made by the city administrator; a grade review there, by the administrator. */
export async function outsideFixtures(t: TestApp): Promise<Outside> {
  const city = await t.login('demo-city');
  const u = await city.request({
    method: 'POST',
    url: '/api/users',
    payload: { username: `jh-street-${Date.now()}`, displayName: '景洪街道', role: 'street', regionCode: JINGHONG_STREET, password: 'Passw0rd1' },
  });
  const tok = await city.request({ method: 'POST', url: '/api/tokens', payload: { name: 'jh', regionCode: JINGHONG, access: 'read', expiresAt: '2027-06-01T00:00:00Z' } });
  if (u.statusCode !== 200 || tok.statusCode !== 200) throw new Error(`fixtures failed: ${u.body} ${tok.body}`);
  const worker = await t.db.query<{ id: number }>("select id from worker where region_code like '532801%' order by id limit 1");
  const admin = await t.login('demo-admin');
  const review = await admin.request({ method: 'POST', url: '/api/grade-reviews', payload: { regionCode: JINGHONG, effectiveDate: '2026-12-31' } });
  if (review.statusCode !== 200) throw new Error(`grade review fixture failed: ${review.body}`);
  const snapshot = await admin.request({ method: 'POST', url: '/api/stats/snapshots', payload: { region: JINGHONG, year: 2025 } });
  if (snapshot.statusCode !== 200) throw new Error(`stats snapshot fixture failed: ${snapshot.body}`);
  return { userId: u.json().user.id, tokenId: tok.json().token.id, workerId: worker[0].id, gradeReviewId: review.json().id, statsSnapshotId: snapshot.json().item.id };
}

const fill = (url: string) => url.replace(':code', '532822000000').replace(':year', '2026').replace(':id', '1');

/** Problems found, one line each; empty when every route holds. */
export async function checkRouteTable(t: TestApp, caller: Client, outside: Outside, fixtures = FIXTURES): Promise<string[]> {
  const problems: string[] = [];
  const routes = (routeTables.get(t.app) ?? []).filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.method !== 'HEAD');
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
    const anon = await t.app.inject({ method: r.method as InjectOptions['method'], url: fill(r.url), payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : {} });
    if (anon.statusCode !== 401) problems.push(`${key}: answered ${anon.statusCode} without a session, expected 401`);
    else if (anon.json().error?.code !== 'UNAUTHENTICATED') problems.push(`${key}: 401 without the error shape`);
    const f = fixtures[key];
    if (!f) {
      problems.push(`${key}: no fixture in test/helpers/route-table.ts — add its out-of-scope request`);
      continue;
    }
    if ('noRegionInput' in f) continue;
    const res = await caller.request(f.outOfScope(outside));
    if (res.statusCode !== 403 && res.statusCode !== 404) problems.push(`${key}: answered ${res.statusCode} for a region outside the caller's subtree, expected 403 or 404`);
  }
  return problems;
}
