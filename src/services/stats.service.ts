/**
 * F-STATS (§6.16) 统计: the figure set of any region on any date, the workers behind a figure,
 * year-end snapshots approved once per level and year, the difference of a snapshot against the
 * figures now, and the report as .xlsx.
 *
 * Where the counts come from (all in the request, nothing precomputed by a batch):
 * - today, a county, city, province or the nation: the roll-up `stats_rollup` kept by triggers in the
 *   writing transaction (008_stats.sql), its children's rows, plus by day the few months a band edge cuts;
 * - today, a street or community: a direct count of its workers (a few hundred);
 * - a past date: the history (employment periods, positions, qualifications) counted directly.
 *
 * Training compliance and assessment distribution are further sections: add them to `SECTION_SOURCES`.
 */
import ExcelJS from 'exceljs';
import type { Database, Queryable } from '../db/database.js';
import { regionRepository } from '../db/repositories/region.repository.js';
import { rowLockRepository } from '../db/repositories/row-lock.repository.js';
import { type SnapshotRow, statsRepository } from '../db/repositories/stats.repository.js';
import { trainingRollupRepository } from '../db/repositories/training-rollup.repository.js';
import { isIsoDate } from '../domain/dates.js';
import { conflict, DomainError, forbidden, invalid, notFound } from '../domain/errors.js';
import { divHalfUp, formatFen } from '../domain/pay.js';
import { type Actor, can } from '../domain/permissions.js';
import { isRegionCode, LEVEL_LABELS, type Level, PREFIX_LENGTH } from '../domain/region-code.js';
import {
  type Bands,
  bandDateRange,
  bandProblem,
  type CountRow,
  countedSections,
  DEFAULT_AGE_BANDS,
  DEFAULT_SERVICE_BANDS,
  edgeMonths,
  figureDifferences,
  periodStartOf,
  type StatsSection,
} from '../domain/stats.js';
import type { PayPolicy } from '../policy/policy.schema.js';
import { requireSection, resolvePolicy } from '../policy/resolve.js';
import { type RequestContext, writeAudit } from './audit.service.js';
import { payOfSubtree } from './pay-cache.js';
import { documentsFor } from './policy.service.js';
import { regionInScope } from './region.service.js';
import { staffingReader } from './staffing.service.js';
import { type ComplianceCounts, trainingComplianceByChild, trainingComplianceIds } from './training.service.js';
import { rolledUpComplianceByChild } from './training-rollup.js';
import { presentWorker, todayOf } from './worker.service.js';

const CHILD_LEVEL: Record<Level, Level | null> = {
  nation: 'province',
  province: 'city',
  city: 'county',
  county: 'street',
  street: 'community',
  community: null,
};
/** Levels whose live figures come from the roll-up (it holds rows for their children). */
const ROLLED_UP: Level[] = ['nation', 'province', 'city', 'county'];

export interface StatsInput {
  region?: string;
  date?: string;
  ageBands?: string;
  serviceBands?: string;
}

export interface Column {
  code: string;
  name: string;
  level: string;
}

export interface FigureSet {
  region: Column;
  date: string;
  /** live: today's figures; history: counted from periods and positions on a past date. */
  basis: 'live' | 'history';
  /** How the counts were read, for the reader (the figures' "inputs"). */
  method: string;
  bands: Bands;
  columns: Column[];
  sections: StatsSection[];
}

function parseBands(text: string | undefined, fallback: number[], field: string): number[] {
  if (text === undefined || text === '') return fallback;
  const edges = text.split(',').map((x) => Number(x.trim()));
  const problem = bandProblem(edges);
  if (problem) throw invalid(field, `${problem}（例如 30,35,45,55）`);
  return edges;
}

function checkDate(date: string | undefined, today: string): string {
  if (date === undefined || date === '') return today;
  if (!isIsoDate(date)) throw invalid('date', '统计日期应为 YYYY-MM-DD 格式的有效日期');
  if (date > today) throw invalid('date', '统计日期不能晚于今天');
  if (date < '1949-10-01') throw invalid('date', '统计日期不能早于 1949-10-01');
  return date;
}

async function checkRegion(db: Queryable, actor: Actor, region: string | undefined) {
  const code = region ?? actor.regionCode;
  if (!isRegionCode(code)) throw invalid('region', '区划代码应为 12 位数字');
  return regionInScope(db, actor, code);
}

/** The counted rows and columns of a region on a date. */
/** The columns of a region's figures: its child regions in the caller's scope, or itself when it has none. */
async function columnsOf(
  db: Queryable,
  actor: Actor,
  code: string,
  level: Level,
  childrenRead?: Promise<Awaited<ReturnType<typeof regionRepository.children>>>,
) {
  const childLevel = CHILD_LEVEL[level];
  const children = childLevel ? await (childrenRead ?? regionRepository.children(db, actor.scope, code)) : [];
  const columns: Column[] = children.length
    ? children.map((c) => ({ code: c.code, name: c.name, level: c.level }))
    : [];
  const digits = childLevel && children.length ? PREFIX_LENGTH[childLevel] : 12;
  return { columns, digits };
}

