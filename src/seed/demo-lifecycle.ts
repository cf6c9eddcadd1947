/**
 * Demo data of issue 6 (deterministic): an open recruitment plan of 勐海县 for 沿河社区 and 象山社区
 * with applicants at every stage (scored, vetted, one too old, two tied), and two workers of 沿河社区
 * whose probation is about to end, so the 人员进出 due list has something to show.
 */
import type { Queryable } from '../db/database.js';
import { recruitmentRepository } from '../db/repositories/recruitment.repository.js';
import { addDays } from '../domain/dates.js';
import { makeIdNumber } from '../domain/id-number.js';

const COUNTY = '532822000000';
const YANHE = '532822101001';
const XIANGSHAN = '532822101002';

export async function seedDemoLifecycle(tx: Queryable, today: string): Promise<void> {
  const planId = await recruitmentRepository.insertPlan(
    tx,
    {
      regionCode: COUNTY,
      title: `${today.slice(0, 4)}年勐海县公开招聘社区专职工作人员（演示）`,
      referenceDate: addDays(today, 10),
      maxAge: 35,
      minEducation: 'associate',
      residenceRegion: COUNTY,
      writtenPercent: 40,
      bonus: { graduate: 200, veteran: 300, socialWork: 200, gridWorker: 500 },
    },
    '系统（演示数据）',
  );
  await recruitmentRepository.insertPost(tx, planId, YANHE, 1);
  await recruitmentRepository.insertPost(tx, planId, XIANGSHAN, 2);
  const posts = await recruitmentRepository.posts(tx, planId);
  const postOf = (code: string) => posts.find((p) => p.region_code === code)!.id;
  const people: [
    string,
    string,
    number,
    string,
    string,
    Partial<Record<'graduate' | 'veteran' | 'social_work' | 'grid_worker', boolean>>,
    number | null,
    number | null,
  ][] = [
    ['岩罕', '1996-04-12', 301, YANHE, 'bachelor', { graduate: true }, 8200, 8800],
    ['玉应香', '1998-09-03', 402, YANHE, 'associate', { grid_worker: true }, 7600, 8400],
    ['刀建华', '1994-01-20', 503, YANHE, 'bachelor', { veteran: true }, 8000, 9000],
    ['李晓梅', '1989-06-30', 604, YANHE, 'master', {}, 9000, 9000],
    ['张文', '1997-11-11', 705, XIANGSHAN, 'bachelor', { social_work: true }, 8000, 9000],
    ['玉儿', '1999-02-14', 806, XIANGSHAN, 'bachelor', {}, 8000, 9000],
    ['岩温', '1995-07-07', 907, XIANGSHAN, 'associate', {}, null, null],
  ];
  await recruitmentRepository.insertApplicants(
    tx,
    people.map(([name, birth, seq, post, education, groups, written, interview]) => ({
      plan_id: planId,
      post_id: postOf(post),
      region_code: post,
      name,
      id_number: makeIdNumber('532822', birth, seq),
      gender: seq % 2 === 1 ? 'male' : 'female',
      birth_date: birth,
      phone: null,
      education,
      major: groups.social_work ? '社会工作' : null,
      political_status: null,
      home_region_code: post,
      graduate: !!groups.graduate,
      graduate_year: groups.graduate ? 2018 : null,
      veteran: !!groups.veteran,
      social_work: !!groups.social_work,
      grid_worker: !!groups.grid_worker,
      written_score: written,
      interview_score: interview,
    })),
  );
  await tx.query(
    `update recruitment_applicant set vetting = 'passed', vetting_note = '经审查，政治合格', vetted_by = '系统（演示数据）' where plan_id = $1 and written_score is not null`,
    [planId],
  );
  // Two workers of 勐海县 already on probation, moved so their six months end within the reminder window
  // (one period and one position each, as every recent hire has).
  const due = await tx.query<{ id: number }>(
    `select id from worker where region_code like '532822%' and status = 'probation' order by region_code, id limit 2`,
  );
  for (const [i, w] of due.entries()) {
    const start = addDays(addDays(today, 10 + i * 7), -183);
    await tx.query('update worker set hired_on = $2 where id = $1', [w.id, start]);
    await tx.query('update worker_period set start_date = $2 where worker_id = $1', [w.id, start]);
    await tx.query('update worker_position set start_date = $2 where worker_id = $1', [w.id, start]);
  }
}
