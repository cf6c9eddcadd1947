/**
 * 统计用区划代码 (12-digit statistical division code) rules: level, parent, scope prefix and the
 * committee type that the village digits imply (research-domain-rules.md §11).
 */
export const LEVELS = ['nation', 'province', 'city', 'county', 'street', 'community'] as const;
export type Level = (typeof LEVELS)[number];

/** Root of the tree: the nation. Its scope prefix is empty, so it covers every code. */
export const NATION_CODE = '000000000000';

/** Digits that identify a region at each level; the scope of a region is the code prefix of that length. */
export const PREFIX_LENGTH: Record<Level, number> = {
  nation: 0,
  province: 2,
  city: 4,
  county: 6,
  street: 9,
  community: 12,
};

export const LEVEL_LABELS: Record<Level, string> = {
  nation: '全国',
  province: '省',
  city: '市（州）',
  county: '县（市、区）',
  street: '街道（乡镇）',
  community: '社区',
};

export type CommitteeType = 'residents' | 'villagers' | 'special';

export const COMMITTEE_LABELS: Record<CommitteeType, string> = {
  residents: '居委会',
  villagers: '村委会',
  special: '其他',
};

/** Known 城乡分类代码 values (国统字〔2009〕91号). */
export const URBAN_RURAL_CLASSES: Record<string, string> = {
  '111': '主城区',
  '112': '城乡结合区',
  '121': '镇中心区',
  '122': '镇乡结合区',
  '123': '特殊区域',
  '210': '乡中心区',
  '220': '村庄',
};

export const isRegionCode = (code: unknown): code is string => typeof code === 'string' && /^\d{12}$/.test(code);

/** The level a 12-digit code denotes by its trailing zeros. */
export function levelOfCode(code: string): Level | null {
  if (!isRegionCode(code)) return null;
  if (code === NATION_CODE) return 'nation';
  if (code.slice(2) === '0000000000') return 'province';
  if (code.slice(4) === '00000000') return 'city';
  if (code.slice(6) === '000000') return 'county';
  if (code.slice(9) === '000') return 'street';
  return 'community';
}

/** The parent code implied by the digits (province → nation). */
export function parentCodeOf(code: string): string | null {
  const level = levelOfCode(code);
  switch (level) {
    case null:
    case 'nation':
      return null;
    case 'province':
      return NATION_CODE;
    case 'city':
      return `${code.slice(0, 2)}0000000000`;
    case 'county':
      return `${code.slice(0, 4)}00000000`;
    case 'street':
      return `${code.slice(0, 6)}000000`;
    case 'community':
      return `${code.slice(0, 9)}000`;
  }
}

/** The code prefix that defines a region's subtree. */
export const scopePrefix = (code: string, level: Level): string => code.slice(0, PREFIX_LENGTH[level]);

/** True when `code` lies in the subtree whose prefix is `prefix`. */
export const inScope = (prefix: string, code: string): boolean => code.startsWith(prefix);

/**
 * Committee type from the village digits: 001–199 居民委员会, 200–399 村民委员会, others special
 * (政企合一 living areas, virtual communities …). Only communities have one.
 */
export function committeeTypeOf(code: string): CommitteeType | null {
  if (levelOfCode(code) !== 'community') return null;
  const n = Number(code.slice(9));
  if (n >= 1 && n <= 199) return 'residents';
  if (n >= 200 && n <= 399) return 'villagers';
  return 'special';
}