async function countRows(
  db: Queryable,
  actor: Actor,
  code: string,
  level: Level,
  date: string,
  live: boolean,
  bands: Bands,
  known?: Awaited<ReturnType<typeof columnsOf>>,
) {
  const { columns, digits } = known ?? (await columnsOf(db, actor, code, level));
  const prefix = code.slice(0, PREFIX_LENGTH[level]);
  let rows: CountRow[];
  let method: string;
  if (live && ROLLED_UP.includes(level) && columns.length) {
    rows = await statsRepository.rollup(
      db,
      columns.map((c) => c.code),
      digits,
      date,
      bands,
      { birth: edgeMonths(date, bands.age), hired: edgeMonths(date, bands.service) },
    );
    method =
      '实时汇总表（随每次写入在同一事务中更新）按下级区划读取；出生、任职日期按月汇总，分组界限所在月份按日从人员表计数';
  } else {
    rows = await statsRepository.scan(db, prefix, digits, date, periodStartOf(date), live);
    method = live
      ? '直接计数本区划在岗人员（当前档案）'
      : '按任职经历计数统计日在本区划任职的人员（职务、职业水平、等级取统计日当时的记录；性别、民族、学历等取档案现值）';
  }
  // A region without children (a community) is its own one column.
  const cols = columns.length ? columns : [{ code, name: '', level }];
  return { rows, columns: cols, method, childless: columns.length === 0 };
}

// Quotas change with population, policy and adjustments, not with worker writes: they are cached per
// region and year and recomputed when any of those tables changes.
const quotaCache = new Map<
  string,
  { version: string; quota: number; population: number; children: Map<string, { quota: number; population: number }> }
>();

async function quotaVersion(db: Queryable): Promise<string> {
  const [v] = await db.query<{ v: string }>(
    `select concat_ws('/', (select max(updated_at)::text from region_population), (select count(*) from staffing_adjustment),
       (select max(id) from staffing_adjustment), (select count(*) from policy_document)) as v`,
  );
  return v.v;
}

async function quotasOf(db: Database, actor: Actor, code: string, year: number, ctx: RequestContext) {
  const version = await quotaVersion(db);
  const key = `${(db as { engine?: string }).engine}/${code}/${year}`;
  const hit = quotaCache.get(key);
  if (hit && hit.version === version) return hit;
  const s = await staffingReader(db, actor, code, { year }, ctx);
  const entry = {
    version,
    quota: s.quota,
    population: s.urbanPopulation,
    children: new Map(s.children.map((c) => [c.code, { quota: c.quota, population: c.urbanPopulation }])),
  };
  quotaCache.set(key, entry);
  return entry;
}

const per10k = (n: number, pop: number): number | null => (pop > 0 ? Math.round((n * 1_000_000) / pop) / 100 : null);

/** F-NORM against the counted headcount: quota, gap, per 10,000 urban residents, for the region and each column. */
async function staffingSection(
  quotas: Promise<Awaited<ReturnType<typeof quotasOf>>>,
  code: string,
  date: string,
  columns: Column[],
  headcount: { value: number | null; byChild: (number | null)[] },
): Promise<StatsSection> {
  const year = +date.slice(0, 4);
  const hc = headcount.value ?? 0;
  let q: Awaited<ReturnType<typeof quotasOf>>;
  try {
    q = await quotas;
  } catch (e) {
    // A year before any staffing policy was in force has no quota: the headcount still counts.
    if (!(e instanceof DomainError) || e.code !== 'POLICY_NOT_IN_FORCE') throw e;
    return {
      id: 'staffing',
      title: `配备（${year} 年无职数）`,
      unit: '人',
      rule: `${year} 年没有生效的配备标准政策，职数、缺口和每万人配比无法计算（${e.message}）`,
      items: [{ key: 'headcount', label: '实有', value: hc, byChild: headcount.byChild }],
    };
  }
  const child = (c: Column) =>
    q.children.get(c.code) ??
    (c.code === code ? { quota: q.quota, population: q.population } : { quota: 0, population: 0 });
  const byHc = headcount.byChild.map((n) => n ?? 0);
  return {
    id: 'staffing',
    title: `配备（${year} 年职数）`,
    unit: '人',
    rule: '职数按《意见》每万城镇常住人口 18 人（或本地政策、调整后职数）在县级总量控制；缺口 = 职数 − 实有；每万人配比 = 实有 ÷ 城镇常住人口 × 10,000（F-NORM）',
    items: [
      { key: 'quota', label: '职数', value: q.quota, byChild: columns.map((c) => child(c).quota) },
      { key: 'headcount', label: '实有', value: hc, byChild: byHc },
      {
        key: 'gap',
        label: '缺口（职数−实有）',
        value: q.quota - hc,
        byChild: columns.map((c, i) => child(c).quota - byHc[i]),
        arithmetic: `${q.quota} − ${hc} = ${q.quota - hc}`,
      },
      {
        key: 'population',
        label: '城镇常住人口',
        value: q.population,
        byChild: columns.map((c) => child(c).population),
      },
      {
        key: 'per10k',
        label: '每万人配比',
        value: per10k(hc, q.population),
        byChild: columns.map((c, i) => per10k(byHc[i], child(c).population)),
        arithmetic: `${hc} ÷ ${q.population} × 10,000`,
      },
    ],
  };
}

/** Levels whose training compliance is evaluated worker by worker inside the figure set (see trainingSection; a county today reads the roll-up first). */
const TRAINING_LEVELS: Level[] = ['county', 'street', 'community'];
/** Above a county, the most serving workers the per-worker evaluator is run for when the roll-up cannot answer. */
const TRAINING_EVALUATED_MAX = 100_000;

