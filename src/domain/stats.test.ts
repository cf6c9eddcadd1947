import { describe, expect, it } from 'vitest';
import { ageOn } from './dates.js';
import {
  bandDateRange,
  bandLabels,
  bandOf,
  bandOfBucket,
  bandProblem,
  type CountRow,
  countedSections,
  DEFAULT_AGE_BANDS,
  DEFAULT_SERVICE_BANDS,
  edgeMonths,
  figureDifferences,
  yearsOnBucket,
} from './stats.js';

const AGE = DEFAULT_AGE_BANDS;

describe('F-STATS age and service bands', () => {
  it('labels: ≤30, 31–35, 36–45, 46–55, >55 (research §10)', () => {
    expect(bandLabels(AGE, '岁')).toEqual(['≤30岁', '31–35岁', '36–45岁', '46–55岁', '>55岁']);
    expect(bandLabels([2, 3], '年')).toEqual(['≤2年', '3年', '>3年']);
  });

  it.each([
    [0, 0],
    [30, 0],
    [31, 1],
    [35, 1],
    [36, 2],
    [55, 3],
    [56, 4],
    [99, 4],
  ])('age %i is in band %i', (age, band) => expect(bandOf(age, AGE)).toBe(band));

  it.each([
    [[30, 35, 45, 55], null],
    [[], '分组界限应为 1–10 个'],
    [[35, 30], '分组界限应逐个增大'],
    [[30, 30], '分组界限应逐个增大'],
    [[30.5], '分组界限应为 0–120 的整数'],
    [[-1], '分组界限应为 0–120 的整数'],
  ])('band list %j → %s', (edges, problem) => expect(bandProblem(edges)).toBe(problem));

  it('only the months a band edge cuts through need days: born in the date’s month, edge + 1 years before', () => {
    expect(edgeMonths('2026-11-28', AGE)).toEqual(['1995-11', '1990-11', '1980-11', '1970-11']);
  });

  it.each<[string, string, number | null]>([
    ['1995-10', '2026-11-28', 31], // born in October: birthday passed
    ['1995-12', '2026-11-28', 30], // born in December: not yet
    ['1995-11', '2026-11-28', null], // born in November: the day decides
    ['1995-11-28', '2026-11-28', 31],
    ['1995-11-29', '2026-11-28', 30],
  ])('full years of bucket %s on %s = %s', (bucket, date, years) => expect(yearsOnBucket(bucket, date)).toBe(years));

  it('a month that is not at an edge is settled without days; an edge month is not', () => {
    expect(bandOfBucket('1993-11', '2026-11-28', AGE)).toBe(1); // 32 or 33: both 31–35
    expect(bandOfBucket('1995-11', '2026-11-28', AGE)).toBeNull(); // 30 or 31
    expect(bandOfBucket('1995-11-29', '2026-11-28', AGE)).toBe(0);
  });

  it.each<[string, number, string | null, string | null]>([
    ['2026-11-28', 0, '1995-11-29', null], // ≤30: born after 1995-11-28
    ['2026-11-28', 1, '1990-11-29', '1995-11-28'], // 31–35
    ['2026-11-28', 4, null, '1970-11-28'], // >55: born on or before
    ['2028-02-29', 0, '1997-03-01', null], // a leap day: the year before had no 29 February
  ])('on %s band %i is born from %s to %s', (date, band, from, to) => {
    expect(bandDateRange(date, AGE, band)).toEqual({ from, to });
    // Cross-check with ageOn at the ends.
    if (from) expect(bandOf(ageOn(from, date), AGE)).toBe(band);
    if (to) expect(bandOf(ageOn(to, date), AGE)).toBe(band);
  });
});

