/**
 * F-RECRUIT (§2.3) open recruitment, pure rules: eligibility checked against the plan's announced rules
 * with a reason for each, the weighted total with the preference bonus (highest group only, 就高不累加),
 * and the ranking per post with its tie-break. Scores are integer hundredths (85.5 → 8550).
 */
import { ageOn, chineseDate } from './dates.js';
import { EDUCATIONS, type Education, QUALIFICATION_RANK, QUALIFICATIONS, type Qualification } from './worker-vocab.js';

export const PREFERENCE_GROUPS = {
  graduate: '高校毕业生',
  veteran: '退役军人',
  socialWork: '社会工作专业人才',
  gridWorker: '网格员转聘',
} as const;
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
  /** The plan's further announced conditions; absent = none. */
  conditions?: ExtraConditions;
  /** Name of the plan's region, the "本地" of 本地户籍或居住满 N 年. */
  localName?: string;
}

/** Further conditions an announcement may set besides age, education and residence. */
export interface ExtraConditions {
  /** 中共党员（含预备党员） required. */
  partyMember: boolean;
  /** 本地户籍，或在本地居住满 N 年; null = not required. */
  localYears: number | null;
  /** 无违法犯罪记录 (the applicant's signed declaration). */
  noCriminalRecord: boolean;
  /** 身体健康 (the physical examination passed). */
  healthy: boolean;
  /** 社会工作者职业资格 at this level or above; null = not required. */
  socialWorkQualification: Qualification | null;
  /** Conditions in the announcement's own words, checked by the county applicant by applicant. */
  custom: string[];
}

export const NO_CONDITIONS: ExtraConditions = {
  partyMember: false,
  localYears: null,
  noCriminalRecord: false,
  healthy: false,
  socialWorkQualification: null,
  custom: [],
};

export interface ApplicantFacts {
  birthDate: string;
  education: Education | null;
  homeRegionCode: string | null;
  groups: PreferenceGroup[];
  writtenScore: number | null;
  interviewScore: number | null;
  vetting: 'pending' | 'passed' | 'failed';
  /** For the further conditions; absent = not known. */
  politicalStatus?: string | null;
  localHukou?: boolean | null;
  residenceYears?: number | null;
  noRecordDeclared?: boolean | null;
  health?: 'pending' | 'passed' | 'failed';
  qualification?: Qualification | null;
  /** The county's check of each custom condition, by index. */
  customChecks?: Record<string, { met: boolean; note: string | null }>;
}

export interface Check {
  rule: string;
  met: boolean;
  /** Not yet known (no physical examination, no declaration, the county has not checked): does not exclude, but an offer waits for it. */
  pending: boolean;
  evidence: string;
}

const EDU_RANK = (e: Education) => Object.keys(EDUCATIONS).length - Object.keys(EDUCATIONS).indexOf(e);
export const points = (hundredths: number): string => (hundredths / 100).toFixed(2);

const check = (rule: string, met: boolean, evidence: string): Check => ({ rule, met, pending: false, evidence });
const pendingCheck = (rule: string, evidence: string): Check => ({ rule, met: false, pending: true, evidence });

/**
 * Each announced condition with whether it holds and why. `eligible`: none fails (pending ones do not
 * exclude from the ranking); `complete`: every one is met (what an offer needs).
 */
export function eligibilityOf(
  a: ApplicantFacts,
  r: PlanRules,
): { eligible: boolean; complete: boolean; checks: Check[] } {
  const checks: Check[] = [];
  if (r.maxAge !== null) {
    const age = ageOn(a.birthDate, r.referenceDate);
    checks.push(
      check(
        `年龄不超过 ${r.maxAge} 周岁（按 ${chineseDate(r.referenceDate)} 计算）`,
        age <= r.maxAge,
        `出生于 ${chineseDate(a.birthDate)}，届时 ${age} 周岁`,
      ),
    );
  }
  if (r.minEducation !== null) {
    const met = a.education !== null && EDU_RANK(a.education) >= EDU_RANK(r.minEducation);
    checks.push(
      check(
        `学历${EDUCATIONS[r.minEducation]}及以上`,
        met,
        a.education ? `学历为${EDUCATIONS[a.education]}` : '未填写学历',
      ),
    );
  }
  if (r.residence !== null) {
    const met = !!a.homeRegionCode?.startsWith(r.residence.prefix);
    checks.push(
      check(
        `户籍或居住地在${r.residence.name}`,
        met,
        a.homeRegionCode
          ? `居住地区划代码 ${a.homeRegionCode}${met ? '' : `，不在${r.residence.name}`}`
          : '未填写居住地',
      ),
    );
  }
  checks.push(...extraChecks(a, r.conditions ?? NO_CONDITIONS, r.localName ?? '本地'));
  return { eligible: checks.every((c) => c.met || c.pending), complete: checks.every((c) => c.met), checks };
}