/**
 * F-TRAIN-RULE: compliance with the training rule in force, per child region. A street and a community,
 * and a county on a past date: `trainingComplianceByChild` (every worker evaluated in one query, the
 * same rule as the training pages). A county, city, province or the nation today: the roll-up of the
 * inputs of the calendar rule (`rolledUpComplianceByChild`, 014_training_rollup.sql, streets since
 * 017_county_stats.sql), the same counts in a grouped read; a county falls back to the per-worker rule
 * whenever the roll-up cannot answer. When the
 * roll-up cannot answer (a past date, a rolling window, more than one training per window, counties
 * with different rules) the evaluator runs for up to `TRAINING_EVALUATED_MAX` serving workers; beyond
 * that the section says why it is not shown. A date before any training policy gives no section.
 */
async function trainingSection(
  db: Database,
  code: string,
  level: Level,
  date: string,
  columns: Column[],
  childless: boolean,
  live: boolean,
): Promise<StatsSection | null> {
  const digits = childless ? 12 : PREFIX_LENGTH[CHILD_LEVEL[level]!];
  let byChild: Map<string, ComplianceCounts>;
  let basis = '';
  try {
    const rolledBasis =
      '；由培训汇总表（各街道、县按职务、最近一次结业年份、入职年份的人数，随每次写入更新）按周期规则计算，与逐人判定一致';
    if (level === 'county' && live && !childless) {
      // A county today: its streets' roll-up rows (017), the per-worker rule when the roll-up cannot answer.
      const rolled = await rolledUpComplianceByChild(db, code, date, digits);
      if ('counts' in rolled) {
        byChild = rolled.counts;
        basis = rolledBasis;
      } else byChild = await trainingComplianceByChild(db, code, date, digits);
    } else if (TRAINING_LEVELS.includes(level)) byChild = await trainingComplianceByChild(db, code, date, digits);
    else {
      const rolled = live ? await rolledUpComplianceByChild(db, code, date, digits) : { why: '历史日期按人逐一计算' };
      if ('counts' in rolled) {
        byChild = rolled.counts;
        basis = rolledBasis;
      } else if ((await trainingRollupRepository.servingCount(db, code)) <= TRAINING_EVALUATED_MAX)
        byChild = await trainingComplianceByChild(db, code, date, digits);
      else
        return {
          id: 'training',
          title: '培训达标',
          unit: '人',
          rule: `本级未显示培训达标：${rolled.why}，在岗人员超过 ${TRAINING_EVALUATED_MAX.toLocaleString('en-US')} 人，逐人计算超出统计的响应时间；请在培训达标页或下级区域查看（F-TRAIN-RULE）`,
          items: [],
        };
    }
  } catch (e) {
    if (e instanceof DomainError && e.code === 'POLICY_NOT_IN_FORCE') return null;
    throw e;
  }
  const zero: ComplianceCounts = { compliant: 0, dueSoon: 0, pending: 0, overdue: 0, notApplicable: 0, total: 0 };
  const per = columns.map((c) => byChild.get(childless ? code : c.code.slice(0, digits)) ?? zero);
  const sum = (k: keyof ComplianceCounts) => per.reduce((a, c) => a + c[k], 0);
  const item = (key: keyof ComplianceCounts, label: string) => ({
    key,
    label,
    value: sum(key),
    byChild: per.map((c) => c[key]),
  });
  const applicable = sum('total') - sum('notApplicable');
  const rate = (c: ComplianceCounts) => {
    const n = c.total - c.notApplicable;
    return n > 0 ? Math.round(((c.compliant + c.dueSoon + c.pending) * 10000) / n) / 100 : null;
  };
  const ok = sum('compliant') + sum('dueSoon') + sum('pending');
  return {
    id: 'training',
    title: '培训达标',
    unit: '人',
    rule: `书记、居委会主任每个自然年至少培训 1 次，其他社区工作者每 3 年至少 1 次（以生效政策的培训规则和周期为准，F-TRAIN-RULE）；逐人判定见培训达标页${basis}`,
    items: [
      item('compliant', '已达标'),
      item('dueSoon', '即将到期'),
      item('pending', '本周期未培训（未到期）'),
      item('overdue', '逾期未培训'),
      item('notApplicable', '不适用'),
      {
        key: 'rate',
        label: '未逾期比例（%）',
        value: applicable > 0 ? Math.round((ok * 10000) / applicable) / 100 : null,
        byChild: per.map(rate),
        arithmetic: `(${sum('compliant')} + ${sum('dueSoon')} + ${sum('pending')}) ÷ ${applicable} × 100`,
      },
    ],
  };
}

/** Levels whose pay figures are computed inside the figure set (see paySection). */
const PAY_LEVELS: Level[] = ['county', 'street', 'community'];

const yuanOf = (fen: number | null) => (fen === null ? null : fen / 100);
/** Mean of integer fen, half up to the fen. */
const meanFen = (sum: number, n: number) => (n > 0 ? Number(divHalfUp(BigInt(sum), BigInt(n))) : null);
/** a ÷ b × 100 with two decimals (half up), from integer fen. */
const percentOf = (a: number | null, b: number) =>
  a === null || b <= 0 ? null : Number(divHalfUp(BigInt(a) * 10000n, BigInt(b))) / 100;

/**
 * F-PAY against the average-wage reference: per child region the workers paid, their mean monthly pay,
 * the reference (the pay policy's prior-year local average wage ÷ 12) and the ratio. Each worker's pay
 * is the worker pay page's: `gradeAndPayOf` at the grade computed for the date (as the budget does —
 * not the grade on record), category, probation, position, qualification and years of service.
 * Today's figure set of a county and below only: above a county it evaluates every worker of the
 * subtree under many counties' policies (the budget page gives it there); a past date has no section
 * (the serving workers of that day are the history's, not the records the pay page reads).
 * No pay policy in force: the section with nulls and the reason in its rule.
 * The pays come from `payOfSubtree` (pay-cache.ts): computed once per worker and kept until the worker,
 * their history, the date or the policy changes — live, without running the engine for every worker.
 */
