/**
 * F-NORM (§2.3) 配备标准 / 总量控制: quota, headcount, gap and ratio for a region and year, its children,
 * its history, and quota adjustments with who, when and why.
 *
 * Where the quota lives: the policy's `quotaLevel` (county by default; the city when its policy says
 * so). A county's quota is its urban population × the norm, unless adjusted for the year; a street or
 * community shows its share of the county's quota, allocated by population (`allocateQuota`, largest
 * remainder, so shares add up); a city or province shows the sum of its counties.
 */
import type { Database, Queryable } from '../db/database.js';
import { policyRepository, toPolicyDocument } from '../db/repositories/policy.repository.js';
import { rowLockRepository } from '../db/repositories/row-lock.repository.js';
import {
  type AdjustmentRow,
  type RegionPopulationRow,
  staffingRepository,
} from '../db/repositories/staffing.repository.js';
import { forbidden, invalid } from '../domain/errors.js';
import { type Actor, can } from '../domain/permissions.js';
import { LEVEL_LABELS, type Level, levelOfCode, PREFIX_LENGTH } from '../domain/region-code.js';
import {
  allocateQuota,
  type StaffingNorm,
  type StaffingStatus,
  staffingFigures,
  staffingNorm,
  staffingQuota,
  thousands,
} from '../domain/staffing.js';
import type { ResolvedPolicy, StaffingPolicy } from '../policy/policy.schema.js';
import { citeSource, requireSection } from '../policy/resolve.js';
import { type RequestContext, writeAudit } from './audit.service.js';
import { policyCache, policyDateForYear } from './policy.service.js';
import { regionInScope } from './region.service.js';
import { todayOf } from './worker.service.js';

/** The level of the regions one step below, and the digits that name them. */
const CHILD_DIGITS: Record<Level, number> = { nation: 2, province: 4, city: 6, county: 9, street: 12, community: 12 };
const prefixOf = (code: string, level: Level) => code.slice(0, PREFIX_LENGTH[level]);
const countyOf = (code: string) => `${code.slice(0, 6)}000000`;
const cityOf = (code: string) => `${code.slice(0, 4)}00000000`;

interface Node {
  code: string;
  name: string;
  level: Level;
  ownPopulation: number | null;
  population: number;
  children: Node[];
  /** Set when the quota is not the region's own population × norm (adjusted, allocated or summed). */
  quota: number;
  quotaArithmetic?: string;
  adjustment?: AdjustmentRow;
}

/** The region tree of a subtree with populations rolled up: a region without its own row counts its children's sum. */
function buildTree(rows: readonly RegionPopulationRow[]): Map<string, Node> {
  const nodes = new Map<string, Node>();
  for (const r of rows)
    nodes.set(r.code, {
      code: r.code,
      name: r.name,
      level: r.level as Level,
      ownPopulation: r.urban_resident_population,
      population: 0,
      children: [],
      quota: 0,
    });
  for (const r of rows)
    if (r.parent_code && r.code !== r.parent_code) nodes.get(r.parent_code)?.children.push(nodes.get(r.code)!);
  // Children's codes sort after their parent's: walking backwards settles children first.
  for (let i = rows.length - 1; i >= 0; i--) {
    const n = nodes.get(rows[i].code)!;
    n.population = n.ownPopulation ?? n.children.reduce((s, c) => s + c.population, 0);
  }
  return nodes;
}

const list = (xs: number[]) =>
  xs.length > 12
    ? `${xs.slice(0, 12).map(thousands).join(' + ')} + …（共 ${xs.length} 项）`
    : xs.map(thousands).join(' + ');

/**
 * Settles the quota of every region below `root`, top-down: quota holders compute (or take their
 * adjustment), regions below them get an allocated share, regions above them the sum.
 */
