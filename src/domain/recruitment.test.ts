import { describe, expect, it } from 'vitest';
import {
  type ApplicantFacts,
  type ExtraConditions,
  eligibilityOf,
  extraChecks,
  NO_CONDITIONS,
  type PlanRules,
  rankPost,
  type TieDecision,
  tieToDecide,
  totalOf,
} from './recruitment.js';

const RULES: PlanRules = {
  referenceDate: '2026-12-01',
  maxAge: 35,
  minEducation: 'associate',
  residence: { prefix: '532822', name: '勐海县' },
  writtenPercent: 40,
  bonus: { graduate: 200, veteran: 300, socialWork: 200, gridWorker: 500 },
};
const facts = (f: Partial<ApplicantFacts> = {}): ApplicantFacts => ({
  birthDate: '1995-01-01',
  education: 'bachelor',
  homeRegionCode: '532822101001',
  groups: [],
  writtenScore: 8000,
  interviewScore: 9000,
  vetting: 'passed',
  ...f,
});

describe('F-RECRUIT eligibility with a reason for each rule', () => {
  it.each([
    ['35 on the reference date is eligible', { birthDate: '1991-12-01' }, true, null],
    [
      '36 the day before the reference date is not',
      { birthDate: '1990-12-01' },
      false,
      '年龄不超过 35 周岁（按 2026年12月01日 计算）',
    ],
    ['大学专科 meets 专科 and above', { education: 'associate' as const }, true, null],
    ['中专 does not', { education: 'secondary' as const }, false, '学历大学专科及以上'],
    ['no education given does not', { education: null }, false, '学历大学专科及以上'],
    ['living in another county does not', { homeRegionCode: '532801001003' }, false, '户籍或居住地在勐海县'],
  ])('%s', (_n, f, eligible, failedRule) => {
    const e = eligibilityOf(facts(f), RULES);
    expect(e.eligible).toBe(eligible);
    expect(e.checks).toHaveLength(3);
    expect(e.checks.find((c) => !c.met)?.rule ?? null).toBe(failedRule);
  });
  it('a plan without rules admits everyone', () => {
    expect(
      eligibilityOf(facts({ education: null, homeRegionCode: null }), {
        ...RULES,
        maxAge: null,
        minEducation: null,
        residence: null,
      }),
    ).toEqual({ eligible: true, complete: true, checks: [] });
  });
});

describe('F-RECRUIT weighted total and bonus (highest group only)', () => {
  it.each([
    ['no group', [], 8600, '笔试 80.00 × 40% + 面试 90.00 × 60% = 86.00 = 86.00'],
    ['a graduate', ['graduate'], 8800, '笔试 80.00 × 40% + 面试 90.00 × 60% = 86.00 + 高校毕业生加分 2.00 = 88.00'],
    [
      'a veteran grid worker: the higher bonus only',
      ['veteran', 'gridWorker'],
      9100,
      '笔试 80.00 × 40% + 面试 90.00 × 60% = 86.00 + 网格员转聘加分 5.00 = 91.00',
    ],
  ] as const)('%s', (_n, groups, total, arithmetic) => {
    const t = totalOf(facts({ groups: [...groups] }), RULES);
    expect(t.total).toBe(total);
    expect(t.arithmetic).toBe(arithmetic);
  });
  it('rounds half up to hundredths', () => {
    // 80.01 × 40% + 90.00 × 60% = 32.004 + 54 = 86.004 → 86.00; 80.05 → 86.02
    expect(totalOf(facts({ writtenScore: 8001 }), RULES).total).toBe(8600);
    expect(totalOf(facts({ writtenScore: 8005 }), RULES).total).toBe(8602);
  });
  it('no total until both scores are in', () => {
    expect(totalOf(facts({ interviewScore: null }), RULES).total).toBeNull();
  });
});

