/**
 * Deterministic synthetic regions and workers for benchmarks, load tests and the demo: region trees
 * whose codes look like real 统计用区划代码 (research-domain-rules.md §11) and workers whose fields follow
 * the distributions of §10 (mean age ~38, ~65 % women, ~70 % holding the social-work qualification …).
 *
 * Generation is built for volume: no per-row validation, dates come from a precomputed day table and
 * ID numbers are unique by construction (one sequence counter per address code and birth date), so a
 * million workers take a few seconds.
 */
import type { Database } from '../db/database.js';
import { type NewRegion, regionRepository } from '../db/repositories/region.repository.js';
import { workerRepository } from '../db/repositories/worker.repository.js';
import { makeIdNumber } from '../domain/id-number.js';
import { committeeTypeOf, NATION_CODE } from '../domain/region-code.js';
import type { ValidWorker } from '../domain/worker.js';
import type { Education, Gender, PoliticalStatus, Position, Qualification } from '../domain/worker-vocab.js';
import { type Rng, rng } from './random.js';

export type SyntheticScope = 'county' | 'province' | 'national';

/** The date synthetic data is generated against unless told otherwise. */
export const SYNTHETIC_TODAY = '2026-11-28';

/** The 31 mainland provinces (GB/T 2260 prefixes). */
export const PROVINCES: Readonly<Record<string, string>> = {
  '11': '北京市',
  '12': '天津市',
  '13': '河北省',
  '14': '山西省',
  '15': '内蒙古自治区',
  '21': '辽宁省',
  '22': '吉林省',
  '23': '黑龙江省',
  '31': '上海市',
  '32': '江苏省',
  '33': '浙江省',
  '34': '安徽省',
  '35': '福建省',
  '36': '江西省',
  '37': '山东省',
  '41': '河南省',
  '42': '湖北省',
  '43': '湖南省',
  '44': '广东省',
  '45': '广西壮族自治区',
  '46': '海南省',
  '50': '重庆市',
  '51': '四川省',
  '52': '贵州省',
  '53': '云南省',
  '54': '西藏自治区',
  '61': '陕西省',
  '62': '甘肃省',
  '63': '青海省',
  '64': '宁夏回族自治区',
  '65': '新疆维吾尔自治区',
};

/** 'province' scope: 山东 (37). 'county' scope: one county under a synthetic 河南 (41) city. Neither touches the demo's 53. */
export const SYNTHETIC_PROVINCE = '37';
export const SYNTHETIC_COUNTY = '417002';

const PLACE = [
  ...'东西南北中新华阳山河湖江林平安兴城丰泰宁春明清和顺长光文福德龙凤桥园金玉兰松柏锦盛康永嘉瑞祥云海青白石沙',
];

// ---------------------------------------------------------------------------------------------
// Regions

/**
 * A synthetic region tree (without the nation root, which the first migration creates):
 * - county: 1 county (417002) with 12 streets × 15 communities = 180 communities;
 * - province: 山东 with 16 cities × 8 counties × 7 streets × 10 communities = 8,960 communities;
 * - national: the 31 provinces, each 8–12 cities × 4–8 counties × 5–9 streets × 6–12 communities
 *   (about 118,000 communities).
 * Streets are 街道 (digits 001–099) and communities 居委会 (village digits 001–199), class 111 主城区.
 */