describe('F-STATS countedSections', () => {
  const A = '532822101000';
  const B = '532822102000';
  const date = '2026-11-28';
  const rows: CountRow[] = [
    { child: A, dim: 'total', bucket: '', n: 3 },
    { child: B, dim: 'total', bucket: '', n: 2 },
    { child: A, dim: 'position', bucket: 'secretaryDirector', n: 1 },
    { child: A, dim: 'position', bucket: 'staff', n: 2 },
    { child: B, dim: 'position', bucket: 'secretary', n: 1 },
    { child: B, dim: 'position', bucket: 'director', n: 1 },
    { child: A, dim: 'ethnicity', bucket: '汉族', n: 1 },
    { child: A, dim: 'ethnicity', bucket: '傣族', n: 2 },
    { child: B, dim: 'ethnicity', bucket: '', n: 2 },
    // Age: a month row (32–33: band 1), day rows for an edge month, and the edge month's month row that must be skipped.
    { child: A, dim: 'birth', bucket: '1993-06', n: 2 },
    { child: A, dim: 'birth', bucket: '1995-11-28', n: 1 },
    { child: B, dim: 'birth', bucket: '1995-11-29', n: 2 },
    { child: B, dim: 'birth', bucket: '1995-11', n: 99 },
    // Joiners: months before the date's month, days in it; last year's not.
    { child: A, dim: 'joined', bucket: '2026-03', n: 2 },
    { child: A, dim: 'joined', bucket: '2025-12', n: 5 },
    { child: B, dim: 'joined', bucket: '2026-11-28', n: 1 },
    { child: B, dim: 'joined', bucket: '2026-11', n: 50 },
    { child: B, dim: 'exited', bucket: '2026-01', n: 1 },
  ];
  const sections = countedSections({
    rows,
    columns: [A, B],
    date,
    bands: { age: AGE, service: DEFAULT_SERVICE_BANDS },
  });
  const item = (s: string, k: string) => sections.find((x) => x.id === s)!.items.find((i) => i.key === k)!;

  it('一肩挑 counts once as itself and in both 书记 and 主任', () => {
    expect(item('headcount', 'total')).toMatchObject({ value: 5, byChild: [3, 2] });
    expect(item('headcount', 'position.secretaryDirector')).toMatchObject({ value: 1, byChild: [1, 0] });
    expect(item('headcount', 'secretaryAll')).toMatchObject({ value: 2, byChild: [1, 1] });
    expect(item('headcount', 'directorAll')).toMatchObject({ value: 2, byChild: [1, 1] });
  });

  it('汉族 / 少数民族 / by name / not filled', () => {
    expect(item('ethnicity', 'han').value).toBe(1);
    expect(item('ethnicity', 'minority')).toMatchObject({ value: 2, byChild: [2, 0] });
    expect(item('ethnicity', 'name.傣族').value).toBe(2);
    expect(item('ethnicity', 'unknown').value).toBe(2);
  });

  it('ages by month where settled, by day in edge months, never both', () => {
    expect(item('age', 'band.0')).toMatchObject({ value: 2, byChild: [0, 2] });
    expect(item('age', 'band.1')).toMatchObject({ value: 3, byChild: [3, 0] });
  });

  it('joiners and leavers of 1 January to the date; turnover rate with its arithmetic', () => {
    expect(item('turnover', 'joined')).toMatchObject({ value: 3, byChild: [2, 1] });
    expect(item('turnover', 'exited')).toMatchObject({ value: 1, byChild: [0, 1] });
    // 1 ÷ (5 + 1 − 3) = 33.3 %
    expect(item('turnover', 'rate')).toMatchObject({
      value: 33.3,
      byChild: [0, 50],
      arithmetic: '1 ÷ (5 + 1 − 3) × 100',
    });
  });

  it('differences list only what changed, with the signed delta', () => {
    const later = countedSections({
      rows: rows.map((r) => (r.dim === 'total' && r.child === B ? { ...r, n: 1 } : r)),
      columns: [A, B],
      date,
      bands: { age: AGE, service: DEFAULT_SERVICE_BANDS },
    });
    const d = figureDifferences(sections, later);
    expect(d.filter((x) => x.section === 'headcount')).toEqual([
      {
        section: 'headcount',
        title: '人数、类别与职务',
        key: 'total',
        label: '合计',
        snapshot: 5,
        current: 4,
        delta: -1,
      },
    ]);
    expect(figureDifferences(sections, sections)).toEqual([]);
  });
});