async function paySection(
  db: Database,
  code: string,
  level: Level,
  date: string,
  live: boolean,
  columns: Column[],
  childless: boolean,
): Promise<StatsSection | null> {
  if (!PAY_LEVELS.includes(level) || !live) return null;
  const county = `${code.slice(0, 6)}000000`;
  const prefix = code.slice(0, PREFIX_LENGTH[level]);
  // The policy and the pays' revisions are read side by side; without a pay policy the pays are dropped.
  const policyRead = documentsFor(db, county).then(({ documents }) => resolvePolicy(documents, county, date).policy);
  const pays = payOfSubtree(
    db,
    prefix.padEnd(12, '0'),
    prefix.padEnd(12, '9'),
    date,
    policyRead.then((p) => {
      requireSection(p, 'pay');
      return p;
    }),
  );
  pays.catch(() => {});
  const policy = await policyRead;
  const title = '薪酬与平均工资';
  const baseRule =
    '月应发 = 每人按统计日计算的岗位等级（与人员薪酬页、经费测算相同，不取档案登记等级）、岗位类别、试用期比例、职务、职业水平和工作年限，由生效薪酬政策计算（F-PAY）；平均月薪 = 月应发合计 ÷ 人数（按分计算，四舍五入到分）；参照 = 政策的上年度全口径城镇单位就业人员年平均工资 ÷ 12（四舍五入到分）；比值 = 平均月薪 ÷ 参照 × 100';
  const digits = childless ? 12 : PREFIX_LENGTH[CHILD_LEVEL[level]!];
  let pay: PayPolicy;
  try {
    pay = requireSection(policy, 'pay');
  } catch (e) {
    if (!(e instanceof DomainError) || e.code !== 'POLICY_NOT_IN_FORCE') throw e;
    const none = columns.map(() => null);
    return {
      id: 'pay',
      title: `${title}（无生效薪酬政策）`,
      unit: '元',
      rule: `${date} 没有生效的薪酬政策，平均月薪和参照无法计算（${e.message}）`,
      items: [
        { key: 'workers', label: '计薪人数', unit: '人', value: null, byChild: none },
        { key: 'meanPay', label: '平均月薪（元）', unit: '元', value: null, byChild: none },
        { key: 'reference', label: '平均工资参照（元/月）', unit: '元', value: null, byChild: none },
        { key: 'ratio', label: '平均月薪 ÷ 参照（%）', unit: '%', value: null, byChild: none },
      ],
    };
  }
  const index = new Map(columns.map((c, i) => [childless ? code : c.code.slice(0, digits), i]));
  const n = columns.map(() => 0);
  const sum = columns.map(() => 0);
  const skipped = new Map<string, number>();
  for (const w of await pays) {
    const i = index.get(w.regionCode.slice(0, digits));
    if (i === undefined) continue;
    if (w.monthlyFen === null) {
      skipped.set(w.problem ?? '', (skipped.get(w.problem ?? '') ?? 0) + 1);
      continue;
    }
    n[i]++;
    sum[i] += w.monthlyFen;
  }
  const total = n.reduce((a, b) => a + b, 0);
  const totalFen = sum.reduce((a, b) => a + b, 0);
  const refFen = Number(divHalfUp(BigInt(pay.averageWageFen), 12n));
  const mean = meanFen(totalFen, total);
  const means = columns.map((_, i) => meanFen(sum[i], n[i]));
  const notes = [...skipped].map(([reason, k]) => `${k} 人未能计算：${reason}`);
  return {
    id: 'pay',
    title: `${title}（${pay.averageWageYear} 年平均工资${pay.example ? '，示例' : ''}）`,
    unit: '元',
    rule: [baseRule, ...notes].join('；'),
    items: [
      { key: 'workers', label: '计薪人数', unit: '人', value: total, byChild: n },
      {
        key: 'meanPay',
        label: '平均月薪（元）',
        unit: '元',
        value: yuanOf(mean),
        byChild: means.map(yuanOf),
        arithmetic: `${formatFen(totalFen)} ÷ ${total} = ${mean === null ? '—' : formatFen(mean)}`,
      },
      {
        key: 'reference',
        label: '平均工资参照（元/月）',
        unit: '元',
        value: yuanOf(refFen),
        byChild: columns.map(() => yuanOf(refFen)),
        arithmetic: `${pay.averageWageYear} 年平均工资 ${formatFen(pay.averageWageFen)} ÷ 12 = ${formatFen(refFen)}`,
      },
      {
        key: 'ratio',
        label: '平均月薪 ÷ 参照（%）',
        unit: '%',
        value: percentOf(mean, refFen),
        byChild: means.map((m) => percentOf(m, refFen)),
        arithmetic: `${mean === null ? '—' : formatFen(mean)} ÷ ${formatFen(refFen)} × 100`,
      },
    ],
  };
}

/**
 * F-ASSESS: the distribution of the latest approved annual assessment (year ≤ the date's year) in the
 * subtree, per child region; results as the engine reads them (优秀/合格/基本合格/不合格 — a county's
 * own labels such as 称职 map onto these), workers not rated counted apart.
 */
