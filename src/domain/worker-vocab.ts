/**
 * The coded vocabulary of the worker record (一人一档), with the Chinese labels that the API, the
 * spreadsheets and the UI share. One English code per term (domain.md glossary).
 */

/** 社区工作者类别 (F-SCOPE §2.1). */
export const CATEGORIES = { committee: '社区"两委"专职成员', staff: '社区专职工作人员' } as const;
export type Category = keyof typeof CATEGORIES;

/** 职务. 一肩挑 (secretaryDirector) = one person is both party secretary and committee director. */
export const POSITIONS = {
  secretaryDirector: '一肩挑',
  secretary: '社区党组织书记',
  director: '居委会主任',
  deputySecretary: '社区党组织副书记',
  deputyDirector: '居委会副主任',
  member: '委员',
  staff: '专职工作人员',
} as const;
export type Position = keyof typeof POSITIONS;

/** 岗位类别 of a position under 三岗: 正职 leader, 副职 deputy, 其他 general. */
export const POSITION_POST: Record<Position, 'leader' | 'deputy' | 'general'> = {
  secretaryDirector: 'leader',
  secretary: 'leader',
  director: 'leader',
  deputySecretary: 'deputy',
  deputyDirector: 'deputy',
  member: 'general',
  staff: 'general',
};

/** Positions held by election (两委), which carry a term (届). */
export const ELECTED_POSITIONS: Position[] = [
  'secretaryDirector',
  'secretary',
  'director',
  'deputySecretary',
  'deputyDirector',
  'member',
];

/** 政治面貌 (GB/T 4762 names). */
export const POLITICAL_STATUSES = {
  party: '中共党员',
  probationaryParty: '中共预备党员',
  league: '共青团员',
  democraticParty: '民主党派成员',
  nonParty: '无党派人士',
  masses: '群众',
} as const;
export type PoliticalStatus = keyof typeof POLITICAL_STATUSES;

/** 学历, highest first. */
export const EDUCATIONS = {
  doctorate: '博士研究生',
  master: '硕士研究生',
  bachelor: '大学本科',
  associate: '大学专科',
  secondary: '中专及以下',
} as const;
export type Education = keyof typeof EDUCATIONS;

/** 社会工作者职业水平 (F-QUAL). */
export const QUALIFICATIONS = {
  assistant: '助理社会工作师',
  intermediate: '社会工作师',
  senior: '高级社会工作师',
} as const;
export type Qualification = keyof typeof QUALIFICATIONS;
export const QUALIFICATION_RANK: Record<Qualification, number> = { assistant: 1, intermediate: 2, senior: 3 };

/** 在岗 / 试用期 / 离岗. */
export const STATUSES = { active: '在岗', probation: '试用期', exited: '离岗' } as const;
export type WorkerStatus = keyof typeof STATUSES;

/** How an employment period began (F-SCOPE, F-SCOPE-CONVERT). */
export const ORIGINS = {
  elected: '选举产生',
  recruited: '公开招聘',
  gridConverted: '网格员转聘',
  transfer: '调入',
} as const;
export type Origin = keyof typeof ORIGINS;

/** How an employment period ended. Transfers keep the accumulated years; the others are exits (F-EXIT). */
export const PERIOD_ENDS = {
  transfer: '调动',
  recall: '罢免',
  dismissal: '解聘',
  resignation: '辞职',
  retirement: '退休',
  death: '死亡',
} as const;
export type PeriodEnd = keyof typeof PERIOD_ENDS;
export const EXIT_TYPES: PeriodEnd[] = ['recall', 'dismissal', 'resignation', 'retirement', 'death'];

/** 民族, GB/T 3304-1991 names in code order. */
export const ETHNICITIES = [
  '汉族',
  '蒙古族',
  '回族',
  '藏族',
  '维吾尔族',
  '苗族',
  '彝族',
  '壮族',
  '布依族',
  '朝鲜族',
  '满族',
  '侗族',
  '瑶族',
  '白族',
  '土家族',
  '哈尼族',
  '哈萨克族',
  '傣族',
  '黎族',
  '傈僳族',
  '佤族',
  '畲族',
  '高山族',
  '拉祜族',
  '水族',
  '东乡族',
  '纳西族',
  '景颇族',
  '柯尔克孜族',
  '土族',
  '达斡尔族',
  '仫佬族',
  '羌族',
  '布朗族',
  '撒拉族',
  '毛南族',
  '仡佬族',
  '锡伯族',
  '阿昌族',
  '普米族',
  '塔吉克族',
  '怒族',
  '乌孜别克族',
  '俄罗斯族',
  '鄂温克族',
  '德昂族',
  '保安族',
  '裕固族',
  '京族',
  '塔塔尔族',
  '独龙族',
  '鄂伦春族',
  '赫哲族',
  '门巴族',
  '珞巴族',
  '基诺族',
  '其他',
  '外国血统中国籍人士',
] as const;

export const GENDERS = { male: '男', female: '女' } as const;
export type Gender = keyof typeof GENDERS;

/** Code for a label (or the code itself), tolerant of spaces; null when unknown. */
export function codeOf<T extends Record<string, string>>(table: T, text: string): keyof T | null {
  const t = text.replace(/[\s\u3000]/g, '');
  if (!t) return null;
  for (const [code, label] of Object.entries(table)) if (t === label || t === code) return code as keyof T;
  return null;
}
