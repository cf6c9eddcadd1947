/**
 * Demo training (issue 5): programs of the province, the prefecture, each county and 勐海镇 in
 * 2024–2026 with completions, so that on the demo's day (2026-11-28) 勐海县 shows compliant, due-soon
 * and overdue workers; a few trainers, resources (社区工作法 cases), a mentor pair and all-post
 * certificates. Deterministic (seeded).
 */
import type { Queryable } from '../db/database.js';
import { trainingRepository } from '../db/repositories/training.repository.js';
import { rng } from './random.js';

const PROVINCE = '530000000000';
const CITY = '532800000000';
const COUNTIES = ['532801000000', '532822000000', '532823000000'];
const MENGHAI_TOWN = '532822101000';
const LEADERS = new Set(['secretary', 'director', 'secretaryDirector']);

interface DemoProgram {
  region: string;
  level: 'province' | 'city' | 'county' | 'street';
  title: string;
  tier: string;
  type: string;
  subjects: string[];
  hours: number;
  start: string;
  end: string;
  mode: string;
  /** Who is enrolled: leaders only, everyone else, or all; and the share who completed. */
  who: 'leaders' | 'others' | 'all';
  completed: number;
}

const programs = (county: string, countyName: string): DemoProgram[] => [
  {
    region: county,
    level: 'county',
    title: `${countyName}2024年社区工作者骨干培训班`,
    tier: 'backbone',
    type: 'inService',
    subjects: ['policyLaw', 'massWork', 'mediation'],
    hours: 24,
    start: '2024-06-17',
    end: '2024-06-19',
    mode: 'offline',
    who: 'others',
    completed: 0.35,
  },
  {
    region: county,
    level: 'county',
    title: `${countyName}2025年社区“两委”成员轮训班`,
    tier: 'backbone',
    type: 'inService',
    subjects: ['politicalTheory', 'organising', 'emergency'],
    hours: 16,
    start: '2025-05-12',
    end: '2025-05-13',
    mode: 'offline',
    who: 'all',
    completed: 0.3,
  },
  {
    region: county,
    level: 'county',
    title: `${countyName}2026年社区党组织书记、居委会主任培训班`,
    tier: 'backbone',
    type: 'inService',
    subjects: ['politicalTheory', 'integrity', 'coordination', 'caseTeaching'],
    hours: 24,
    start: '2026-04-20',
    end: '2026-04-22',
    mode: 'offline',
    who: 'leaders',
    completed: 0.7,
  },
  {
    region: county,
    level: 'county',
    title: `${countyName}2026年冬季社区工作者线上专题培训`,
    tier: 'backbone',
    type: 'special',
    subjects: ['it', 'policyLaw'],
    hours: 8,
    start: '2026-12-08',
    end: '2026-12-10',
    mode: 'online',
    who: 'all',
    completed: 0,
  },
];

const SHARED: DemoProgram[] = [
  {
    region: PROVINCE,
    level: 'province',
    title: '全省社区党组织书记示范培训班',
    tier: 'demonstration',
    type: 'inService',
    subjects: ['politicalTheory', 'massWork', 'caseTeaching'],
    hours: 40,
    start: '2025-09-08',
    end: '2025-09-12',
    mode: 'offline',
    who: 'leaders',
    completed: 0.5,
  },
  {
    region: CITY,
    level: 'city',
    title: '西双版纳州新任社区工作者初任培训',
    tier: 'key',
    type: 'initial',
    subjects: ['policyLaw', 'massWork', 'it'],
    hours: 32,
    start: '2026-03-09',
    end: '2026-03-12',
    mode: 'offline',
    who: 'others',
    completed: 0.15,
  },
  {
    region: MENGHAI_TOWN,
    level: 'street',
    title: '勐海镇社区工作者全员培训（矛盾纠纷调解）',
    tier: 'all',
    type: 'special',
    subjects: ['mediation', 'emergency'],
    hours: 6,
    start: '2026-08-05',
    end: '2026-08-05',
    mode: 'offline',
    who: 'all',
    completed: 0.5,
  },
];

const COUNTY_NAMES: Record<string, string> = {
  '532801000000': '景洪市',
  '532822000000': '勐海县',
  '532823000000': '勐腊县',
};

