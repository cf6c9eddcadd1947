// The coded vocabulary of the worker record (docs/api-workers.md): codes in the API, labels from i18n.
import type { MessageKey, Translate } from './i18n';

export const CATEGORIES = ['committee', 'staff'] as const;
export const POSITIONS = [
  'secretaryDirector',
  'secretary',
  'director',
  'deputySecretary',
  'deputyDirector',
  'member',
  'staff',
] as const;
/** Positions held by election (两委); the others belong to full-time staff. */
export const ELECTED_POSITIONS: readonly string[] = POSITIONS.filter((p) => p !== 'staff');
export const STATUSES = ['active', 'probation', 'exited'] as const;
export const GENDERS = ['male', 'female'] as const;
export const POLITICAL_STATUSES = [
  'party',
  'probationaryParty',
  'league',
  'democraticParty',
  'nonParty',
  'masses',
] as const;
export const EDUCATIONS = ['doctorate', 'master', 'bachelor', 'associate', 'secondary'] as const;
export const QUALIFICATIONS = ['assistant', 'intermediate', 'senior'] as const;
export const ORIGINS = ['elected', 'recruited', 'gridConverted', 'transfer'] as const;
export const EXIT_TYPES = ['recall', 'dismissal', 'resignation', 'retirement', 'death'] as const;
/** How an employment period ends: a transfer, or one of the exits. */
export const PERIOD_ENDS = ['transfer', ...EXIT_TYPES] as const;

/** 民族, GB/T 3304-1991 names in code order (shown in Chinese in both languages). */
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

const TABLES = {
  category: CATEGORIES,
  position: POSITIONS,
  status: STATUSES,
  gender: GENDERS,
  political: POLITICAL_STATUSES,
  education: EDUCATIONS,
  qualification: QUALIFICATIONS,
  origin: ORIGINS,
  periodEnd: PERIOD_ENDS,
} as const;

export type VocabKind = keyof typeof TABLES;

/** Label of a code in the current language; unknown codes as they are, null as '—'. */
export function vocabLabel(t: Translate, kind: VocabKind, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '—';
  return (TABLES[kind] as readonly string[]).includes(code) ? t(`vocab.${kind}.${code}` as MessageKey) : code;
}

/** Select options for a vocabulary. */
export function vocabOptions(t: Translate, kind: VocabKind): { value: string; label: string }[] {
  return (TABLES[kind] as readonly string[]).map((code) => ({ value: code, label: vocabLabel(t, kind, code) }));
}

export const ETHNICITY_OPTIONS = ETHNICITIES.map((e) => ({ value: e, label: e }));

/** Tag colour of a status. */
export const STATUS_COLORS: Record<string, string> = { active: 'green', probation: 'gold', exited: 'default' };
