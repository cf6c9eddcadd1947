/**
 * F-TRAIN-RULE × F-STATS: a region's training compliance counts per child region at a county and above, today,
 * from the roll-up kept in the writing transaction (src/db/migrations/014_training_rollup.sql) — a
 * grouped read of a few thousand rows plus arithmetic on years (src/domain/training-rollup.ts) instead
 * of evaluating every worker of the subtree. Exactly the counts of `trainingComplianceByChild`, which
 * stays the reference and answers whenever the roll-up cannot (see `rolledUpComplianceByChild`).
 */
import type { Queryable } from '../db/database.js';
import { policyRepository, toPolicyDocument } from '../db/repositories/policy.repository.js';
import { trainingRepository } from '../db/repositories/training.repository.js';
import { trainingRollupRepository } from '../db/repositories/training-rollup.repository.js';
import { levelOfCode, PREFIX_LENGTH, scopePrefix } from '../domain/region-code.js';
import { type ComplianceStatus, trainingCompliance } from '../domain/training.js';
import { rolledRules, rollupKey, statusFromYears } from '../domain/training-rollup.js';
import { POSITIONS, type Position } from '../domain/worker-vocab.js';
import { requireSection } from '../policy/resolve.js';
import { policyCache } from './policy.service.js';
import { type ComplianceCounts, calendarPlan } from './training.service.js';

const zeroCounts = (): ComplianceCounts => ({
  compliant: 0,
  dueSoon: 0,
  pending: 0,
  overdue: 0,
  notApplicable: 0,
  total: 0,
});

function add(out: Map<string, ComplianceCounts>, child: string, status: ComplianceStatus, n: number) {
  let c = out.get(child);
  if (!c) {
    c = zeroCounts();
    out.set(child, c);
  }
  c[status] += n;
  c.total += n;
}

/**
 * The compliance counts of a county, city, province or the nation on `date` (the figure set passes today only:
 * the roll-up holds the workers as they are now) keyed by the first `digits` digits of the workers'
 * region codes (at most 9: streets), as `trainingComplianceByChild` keys them — or why the roll-up
 * cannot answer: a level at or below a street, a rolling window or more than one training per window in the region's policy,
 * a county whose rule differs from the region's, a window too early for the clamped years.
 * Completions dated after `date` are corrected for worker by worker (normally none).
 */
export async function rolledUpComplianceByChild(
  db: Queryable,
  regionCode: string,
  date: string,
  digits: number,
): Promise<{ counts: Map<string, ComplianceCounts> } | { why: string }> {
  const level = levelOfCode(regionCode);
  if (level !== 'nation' && level !== 'province' && level !== 'city' && level !== 'county')
    return { why: '街道及以下逐人计算' };
  // The roll-up holds the province, city, county and street (017_county_stats.sql) above each worker.
  if (digits > PREFIX_LENGTH.street) return { why: '社区一级逐人计算' };
  const prefix = scopePrefix(regionCode, level);
  // The probe for completions dated after the day runs beside the policy's read (one round trip less).
  const after = trainingRollupRepository.completedAfter(db, prefix, date);
  after.catch(() => {});
  // A county's streets hold a few hundred keys: read as they are beside the policy and given their
  // status here (`statusFromYears`, the SQL's arithmetic) — one round trip less on the county's path.
  // Above a county the keys are many: the status is given in SQL once the rule is known.
  const keys = level === 'county' ? trainingRollupRepository.keys(db, prefix, digits) : null;
  keys?.catch(() => {});
  const documents = (await policyRepository.forRegionAndBelow(db, regionCode, prefix)).map(toPolicyDocument);
  const training = requireSection(policyCache(documents, date)(regionCode).policy, 'training');
  const rolled = rolledRules(training, date);
  if ('why' in rolled) return rolled;
  // Every county must count by the region's own rule. Without any training section published below the
  // region (the usual case) they all inherit it; otherwise each county's (position → cycle) is compared.
  if (
    documents.some(
      (d) =>
        d.regionCode !== regionCode &&
        d.regionCode.startsWith(prefix) &&
        d.training !== undefined &&
        d.effectiveFrom <= date,
    )
  ) {
    const plan = await calendarPlan(db, regionCode, date);
    if (!plan.rules) return { why: '下属县采用滚动周期，按人逐一计算' };
    const own = (Object.keys(POSITIONS) as Position[])
      .flatMap((p) => {
        const r = training.rules.find((x) => x.appliesTo.includes(p));
        return r ? [`${p}:${r.everyYears}:${r.minTimes}:${training.windowStartYear}:${training.dueSoonDays}`] : [];
      })
      .join(',');
    const byCounty = new Map<string, string[]>();
    for (const r of plan.rules) {
      const list = byCounty.get(r.county) ?? [];
      list.push(`${r.position}:${r.everyYears}:${r.minTimes}:${r.startYear}:${r.dueSoonDays}`);
      byCounty.set(r.county, list);
    }
    for (const sig of byCounty.values())
      if (sig.join(',') !== own) return { why: '下属各县培训规则不同，按人逐一计算' };
    // A county without any rule (every position notApplicable) has no entry in plan.rules.
    if (own !== '' && byCounty.size !== (await trainingRepository.counties(db, prefix)).length)
      return { why: '下属各县培训规则不同，按人逐一计算' };
  }

  const out = new Map<string, ComplianceCounts>();
  if (keys) {
    for (const k of await keys)
      add(out, k.child, statusFromYears(rolled.rules.get(k.position as Position), k.last_year, k.hire_year), k.n);
  } else {
    const rows = await trainingRollupRepository.statusCounts(
      db,
      prefix,
      digits,
      [...rolled.rules].map(([position, r]) => ({ position, ...r })),
    );
    for (const r of rows) add(out, r.child, r.status as ComplianceStatus, r.n);
  }
  // The roll-up keeps each worker's latest completion whatever its date: a completion dated after the
  // day would count too early. Those workers are taken out and evaluated with the rule itself.
  for (const w of await after) {
    const dates = w.dates ? w.dates.split(',') : [];
    const k = rollupKey(w.hired_on, dates[0] ?? null);
    const assumed = statusFromYears(rolled.rules.get(w.position as Position), k.lastYear, k.hireYear);
    const actual = trainingCompliance(
      {
        position: w.position as Position,
        hiredOn: w.hired_on,
        completions: dates.map((d) => ({ date: d })),
        today: date,
        policy: training,
      },
      false,
    ).status;
    if (assumed === actual) continue;
    const child = w.region_code.slice(0, digits);
    add(out, child, assumed, -1);
    add(out, child, actual, 1);
  }
  return { counts: out };
}
