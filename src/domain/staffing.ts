/**
 * F-NORM (§2.3) 配备标准 / 总量控制: the staffing quota of a region from its urban permanent resident
 * population, compared with the active headcount. Pure: the caller sums population and headcount
 * over the region at the level the policy names (`quotaLevel`).
 */
import { type ResolvedPolicy, ratioE4, type StaffingPolicy } from '../policy/policy.schema.js';
import { requireSection } from '../policy/resolve.js';

export type StaffingStatus = 'short' | 'within' | 'over';
// 缺员/持平/超员, not 缺编/超编: community workers are not an establishment (编制) but a staffing norm (配备标准).
/** Short category names for explanation texts. */
const CATEGORY_SHORT: Record<string, string> = { committee: '“两委”专职成员', staff: '专职工作人员' };

export const STAFFING_STATUS_LABELS: Record<StaffingStatus, string> = { short: '缺员', within: '持平', over: '超员' };

export interface StaffingNorm {
  quota: number;
  headcount: number;
  /** quota − headcount: positive = short of the quota, negative = over it. */
  gap: number;
  /** Workers per 10,000 urban permanent residents, rounded half up to 2 decimals; null when the population is 0. */
  per10k: number | null;
  status: StaffingStatus;
  explanation: {
    rule: string;
    inputs: {
      urbanPopulation: number;
      perTenThousand: number;
      quotaLevel: StaffingPolicy['quotaLevel'];
      rounding: StaffingPolicy['rounding'];
      withinTolerance: number;
      headcountByCategory: Record<string, number>;
    };
    arithmetic: string;
    headcount: string;
    gap: string;
    per10k: string;
    status: string;
  };
}

/** 205842 → "205,842". */
export const thousands = (n: number | bigint): string => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Exact decimal text of n / 10^scale (n ≥ 0), trailing zeros dropped. */
function decimal(n: bigint, scale: number): string {
  const s = n.toString().padStart(scale + 1, '0');
  const int = s.slice(0, s.length - scale);
  const frac = s.slice(s.length - scale).replace(/0+$/, '');
  return frac ? `${thousands(BigInt(int))}.${frac}` : thousands(BigInt(int));
}

const ROUNDING_TEXT: Record<StaffingPolicy['rounding'], string> = {
  ceil: '向上取整',
  round: '四舍五入',
  floor: '向下取整',
};
const QUOTA_LEVEL_TEXT: Record<StaffingPolicy['quotaLevel'], string> = { county: '县级', city: '市级' };

/**
 * The quota: `rounding(urbanPopulation ÷ 10,000 × perTenThousand)`, computed exactly with integers
 * (perTenThousand is read in ten-thousandths). 10,000 → 18; 10,001 → 19 with ceil; 0 → 0.
 */
export function staffingQuota(
  urbanPopulation: number,
  staffing: Pick<StaffingPolicy, 'perTenThousand' | 'rounding'>,
): { quota: number; exact: string } {
  if (!Number.isInteger(urbanPopulation) || urbanPopulation < 0)
    throw new RangeError(`urbanPopulation must be a non-negative integer, got ${urbanPopulation}`);
  // quota = pop × perE4 / 10^8
  const num = BigInt(urbanPopulation) * BigInt(ratioE4(staffing.perTenThousand));
  const den = 100_000_000n;
  const floor = num / den;
  const rem = num % den;
  const quota =
    staffing.rounding === 'floor'
      ? floor
      : staffing.rounding === 'ceil'
        ? rem > 0n
          ? floor + 1n
          : floor
        : rem * 2n >= den
          ? floor + 1n
          : floor;
  return { quota: Number(quota), exact: decimal(num, 8) };
}

export interface StaffingInput {
  urbanPopulation: number;
  headcountByCategory: Record<string, number>;
  policy: ResolvedPolicy;
  /**
   * A quota that is not this region's own population × norm: an adjusted quota, a share allocated from
   * the county (`allocateQuota`), or the sum of the counties below a city. `arithmetic` says how it came about.
   */
  quota?: { value: number; arithmetic: string };
}

/**
 * The figures of the staffing norm without their explanation text: what a table of thousands of
 * regions needs (building 10,000 explanations was most of the province-wide table's time).
 */
export function staffingFigures(
  input: StaffingInput,
): Pick<StaffingNorm, 'quota' | 'headcount' | 'gap' | 'per10k' | 'status'> & { exact: string; tolerance: number } {
  const staffing = requireSection(input.policy, 'staffing');
  const { urbanPopulation, headcountByCategory } = input;
  const computed = input.quota ? null : staffingQuota(urbanPopulation, staffing);
  if (input.quota && (!Number.isInteger(input.quota.value) || input.quota.value < 0))
    throw new RangeError(`quota must be a non-negative integer, got ${input.quota.value}`);
  const quota = input.quota?.value ?? computed!.quota;
  let headcount = 0;
  for (const k in headcountByCategory) {
    const v = headcountByCategory[k];
    if (!Number.isInteger(v) || v < 0)
      throw new RangeError(`headcount for ${k} must be a non-negative integer, got ${v}`);
    headcount += v;
  }
  const gap = quota - headcount;
  // per10k = headcount × 10,000 ÷ population, half up to 2 decimals: integer hundredths.
  let per10k: number | null = null;
  if (urbanPopulation > 0) {
    const num = BigInt(headcount) * 1_000_000n;
    const den = BigInt(urbanPopulation);
    per10k = Number((num * 2n + den) / (2n * den)) / 100;
  }
  const tolerance = Math.floor((quota * ratioE4(staffing.withinTolerance)) / 10000);
  const status: StaffingStatus =
    headcount < quota - tolerance ? 'short' : headcount > quota + tolerance ? 'over' : 'within';
  return { quota, headcount, gap, per10k, status, exact: computed?.exact ?? '', tolerance };
}