async function assessmentSection(
  db: Queryable,
  code: string,
  level: Level,
  date: string,
  columns: Column[],
  childless: boolean,
): Promise<StatsSection> {
  const prefix = code.slice(0, PREFIX_LENGTH[level]);
  const digits = childless ? 12 : PREFIX_LENGTH[CHILD_LEVEL[level]!];
  const { year, rows } = await statsRepository.assessmentDistribution(db, prefix, digits, +date.slice(0, 4));
  const keys = ['excellent', 'competent', 'basic', 'fail', 'unrated'] as const;
  const labels: Record<(typeof keys)[number], string> = {
    excellent: '优秀',
    competent: '合格',
    basic: '基本合格',
    fail: '不合格',
    unrated: '不定等次',
  };
  const index = new Map(columns.map((c, i) => [childless ? code : c.code.slice(0, digits), i]));
  const byChild = Object.fromEntries(keys.map((k) => [k, columns.map(() => 0)])) as Record<
    (typeof keys)[number],
    number[]
  >;
  for (const r of rows) {
    const i = index.get(r.child);
    if (i !== undefined) byChild[r.result as (typeof keys)[number]][i] += r.n;
  }
  const total = (k: (typeof keys)[number]) => byChild[k].reduce((a, b) => a + b, 0);
  const rated = total('excellent') + total('competent') + total('basic') + total('fail');
  return {
    id: 'assessment',
    title: year === null ? '年度考核（尚无已审定结果）' : `${year} 年度考核结果`,
    unit: '人',
    rule: '县级审定并锁定的年度考核结果（F-ASSESS）：取统计日所在年度及以前最近一个已审定年度；优秀比例一般不超过 15%、最高 20%',
    items: [
      ...keys.map((k) => ({ key: k, label: labels[k], value: total(k), byChild: byChild[k] })),
      {
        key: 'excellentRate',
        label: '优秀比例（%）',
        value: rated > 0 ? Math.round((total('excellent') * 10000) / rated) / 100 : null,
        byChild: columns.map((_, i) => {
          const n = keys.slice(0, 4).reduce((a, k) => a + byChild[k][i], 0);
          return n > 0 ? Math.round((byChild.excellent[i] * 10000) / n) / 100 : null;
        }),
        arithmetic: `${total('excellent')} ÷ ${rated} × 100`,
      },
    ],
  };
}

/** The figure set (sections) of a region on a date. */
async function figureSet(
  db: Database,
  actor: Actor,
  region: { code: string; name: string; level: string },
  date: string,
  today: string,
  bands: Bands,
  ctx: RequestContext,
  childrenRead?: Promise<Awaited<ReturnType<typeof regionRepository.children>>>,
): Promise<FigureSet> {
  const level = region.level as Level;
  const live = date === today;
  // The columns first, then every source at once: the counts, the quotas, training, pay and assessment
  // each wait on their own queries (PostgreSQL runs them side by side on the pool's connections).
  const known = await columnsOf(db, actor, region.code, level, childrenRead);
  const childless = known.columns.length === 0;
  const columns = childless ? [{ code: region.code, name: region.name, level }] : known.columns;
  const quotas = quotasOf(db, actor, region.code, +date.slice(0, 4), ctx);
  quotas.catch(() => {});
  const [counted, training, pay, assessment] = await Promise.all([
    countRows(db, actor, region.code, level, date, live, bands, known),
    trainingSection(db, region.code, level, date, columns, childless, live),
    paySection(db, region.code, level, date, live, columns, childless),
    assessmentSection(db, region.code, level, date, columns, childless),
  ]);
  const { rows, method } = counted;
  const sections = countedSections({ rows, columns: columns.map((c) => c.code), date, bands });
  const total = sections[0].items[0];
  sections.splice(1, 0, await staffingSection(quotas, region.code, date, columns, total));
  if (training) sections.push(training);
  if (pay) sections.push(pay);
  sections.push(assessment);
  return {
    region: { code: region.code, name: region.name, level },
    date,
    basis: live ? 'live' : 'history',
    method,
    bands,
    columns,
    sections,
  };
}

/** GET /api/stats: the figure set of a region on a date (today by default). */
export async function statsReader(db: Database, actor: Actor, input: StatsInput, ctx: RequestContext = {}) {
  if (!can(actor, 'stats.read')) throw forbidden();
  const today = todayOf(ctx);
  const bands = {
    age: parseBands(input.ageBands, DEFAULT_AGE_BANDS, 'ageBands'),
    service: parseBands(input.serviceBands, DEFAULT_SERVICE_BANDS, 'serviceBands'),
  };
  const date = checkDate(input.date, today);
  // The child regions are read beside the region's own check (the scope is part of both queries; the
  // children are used only once the region is found in scope).
  const code = input.region ?? actor.regionCode;
  const childrenRead = isRegionCode(code) ? regionRepository.children(db, actor.scope, code) : undefined;
  childrenRead?.catch(() => {});
  const region = await checkRegion(db, actor, input.region);
  const set = await figureSet(db, actor, region, date, today, bands, ctx, childrenRead);
  const snapshot = date.endsWith('-12-31')
    ? await statsRepository.snapshotOf(db, region.code, +date.slice(0, 4))
    : null;
  return {
    ...set,
    snapshot: snapshot ? presentSnapshot(snapshot) : null,
    abilities: {
      approve: mayApprove(actor, region.code),
      export: can(actor, 'stats.export'),
      workers: can(actor, 'worker.read'),
    },
  };
}

// ------------------------------------------------------------------------------------ drill-down