const PARTY = ['party', 'probationaryParty'];
const POLITICAL_NAMES: Record<string, string> = {
  party: '中共党员',
  probationaryParty: '中共预备党员',
  league: '共青团员',
  democraticParty: '民主党派成员',
  nonParty: '无党派人士',
  masses: '群众',
};

/** The further conditions (F-RECRUIT: 政治素质、身体条件、专业资格 and the announcement's own). */
export function extraChecks(a: ApplicantFacts, c: ExtraConditions, localName: string): Check[] {
  const out: Check[] = [];
  if (c.partyMember) {
    const ps = a.politicalStatus ?? null;
    out.push(
      check(
        '中共党员（含预备党员）',
        ps !== null && PARTY.includes(ps),
        ps ? `政治面貌为${POLITICAL_NAMES[ps] ?? ps}` : '未填写政治面貌',
      ),
    );
  }
  if (c.localYears !== null) {
    const rule = `${localName}户籍，或在${localName}居住满 ${c.localYears} 年`;
    const hukou = a.localHukou ?? null;
    const years = a.residenceYears ?? null;
    const yearsText = years === null ? '未填写居住年限' : `居住 ${years} 年`;
    if (hukou === true) out.push(check(rule, true, `${localName}户籍`));
    else if (years !== null && years >= c.localYears)
      out.push(check(rule, true, `${hukou === false ? '非本地户籍，' : ''}${yearsText}`));
    else if (hukou === false && years !== null)
      out.push(check(rule, false, `非本地户籍，${yearsText}，不满 ${c.localYears} 年`));
    else
      out.push(pendingCheck(rule, hukou === false ? `非本地户籍，${yearsText}` : `未填写是否本地户籍，${yearsText}`));
  }
  if (c.noCriminalRecord) {
    const d = a.noRecordDeclared ?? null;
    out.push(
      d === null
        ? pendingCheck('无违法犯罪记录', '未收到无违法犯罪记录承诺')
        : check('无违法犯罪记录', d, d ? '已签署无违法犯罪记录承诺' : '未作无违法犯罪记录承诺'),
    );
  }
  if (c.healthy) {
    const h = a.health ?? 'pending';
    out.push(
      h === 'pending'
        ? pendingCheck('身体健康（体检合格）', '尚未体检')
        : check('身体健康（体检合格）', h === 'passed', h === 'passed' ? '体检合格' : '体检不合格'),
    );
  }
  if (c.socialWorkQualification !== null) {
    const need = c.socialWorkQualification;
    const q = a.qualification ?? null;
    out.push(
      check(
        `取得${QUALIFICATIONS[need]}及以上社会工作者职业资格`,
        q !== null && QUALIFICATION_RANK[q] >= QUALIFICATION_RANK[need],
        q ? `职业水平为${QUALIFICATIONS[q]}` : '未取得社会工作者职业资格',
      ),
    );
  }
  c.custom.forEach((rule, i) => {
    const v = a.customChecks?.[String(i)];
    out.push(
      v
        ? check(rule, v.met, v.note || (v.met ? '经县级审核，符合' : '经县级审核，不符合'))
        : pendingCheck(rule, '待县级审核'),
    );
  });
  return out;
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
  if (a.writtenScore === null || a.interviewScore === null)
    return { total: null, bonus, bonusGroup, arithmetic: '成绩未录入完整' };
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
  /** Tied across the post's last place and not yet decided: nobody of the group may be offered the place. */
  tieUndecided: boolean;
  /** The decision that ordered this applicant's tied group, and whether it gave them a place. */
  decision: { reason: string; won: boolean; decidedOn: string; decidedBy: string } | null;
}

/** A tie decided by the county (e.g. by 加试): the tied group as it stood, who takes the places in order, and why. */
export interface TieDecision {
  applicantIds: number[];
  winnerIds: number[];
  reason: string;
  decidedOn: string;
  decidedBy: string;
}

/**
 * Ranking inside one post: eligible applicants with both scores and vetting not failed, by total,
 * then the written score, then the interview score (the tie-break); applicants equal on all three
 * share a rank and are marked tied. A tied group straddling the post's last place (its rank within the
 * posts, its last member beyond) needs the county's decision: until then it is `tieUndecided`; a
 * decision for exactly that group ranks its winners first, in order, the others after them.
 */