describe('F-RECRUIT ranking and tie-break', () => {
  const a = (id: number, f: Partial<ApplicantFacts>) => ({ id, facts: facts(f) });
  it('by total, then written, then interview; equal on all three share a rank and are marked tied', () => {
    const ranked = rankPost(
      [
        a(1, { writtenScore: 8000, interviewScore: 9000 }), // 86.00
        a(2, { writtenScore: 9500, interviewScore: 8000 }), // 38 + 48 = 86.00, written higher
        a(3, { writtenScore: 7000, interviewScore: 9000, groups: ['veteran'] }), // 28 + 54 + 3 = 85.00
        a(4, { writtenScore: 8000, interviewScore: 9000 }), // same as 1 → tied
        a(5, { birthDate: '1980-01-01' }), // too old
        a(6, { vetting: 'failed' }),
        a(7, { interviewScore: null }),
      ],
      RULES,
    );
    expect(ranked.map((r) => [r.item.id, r.rank, r.tied, r.note])).toEqual([
      [2, 1, false, null],
      [1, 2, true, null],
      [4, 2, true, null],
      [3, 4, false, null],
      [5, null, false, '资格审查未通过'],
      [6, null, false, '政治把关未通过'],
      [7, null, false, '成绩未录入完整'],
    ]);
  });
});