/**
 * F-NORM: quota, headcount, gap, workers per 10,000 and status for one region and year, with the
 * arithmetic spelled out. Status: with tolerance t (a share of the quota) the allowed deviation is
 * d = floor(quota × t) persons; `short` when headcount < quota − d, `over` when headcount > quota + d,
 * otherwise `within` (t = 0: within only when headcount = quota).
 */
export function staffingNorm(input: StaffingInput): StaffingNorm {
  const staffing = requireSection(input.policy, 'staffing');
  const { urbanPopulation, headcountByCategory } = input;
  const { quota, headcount, gap, per10k, status, exact, tolerance: d } = staffingFigures(input);
  const counts = Object.entries(headcountByCategory);
  const per10kText =
    per10k === null
      ? '城镇常住人口为 0，不计算每万人配比'
      : `${thousands(headcount)} ÷ ${thousands(urbanPopulation)} × 10,000 = ${per10k.toFixed(2)}（四舍五入保留 2 位小数）`;
  const roundFn = staffing.rounding === 'round' ? 'round' : staffing.rounding;
  const tolText = d > 0 ? `容差 ±${d} 人（职数 × ${staffing.withinTolerance} 向下取整），` : '';
  const statusText =
    status === 'short'
      ? `${tolText}实有 ${headcount} 人少于职数 ${quota}${d ? ` − ${d}` : ''} 人：${STAFFING_STATUS_LABELS.short} ${gap} 人`
      : status === 'over'
        ? `${tolText}实有 ${headcount} 人多于职数 ${quota}${d ? ` + ${d}` : ''} 人：${STAFFING_STATUS_LABELS.over} ${-gap} 人`
        : `${tolText}实有 ${headcount} 人，职数 ${quota} 人：${STAFFING_STATUS_LABELS.within}`;

  return {
    quota,
    headcount,
    gap,
    per10k,
    status,
    explanation: {
      rule: `F-NORM：每万城镇常住人口配备社区工作者 ${staffing.perTenThousand} 人，在${QUOTA_LEVEL_TEXT[staffing.quotaLevel]}总量控制，职数${ROUNDING_TEXT[staffing.rounding]}`,
      inputs: {
        urbanPopulation,
        perTenThousand: staffing.perTenThousand,
        quotaLevel: staffing.quotaLevel,
        rounding: staffing.rounding,
        withinTolerance: staffing.withinTolerance,
        headcountByCategory: { ...headcountByCategory },
      },
      arithmetic:
        input.quota?.arithmetic ??
        `${roundFn}(${thousands(urbanPopulation)} ÷ 10,000 × ${staffing.perTenThousand}) = ${roundFn}(${exact}) = ${thousands(quota)}`,
      headcount: counts.length
        ? `${counts.map(([k, v]) => `${CATEGORY_SHORT[k] ?? k} ${v}`).join(' + ')} = ${headcount}`
        : '0',
      gap: `${thousands(quota)} − ${thousands(headcount)} = ${gap < 0 ? `−${thousands(-gap)}` : thousands(gap)}`,
      per10k: per10kText,
      status: statusText,
    },
  };
}

/**
 * Splits a quota among parts (streets or communities) in proportion to their urban population by the
 * largest-remainder method, so the shares add up to the total exactly. Ties in the remainder go to
 * the larger population, then to the earlier code. An optional view for street and community pages;
 * the binding quota stays at the level the policy names.
 */
export function allocateQuota(
  total: number,
  parts: readonly { code: string; urbanPopulation: number }[],
): { code: string; quota: number }[] {
  const pop = parts.reduce((s, p) => s + p.urbanPopulation, 0);
  if (pop === 0 || total === 0) return parts.map((p) => ({ code: p.code, quota: 0 }));
  const rows = parts.map((p, i) => {
    const num = BigInt(total) * BigInt(p.urbanPopulation);
    return { i, code: p.code, pop: p.urbanPopulation, quota: Number(num / BigInt(pop)), rem: num % BigInt(pop) };
  });
  let left = total - rows.reduce((s, r) => s + r.quota, 0);
  const order = [...rows].sort((a, b) =>
    a.rem === b.rem ? b.pop - a.pop || a.code.localeCompare(b.code) : a.rem > b.rem ? -1 : 1,
  );
  for (const r of order) {
    if (left <= 0) break;
    r.quota++;
    left--;
  }
  return rows.map((r) => ({ code: r.code, quota: r.quota }));
}