/** The predicate (over the counted population) of one counted figure, '?' for each parameter. */
export function figurePredicate(
  section: string,
  key: string,
  date: string,
  bands: Bands,
): { sql: string; params: unknown[]; turnover?: boolean } | null {
  const eq = (col: string, v: unknown) => ({ sql: `w.${col} = ?`, params: [v] });
  const among = (col: string, vs: string[]) => ({ sql: `w.${col} = any(?::text[])`, params: [vs] });
  const nul = (col: string) => ({ sql: `w.${col} is null`, params: [] });
  const band = (col: string, edges: number[]) => {
    const b = Number(key.replace('band.', ''));
    if (!key.startsWith('band.') || !Number.isInteger(b) || b < 0 || b > edges.length) return null;
    const r = bandDateRange(date, edges, b);
    return { sql: `w.${col} between ? and ?`, params: [r.from ?? '0001-01-01', r.to ?? '9999-12-31'] };
  };
  switch (section) {
    case 'headcount':
      if (key === 'total') return { sql: 'true', params: [] };
      if (key === 'committee' || key === 'staff') return eq('category', key);
      if (key === 'secretaryAll') return among('position', ['secretary', 'secretaryDirector']);
      if (key === 'directorAll') return among('position', ['director', 'secretaryDirector']);
      if (key.startsWith('position.')) return eq('position', key.slice(9));
      if (key.startsWith('status.')) return eq('status', key.slice(7));
      return null;
    case 'gender':
      return key === 'male' || key === 'female' ? eq('gender', key) : null;
    case 'age':
      return band('birth_date', bands.age);
    case 'service':
      return band('hired_on', bands.service);
    case 'ethnicity':
      if (key === 'han') return eq('ethnicity', '汉族');
      if (key === 'minority') return { sql: `coalesce(w.ethnicity, '') not in ('', '汉族')`, params: [] };
      if (key === 'unknown') return { sql: `coalesce(w.ethnicity, '') = ''`, params: [] };
      if (key.startsWith('name.')) return eq('ethnicity', key.slice(5));
      return null;
    case 'political':
      if (key === 'partyAll') return among('political_status', ['party', 'probationaryParty']);
      return key === 'unknown' ? nul('political_status') : eq('political_status', key);
    case 'education':
      if (key === 'collegeAndAbove') return among('education', ['doctorate', 'master', 'bachelor', 'associate']);
      return key === 'unknown' ? nul('education') : eq('education', key);
    case 'socialWorkMajor':
      return key === 'true' || key === 'false' ? eq('social_work_major', key === 'true') : null;
    case 'qualification':
      if (key === 'any') return { sql: 'w.qualification is not null', params: [] };
      return key === 'none' ? nul('qualification') : eq('qualification', key);
    case 'grade':
      if (key === 'none') return nul('grade');
      return /^\d{1,2}$/.test(key) ? eq('grade', Number(key)) : null;
    case 'origin':
      if (key === 'veteran') return eq('veteran', true);
      if (key === 'graduate') return eq('graduate_entrant', true);
      return null;
    case 'turnover':
      if (key === 'joined')
        return { sql: 'w.hired_on between ? and ?', params: [periodStartOf(date), date], turnover: true };
      if (key === 'exited')
        return { sql: 'w.exit_date between ? and ?', params: [periodStartOf(date), date], turnover: true };
      return null;
    default:
      return null;
  }
}

const COMPLIANCE_KEYS = ['compliant', 'dueSoon', 'pending', 'overdue', 'notApplicable'] as const;
const ASSESSMENT_KEYS: Record<string, string> = {
  excellent: '优秀',
  competent: '合格',
  basic: '基本合格',
  fail: '不合格',
  unrated: '不定等次',
};

/** What a ruled list adds to each worker: the figure's own value for them. */
interface DrillExtra {
  /** e.g. 2025 年度 优秀（总分 92.50） */
  note?: string;
  /** The monthly pay counted in the pay section, integer fen. */
  monthlyFen?: number;
}

/**
 * The training, assessment and pay figures are not predicates over the counted population: each is
 * listed by the rule that counted it — the training compliance rule (`trainingComplianceIds`, the
 * same statement as the section's counts), the latest approved assessment year's entries, and every
 * worker the pay engine prices (as `paySection`). Null for the other sections.
 */
