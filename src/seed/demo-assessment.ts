/**
 * Demo of the annual assessment (F-ASSESS) and the residents' voice (F-SUPERVISE) for 勐海县:
 * - 2025: a plan approved and locked, every rated worker scored (优秀 within each street's quota, one
 *   基本合格, one 不合格 with a 容错纠错 decision), the consequences proposed and decided;
 * - 2026: an open plan, residents' rating window 1 November – 31 December, nothing scored yet;
 * - 沿河社区 (532822101001): duties and service commitments for every worker, and residents' ratings.
 * Deterministic (seeded random). The demo worker (demo-worker) is 优秀 in 2025, so a second 优秀 in
 * 2026 gives the early step once approved and confirmed.
 * Nothing here changes a grade: 2025 alone closes no run of two 优秀, and the one 不合格 is tolerated.
 */
import type { Queryable } from '../db/database.js';
import { assessmentRepository } from '../db/repositories/assessment.repository.js';
import { excellentQuota, proposeConsequences, rateEntry, ratingEligibility } from '../domain/assessment.js';
import type { AssessmentResult } from '../domain/grade.js';
import { ASSESSMENT_DEFAULTS } from '../policy/defaults.js';
import type { PlanRules } from '../services/assessment.service.js';
import { rng } from './random.js';

const COUNTY = '532822000000';
const COMMUNITY = '532822101001';
const SEEDER = '系统（演示数据）';

const DUTIES: Record<string, [string, string]> = {
  secretaryDirector: [
    '主持社区党组织和居委会全面工作，统筹网格治理与为民服务',
    '首问负责，群众来访当日接待、三日内答复',
  ],
  secretary: ['主持社区党组织工作，抓党建引领基层治理', '每周走访居民不少于 10 户，结对帮扶困难群众'],
  director: ['主持居委会工作，组织居民自治和协商议事', '居民诉求件件有回音，办结情况公开'],
  deputySecretary: ['协助书记抓党建、宣传和志愿服务', '工作日全天在岗，党员群众随时可找'],
  deputyDirector: ['协助主任做好民政、社保和综合治理', '民生事项代办代跑，不让群众多跑腿'],
  member: ['负责分管网格的人口信息、矛盾调解和安全巡查', '网格事项 24 小时内响应，重大情况立即上报'],
  staff: ['负责便民服务站窗口受理、政策咨询和代办服务', '一次告知、限时办结，服务态度接受居民监督'],
};

function rulesFor(year: number): PlanRules {
  return { ...ASSESSMENT_DEFAULTS, consecutiveExcellent: 2, policyDate: `${year}-12-31` };
}

async function createPlan(tx: Queryable, year: number, title: string) {
  const rules = rulesFor(year);
  const id = await assessmentRepository.insertPlan(tx, {
    regionCode: COUNTY,
    year,
    title,
    rules,
    ratingFrom: `${year}-${rules.ratingWindow.from}`,
    ratingTo: `${year}-${rules.ratingWindow.to}`,
    createdBy: '勐海县委社会工作部',
  });
  const { workers, periods } = await assessmentRepository.countyWorkers(tx, COUNTY.slice(0, 6));
  const byWorker = new Map<number, { startDate: string; endDate: string | null }[]>();
  for (const p of periods)
    byWorker.set(p.worker_id, [...(byWorker.get(p.worker_id) ?? []), { startDate: p.start_date, endDate: p.end_date }]);
  const entries = workers.map((w) => {
    const e = ratingEligibility({
      status: w.status,
      periods: byWorker.get(w.id) ?? [],
      year,
      minMonthsWorked: rules.minMonthsWorked,
    });
    return {
      workerId: w.id,
      regionCode: w.region_code,
      rated: e.rated,
      reason: e.reason,
      explanation: { eligibility: e.text },
    };
  });
  await assessmentRepository.insertEntries(tx, id, entries);
  return { id, rules, entries };
}