/** Seeds the demo's training inside the demo transaction; `demoWorkerId` (demo-worker's record) is given a completion. */
export async function seedDemoTraining(tx: Queryable, demoWorkerId: number): Promise<void> {
  const r = rng(20260328);
  const workers = await tx.query<{ id: number; region_code: string; position: string }>(
    `select id, region_code, position from worker where region_code between '532800000000' and '532899999999' and status in ('active', 'probation') order by id`,
  );
  const all = [...COUNTIES.flatMap((c) => programs(c, COUNTY_NAMES[c])), ...SHARED];
  for (const p of all) {
    const id = await trainingRepository.insertProgram(tx, {
      regionCode: p.region,
      organiserLevel: p.level,
      scopePrefix: p.region.slice(0, { province: 2, city: 4, county: 6, street: 9 }[p.level]),
      title: p.title,
      tier: p.tier,
      type: p.type,
      subjects: p.subjects,
      hours: p.hours,
      startDate: p.start,
      endDate: p.end,
      mode: p.mode,
      location: p.mode === 'online' ? null : `${p.title.slice(0, 3)}党校`,
      description: null,
      createdBy: '系统（演示数据）',
    });
    const prefix = p.region.slice(0, { province: 2, city: 4, county: 6, street: 9 }[p.level]);
    // Provincial and prefecture programs take a sample; county and street programs their own people.
    const sample = p.level === 'province' || p.level === 'city' ? 0.5 : 1;
    const chosen = workers.filter(
      (w) =>
        w.region_code.startsWith(prefix) &&
        (p.who === 'all' || (p.who === 'leaders') === LEADERS.has(w.position)) &&
        r.chance(sample),
    );
    await trainingRepository.enrol(tx, id, chosen);
    const items = chosen.map((w) => {
      const done = w.id === demoWorkerId ? p.who !== 'leaders' && p.start.startsWith('2025') : r.chance(p.completed);
      const past = p.end < '2026-11-28';
      return {
        workerId: w.id,
        status: past ? (done ? 'completed' : 'absent') : 'enrolled',
        attendedHours: past ? (done ? p.hours : Math.floor(p.hours / 4)) : null,
        completedOn: past && done ? p.end : null,
        certificateNo:
          past && done ? `PX${p.end.slice(0, 4)}${String(id).padStart(3, '0')}${String(w.id).padStart(5, '0')}` : null,
      };
    });
    await trainingRepository.setAttendance(tx, id, items);
  }

  for (const t of [
    {
      name: '刀建华',
      title: '州委党校副教授',
      organisation: '中共西双版纳州委党校',
      subjects: ['politicalTheory', 'integrity'],
    },
    {
      name: '玉香',
      title: '社会工作师',
      organisation: '景洪市允景洪街道曼弄枫社区',
      subjects: ['massWork', 'mediation', 'caseTeaching'],
    },
    {
      name: '李敏',
      title: '高级社会工作师',
      organisation: '云南省社会工作协会',
      subjects: ['organising', 'coordination'],
    },
  ])
    await trainingRepository.insertTrainer(tx, {
      regionCode: t.organisation.startsWith('云南省') ? PROVINCE : CITY,
      ...t,
      createdBy: '系统（演示数据）',
    });
  for (const x of [
    {
      kind: 'case',
      title: '“小院议事”社区工作法',
      summary: '居民小院为单位，每月一次议事，议题由居民提出、两委落实、结果上墙公示。',
      url: null,
      subjects: ['massWork', 'caseTeaching'],
    },
    {
      kind: 'case',
      title: '“双语调解”社区工作法',
      summary: '傣汉双语调解员结对，先入户听双方陈述，再在村寨长老见证下达成调解协议。',
      url: null,
      subjects: ['mediation', 'caseTeaching'],
    },
    {
      kind: 'document',
      title: '社区工作者常用政策法规汇编（2026 年版）',
      summary: '城乡社区治理、社区工作者队伍建设相关文件汇编。',
      url: null,
      subjects: ['policyLaw'],
    },
    {
      kind: 'link',
      title: '全国社会工作者职业水平评价考试指南',
      summary: null,
      url: 'https://www.cpta.com.cn/',
      subjects: ['policyLaw'],
    },
  ])
    await trainingRepository.insertResource(tx, { regionCode: CITY, ...x, createdBy: '系统（演示数据）' });

  // A mentor pair and two all-post certificates in 勐海镇.
  const town = workers.filter((w) => w.region_code.startsWith(MENGHAI_TOWN.slice(0, 9)));
  const mentor = town.find((w) => LEADERS.has(w.position));
  const mentee = town.find((w) => w.position === 'staff' && w.id !== demoWorkerId);
  if (mentor && mentee)
    await trainingRepository.insertMentorPair(tx, {
      mentorId: mentor.id,
      menteeId: mentee.id,
      regionCode: mentee.region_code,
      startDate: '2026-03-01',
      endDate: null,
      note: '新任社区工作者帮带一年',
      createdBy: '系统（演示数据）',
    });
  for (const w of town.filter((x) => x.position === 'staff').slice(0, 2))
    await trainingRepository.insertAllPost(tx, {
      workerId: w.id,
      regionCode: w.region_code,
      certifiedOn: '2026-06-30',
      certificateNo: `QGT2026${String(w.id).padStart(5, '0')}`,
      createdBy: '系统（演示数据）',
    });
}
