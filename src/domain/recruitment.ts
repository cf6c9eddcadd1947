/**
 * F-RECRUIT (§2.3) open recruitment, pure rules: eligibility checked against the plan's announced rules
 * with a reason for each, the weighted total with the preference bonus (highest group only, 就高不累加),
 * and the ranking per post with its tie-break. Scores are integer hundredths (85.5 → 8550).
 */
import { ageOn, chineseDate } from './dates.js';
import { type Education, EDUCATIONS } from './worker-vocab.js';

export const PREFERENCE_GROUPS = { graduate: '高校毕业生', veteran: '退役军人', socialWork: '社会工作专业人才', gridWorker: '网格员转聘' } as const;
export type PreferenceGroup = keyof typeof PREFERENCE_GROUPS;

export interface PlanRules {
  referenceDate: string;
  maxAge: number | null;
  minEducation: Education | null;
  /** Region-code prefix applicants must live in, with its name; null = anywhere. */
  residence: { prefix: string; name: string } | null;
  writtenPercent: number;
  /** Bonus points in hundredths per group. */
  bonus: Record<PreferenceGroup, number>;
}

export interface ApplicantFacts {
  birthDate: string;
  education: Education | null;
  homeRegionCode: string | null;
  groups: PreferenceGroup[];
  writtenScore: number | null;
  interviewScore: number | null;
  vetting: 'pending' | 'passed' | 'failed';
}

export interface Check {
  rule: string;
  met: boolean;
  evidence: string;
}

const EDU_RANK = (e: Education) => Object.keys(EDUCATIONS).length - Object.keys(EDUCATIONS).indexOf(e);
export const points = (hundredths: number): string => (hundredths / 100).toFixed(2);

/** Each announced condition with whether it holds and why. */
export function eligibilityOf(a: ApplicantFacts, r: PlanRules): { eligible: boolean; checks: Check[] } {
  const checks: Check[] = [];
  if (r.maxAge !== null) {
    const age = ageOn(a.birthDate, r.referenceDate);
    checks.push({ rule: `年龄不超过 ${r.maxAge} 周岁（按 ${chineseDate(r.referenceDate)} 计算）`, met: age <= r.maxAge, evidence: `出生于 ${chineseDate(a.birthDate)}，届时 ${age} 周岁` });
  }
  if (r.minEducation !== null) {
    const met = a.education !== null && EDU_RANK(a.education) >= EDU_RANK(r.minEducation);
    checks.push({ rule: `学历${EDUCATIONS[r.minEducation]}及以上`, met, evidence: a.education ? `学历为${EDUCATIONS[a.education]}` : '未填写学历' });
  }
  if (r.residence !== null) {
    const met = !!a.homeRegionCode?.startsWith(r.residence.prefix);
    checks.push({ rule: `户籍或居住地在${r.residence.name}`, met, evidence: a.homeRegionCode ? `居住地区划代码 ${a.homeRegionCode}${met ? '' : `，不在${r.residence.name}`}` : '未填写居住地' });
  }
  return { eligible: checks.every((c) => c.met), checks };
}

export interface Total {
  /** Weighted total in hundredths, bonus included; null until both scores are in. */
  total: number | null;
  bonus: number;
  bonusGroup: PreferenceGroup | null;
  arithmetic: string;
}

/**
 * total = written × w% + interview × (100 − w)% (rounded half up to hundredths) + the highest bonus of
 * the applicant's preference groups.
 */
export function totalOf(a: ApplicantFacts, r: PlanRules): Total {
  let bonus = 0;
  let bonusGroup: PreferenceGroup | null = null;
  for (const g of a.groups)
    if (r.bonus[g] > bonus) {
      bonus = r.bonus[g];
      bonusGroup = g;
    }
  if (a.writtenScore === null || a.interviewScore === null) return { total: null, bonus, bonusGroup, arithmetic: '成绩未录入完整' };
  const weighted = Math.round((a.writtenScore * r.writtenPercent + a.interviewScore * (100 - r.writtenPercent)) / 100);
  const total = weighted + bonus;
  const bonusText = bonusGroup ? ` + ${PREFERENCE_GROUPS[bonusGroup]}加分 ${points(bonus)}` : '';
  return {
    total,
    bonus,
    bonusGroup,
    arithmetic: `笔试 ${points(a.writtenScore)} × ${r.writtenPercent}% + 面试 ${points(a.interviewScore)} × ${100 - r.writtenPercent}% = ${points(weighted)}${bonusText} = ${points(total)}`,
  };
}

export interface Ranked<T> {
  item: T;
  rank: number | null;
  tied: boolean;
  /** Why unranked: ineligible, scores missing, vetting failed. */
  note: string | null;
}

/**
 * Ranking inside one post: eligible applicants with both scores and vetting not failed, by total,
 * then the written score, then the interview score (the tie-break); applicants equal on all three
 * share a rank and are marked tied (the plan decides them, e.g. by an extra interview).
 */
export function rankPost<T extends { id: number; facts: ApplicantFacts }>(applicants: T[], r: PlanRules): Ranked<T>[] {
  const out: Ranked<T>[] = [];
  const rankable: { item: T; total: number }[] = [];
  for (const item of applicants) {
    const e = eligibilityOf(item.facts, r);
    const t = totalOf(item.facts, r);
    if (!e.eligible) out.push({ item, rank: null, tied: false, note: '资格审查未通过' });
    else if (item.facts.vetting === 'failed') out.push({ item, rank: null, tied: false, note: '政治把关未通过' });
    else if (t.total === null) out.push({ item, rank: null, tied: false, note: '成绩未录入完整' });
    else rankable.push({ item, total: t.total });
  }
  const key = (x: { item: T; total: number }) => [x.total, x.item.facts.writtenScore ?? 0, x.item.facts.interviewScore ?? 0];
  rankable.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return kb[0] - ka[0] || kb[1] - ka[1] || kb[2] - ka[2] || a.item.id - b.item.id;
  });
  const ranked: Ranked<T>[] = [];
  rankable.forEach((x, i) => {
    const prev = rankable[i - 1];
    const same = prev && key(prev).every((v, j) => v === key(x)[j]);
    const rank = same ? (ranked[i - 1].rank as number) : i + 1;
    if (same) ranked[i - 1].tied = true;
    ranked.push({ item: x.item, rank, tied: !!same, note: null });
  });
  return [...ranked, ...out];
}