async function ruledDrill(
  db: Database,
  region: { code: string; level: string },
  section: string,
  key: string,
  date: string,
  live: boolean,
  limit: number,
  offset: number,
): Promise<{ total: number; ids: number[]; extra: Map<number, DrillExtra> } | null> {
  const level = region.level as Level;
  const prefix = region.code.slice(0, PREFIX_LENGTH[level]);
  if (section === 'training') {
    // Any level: the same statement as the compliance list (a county and below: the section's own count;
    // above: the figure comes from the roll-up, kept equal to this rule by its triggers — training-rollup.test.ts).
    const status = COMPLIANCE_KEYS.find((k) => k === key);
    if (!status) throw invalid('key', `“training/${key}”不是可以列出人员的统计项（比例是计算所得，没有名单）`);
    const r = await trainingComplianceIds(db, region.code, date, status, limit, offset);
    return { ...r, extra: new Map() };
  }
  if (section === 'assessment') {
    const label = ASSESSMENT_KEYS[key];
    if (!label) throw invalid('key', `“assessment/${key}”不是可以列出人员的统计项（优秀比例是计算所得，没有名单）`);
    const r = await statsRepository.assessmentDrill(db, prefix, +date.slice(0, 4), key, limit, offset);
    const extra = new Map(
      r.rows.map((x) => [
        Number(x.worker_id),
        { note: `${r.year} 年度 ${label}${x.total === null ? '' : `（总分 ${x.total}）`}` },
      ]),
    );
    return { total: r.total, ids: r.rows.map((x) => Number(x.worker_id)), extra };
  }
  if (section === 'pay') {
    if (!PAY_LEVELS.includes(level) || !live)
      throw invalid('section', '薪酬只在县、街道、社区当日的统计中计算，过去日期和上级区划没有名单');
    if (key !== 'workers')
      throw invalid('key', `“pay/${key}”是计算所得的金额或比值，没有名单；计薪人数（workers）可以列出人员`);
    const county = `${region.code.slice(0, 6)}000000`;
    const { documents } = await documentsFor(db, county);
    const policy = resolvePolicy(documents, county, date).policy;
    try {
      requireSection(policy, 'pay');
    } catch (e) {
      if (e instanceof DomainError && e.code === 'POLICY_NOT_IN_FORCE')
        throw invalid('section', `${date} 没有生效的薪酬政策，没有计薪人员名单`);
      throw e;
    }
    // Every worker the pay engine prices, in region and id order (as the section counts them, from the same cache).
    const paid: { id: number; fen: number }[] = [];
    for (const w of await payOfSubtree(db, prefix.padEnd(12, '0'), prefix.padEnd(12, '9'), date, policy))
      if (w.monthlyFen !== null) paid.push({ id: w.id, fen: w.monthlyFen });
    const shown = paid.slice(offset, offset + limit);
    return {
      total: paid.length,
      ids: shown.map((x) => x.id),
      extra: new Map(shown.map((x) => [x.id, { monthlyFen: x.fen, note: `月应发 ${formatFen(x.fen)}` }])),
    };
  }
  return null;
}

export interface StatsWorkersInput extends StatsInput {
  section: string;
  key: string;
  page: number;
  pageSize: number;
}

/** GET /api/stats/workers: the workers behind one figure, in the caller's scope, masked. */
export async function statsWorkersReader(
  db: Database,
  actor: Actor,
  input: StatsWorkersInput,
  ctx: RequestContext = {},
) {
  if (!can(actor, 'stats.read') || !can(actor, 'worker.read')) throw forbidden();
  const today = todayOf(ctx);
  const bands = {
    age: parseBands(input.ageBands, DEFAULT_AGE_BANDS, 'ageBands'),
    service: parseBands(input.serviceBands, DEFAULT_SERVICE_BANDS, 'serviceBands'),
  };
  const date = checkDate(input.date, today);
  const region = await checkRegion(db, actor, input.region);
  const limit = input.pageSize;
  const offset = (input.page - 1) * input.pageSize;
  const ruled = await ruledDrill(db, region, input.section, input.key, date, date === today, limit, offset);
  if (ruled) {
    const rows = ruled.ids.length ? await statsRepository.workersByIds(db, actor.scope, ruled.ids) : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return {
      total: ruled.total,
      items: ruled.ids
        .filter((id) => byId.has(id))
        .map((id) => ({ ...presentWorker(byId.get(id)!, false, today), ...ruled.extra.get(id) })),
    };
  }
  const p = figurePredicate(input.section, input.key, date, bands);
  if (!p)
    throw invalid('key', `“${input.section}/${input.key}”不是可以列出人员的统计项（计算所得的比率和职数没有名单）`);
  const prefix = region.code.slice(0, PREFIX_LENGTH[region.level as Level]);
  const { total, ids } = await statsRepository.drill(
    db,
    prefix,
    date,
    date === today,
    p,
    p.turnover ? { start: periodStartOf(date) } : null,
    input.pageSize,
    (input.page - 1) * input.pageSize,
  );
  const rows = ids.length ? await statsRepository.workersByIds(db, actor.scope, ids) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  // Lists are masked for everyone: full numbers are read one record at a time (and audited there).
  return { total, items: ids.filter((id) => byId.has(id)).map((id) => presentWorker(byId.get(id)!, false, today)) };
}

// ------------------------------------------------------------------------------------ snapshots

const presentSnapshot = (s: SnapshotRow) => ({
  id: s.id,
  regionCode: s.region_code,
  year: s.year,
  asOf: s.as_of,
  approvedBy: s.approved_by,
  approvedAt: new Date(s.approved_at).toISOString(),
});

/** Approval is the office of the region's own level (a sysadmin anywhere in scope). */
const mayApprove = (actor: Actor, code: string) =>
  can(actor, 'stats.approve') && (actor.role === 'sysadmin' || actor.role === 'system' || actor.regionCode === code);