describe('F-RECRUIT further conditions, each with its reason; unknown ones pending (ranked, not yet offered)', () => {
  const withConditions = (c: Partial<ExtraConditions>): ExtraConditions => ({ ...NO_CONDITIONS, ...c });
  type Row = [string, Partial<ExtraConditions>, Partial<ApplicantFacts>, 'met' | 'unmet' | 'pending', string, string];
  it.each<Row>([
    [
      '党员 required, 中共党员',
      { partyMember: true },
      { politicalStatus: 'party' },
      'met',
      '中共党员（含预备党员）',
      '政治面貌为中共党员',
    ],
    [
      '党员 required, 预备党员 counts',
      { partyMember: true },
      { politicalStatus: 'probationaryParty' },
      'met',
      '中共党员（含预备党员）',
      '政治面貌为中共预备党员',
    ],
    [
      '党员 required, 共青团员 does not',
      { partyMember: true },
      { politicalStatus: 'league' },
      'unmet',
      '中共党员（含预备党员）',
      '政治面貌为共青团员',
    ],
    [
      '党员 required, no political status',
      { partyMember: true },
      { politicalStatus: null },
      'unmet',
      '中共党员（含预备党员）',
      '未填写政治面貌',
    ],
    [
      'local: 本地户籍 suffices',
      { localYears: 3 },
      { localHukou: true, residenceYears: 0 },
      'met',
      '勐海县户籍，或在勐海县居住满 3 年',
      '勐海县户籍',
    ],
    [
      'local: exactly 3 years suffices',
      { localYears: 3 },
      { localHukou: false, residenceYears: 3 },
      'met',
      '勐海县户籍，或在勐海县居住满 3 年',
      '非本地户籍，居住 3 年',
    ],
    [
      'local: 2 years, not local hukou',
      { localYears: 3 },
      { localHukou: false, residenceYears: 2 },
      'unmet',
      '勐海县户籍，或在勐海县居住满 3 年',
      '非本地户籍，居住 2 年，不满 3 年',
    ],
    [
      'local: 2 years, hukou unknown → pending',
      { localYears: 3 },
      { localHukou: null, residenceYears: 2 },
      'pending',
      '勐海县户籍，或在勐海县居住满 3 年',
      '未填写是否本地户籍，居住 2 年',
    ],
    [
      'local: nothing known → pending',
      { localYears: 3 },
      {},
      'pending',
      '勐海县户籍，或在勐海县居住满 3 年',
      '未填写是否本地户籍，未填写居住年限',
    ],
    [
      'no record: declared',
      { noCriminalRecord: true },
      { noRecordDeclared: true },
      'met',
      '无违法犯罪记录',
      '已签署无违法犯罪记录承诺',
    ],
    [
      'no record: refused',
      { noCriminalRecord: true },
      { noRecordDeclared: false },
      'unmet',
      '无违法犯罪记录',
      '未作无违法犯罪记录承诺',
    ],
    [
      'no record: not received',
      { noCriminalRecord: true },
      { noRecordDeclared: null },
      'pending',
      '无违法犯罪记录',
      '未收到无违法犯罪记录承诺',
    ],
    ['health: passed', { healthy: true }, { health: 'passed' }, 'met', '身体健康（体检合格）', '体检合格'],
    ['health: failed', { healthy: true }, { health: 'failed' }, 'unmet', '身体健康（体检合格）', '体检不合格'],
    ['health: not examined yet', { healthy: true }, {}, 'pending', '身体健康（体检合格）', '尚未体检'],
    [
      '社工 qualification: the level itself',
      { socialWorkQualification: 'assistant' },
      { qualification: 'assistant' },
      'met',
      '取得助理社会工作师及以上社会工作者职业资格',
      '职业水平为助理社会工作师',
    ],
    [
      '社工 qualification: higher counts',
      { socialWorkQualification: 'assistant' },
      { qualification: 'senior' },
      'met',
      '取得助理社会工作师及以上社会工作者职业资格',
      '职业水平为高级社会工作师',
    ],
    [
      '社工 qualification: lower does not',
      { socialWorkQualification: 'intermediate' },
      { qualification: 'assistant' },
      'unmet',
      '取得社会工作师及以上社会工作者职业资格',
      '职业水平为助理社会工作师',
    ],
    [
      '社工 qualification: none',
      { socialWorkQualification: 'assistant' },
      { qualification: null },
      'unmet',
      '取得助理社会工作师及以上社会工作者职业资格',
      '未取得社会工作者职业资格',
    ],
    ['custom: not checked yet', { custom: ['能熟练使用傣语'] }, {}, 'pending', '能熟练使用傣语', '待县级审核'],
    [
      'custom: checked, met with a note',
      { custom: ['能熟练使用傣语'] },
      { customChecks: { 0: { met: true, note: '面试中傣语交流流利' } } },
      'met',
      '能熟练使用傣语',
      '面试中傣语交流流利',
    ],
    [
      'custom: checked, not met without a note',
      { custom: ['能熟练使用傣语'] },
      { customChecks: { 0: { met: false, note: null } } },
      'unmet',
      '能熟练使用傣语',
      '经县级审核，不符合',
    ],
  ])('%s', (_n, c, f, state, rule, evidence) => {
    const checks = extraChecks(facts(f), withConditions(c), '勐海县');
    expect(checks).toHaveLength(1);
    expect(checks[0]).toEqual({ rule, met: state === 'met', pending: state === 'pending', evidence });
  });

  it('no further conditions add no checks', () => {
    expect(extraChecks(facts(), NO_CONDITIONS, '勐海县')).toEqual([]);
  });

  it.each([
    ['all met: eligible and complete', { politicalStatus: 'party', health: 'passed' as const }, true, true],
    [
      'one pending: eligible (ranked) but not complete (no offer yet)',
      { politicalStatus: 'party', health: 'pending' as const },
      true,
      false,
    ],
    ['one unmet: not eligible', { politicalStatus: 'masses', health: 'passed' as const }, false, false],
  ])('%s', (_n, f, eligible, complete) => {
    const e = eligibilityOf(facts(f), {
      ...RULES,
      conditions: withConditions({ partyMember: true, healthy: true }),
      localName: '勐海县',
    });
    expect([e.eligible, e.complete]).toEqual([eligible, complete]);
    expect(e.checks).toHaveLength(5);
  });

  it('an unmet further condition takes the applicant out of the ranking; a pending one does not', () => {
    const rules = { ...RULES, conditions: withConditions({ healthy: true }) };
    const ranked = rankPost(
      [
        { id: 1, facts: facts({ health: 'failed' }) },
        { id: 2, facts: facts({ health: 'pending' }) },
      ],
      rules,
    );
    expect(ranked.map((r) => [r.item.id, r.rank, r.note])).toEqual([
      [2, 1, null],
      [1, null, '资格审查未通过'],
    ]);
  });
});