export function syntheticRegions(scope: SyntheticScope, seed: number): NewRegion[] {
  const r = rng(seed);
  const out: NewRegion[] = [];
  const place = (suffix: string) => `${r.pick(PLACE)}${r.pick(PLACE)}${suffix}`;
  const add = (code: string, parentCode: string, level: string, name: string) => {
    const committeeType = level === 'community' ? committeeTypeOf(code) : null;
    out.push({ code, parentCode, level, name, committeeType, urbanRuralClass: level === 'community' ? '111' : null });
  };
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  // Districts take county digits 02–20, counties 21–80.
  const countyDigits = (k: number) => (k < 4 ? pad(k + 2, 2) : pad(k + 17, 2));
  const streets = (county6: string, nStreets: () => number, nCommunities: () => number) => {
    const countyCode = `${county6}000000`;
    const s = nStreets();
    for (let i = 1; i <= s; i++) {
      const street9 = `${county6}${pad(i, 3)}`;
      add(`${street9}000`, countyCode, 'street', place('街道'));
      const c = nCommunities();
      for (let j = 1; j <= c; j++) add(`${street9}${pad(j, 3)}`, `${street9}000`, 'community', place('社区居民委员会'));
    }
  };
  const province = (
    p: string,
    nCities: number,
    nCounties: () => number,
    nStreets: () => number,
    nCommunities: () => number,
  ) => {
    add(`${p}0000000000`, NATION_CODE, 'province', PROVINCES[p] ?? place('省'));
    for (let i = 1; i <= nCities; i++) {
      const city4 = `${p}${pad(i, 2)}`;
      add(`${city4}00000000`, `${p}0000000000`, 'city', place('市'));
      const k = nCounties();
      for (let j = 0; j < k; j++) {
        const county6 = `${city4}${countyDigits(j)}`;
        add(`${county6}000000`, `${city4}00000000`, 'county', place(j < 4 ? '区' : '县'));
        streets(county6, nStreets, nCommunities);
      }
    }
  };

  if (scope === 'county') {
    const p = SYNTHETIC_COUNTY.slice(0, 2);
    const city4 = SYNTHETIC_COUNTY.slice(0, 4);
    add(`${p}0000000000`, NATION_CODE, 'province', PROVINCES[p]);
    add(`${city4}00000000`, `${p}0000000000`, 'city', place('市'));
    add(`${SYNTHETIC_COUNTY}000000`, `${city4}00000000`, 'county', place('区'));
    streets(
      SYNTHETIC_COUNTY,
      () => 12,
      () => 15,
    );
  } else if (scope === 'province') {
    province(
      SYNTHETIC_PROVINCE,
      16,
      () => 8,
      () => 7,
      () => 10,
    );
  } else {
    for (const p of Object.keys(PROVINCES))
      province(
        p,
        r.int(8, 12),
        () => r.int(4, 8),
        () => r.int(5, 9),
        () => r.int(6, 12),
      );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Workers

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const GIVEN_FEMALE = [...'丽芳敏静娟艳娜秀英华玲红霞燕婷雪梅兰琳颖慧莉晶倩佳欣怡雯蕾萍洁琴云凤春月瑶璐悦'];
const GIVEN_MALE = [...'伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊峰建国志东海林文博亮晨阳振龙'];
// Dai names (西双版纳): 岩 for men, 玉 for women, then one or two syllables.
const DAI_GIVEN = [...'温罕香应光叫坎章拉丙南儿旺康'];

/** A common Chinese name: surname (skewed to the frequent ones) and one or two given characters. */
export function chineseName(r: Rng, gender: Gender): string {
  const u = r.next();
  const surname = SURNAMES[Math.floor(u * u * SURNAMES.length)];
  const g = gender === 'female' ? GIVEN_FEMALE : GIVEN_MALE;
  return r.chance(0.72) ? `${surname}${r.pick(g)}${r.pick(g)}` : `${surname}${r.pick(g)}`;
}

/** A Dai name: 岩 (men) or 玉 (women) and one or two syllables. */
export function daiName(r: Rng, gender: Gender): string {
  return `${gender === 'female' ? '玉' : '岩'}${r.pick(DAI_GIVEN)}${r.chance(0.5) ? r.pick(DAI_GIVEN) : ''}`;
}

// The main minority of a province and its share of workers; elsewhere a few percent of scattered minorities.
const PROVINCE_MINORITY: Record<string, [string, number]> = {
  '15': ['蒙古族', 0.15],
  '21': ['满族', 0.1],
  '22': ['朝鲜族', 0.05],
  '43': ['土家族', 0.08],
  '45': ['壮族', 0.3],
  '46': ['黎族', 0.15],
  '50': ['土家族', 0.06],
  '51': ['彝族', 0.05],
  '52': ['苗族', 0.12],
  '53': ['彝族', 0.1],
  '54': ['藏族', 0.85],
  '62': ['回族', 0.05],
  '63': ['藏族', 0.2],
  '64': ['回族', 0.33],
  '65': ['维吾尔族', 0.4],
};
const SCATTERED = ['回族', '满族', '苗族', '土家族', '蒙古族', '壮族'];

/** 汉族 mostly; the province's main minority at its share; ~3 % scattered minorities. */
export function defaultEthnicity(r: Rng, communityCode: string): string {
  const m = PROVINCE_MINORITY[communityCode.slice(0, 2)];
  const x = r.next();
  if (m && x < m[1]) return m[0];
  return r.next() < 0.03 ? r.pick(SCATTERED) : '汉族';
}

const MAJORS = [
  '汉语言文学',
  '行政管理',
  '法学',
  '会计学',
  '计算机科学与技术',
  '公共事业管理',
  '社会学',
  '护理学',
  '市场营销',
  '思想政治教育',
  '英语',
  '工商管理',
];
const PHONE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '134',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  '166',
  '173',
  '175',
  '176',
  '177',
  '178',
  '180',
  '181',
  '182',
  '183',
  '185',
  '186',
  '187',
  '188',
  '189',
  '191',
  '193',
  '195',
  '198',
  '199',
];
/** The two committees of a community: 一肩挑 secretary-director, deputies and members; everyone after is staff. */
export const COMMITTEE_POSITIONS: Position[] = [
  'secretaryDirector',
  'deputySecretary',
  'deputyDirector',
  'member',
  'member',
];
// Rows of the 社区"两委" elections (2006, then every 3 years to 2018, every 5 years since the 2018 law change).
const ELECTIONS = [2006, 2009, 2012, 2015, 2018, 2021, 2026];

export interface WorkerGenOptions {
  /** The generation date (YYYY-MM-DD); start dates, ages and probation are relative to it. */
  today?: string;
  femaleShare?: number;
  ethnicity?: (r: Rng, communityCode: string) => string;
  name?: (r: Rng, gender: Gender, ethnicity: string) => string;
  /** Workers per yielded batch. */
  batchSize?: number;
}

/** Spreads `n` workers over `communities` communities: 5 each (the two committees) when there are enough, the rest by random weight. */
export function spreadCounts(communities: number, n: number, r: Rng): number[] {
  if (communities === 0) return [];
  const counts = new Array<number>(communities).fill(0);
  if (n < communities * COMMITTEE_POSITIONS.length) {
    for (let i = 0; i < communities; i++) counts[i] = Math.floor(n / communities) + (i < n % communities ? 1 : 0);
    return counts;
  }
  const rest = n - communities * COMMITTEE_POSITIONS.length;
  const weights = counts.map(() => 0.5 + r.next());
  const total = weights.reduce((s, w) => s + w, 0);
  let given = 0;
  for (let i = 0; i < communities; i++) {
    counts[i] = COMMITTEE_POSITIONS.length + Math.floor((rest * weights[i]) / total);
    given += counts[i] - COMMITTEE_POSITIONS.length;
  }
  for (let i = 0; given < rest; i = (i + 1) % communities, given++) counts[i]++;
  return counts;
}

const DAY_MS = 86_400_000;
const dayOf = (iso: string) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY_MS;
/** 20 years hold at most 5 leap days: birth + 7305 days is on or after the 20th birthday. */
const TWENTY_YEARS = 7305;

/**
 * Workers for the given communities, `counts[i]` in `communities[i]`, yielded in batches. The first
 * five of each community (when it has five) form its two committees. Same seed, same output.
 */
export function* generateWorkers(
  communities: readonly { code: string }[],
  counts: readonly number[],
  seed: number,
  opts: WorkerGenOptions = {},
): Generator<ValidWorker[]> {
  const today = opts.today ?? SYNTHETIC_TODAY;
  const femaleShare = opts.femaleShare ?? 0.65;
  const pickEthnicity = opts.ethnicity ?? defaultEthnicity;
  const pickName = opts.name ?? ((r: Rng, g: Gender) => chineseName(r, g));
  const batchSize = opts.batchSize ?? 20_000;
  const r = rng(seed);

  // Day table: ISO strings for every day from 63 years before today to today.
  const todayDay = dayOf(today);
  const todayYear = +today.slice(0, 4);
  const firstDay = dayOf(`${todayYear - 63}-01-01`);
  const iso: string[] = [];
  for (let d = firstDay; d <= todayDay; d++) iso.push(new Date(d * DAY_MS).toISOString().slice(0, 10));
  const isoOf = (d: number) => iso[d - firstDay];
  // Ages 22–60 on today: born after today − 61 years, on or before today − 22 years.
  const oldest = dayOf(`${todayYear - 61}${today.slice(4)}`) + 1;
  const youngest = dayOf(`${todayYear - 22}${today.slice(4)}`);
  const qualificationFrom = dayOf('2008-06-21'); // the first national social-work examination
  const probationFrom = todayDay - 182;
  // Graduations are on 1 July: the latest one not after today.
  const lastGraduation = dayOf(`${todayYear}-07-01`) <= todayDay ? todayYear : todayYear - 1;

  // Address codes: the community's county mostly, sometimes another county of the same set.
  const counties = [...new Set(communities.map((c) => c.code.slice(0, 6)))];
  const countyIndex = new Map(counties.map((c, i) => [c, i]));
  // Sequence counters per (address code, birth day, gender), allocated per address code on first use
  // (the 3-digit sequence allows 499 per gender and day).
  const span = youngest - firstDay + 1;
  const seqs: Uint16Array[] = [];
  let certificateSeq = 0;

  let batch: ValidWorker[] = [];
  for (let ci = 0; ci < communities.length; ci++) {
    const regionCode = communities[ci].code;
    const ownCounty = countyIndex.get(regionCode.slice(0, 6))!;
    for (let k = 0; k < counts[ci]; k++) {
      const position: Position =
        k < COMMITTEE_POSITIONS.length && counts[ci] >= COMMITTEE_POSITIONS.length ? COMMITTEE_POSITIONS[k] : 'staff';
      const committee = position !== 'staff';
      const gender: Gender = r.next() < femaleShare ? 'female' : 'male';
      const ethnicity = pickEthnicity(r, regionCode);
      const name = pickName(r, gender, ethnicity);

      // Age: a skewed Bates(3) over 22–60 gives a mean of about 38.
      const t = ((r.next() + r.next() + r.next()) / 3) ** 1.3;
      let birthDay = youngest - Math.floor(t * (youngest - oldest + 1));

      // ID number: unique by construction per (address code, birth day, sequence).
      const address = counties.length > 1 && r.next() < 0.15 ? Math.floor(r.next() * counties.length) : ownCounty;
      if (!seqs[address]) seqs[address] = new Uint16Array(2 * span);
      const counter = seqs[address];
      const g = gender === 'male' ? 0 : 1;
      // A full counter moves the birthday a day towards the middle of the age range.
      const step = birthDay < (oldest + youngest) / 2 ? 1 : -1;
      while (counter[2 * (birthDay - firstDay) + g] >= 499) birthDay += step;
      const used = counter[2 * (birthDay - firstDay) + g]++;
      const birthDate = isoOf(birthDay);
      const birthYear = +birthDate.slice(0, 4);
      const idNumber = makeIdNumber(counties[address], birthDate, g === 0 ? 2 * used + 1 : 2 * used + 2);

      // Education (≈5 % master, 45 % bachelor, 40 % associate, 10 % secondary); a quarter upgraded in service.
      const e = r.next();
      const education: Education = e < 0.05 ? 'master' : e < 0.5 ? 'bachelor' : e < 0.9 ? 'associate' : 'secondary';
      const educationFulltime: Education =
        education !== 'secondary' && r.next() < 0.25
          ? education === 'master'
            ? 'bachelor'
            : education === 'bachelor'
              ? 'associate'
              : 'secondary'
          : education;
      const socialWorkMajor = education !== 'secondary' && r.next() < 0.15;
      const major = education === 'secondary' ? null : socialWorkMajor ? '社会工作' : r.pick(MAJORS);

      // Start of community work: after the 20th birthday, not after today; committee members have served a year or more.
      const earliest = birthDay + TWENTY_YEARS;
      let graduateEntrant = false;
      let graduateYear: number | null = null;
      let startDay: number;
      if (education !== 'secondary' && r.next() < 0.22) {
        // A college graduate who came straight to community work, within two years of graduating.
        graduateEntrant = true;
        const gy = Math.min(
          birthYear + (education === 'master' ? 25 : education === 'bachelor' ? 22 : 21),
          lastGraduation,
        );
        graduateYear = gy;
        startDay = Math.max(earliest, Math.min(todayDay, dayOf(`${gy}-07-01`) + r.int(0, 730)));
      } else {
        const room = todayDay - earliest;
        let service = Math.floor(-Math.log(1 - r.next()) * 7 * 365.25);
        if (service > room) service = Math.floor(r.next() * room);
        startDay = todayDay - service;
      }
      if (committee && startDay > todayDay - 365) startDay = Math.max(earliest, todayDay - 365 - r.int(0, 1500));
      if (startDay > todayDay) startDay = todayDay;
      const startDate = isoOf(startDay);
      const startYear = +startDate.slice(0, 4);

      // 政治面貌: the 一肩挑 secretary and the deputy secretary are party members; ~55 % overall.
      let politicalStatus: PoliticalStatus;
      const p = r.next();
      if (position === 'secretaryDirector' || position === 'deputySecretary') politicalStatus = 'party';
      else if (p < 0.52 || (committee && p < 0.8)) politicalStatus = 'party';
      else if (p < 0.55) politicalStatus = 'probationaryParty';
      else if (p < 0.65) politicalStatus = todayYear - birthYear <= 28 ? 'league' : 'masses';
      else if (p < 0.66) politicalStatus = 'democraticParty';
      else if (p < 0.67) politicalStatus = 'nonParty';
      else politicalStatus = 'masses';

      // ~70 % hold the qualification: mostly 助理社会工作师.
      let qualification: ValidWorker['qualification'] = null;
      const qa = r.next();
      const qFrom = Math.max(qualificationFrom, earliest);
      if (qa < 0.7 && qFrom <= todayDay) {
        const level: Qualification = qa < 0.5 ? 'assistant' : qa < 0.67 ? 'intermediate' : 'senior';
        const obtainedOn = isoOf(qFrom + Math.floor(r.next() * (todayDay - qFrom + 1)));
        certificateSeq++;
        qualification = {
          level,
          certificateNo: `${obtainedOn.slice(0, 4)}${regionCode.slice(0, 2)}${String(certificateSeq).padStart(8, '0')}`,
          obtainedOn,
        };
      }

      const veteran = r.next() < (gender === 'male' ? 0.2 : 0.015);
      const origin = committee ? 'elected' : r.next() < 0.8 ? 'recruited' : 'gridConverted';
      let term: string | null = null;
      if (committee) {
        let ey = ELECTIONS[0];
        for (const y of ELECTIONS) if (y <= startYear) ey = y;
        term = `${ey}年换届`;
      }

      batch.push({
        name,
        idNumber,
        gender,
        birthDate,
        ethnicity,
        politicalStatus,
        education,
        educationFulltime,
        major,
        socialWorkMajor,
        phone: `${r.pick(PHONE_PREFIXES)}${String(Math.floor(r.next() * 1e8)).padStart(8, '0')}`,
        homeRegionCode: r.next() < 0.6 ? regionCode : null,
        category: committee ? 'committee' : 'staff',
        position,
        term,
        regionCode,
        startDate,
        origin,
        status: !committee && startDay > probationFrom ? 'probation' : 'active',
        veteran,
        graduateEntrant,
        graduateYear,
        qualification,
      });
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length) yield batch;
}

/**
 * `n` workers spread over the communities (5 committee members each when there are enough), with the
 * distributions of research-domain-rules.md §10. Same seed, same output.
 */
export function syntheticWorkers(
  communities: readonly { code: string }[],
  n: number,
  seed: number,
  today = SYNTHETIC_TODAY,
): ValidWorker[] {
  const counts = spreadCounts(communities.length, n, rng(seed ^ 0x5eed));
  const out: ValidWorker[] = [];
  for (const b of generateWorkers(communities, counts, seed, { today, batchSize: 50_000 }))
    for (const w of b) out.push(w);
  return out;
}

export interface SeedSyntheticOptions {
  scope: SyntheticScope;
  workers: number;
  seed: number;
  today?: string;
  /** Workers per transaction. */
  batchSize?: number;
  onProgress?: (p: { phase: 'regions' | 'workers'; done: number; total: number }) => void;
}

/**
 * Inserts a synthetic region tree (regions that already exist are skipped) and `workers` workers in
 * its communities, one transaction per batch, through the repositories' bulk `unnest` inserts.
 */
export async function seedSynthetic(
  db: Database,
  opts: SeedSyntheticOptions,
): Promise<{ regions: number; workers: number; ms: number }> {
  const started = performance.now();
  const regions = syntheticRegions(opts.scope, opts.seed);
  const existing = new Set<string>();
  for (let i = 0; i < regions.length; i += 20_000) {
    for (const c of await regionRepository.existingCodes(
      db,
      regions.slice(i, i + 20_000).map((x) => x.code),
    ))
      existing.add(c);
  }
  const fresh = regions.filter((x) => !existing.has(x.code));
  await db.transaction((tx) => regionRepository.insertMany(tx, fresh));
  opts.onProgress?.({ phase: 'regions', done: fresh.length, total: regions.length });

  const communities = regions.filter((x) => x.level === 'community');
  const counts = spreadCounts(communities.length, opts.workers, rng(opts.seed ^ 0x5eed));
  let done = 0;
  for (const batch of generateWorkers(communities, counts, opts.seed, {
    today: opts.today,
    batchSize: opts.batchSize ?? 20_000,
  })) {
    await db.transaction((tx) => workerRepository.insertMany(tx, batch));
    done += batch.length;
    opts.onProgress?.({ phase: 'workers', done, total: opts.workers });
  }
  return { regions: fresh.length, workers: done, ms: Math.round(performance.now() - started) };
}