function settleQuotas(
  root: Node,
  policyAt: (code: string) => ResolvedPolicy,
  adjustmentOf: (code: string) => AdjustmentRow | undefined,
): void {
  const own = (n: Node, staffing: StaffingPolicy) => {
    const computed = staffingQuota(n.population, staffing).quota;
    const adj = adjustmentOf(n.code);
    if (adj) {
      n.adjustment = adj;
      n.quota = adj.quota;
      n.quotaArithmetic = `调整后职数 ${thousands(adj.quota)}（按人口计算为 ${thousands(computed)}；${adj.created_by} 于 ${new Date(adj.created_at).toISOString().slice(0, 10)} 调整：${adj.reason}）`;
    } else n.quota = computed;
    allocate(n);
  };
  const allocate = (n: Node) => {
    const shares = allocateQuota(
      n.quota,
      n.children.map((c) => ({ code: c.code, urbanPopulation: c.population })),
    );
    n.children.forEach((c, i) => {
      c.quota = shares[i].quota;
      c.quotaArithmetic = `${n.name}职数 ${thousands(n.quota)} 按城镇常住人口分配（最大余数法）：${thousands(n.quota)} × ${thousands(c.population)} ÷ ${thousands(n.population)} → ${thousands(c.quota)}`;
      allocate(c);
    });
  };
  const sum = (n: Node) => {
    for (const c of n.children) settle(c);
    const parts = n.children.filter((c) => c.level !== 'street' && c.level !== 'community');
    n.quota = parts.reduce((s, c) => s + c.quota, 0);
    n.quotaArithmetic = `各下级区划职数之和：${parts.length ? list(parts.map((c) => c.quota)) : '0'} = ${thousands(n.quota)}`;
  };
  const settle = (n: Node) => {
    if (n.level === 'county') return own(n, requireSection(policyAt(n.code), 'staffing'));
    if (n.level === 'city' && requireSection(policyAt(n.code), 'staffing').quotaLevel === 'city')
      return own(n, requireSection(policyAt(n.code), 'staffing'));
    if (n.level === 'street' || n.level === 'community') return allocate(n);
    return sum(n);
  };
  settle(root);
}

/** The region to load so that the region's quota can be settled: its quota holder (county or city), or itself above that. */
async function quotaScope(db: Queryable, code: string, level: Level, date: string) {
  const top = level === 'county' || level === 'street' || level === 'community' ? cityOf(code) : code;
  const topLevel = levelOfCode(top)!;
  const documents = (await policyRepository.forRegionAndBelow(db, top, prefixOf(top, topLevel))).map(toPolicyDocument);
  const policyAt = policyCache(documents, date);
  let root = top;
  if (topLevel === 'city' && level !== 'city' && requireSection(policyAt(top).policy, 'staffing').quotaLevel !== 'city')
    root = countyOf(code);
  return { root, rootLevel: levelOfCode(root)!, policyAt };
}

export interface StaffingFigure extends StaffingNorm {
  code: string;
  name: string;
  level: Level;
  urbanPopulation: number;
  byCategory: { committee: number; staff: number };
}

/** Everything one year's figures need: the settled tree around the region and the policy per region. */
async function settledTree(db: Queryable, code: string, year: number, today: string) {
  const level = levelOfCode(code)!;
  const date = policyDateForYear(year, today);
  const { root, rootLevel, policyAt } = await quotaScope(db, code, level, date);
  const rootPrefix = prefixOf(root, rootLevel);
  const [rows, adjustments] = await Promise.all([
    staffingRepository.regionsWithPopulation(db, rootPrefix, year),
    staffingRepository.adjustments(db, { prefix: rootPrefix, year }),
  ]);
  const nodes = buildTree(rows);
  const latest = new Map<string, AdjustmentRow>();
  for (const a of adjustments) if (!latest.has(a.region_code)) latest.set(a.region_code, a);
  settleQuotas(
    nodes.get(root)!,
    (c) => policyAt(c).policy,
    (c) => latest.get(c),
  );
  // A past year is counted from the employment periods at its year-end; the current year from today's status.
  const asOf = year < +today.slice(0, 4) ? `${year}-12-31` : undefined;
  return { nodes, adjustments, policyAt, date, asOf };
}

function figure(n: Node, policy: ResolvedPolicy, byCategory: { committee: number; staff: number }): StaffingFigure {
  const norm = staffingNorm({
    urbanPopulation: n.population,
    headcountByCategory: byCategory,
    policy,
    ...(n.quotaArithmetic ? { quota: { value: n.quota, arithmetic: n.quotaArithmetic } } : {}),
  });
  return { ...norm, code: n.code, name: n.name, level: n.level, urbanPopulation: n.population, byCategory };
}

const zero = () => ({ committee: 0, staff: 0 });
const addCount = (to: { committee: number; staff: number }, category: string, n: number) => {
  if (category === 'committee' || category === 'staff') to[category] += n;
};