/** POST /api/stats/snapshots: freeze the year-end figures of a region, once. */
export async function statsSnapshotApprover(
  db: Database,
  actor: Actor,
  input: { region: string; year: number },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'stats.approve')) throw forbidden();
  const today = todayOf(ctx);
  const region = await checkRegion(db, actor, input.region);
  if (!mayApprove(actor, region.code))
    throw forbidden(`年末统计由${LEVEL_LABELS[region.level as Level]}本级审核确认`, 'APPROVE_OWN_LEVEL');
  const asOf = `${input.year}-12-31`;
  if (asOf >= today) throw invalid('year', `${input.year} 年尚未结束，不能确认年末统计`);
  const set = await figureSet(
    db,
    actor,
    region,
    asOf,
    today,
    { age: DEFAULT_AGE_BANDS, service: DEFAULT_SERVICE_BANDS },
    ctx,
  );
  return db.transaction(async (tx) => {
    // Locked: two approvals at once would both find no snapshot.
    await rowLockRepository.lock(tx, 'region', region.code);
    if (await statsRepository.snapshotOf(tx, region.code, input.year))
      throw conflict(
        `${region.name} ${input.year} 年末统计已确认，不能重复确认；此后的更正显示为与快照的差异`,
        'SNAPSHOT_EXISTS',
        'year',
      );
    const row = await statsRepository.insertSnapshot(tx, {
      regionCode: region.code,
      year: input.year,
      asOf,
      figures: set,
      approvedBy: actor.name,
    });
    await writeAudit(
      tx,
      actor,
      {
        action: 'stats.snapshot',
        entityType: 'stats_snapshot',
        entityId: row.id,
        regionCode: region.code,
        after: { year: input.year, asOf, headcount: set.sections[0].items[0].value },
      },
      ctx,
    );
    return { item: presentSnapshot(row) };
  });
}

/** GET /api/stats/snapshots: the approved year-end snapshots of a region. */
export async function statsSnapshotLister(db: Database, actor: Actor, input: { region?: string }) {
  if (!can(actor, 'stats.read')) throw forbidden();
  const region = await checkRegion(db, actor, input.region);
  return { items: (await statsRepository.snapshots(db, region.code)).map(presentSnapshot) };
}

/** GET /api/stats/snapshots/:id: the frozen figures and how today's reading of the same date differs. */
export async function statsSnapshotReader(db: Database, actor: Actor, id: number, ctx: RequestContext = {}) {
  if (!can(actor, 'stats.read')) throw forbidden();
  const s = await statsRepository.snapshot(db, id);
  if (!s?.region_code.startsWith(actor.scope)) throw notFound('年末统计快照');
  const today = todayOf(ctx);
  const region = await regionInScope(db, actor, s.region_code);
  const frozen = s.figures as FigureSet;
  const now = await figureSet(db, actor, region, s.as_of, today, frozen.bands, ctx);
  return { item: presentSnapshot(s), figures: frozen, differences: figureDifferences(frozen.sections, now.sections) };
}

// ------------------------------------------------------------------------------------ trend

/** GET /api/stats/trend: headcount, quota and per 10,000 at each of the last `years` year-ends (this year: today). */
export async function statsTrendReader(
  db: Database,
  actor: Actor,
  input: { region?: string; years?: number },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'stats.read')) throw forbidden();
  const today = todayOf(ctx);
  const region = await checkRegion(db, actor, input.region);
  const n = input.years ?? 5;
  const thisYear = +today.slice(0, 4);
  const items = [];
  for (let y = thisYear - n + 1; y <= thisYear; y++) {
    const date = y === thisYear ? today : `${y}-12-31`;
    // A year with an approved snapshot reads the published figures.
    const snap = y < thisYear ? await statsRepository.snapshotOf(db, region.code, y) : null;
    const set = snap
      ? (snap.figures as FigureSet)
      : await figureSet(
          db,
          actor,
          region,
          date,
          today,
          { age: DEFAULT_AGE_BANDS, service: DEFAULT_SERVICE_BANDS },
          ctx,
        );
    const staffing = set.sections.find((s) => s.id === 'staffing')!;
    const v = (k: string) => staffing.items.find((i) => i.key === k)?.value ?? null;
    items.push({
      year: y,
      date,
      snapshot: !!snap,
      headcount: set.sections[0].items[0].value ?? 0,
      quota: v('quota'),
      per10k: v('per10k'),
    });
  }
  return { items };
}

// ------------------------------------------------------------------------------------ export

/** GET /api/stats/export.xlsx: the report offices exchange — a sheet per section, a row per child region, a totals row. Audited. */
export async function statsExporter(db: Database, actor: Actor, input: StatsInput, ctx: RequestContext = {}) {
  if (!can(actor, 'stats.export')) throw forbidden();
  const set = await statsReader(db, actor, input, ctx);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'shequ';
  const about = wb.addWorksheet('说明');
  about.addRows([
    ['社区工作者队伍统计表'],
    ['区划', `${set.region.name}（${set.region.code}）`],
    ['统计日期', set.date],
    ['口径', set.basis === 'live' ? '实时' : '历史（按任职经历）'],
    ['计数方法', set.method],
    ...set.sections.map((s) => [s.title, s.rule]),
  ]);
  about.getColumn(1).width = 22;
  about.getColumn(2).width = 100;
  for (const s of set.sections) {
    const ws = wb.addWorksheet(s.title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31));
    ws.addRow(['区划代码', '区划名称', ...s.items.map((i) => i.label)]).font = { bold: true };
    for (const [k, c] of set.columns.entries()) ws.addRow([c.code, c.name, ...s.items.map((i) => i.byChild[k])]);
    ws.addRow(['合计', set.region.name, ...s.items.map((i) => i.value)]).font = { bold: true };
    ws.getColumn(1).width = 14;
    ws.getColumn(2).width = 22;
  }
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  await db.transaction((tx) =>
    writeAudit(
      tx,
      actor,
      {
        action: 'stats.export',
        entityType: 'stats',
        entityId: set.region.code,
        regionCode: set.region.code,
        after: { date: set.date, sheets: set.sections.length + 1 },
      },
      ctx,
    ),
  );
  return { buffer, fileName: `社区工作者统计_${set.region.name}_${set.date}.xlsx` };
}
