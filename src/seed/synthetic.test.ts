import { describe, expect, it } from 'vitest';
import { ageOn } from '../domain/dates.js';
import { validateIdNumber } from '../domain/id-number.js';
import { committeeTypeOf, levelOfCode, parentCodeOf } from '../domain/region-code.js';
import { validateWorker } from '../domain/worker.js';
import { rng } from './random.js';
import { COMMITTEE_POSITIONS, SYNTHETIC_TODAY, spreadCounts, syntheticRegions, syntheticWorkers } from './synthetic.js';

const TODAY = SYNTHETIC_TODAY;
const communitiesOf = (scope: 'county' | 'province' | 'national', seed = 1) =>
  syntheticRegions(scope, seed).filter((r) => r.level === 'community');
// Shared samples: 50,000 workers over the province tree (about 5.6 per community, mostly committees)
// and 50,000 in the one-county tree (about 280 per community).
const province = communitiesOf('province');
const sample = syntheticWorkers(province, 50_000, 42, TODAY);
const countyCommunities = communitiesOf('county');
const county = syntheticWorkers(countyCommunities, 50_000, 7, TODAY);

describe('syntheticRegions', () => {
  it.each([
    ['county', 170, 190],
    ['province', 8_500, 9_500],
    ['national', 110_000, 130_000],
  ] as const)('%s scope has a real-looking tree of about the right size', { timeout: 30_000 }, (scope, lo, hi) => {
    const regions = syntheticRegions(scope, 3);
    const codes = new Set(regions.map((r) => r.code));
    const communities = regions.filter((r) => r.level === 'community');
    expect(communities.length).toBeGreaterThanOrEqual(lo);
    expect(communities.length).toBeLessThanOrEqual(hi);
    expect(codes.size).toBe(regions.length);
    // Every code's level and parent follow from its digits; parents exist; communities are 居委会 under 街道.
    const bad = regions.filter(
      (r) =>
        levelOfCode(r.code) !== r.level ||
        r.parentCode !== parentCodeOf(r.code) ||
        (r.level !== 'province' && !codes.has(r.parentCode!)) ||
        (r.level === 'community' &&
          (committeeTypeOf(r.code) !== 'residents' ||
            r.committeeType !== 'residents' ||
            Number(r.code.slice(6, 9)) >= 100)),
    );
    expect(bad).toEqual([]);
    // Never the demo's 西双版纳 codes (5328…).
    expect(regions.some((r) => r.code.startsWith('5328'))).toBe(false);
  });

  it('uses 41 for the county scope, 37 for the province scope and all 31 provinces nationally', () => {
    expect(new Set(syntheticRegions('county', 1).map((r) => r.code.slice(0, 2)))).toEqual(new Set(['41']));
    expect(new Set(syntheticRegions('province', 1).map((r) => r.code.slice(0, 2)))).toEqual(new Set(['37']));
    expect(syntheticRegions('national', 1).filter((r) => r.level === 'province')).toHaveLength(31);
  });

  it('is deterministic', () => {
    expect(syntheticRegions('national', 9)).toEqual(syntheticRegions('national', 9));
    expect(syntheticRegions('county', 9)).not.toEqual(syntheticRegions('county', 10));
  });
});