const presentAdjustment = (a: AdjustmentRow) => ({
  id: a.id,
  regionCode: a.region_code,
  regionName: a.region_name,
  year: a.year,
  quota: a.quota,
  reason: a.reason,
  createdBy: a.created_by,
  createdAt: new Date(a.created_at).toISOString(),
});

const statusOf = (f: StaffingFigure) => ({
  code: f.code,
  name: f.name,
  level: f.level,
  urbanPopulation: f.urbanPopulation,
  headcount: f.headcount,
  quota: f.quota,
  gap: f.gap,
  per10k: f.per10k,
  status: f.status as StaffingStatus,
});

/** F-NORM: the staffing figures of a region for a year, explained, with its children and the adjustments behind them. */
export async function staffingReader(
  db: Database,
  actor: Actor,
  code: string,
  input: { year?: number },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'policy.read')) throw forbidden();
  const region = await regionInScope(db, actor, code);
  const today = todayOf(ctx);
  const year = input.year ?? +today.slice(0, 4);
  const level = region.level as Level;
  const { nodes, adjustments, policyAt, date, asOf } = await settledTree(db, code, year, today);
  const digits = CHILD_DIGITS[level];
  const counts = await staffingRepository.headcount(db, prefixOf(code, level), digits, asOf);
  const total = zero();
  const perChild = new Map<string, { committee: number; staff: number }>();
  for (const r of counts) {
    addCount(total, r.category, r.n);
    const child = r.code.padEnd(12, '0');
    const c = perChild.get(child) ?? zero();
    addCount(c, r.category, r.n);
    perChild.set(child, c);
  }
  const node = nodes.get(code)!;
  const resolved = policyAt(code);
  const f = figure(node, resolved.policy, total);
  const staffing = requireSection(resolved.policy, 'staffing');
  const children =
    digits > PREFIX_LENGTH[level]
      ? node.children.map((c) => statusOf(figure(c, policyAt(c.code).policy, perChild.get(c.code) ?? zero())))
      : [];
  const used = new Set([...nodes.values()].filter((n) => n.adjustment).map((n) => n.adjustment!.id));
  // Shown: adjustments of the region, of the quota holder above it, and of the regions below it.
  const shown = adjustments.filter(
    (a) =>
      code.startsWith(prefixOf(a.region_code, levelOfCode(a.region_code)!)) ||
      a.region_code.startsWith(prefixOf(code, level)),
  );
  const { rule, inputs, arithmetic, ...rest } = f.explanation;
  return {
    code,
    name: region.name,
    level,
    year,
    policyDate: date,
    quota: f.quota,
    headcount: f.headcount,
    gap: f.gap,
    per10k: f.per10k,
    status: f.status,
    explanation: {
      rule,
      inputs: { ...inputs, year, policyDate: date, headcountAsOf: asOf ?? today },
      arithmetic,
      ...rest,
      source: (resolved.sources.staffing ?? []).map(citeSource).join('；'),
    },
    byCategory: f.byCategory,
    urbanPopulation: f.urbanPopulation,
    quotaLevel: staffing.quotaLevel,
    adjustments: shown.map((a) => ({ ...presentAdjustment(a), applied: used.has(a.id) })),
    children,
  };
}

/** The figures of a region year by year (every year with population data). */
export async function staffingHistoryReader(db: Database, actor: Actor, code: string, ctx: RequestContext = {}) {
  if (!can(actor, 'policy.read')) throw forbidden();
  const region = await regionInScope(db, actor, code);
  const level = region.level as Level;
  const today = todayOf(ctx);
  const prefix = prefixOf(code, level);
  const years = await staffingRepository.populationYears(db, prefix);
  const items = [];
  for (const year of years.reverse()) {
    const { nodes, policyAt, asOf } = await settledTree(db, code, year, today);
    const total = zero();
    for (const r of await staffingRepository.headcount(db, prefix, PREFIX_LENGTH[level], asOf))
      addCount(total, r.category, r.n);
    const f = figure(nodes.get(code)!, policyAt(code).policy, total);
    const adjustment = nodes.get(code)!.adjustment;
    items.push({
      year,
      urbanPopulation: f.urbanPopulation,
      quota: f.quota,
      headcount: f.headcount,
      gap: f.gap,
      per10k: f.per10k,
      status: f.status,
      adjustment: adjustment ? presentAdjustment(adjustment) : null,
    });
  }
  const adjustments = await staffingRepository.adjustments(db, { codes: [code] });
  return { items, adjustments: adjustments.map(presentAdjustment) };
}