export async function seedDemoAssessment(tx: Queryable, demoWorkerId: number): Promise<void> {
  const r = rng(2025);

  // ---- 2025: scored, approved, consequences decided
  const y25 = await createPlan(tx, 2025, '勐海县 2025 年度社区工作者考核');
  const rated = y25.entries.filter((e) => e.rated);
  const byStreet = new Map<string, typeof rated>();
  for (const e of rated) byStreet.set(e.regionCode.slice(0, 9), [...(byStreet.get(e.regionCode.slice(0, 9)) ?? []), e]);
  const target = new Map<number, AssessmentResult>();
  for (const list of byStreet.values()) {
    // 优秀 up to the street's target (rounded down); the demo worker first where she is.
    const q = excellentQuota(list.length, 0, y25.rules);
    const ordered = [
      ...list.filter((e) => e.workerId === demoWorkerId),
      ...list.filter((e) => e.workerId !== demoWorkerId),
    ];
    for (const e of ordered.slice(0, q.target)) target.set(e.workerId, 'excellent');
  }
  const others = rated.filter((e) => !target.has(e.workerId) && e.workerId !== demoWorkerId);
  const basic = others[Math.floor(others.length / 3)];
  const fail = others[Math.floor((others.length * 2) / 3)];
  if (basic) target.set(basic.workerId, 'basic');
  if (fail) target.set(fail.workerId, 'fail');

  const scoreRows = rated.map((e) => {
    const want = target.get(e.workerId) ?? 'competent';
    const s =
      want === 'excellent'
        ? { politicalQuality: r.int(92, 98), workPerformance: r.int(91, 97), residentSatisfaction: r.int(92, 99) }
        : want === 'basic'
          ? { politicalQuality: r.int(66, 69), workPerformance: r.int(62, 66), residentSatisfaction: r.int(64, 69) }
          : want === 'fail'
            ? { politicalQuality: r.int(75, 80), workPerformance: r.int(70, 76), residentSatisfaction: r.int(52, 58) } // below the 60 % floor
            : { politicalQuality: r.int(80, 90), workPerformance: r.int(76, 88), residentSatisfaction: r.int(80, 92) };
    const rated1 = rateEntry(
      s,
      y25.rules,
      want === 'excellent' ? 'excellent' : want === 'competent' ? 'competent' : null,
    );
    if ('error' in rated1) throw new Error(`demo score: ${rated1.error}`);
    return {
      workerId: e.workerId,
      pq: s.politicalQuality,
      wp: s.workPerformance,
      rs: s.residentSatisfaction,
      total: rated1.total,
      result: rated1.result,
      explanation: { steps: rated1.steps },
      regionCode: e.regionCode,
    };
  });
  await assessmentRepository.updateScores(tx, y25.id, scoreRows, '勐海镇人民政府');
  await tx.query(
    `update assessment_plan set status = 'approved', approved_by = '勐海县委社会工作部', approved_at = '2026-01-20T02:00:00Z' where id = $1`,
    [y25.id],
  );
  const proposals = scoreRows.flatMap((e) =>
    proposeConsequences(2025, e.result, new Map(), y25.rules, 2).map((c) => ({
      workerId: e.workerId,
      regionCode: e.regionCode,
      ...c,
    })),
  );
  await assessmentRepository.insertConsequences(tx, y25.id, 2025, proposals);
  // Renewals and rewards confirmed; the 不合格 worker's case was reviewed: 容错纠错 (a flood-relief
  // posting took most of the year), so the negative consequences are waived.
  await tx.query(
    `update assessment_consequence set status = 'confirmed', decided_by = '勐海县委社会工作部', decided_at = '2026-01-25T02:00:00Z'
     where plan_id = $1 and kind in ('renewal', 'reward')`,
    [y25.id],
  );
  const failRow = scoreRows.find((e) => e.result === 'fail');
  if (failRow) {
    const reason = '2025 年 6–10 月抽调参加防汛救灾，居民测评期间长期不在社区，满意度偏低非主观原因';
    await assessmentRepository.insertFaultTolerance(tx, {
      planId: y25.id,
      workerId: failRow.workerId,
      regionCode: failRow.regionCode,
      year: 2025,
      reason,
      by: '勐海县委社会工作部',
    });
    await assessmentRepository.waiveNegative(
      tx,
      y25.id,
      failRow.workerId,
      ['delayed_step', 'non_renewal', 'dismissal_review', 'sanction'],
      '勐海县委社会工作部',
      `容错纠错：${reason}`,
    );
  }

  // ---- 2026: open, residents rating 1 November – 31 December
  const y26 = await createPlan(tx, 2026, '勐海县 2026 年度社区工作者考核');

  // ---- 沿河社区: public duty profiles and residents' ratings in the 2026 window
  const workers = await tx.query<{ id: number; position: string }>(
    `select id, position from worker where region_code = $1 and status <> 'exited' order by id`,
    [COMMUNITY],
  );
  for (const w of workers) {
    const [duties, commitments] = DUTIES[w.position] ?? DUTIES.staff;
    await assessmentRepository.upsertProfile(tx, w.id, duties, commitments, SEEDER);
  }
  const scores = ['satisfied', 'satisfied', 'satisfied', 'basic', 'unsatisfied'] as const;
  for (let i = 0; i < 14; i++) {
    const ballot = await assessmentRepository.insertBallot(tx, y26.id, COMMUNITY, `demo-device-${i}`);
    if (ballot === null) continue;
    const items = [
      { workerId: null as number | null, score: r.pick(scores) as string },
      ...workers.filter(() => r.next() < 0.6).map((w) => ({ workerId: w.id, score: r.pick(scores) as string })),
    ];
    await assessmentRepository.insertRatings(tx, ballot, y26.id, COMMUNITY, items);
  }
}