describe('syntheticWorkers', () => {
  it('gives the same workers for the same seed and different ones for another', () => {
    const a = syntheticWorkers(countyCommunities, 2_000, 5, TODAY);
    expect(syntheticWorkers(countyCommunities, 2_000, 5, TODAY)).toEqual(a);
    expect(syntheticWorkers(countyCommunities, 2_000, 6, TODAY)).not.toEqual(a);
    expect(a).toHaveLength(2_000);
  });

  it('makes valid ID numbers whose birth date, gender and address match the record', () => {
    const bad = [...sample, ...county].filter((w) => {
      const id = validateIdNumber(w.idNumber, TODAY);
      return (
        !id.ok ||
        id.value.birthDate !== w.birthDate ||
        id.value.gender !== w.gender ||
        id.value.provinceCode !== w.regionCode.slice(0, 2)
      );
    });
    expect(bad).toEqual([]);
    // The address code is mostly the community's own county.
    const own = sample.filter((w) => w.idNumber.slice(0, 6) === w.regionCode.slice(0, 6)).length / sample.length;
    expect(own).toBeGreaterThan(0.8);
  });

  it('never repeats an ID number, even with 50,000 workers in one county', () => {
    expect(new Set(sample.map((w) => w.idNumber)).size).toBe(sample.length);
    expect(new Set(county.map((w) => w.idNumber)).size).toBe(county.length);
  });

  it('gives every community its five committee members (一肩挑, deputy secretary, deputy director, two members) first', () => {
    const byCommunity = new Map<string, string[]>();
    for (const w of county) byCommunity.set(w.regionCode, [...(byCommunity.get(w.regionCode) ?? []), w.position]);
    expect(byCommunity.size).toBe(countyCommunities.length);
    const wrongOrder = [...byCommunity.values()].filter(
      (ps) => ps.slice(0, 5).join() !== COMMITTEE_POSITIONS.join() || ps.slice(5).some((p) => p !== 'staff'),
    );
    expect(wrongOrder).toEqual([]);
    const bad = county.filter(
      (w) =>
        w.category !== (w.position === 'staff' ? 'staff' : 'committee') ||
        (w.category === 'committee'
          ? w.origin !== 'elected' || !/^\d{4}年换届$/.test(w.term ?? '') || w.status !== 'active'
          : !['recruited', 'gridConverted'].includes(w.origin) || w.term !== null) ||
        (w.position === 'secretaryDirector' && w.politicalStatus !== 'party'),
    );
    expect(bad).toEqual([]);
  });

  it('keeps dates consistent: ages 22–60, started after 20 and not after today, probation only in the last 6 months', () => {
    const problems = (w: (typeof sample)[number]): string[] => {
      const p: string[] = [];
      const age = ageOn(w.birthDate, TODAY);
      if (age < 22 || age > 60) p.push(`age ${age}`);
      if (w.startDate > TODAY) p.push('starts after today');
      if (ageOn(w.birthDate, w.startDate) < 20) p.push('started before 20');
      if ((w.status === 'probation') !== (w.startDate > '2026-05-30' && w.category === 'staff'))
        p.push(`status ${w.status}`);
      if (w.qualification && (w.qualification.obtainedOn > TODAY || w.qualification.obtainedOn < '2008-06-21'))
        p.push('qualification date');
      if (
        w.graduateEntrant
          ? !(w.graduateYear! > Number(w.birthDate.slice(0, 4)) + 18 && w.graduateYear! <= 2026)
          : w.graduateYear !== null
      )
        p.push('graduate year');
      if (!/^1[3-9]\d{9}$/.test(w.phone ?? '')) p.push('phone');
      return p;
    };
    const bad = [...sample, ...county].map((w) => ({ w, p: problems(w) })).filter((x) => x.p.length);
    expect(bad).toEqual([]);
  });

  it('produces records the worker rules accept (a sample)', () => {
    for (const w of sample.slice(0, 500)) {
      const input = {
        ...w,
        qualification: w.qualification?.level,
        qualificationCertificateNo: w.qualification?.certificateNo,
        qualificationDate: w.qualification?.obtainedOn,
      };
      const v = validateWorker(input, TODAY);
      expect(v.ok ? [] : v.errors).toEqual([]);
      if (v.ok) expect(v.value).toEqual(w);
    }
  });

  it('follows the distributions of the statistics (research-domain-rules §10)', () => {
    // The county sample (about 280 per community) is mostly staff, like real rosters.
    const n = county.length;
    const share = (f: (w: (typeof county)[number]) => boolean) => county.filter(f).length / n;
    const meanAge = county.reduce((s, w) => s + ageOn(w.birthDate, TODAY), 0) / n;
    const bands: [string, number, number, number][] = [
      ['female', share((w) => w.gender === 'female'), 0.55, 0.75],
      ['mean age', meanAge, 35, 41],
      ['master', share((w) => w.education === 'master'), 0.03, 0.07],
      ['bachelor', share((w) => w.education === 'bachelor'), 0.4, 0.5],
      ['associate', share((w) => w.education === 'associate'), 0.35, 0.45],
      ['secondary', share((w) => w.education === 'secondary'), 0.07, 0.13],
      [
        'party members',
        share((w) => w.politicalStatus === 'party' || w.politicalStatus === 'probationaryParty'),
        0.5,
        0.65,
      ],
      ['qualified', share((w) => w.qualification !== null), 0.65, 0.75],
      [
        'assistant among qualified',
        county.filter((w) => w.qualification?.level === 'assistant').length /
          county.filter((w) => w.qualification).length,
        0.6,
        0.8,
      ],
      ['veterans', share((w) => w.veteran), 0.05, 0.11],
      ['graduate entrants', share((w) => w.graduateEntrant), 0.15, 0.25],
      ['汉族', share((w) => w.ethnicity === '汉族'), 0.9, 1],
      ['probation', share((w) => w.status === 'probation'), 0.01, 0.15],
      ['grid converted', share((w) => w.origin === 'gridConverted'), 0.05, 0.3],
    ];
    const outside = bands.filter(([, v, lo, hi]) => v < lo || v > hi).map(([k, v]) => `${k}: ${v.toFixed(3)}`);
    expect(outside).toEqual([]);
  });

  it('spreads workers over communities: five each when there are enough, evenly when not', () => {
    const counts = spreadCounts(10, 1_000, rng(1));
    expect(counts.reduce((s, c) => s + c, 0)).toBe(1_000);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(5);
    expect(spreadCounts(4, 10, rng(1))).toEqual([3, 3, 2, 2]);
  });
});
