/**
 * F-STATS (§6.16) 统计: the figure set of a region on a date, as a list of sections, computed from
 * counted rows `(child region, dimension, bucket, n)`. The rows come either from the live roll-up
 * (birth and hire dates by month) or from counting workers directly (by day); this module puts them
 * into bands on the date and lays the figures out per child region. Pure: no I/O.
 *
 * Sections are a list so that more can be added (training compliance, assessment distribution) without
 * touching these: each is `{id, title, unit, rule, items: [{key, label, value, byChild}]}`.
 */
import { ageOn } from './dates.js';
import {
  EDUCATIONS,
  ETHNICITIES,
  GENDERS,
  POLITICAL_STATUSES,
  POSITIONS,
  QUALIFICATIONS,
  STATUSES,
} from './worker-vocab.js';

/** One counted row: `child` is the 12-digit code of the child region the workers belong to. */
export interface CountRow {
  child: string;
  dim: string;
  /** A value; for birth, hired, joined and exited a month 'YYYY-MM' or a day 'YYYY-MM-DD'. */
  bucket: string;
  n: number;
}

export interface StatsItem {
  key: string;
  label: string;
  /** The region's figure (null when it cannot be computed, e.g. a ratio over zero). */
  value: number | null;
  /** The same figure for each child region, in the order of the columns. */
  byChild: (number | null)[];
  /** How a computed (not counted) figure was reached, for the region itself. */
  arithmetic?: string;
  /** The item's own unit where a section mixes them (the pay section: 人, 元, %); else the section's. */
  unit?: string;
}

export interface StatsSection {
  id: string;
  title: string;
  /** '人', '%', '人/万人' … */
  unit: string;
  /** The rule behind the section, in words (the opinion's clause where there is one). */
  rule: string;
  items: StatsItem[];
}

/**
 * Band edges: each number is the last value of a band, the final band is open. Ages ≤30, 31–35,
 * 36–45, 46–55, >55 (research-domain-rules.md §10) are [30, 35, 45, 55].
 */
export const DEFAULT_AGE_BANDS = [30, 35, 45, 55];
/** Full years of community work: ≤2, 3–5, 6–10, 11–20, >20. */
export const DEFAULT_SERVICE_BANDS = [2, 5, 10, 20];

export interface Bands {
  age: number[];
  service: number[];
}

/** Checks a band list: whole numbers, strictly rising, 1–10 edges between 0 and 120. Returns a message or null. */
export function bandProblem(edges: number[]): string | null {
  if (edges.length < 1 || edges.length > 10) return '分组界限应为 1–10 个';
  if (edges.some((e) => !Number.isInteger(e) || e < 0 || e > 120)) return '分组界限应为 0–120 的整数';
  for (let i = 1; i < edges.length; i++) if (edges[i] <= edges[i - 1]) return '分组界限应逐个增大';
  return null;
}

/** Labels of the bands: ≤30岁, 31–35岁, …, >55岁. */
export function bandLabels(edges: number[], unit: string): string[] {
  const out = [`≤${edges[0]}${unit}`];
  for (let i = 1; i < edges.length; i++)
    out.push(edges[i] === edges[i - 1] + 1 ? `${edges[i]}${unit}` : `${edges[i - 1] + 1}–${edges[i]}${unit}`);
  out.push(`>${edges[edges.length - 1]}${unit}`);
  return out;
}

/** The band index of a value (0 … edges.length). */
export const bandOf = (value: number, edges: number[]): number => {
  let i = 0;
  while (i < edges.length && value > edges[i]) i++;
  return i;
};

/**
 * The months in which a band edge falls on a day: for someone born (or hired) in month M of year Y,
 * the full years on date D are D.year − Y or one less, depending on the day. Only when those two
 * values lie in different bands does the day matter: Y = D.year − edge − 1, month = D's month.
 */
export function edgeMonths(date: string, edges: number[]): string[] {
  const y = +date.slice(0, 4);
  return edges.map((e) => `${String(y - e - 1).padStart(4, '0')}${date.slice(4, 7)}`);
}

/**
 * Full years on `date` of a month or day bucket. A month bucket gives the years of someone born on
 * its first day unless the month is the date's own month (then null: the day decides).
 */
export function yearsOnBucket(bucket: string, date: string): number | null {
  if (bucket.length === 10) return ageOn(bucket, date);
  const by = +bucket.slice(0, 4);
  const bm = +bucket.slice(5, 7);
  const dy = +date.slice(0, 4);
  const dm = +date.slice(5, 7);
  if (bm < dm) return dy - by;
  if (bm > dm) return dy - by - 1;
  return null;
}