describe('F-RECRUIT a tie across the last place is decided by the county', () => {
  const a = (id: number, written = 8000, interview = 9000) => ({
    id,
    facts: facts({ writtenScore: written, interviewScore: interview }),
  });
  const three = [a(1, 9000, 9000), a(2), a(3), a(4, 7000, 7000)]; // 1 first; 2 and 3 tied second; 4 fourth
  const decision = (winnerIds: number[], applicantIds = [2, 3]): TieDecision => ({
    applicantIds,
    winnerIds,
    reason: '加试成绩 91 比 85',
    decidedOn: '2026-12-05',
    decidedBy: '勐海县民政局',
  });
  const view = (posts: number, decisions: TieDecision[] = []) =>
    rankPost(three, RULES, { posts, decisions }).map((r) => [
      r.item.id,
      r.rank,
      r.tied,
      r.tieUndecided,
      r.decision?.won ?? null,
    ]);

  it.each([
    [
      '1 post: the tie is below the last place, nothing to decide',
      1,
      [
        [1, 1, false, false, null],
        [2, 2, true, false, null],
        [3, 2, true, false, null],
        [4, 4, false, false, null],
      ],
    ],
    [
      '2 posts: rank 2 tied by two, one place left: undecided',
      2,
      [
        [1, 1, false, false, null],
        [2, 2, true, true, null],
        [3, 2, true, true, null],
        [4, 4, false, false, null],
      ],
    ],
    [
      '3 posts: both tied fit, nothing to decide',
      3,
      [
        [1, 1, false, false, null],
        [2, 2, true, false, null],
        [3, 2, true, false, null],
        [4, 4, false, false, null],
      ],
    ],
  ] as const)('%s', (_n, posts, expected) => {
    expect(view(posts)).toEqual(expected);
  });

  it('the decision ranks the winner first and shows it to the whole group', () => {
    expect(view(2, [decision([3])])).toEqual([
      [1, 1, false, false, null],
      [3, 2, false, false, true],
      [2, 3, false, false, false],
      [4, 4, false, false, null],
    ]);
    expect(rankPost(three, RULES, { posts: 2, decisions: [decision([3])] })[2].decision).toEqual({
      reason: '加试成绩 91 比 85',
      won: false,
      decidedOn: '2026-12-05',
      decidedBy: '勐海县民政局',
    });
  });

  it('a decision for a group that no longer stands (scores changed since) is not applied', () => {
    expect(view(2, [decision([3], [2, 3, 9])])[1]).toEqual([2, 2, true, true, null]);
  });

  it.each([
    ['the one place to one of the tied', 2, [3], { ok: true, rank: 2, applicantIds: [2, 3] }],
    ['two chosen for one place', 2, [2, 3], { ok: false, message: '并列组（2 人）尚余 1 个岗位，应选择 1 人' }],
    [
      'a tie that does not straddle the last place',
      3,
      [2],
      { ok: false, message: '第 2 名没有跨越岗位末位的并列，无需决定' },
    ],
    ['someone not tied', 2, [1], { ok: false, message: '第 1 名没有跨越岗位末位的并列，无需决定' }],
    ['a winner from another group', 2, [2, 4], { ok: false, message: '所选人员不在同一并列组中' }],
    ['nobody chosen', 2, [], { ok: false, message: '请选择取得岗位的人员' }],
    ['someone unknown', 2, [99], { ok: false, message: '所选人员不在本岗位的排名中' }],
  ] as const)('tieToDecide: %s', (_n, posts, winners, expected) => {
    expect(tieToDecide(rankPost(three, RULES, { posts }), posts, [...winners])).toEqual(expected);
  });

  it('a decided tie cannot be decided again', () => {
    expect(tieToDecide(rankPost(three, RULES, { posts: 2, decisions: [decision([3])] }), 2, [2])).toEqual({
      ok: false,
      message: '该并列已经作出决定',
    });
  });
});