/** F-NORM "adjusted periodically": a quota for a year that replaces the computed one, with who, when and why. */
export async function staffingAdjuster(
  db: Database,
  actor: Actor,
  code: string,
  input: { year: number; quota: number; reason: string },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'staffing.adjust')) throw forbidden();
  const reason = input.reason?.trim() ?? '';
  if (!reason) throw invalid('reason', '请填写调整理由');
  const today = todayOf(ctx);
  return db.transaction(async (tx) => {
    // Locked: two adjustments at once would both record the same quota as `before`.
    await rowLockRepository.lock(tx, 'region', code);
    const region = await regionInScope(tx, actor, code);
    const level = region.level as Level;
    const { nodes, policyAt } = await settledTree(tx, code, input.year, today);
    const quotaLevel = requireSection(policyAt(code).policy, 'staffing').quotaLevel;
    if (level !== quotaLevel)
      throw invalid(
        'code',
        `职数在${LEVEL_LABELS[quotaLevel]}总量控制，只能调整${LEVEL_LABELS[quotaLevel]}的职数（${region.name}为${LEVEL_LABELS[level]}）`,
      );
    const before = nodes.get(code)!.quota;
    const row = await staffingRepository.insertAdjustment(tx, {
      regionCode: code,
      year: input.year,
      quota: input.quota,
      reason,
      createdBy: actor.name,
    });
    await writeAudit(
      tx,
      actor,
      {
        action: 'staffing.adjust',
        entityType: 'staffing_adjustment',
        entityId: row.id,
        regionCode: code,
        before: { year: input.year, quota: before },
        after: { year: input.year, quota: input.quota, reason },
      },
      ctx,
    );
    return { item: presentAdjustment(row) };
  });
}

/**
 * The staffing table of every region in a subtree (statistics, benchmarks): one grouped headcount
 * query by community, rolled up in memory, and the settled quotas.
 */
export async function staffingTableReader(
  db: Database,
  actor: Actor,
  code: string,
  input: { year?: number },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'policy.read')) throw forbidden();
  const region = await regionInScope(db, actor, code);
  const today = todayOf(ctx);
  const year = input.year ?? +today.slice(0, 4);
  const level = region.level as Level;
  const prefix = prefixOf(code, level);
  const [{ nodes, policyAt }, counts] = await Promise.all([
    settledTree(db, code, year, today),
    staffingRepository.headcount(db, prefix, 12, year < +today.slice(0, 4) ? `${year}-12-31` : undefined),
  ]);
  // Counts land on their region (community, or a street for workers attached there) and are summed
  // up the tree, children before parents (codes sort after their parent's).
  const byRegion = new Map<string, { committee: number; staff: number }>();
  for (const r of counts) {
    const x = byRegion.get(r.code) ?? zero();
    addCount(x, r.category, r.n);
    byRegion.set(r.code, x);
  }
  const inside = [...nodes.values()]
    .filter((n) => n.code.startsWith(prefix))
    .sort((a, b) => (a.code < b.code ? -1 : 1));
  for (let i = inside.length - 1; i >= 0; i--) {
    const n = inside[i];
    if (n.children.length === 0) continue;
    const x = byRegion.get(n.code) ?? zero();
    for (const c of n.children) {
      const y = byRegion.get(c.code);
      if (y) {
        x.committee += y.committee;
        x.staff += y.staff;
      }
    }
    byRegion.set(n.code, x);
  }
  // Figures only: the table does not carry explanations (each region's page does).
  const items = inside.map((n) => {
    const byCategory = byRegion.get(n.code) ?? zero();
    const f = staffingFigures({
      urbanPopulation: n.population,
      headcountByCategory: byCategory,
      policy: policyAt(n.code).policy,
      ...(n.quotaArithmetic ? { quota: { value: n.quota, arithmetic: n.quotaArithmetic } } : {}),
    });
    return {
      code: n.code,
      name: n.name,
      level: n.level,
      urbanPopulation: n.population,
      headcount: f.headcount,
      quota: f.quota,
      gap: f.gap,
      per10k: f.per10k,
      status: f.status,
    };
  });
  return { year, items };
}