/** The band of a month or day bucket on `date`, or null for a month the day decides (an edge month). */
export function bandOfBucket(bucket: string, date: string, edges: number[]): number | null {
  const years = yearsOnBucket(bucket, date);
  if (years !== null) return bandOf(years, edges);
  const dy = +date.slice(0, 4) - +bucket.slice(0, 4);
  const a = bandOf(dy, edges);
  return a === bandOf(dy - 1, edges) ? a : null;
}

/** The birth (or hire) dates of a band on `date`: [from, to] inclusive, either open. */
export function bandDateRange(date: string, edges: number[], band: number): { from: string | null; to: string | null } {
  // years ≥ lo ⇔ born on or before D − lo years; years ≤ hi ⇔ born after D − (hi + 1) years.
  const lo = band === 0 ? null : edges[band - 1] + 1;
  const hi = band === edges.length ? null : edges[band];
  const shift = (years: number) => {
    const y = +date.slice(0, 4) - years;
    // 29 February on a common year: the last day one has not yet reached that age is 28 February.
    const md = date.slice(5);
    const day = md === '02-29' && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)) ? '02-28' : md;
    return `${String(y).padStart(4, '0')}-${day}`;
  };
  const dayAfter = (iso: string) => {
    const d = new Date(`${iso}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10);
  };
  return { from: hi === null ? null : dayAfter(shift(hi + 1)), to: lo === null ? null : shift(lo) };
}

/** The first day of the period joiners and leavers are counted over: 1 January of the date's year. */
export const periodStartOf = (date: string): string => `${date.slice(0, 4)}-01-01`;

const pct = (num: number, den: number): number | null => (den > 0 ? Math.round((num * 1000) / den) / 10 : null);

interface Counter {
  /** value per bucket key per child index */
  get(dim: string, key: string): number[];
}

/** Sums rows into per-dimension, per-key vectors over the children (index = column). */
function tally(rows: readonly CountRow[], columns: readonly string[], date: string, bands: Bands): Counter {
  const index = new Map(columns.map((c, i) => [c, i]));
  const width = columns.length;
  const data = new Map<string, number[]>();
  const add = (dim: string, key: string, i: number, n: number) => {
    const k = `${dim}\u0000${key}`;
    let v = data.get(k);
    if (!v) {
      v = new Array(width).fill(0);
      data.set(k, v);
    }
    v[i] += n;
  };
  const start = periodStartOf(date);
  for (const r of rows) {
    const i = index.get(r.child);
    if (i === undefined || r.n === 0) continue;
    if (r.dim === 'birth' || r.dim === 'hired') {
      const edges = r.dim === 'birth' ? bands.age : bands.service;
      const band = bandOfBucket(r.bucket, date, edges);
      // A month a band edge cuts through is skipped here: the caller supplies it by day (edgeMonths).
      if (band === null) continue;
      add(r.dim === 'birth' ? 'ageBand' : 'serviceBand', String(band), i, r.n);
    } else if (r.dim === 'joined' || r.dim === 'exited') {
      // Counted in the period [1 January, date]: a month wholly inside, or a day inside.
      const inside =
        r.bucket.length === 10
          ? r.bucket >= start && r.bucket <= date
          : r.bucket >= start.slice(0, 7) && r.bucket < date.slice(0, 7);
      if (inside) add(r.dim, '', i, r.n);
    } else add(r.dim, r.bucket, i, r.n);
  }
  return { get: (dim, key) => data.get(`${dim}\u0000${key}`) ?? new Array(width).fill(0) };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const item = (key: string, label: string, v: number[]): StatsItem => ({ key, label, value: sum(v), byChild: v });
const plus = (a: number[], b: number[]) => a.map((x, i) => x + b[i]);

/** The dimensions whose keys the data decides (every ethnicity, grade found), sorted. */
function keysOf(rows: readonly CountRow[], dim: string): string[] {
  return [...new Set(rows.filter((r) => r.dim === dim && r.n !== 0).map((r) => r.bucket))];
}

export interface FigureInput {
  rows: readonly CountRow[];
  /** Child region codes, one column each (a region without children has itself as its one column). */
  columns: readonly string[];
  date: string;
  bands: Bands;
}

/**
 * The counted sections of the figure set. The staffing section (quota, per 10,000) needs the
 * population and policy and is added by the service; training and assessment plug in the same way.
 */
export function countedSections({ rows, columns, date, bands }: FigureInput): StatsSection[] {
  const c = tally(rows, columns, date, bands);
  const total = c.get('total', '');
  const sections: StatsSection[] = [];

  // F-SCOPE: category, position (一肩挑 counted once as itself and within 书记 and 主任), status.
  const pos = (p: string) => c.get('position', p);
  sections.push({
    id: 'headcount',
    title: '人数、类别与职务',
    unit: '人',
    rule: '在岗（含试用期）人员；“书记（含一肩挑）”“主任（含一肩挑）”把一肩挑人员分别计入两项，其余各项每人只计一次（F-SCOPE，《意见》第2条）',
    items: [
      item('total', '合计', total),
      item('committee', '社区“两委”专职成员', c.get('category', 'committee')),
      item('staff', '社区专职工作人员', c.get('category', 'staff')),
      ...Object.entries(POSITIONS).map(([k, label]) => item(`position.${k}`, label, pos(k))),
      item('secretaryAll', '书记（含一肩挑）', plus(pos('secretary'), pos('secretaryDirector'))),
      item('directorAll', '主任（含一肩挑）', plus(pos('director'), pos('secretaryDirector'))),
      ...Object.entries(STATUSES)
        .filter(([k]) => k !== 'exited')
        .map(([k, label]) => item(`status.${k}`, label, c.get('status', k))),
    ],
  });

  sections.push({
    id: 'gender',
    title: '性别',
    unit: '人',
    rule: '按档案性别（由身份证号码校验）',
    items: Object.entries(GENDERS).map(([k, label]) => item(k, label, c.get('gender', k))),
  });

  const ageBandLabels = bandLabels(bands.age, '岁');
  sections.push({
    id: 'age',
    title: '年龄',
    unit: '人',
    rule: `统计日的周岁年龄，分组 ${ageBandLabels.join('、')}`,
    items: [...ageBandLabels.map((label, b) => item(`band.${b}`, label, c.get('ageBand', String(b))))],
  });

  const ethnicities = keysOf(rows, 'ethnicity').sort(
    (a, b) => order(ETHNICITIES as readonly string[], a) - order(ETHNICITIES as readonly string[], b),
  );
  const han = c.get('ethnicity', '汉族');
  const unknown = c.get('ethnicity', '');
  sections.push({
    id: 'ethnicity',
    title: '民族',
    unit: '人',
    rule: '汉族、少数民族（档案未填民族的不计入少数民族）及各民族人数（GB/T 3304 名称）',
    items: [
      item('han', '汉族', han),
      item(
        'minority',
        '少数民族',
        total.map((t, i) => t - han[i] - unknown[i]),
      ),
      ...ethnicities.filter((e) => e !== '汉族' && e !== '').map((e) => item(`name.${e}`, e, c.get('ethnicity', e))),
      item('unknown', '未填', unknown),
    ],
  });

  sections.push({
    id: 'political',
    title: '政治面貌',
    unit: '人',
    rule: '档案所填政治面貌（GB/T 4762 名称）；中共党员（含预备党员）为两项之和',
    items: [
      item(
        'partyAll',
        '中共党员（含预备党员）',
        plus(c.get('political', 'party'), c.get('political', 'probationaryParty')),
      ),
      ...Object.entries(POLITICAL_STATUSES).map(([k, label]) => item(k, label, c.get('political', k))),
      item('unknown', '未填', c.get('political', '')),
    ],
  });

  sections.push({
    id: 'education',
    title: '学历',
    unit: '人',
    rule: '最高学历；大专及以上为博士、硕士、本科、大专之和',
    items: [
      item(
        'collegeAndAbove',
        '大专及以上',
        ['doctorate', 'master', 'bachelor', 'associate'].map((k) => c.get('education', k)).reduce(plus),
      ),
      ...Object.entries(EDUCATIONS).map(([k, label]) => item(k, label, c.get('education', k))),
      item('unknown', '未填', c.get('education', '')),
    ],
  });

  sections.push({
    id: 'socialWorkMajor',
    title: '社会工作专业',
    unit: '人',
    rule: '所学专业为社会工作类（档案标记）',
    items: [
      item('true', '社会工作专业', c.get('socialWorkMajor', 'true')),
      item('false', '其他专业', c.get('socialWorkMajor', 'false')),
    ],
  });

  sections.push({
    id: 'qualification',
    title: '社会工作者职业水平',
    unit: '人',
    rule: '持有的最高等级（就高不叠加，F-QUAL）；持证合计为三级之和',
    items: [
      item(
        'any',
        '持证合计',
        ['assistant', 'intermediate', 'senior'].map((k) => c.get('qualification', k)).reduce(plus),
      ),
      ...Object.entries(QUALIFICATIONS).map(([k, label]) => item(k, label, c.get('qualification', k))),
      item('none', '未取得', c.get('qualification', 'none')),
    ],
  });

  const grades = keysOf(rows, 'grade')
    .filter((g) => g !== '')
    .sort((a, b) => +a - +b);
  sections.push({
    id: 'grade',
    title: '岗位等级',
    unit: '人',
    rule: '年度等级评定确定的等级（F-GRADE）；尚未评定的计为“未定级”',
    items: [...grades.map((g) => item(g, `${g}级`, c.get('grade', g))), item('none', '未定级', c.get('grade', ''))],
  });

  const serviceLabels = bandLabels(bands.service, '年');
  sections.push({
    id: 'service',
    title: '社区工作年限',
    unit: '人',
    rule: `自本档案任职开始日期起至统计日的整年数（调动不中断），分组 ${serviceLabels.join('、')}`,
    items: serviceLabels.map((label, b) => item(`band.${b}`, label, c.get('serviceBand', String(b)))),
  });

  sections.push({
    id: 'origin',
    title: '来源',
    unit: '人',
    rule: '退役军人、高校毕业生入职（F-RECRUIT 优先群体）',
    items: [
      item('veteran', '退役军人', c.get('veteran', 'true')),
      item('graduate', '高校毕业生', c.get('graduate', 'true')),
    ],
  });

  const joined = c.get('joined', '');
  const exited = c.get('exited', '');
  const start = periodStartOf(date);
  // Headcount at the start of the period, estimated as today's plus leavers minus joiners (transfers between regions are not counted either way).
  const base = total.map((t, i) => t + exited[i] - joined[i]);
  sections.push({
    id: 'turnover',
    title: `进出（${start} 至 ${date}）`,
    unit: '人',
    rule: '进入 = 任职开始日期在期内的档案；离开 = 离岗（罢免、解聘、辞职、退休、死亡）日期在期内；流失率 = 离开 ÷ 期初人数，期初人数 = 现有 + 离开 − 进入（区划间调动不计进出）',
    items: [
      item('joined', '进入', joined),
      item('exited', '离开', exited),
      {
        key: 'rate',
        label: '流失率（%）',
        value: pct(sum(exited), sum(base)),
        byChild: exited.map((e, i) => pct(e, base[i])),
        arithmetic: `${sum(exited)} ÷ (${sum(total)} + ${sum(exited)} − ${sum(joined)}) × 100`,
      },
    ],
  });
  return sections;
}

const order = (list: readonly string[], x: string) => {
  const i = list.indexOf(x);
  return i < 0 ? list.length : i;
};

/** One line per differing figure between two figure sets of the same region (snapshot vs now). */
export function figureDifferences(
  before: readonly StatsSection[],
  after: readonly StatsSection[],
): {
  section: string;
  title: string;
  key: string;
  label: string;
  snapshot: number | null;
  current: number | null;
  delta: number | null;
}[] {
  const out = [];
  const afterBy = new Map(after.map((s) => [s.id, s]));
  const seen = new Set<string>();
  for (const s of before) {
    const a = afterBy.get(s.id);
    const items = new Map((a?.items ?? []).map((i) => [i.key, i]));
    for (const i of s.items) {
      seen.add(`${s.id}/${i.key}`);
      const now = items.get(i.key)?.value ?? null;
      if (now !== i.value)
        out.push({
          section: s.id,
          title: s.title,
          key: i.key,
          label: i.label,
          snapshot: i.value,
          current: now,
          delta: now === null || i.value === null ? null : Math.round((now - i.value) * 10) / 10,
        });
    }
  }
  for (const s of after)
    for (const i of s.items)
      if (!seen.has(`${s.id}/${i.key}`) && i.value !== 0 && i.value !== null)
        out.push({
          section: s.id,
          title: s.title,
          key: i.key,
          label: i.label,
          snapshot: null,
          current: i.value,
          delta: null,
        });
  return out;
}