export function rankPost<T extends { id: number; facts: ApplicantFacts }>(
  applicants: T[],
  r: PlanRules,
  opts: { posts?: number; decisions?: TieDecision[] } = {},
): Ranked<T>[] {
  const out: Ranked<T>[] = [];
  const rankable: { item: T; total: number }[] = [];
  const unranked = (item: T, note: string): Ranked<T> => ({
    item,
    rank: null,
    tied: false,
    note,
    tieUndecided: false,
    decision: null,
  });
  for (const item of applicants) {
    const e = eligibilityOf(item.facts, r);
    const t = totalOf(item.facts, r);
    if (!e.eligible) out.push(unranked(item, '资格审查未通过'));
    else if (item.facts.vetting === 'failed') out.push(unranked(item, '政治把关未通过'));
    else if (t.total === null) out.push(unranked(item, '成绩未录入完整'));
    else rankable.push({ item, total: t.total });
  }
  const key = (x: { item: T; total: number }) => [
    x.total,
    x.item.facts.writtenScore ?? 0,
    x.item.facts.interviewScore ?? 0,
  ];
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
    ranked.push({ item: x.item, rank, tied: !!same, note: null, tieUndecided: false, decision: null });
  });
  if (opts.posts !== undefined) {
    for (const group of tiedGroups(ranked)) {
      const rank = group[0].rank as number;
      const ids = new Set(group.map((g) => g.item.id));
      const d = opts.decisions?.find(
        (x) => x.applicantIds.length === ids.size && x.applicantIds.every((id) => ids.has(id)),
      );
      if (d) {
        const winners = d.winnerIds.map((id) => group.find((g) => g.item.id === id)!);
        const rest = group.filter((g) => !d.winnerIds.includes(g.item.id));
        winners.forEach((g, k) => {
          g.rank = rank + k;
          g.tied = false;
        });
        for (const g of rest) {
          g.rank = rank + winners.length;
          g.tied = rest.length > 1;
        }
        for (const g of group)
          g.decision = {
            reason: d.reason,
            won: d.winnerIds.includes(g.item.id),
            decidedOn: d.decidedOn,
            decidedBy: d.decidedBy,
          };
        // keep the list in rank order: winners in the decided order, then the rest
        ranked.splice(ranked.indexOf(group[0]), group.length, ...winners, ...rest);
      } else if (straddles(rank, group.length, opts.posts)) for (const g of group) g.tieUndecided = true;
    }
  }
  return [...ranked, ...out];
}

const straddles = (rank: number, size: number, posts: number) => rank <= posts && rank + size - 1 > posts;

function tiedGroups<T>(ranked: Ranked<T>[]): Ranked<T>[][] {
  const groups: Ranked<T>[][] = [];
  for (const x of ranked) {
    const last = groups[groups.length - 1];
    if (last && last[0].rank === x.rank) last.push(x);
    else groups.push([x]);
  }
  return groups.filter((g) => g.length > 1);
}

/**
 * Whether `winnerIds` may decide a tie of the post as it stands: they must all belong to one undecided
 * tied group straddling the last place, and be exactly as many as the places left to it. Returns the
 * group (ids in rank order) and its rank, or the reason it may not.
 */
export function tieToDecide<T extends { id: number; facts: ApplicantFacts }>(
  ranked: Ranked<T>[],
  posts: number,
  winnerIds: number[],
): { ok: true; rank: number; applicantIds: number[] } | { ok: false; message: string } {
  if (!winnerIds.length) return { ok: false, message: '请选择取得岗位的人员' };
  if (new Set(winnerIds).size !== winnerIds.length) return { ok: false, message: '所选人员有重复' };
  const first = ranked.find((x) => x.item.id === winnerIds[0]);
  if (!first || first.rank === null) return { ok: false, message: '所选人员不在本岗位的排名中' };
  if (first.decision) return { ok: false, message: '该并列已经作出决定' };
  const group = ranked.filter((x) => x.rank === first.rank);
  if (group.length < 2 || !straddles(first.rank, group.length, posts))
    return { ok: false, message: `第 ${first.rank} 名没有跨越岗位末位的并列，无需决定` };
  if (!winnerIds.every((id) => group.some((g) => g.item.id === id)))
    return { ok: false, message: '所选人员不在同一并列组中' };
  const places = posts - first.rank + 1;
  if (winnerIds.length !== places)
    return { ok: false, message: `并列组（${group.length} 人）尚余 ${places} 个岗位，应选择 ${places} 人` };
  return { ok: true, rank: first.rank, applicantIds: group.map((g) => g.item.id) };
}
