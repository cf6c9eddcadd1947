/**
 * Rules of the worker record (一人一档, F-SCOPE F-QUAL F-ARCHIVE): one validation for the API, the
 * forms and the spreadsheet import, and the years of community work computed from the periods.
 */
import { addDays, ageOn, calendarDiff, daysBetween, parseFlexibleDate } from './dates.js';
import type { FieldError } from './errors.js';
import { validateIdNumber, validateMobile } from './id-number.js';
import { isRegionCode, levelOfCode } from './region-code.js';
import {
  CATEGORIES,
  type Category,
  EDUCATIONS,
  type Education,
  ELECTED_POSITIONS,
  ETHNICITIES,
  GENDERS,
  type Gender,
  ORIGINS,
  type Origin,
  PERIOD_ENDS,
  type PeriodEnd,
  POLITICAL_STATUSES,
  POSITIONS,
  type PoliticalStatus,
  type Position,
  QUALIFICATIONS,
  type Qualification,
} from './worker-vocab.js';

/** What a caller sends to create a worker (API body, form, or one spreadsheet row). */
export interface WorkerInput {
  name?: unknown;
  idNumber?: unknown;
  gender?: unknown;
  birthDate?: unknown;
  ethnicity?: unknown;
  politicalStatus?: unknown;
  education?: unknown;
  educationFulltime?: unknown;
  major?: unknown;
  socialWorkMajor?: unknown;
  phone?: unknown;
  homeRegionCode?: unknown;
  category?: unknown;
  position?: unknown;
  term?: unknown;
  regionCode?: unknown;
  startDate?: unknown;
  origin?: unknown;
  status?: unknown;
  veteran?: unknown;
  graduateEntrant?: unknown;
  graduateYear?: unknown;
  qualification?: unknown;
  qualificationCertificateNo?: unknown;
  qualificationDate?: unknown;
}

/** A worker that passed every rule, normalised. */
export interface ValidWorker {
  name: string;
  idNumber: string;
  gender: Gender;
  birthDate: string;
  ethnicity: string | null;
  politicalStatus: PoliticalStatus | null;
  education: Education | null;
  educationFulltime: Education | null;
  major: string | null;
  socialWorkMajor: boolean;
  phone: string | null;
  homeRegionCode: string | null;
  category: Category;
  position: Position;
  term: string | null;
  regionCode: string;
  startDate: string;
  origin: Origin;
  status: 'active' | 'probation';
  veteran: boolean;
  graduateEntrant: boolean;
  graduateYear: number | null;
  qualification: { level: Qualification; certificateNo: string | null; obtainedOn: string } | null;
}

/** Field labels, shared by messages, the spreadsheet template and the UI. */
export const WORKER_FIELD_LABELS: Record<keyof WorkerInput, string> = {
  name: '姓名',
  idNumber: '公民身份号码',
  gender: '性别',
  birthDate: '出生日期',
  ethnicity: '民族',
  politicalStatus: '政治面貌',
  education: '最高学历',
  educationFulltime: '全日制学历',
  major: '所学专业',
  socialWorkMajor: '是否社会工作专业',
  phone: '手机号码',
  homeRegionCode: '居住地区划代码',
  category: '人员类别',
  position: '职务',
  term: '任职届次',
  regionCode: '所在社区代码',
  startDate: '参加社区工作日期',
  origin: '来源',
  status: '状态',
  veteran: '是否退役军人',
  graduateEntrant: '是否高校毕业生',
  graduateYear: '毕业年份',
  qualification: '职业水平',
  qualificationCertificateNo: '证书编号',
  qualificationDate: '取证日期',
};

/** Common ways offices write the coded values. */
const ALIASES: Record<string, string> = {
  党员: 'party',
  预备党员: 'probationaryParty',
  团员: 'league',
  民主党派: 'democraticParty',
  无党派: 'nonParty',
  研究生: 'master',
  博士: 'doctorate',
  硕士: 'master',
  本科: 'bachelor',
  大专: 'associate',
  专科: 'associate',
  中专: 'secondary',
  高中: 'secondary',
  高中及以下: 'secondary',
  书记: 'secretary',
  党组织书记: 'secretary',
  主任: 'director',
  副书记: 'deputySecretary',
  副主任: 'deputyDirector',
  社区党组织书记兼居委会主任: 'secretaryDirector',
  书记兼主任: 'secretaryDirector',
  社工: 'staff',
  工作人员: 'staff',
  两委成员: 'committee',
  社区两委专职成员: 'committee',
  专职工作人员: 'staff',
  社区专职工作人员: 'staff',
  助理社工师: 'assistant',
  社工师: 'intermediate',
  中级社会工作师: 'intermediate',
  高级社工师: 'senior',
  网格员转聘: 'gridConverted',
  选举: 'elected',
  公开招聘: 'recruited',
  招聘: 'recruited',
};

const compact = (v: unknown): string =>
  String(v ?? '')
    .replace(/[\s\u3000"“”]/g, '')
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/** A code from its code, its Chinese label or a common alias; undefined when blank, null when unknown. */
export function coded<T extends Record<string, string>>(table: T, v: unknown): keyof T | null | undefined {
  const t = compact(v);
  if (!t) return undefined;
  if (t in table) return t as keyof T;
  for (const [code, label] of Object.entries(table)) if (compact(label) === t) return code as keyof T;
  const alias = ALIASES[t];
  if (alias && alias in table) return alias as keyof T;
  return null;
}

const text = (v: unknown): string =>
  v === null || v === undefined
    ? ''
    : typeof v === 'number'
      ? Number.isInteger(v)
        ? v.toFixed(0)
        : String(v)
      : String(v).trim();

/** 是/否, true/false, 1/0, Y/N. Undefined when blank, null when unreadable. */
export function yesNo(v: unknown): boolean | null | undefined {
  if (typeof v === 'boolean') return v;
  const t = compact(v).toLowerCase();
  if (!t) return undefined;
  if (['是', 'true', '1', 'y', 'yes', '√'].includes(t)) return true;
  if (['否', 'false', '0', 'n', 'no', '×'].includes(t)) return false;
  return null;
}

const options = (table: Record<string, string>) => Object.values(table).join('、');

/**
 * Checks every field and reports every problem at once. `today` is the injected clock.
 * The region must be a community or street code; whether it exists and is in scope is the service's job.
 */
export function validateWorker(
  input: WorkerInput,
  today: string,
): { ok: true; value: ValidWorker } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const err = (field: keyof WorkerInput, message: string) => errors.push({ field, message });
  const need = <T>(field: keyof WorkerInput, v: T | null | undefined, table?: Record<string, string>): T | null => {
    if (v === undefined) err(field, `请填写${WORKER_FIELD_LABELS[field]}`);
    else if (v === null)
      err(
        field,
        table ? `${WORKER_FIELD_LABELS[field]}应为 ${options(table)} 之一` : `${WORKER_FIELD_LABELS[field]}不正确`,
      );
    return v ?? null;
  };
  const may = <T>(field: keyof WorkerInput, v: T | null | undefined, table?: Record<string, string>): T | null => {
    if (v === null)
      err(
        field,
        table ? `${WORKER_FIELD_LABELS[field]}应为 ${options(table)} 之一` : `${WORKER_FIELD_LABELS[field]}不正确`,
      );
    return v ?? null;
  };

  const name = text(input.name).replace(/\s+/g, '');
  if (!name) err('name', '请填写姓名');
  else if (name.length > 50) err('name', '姓名不能超过 50 个字');

  let idNumber = '';
  let idGender: Gender | null = null;
  let idBirth: string | null = null;
  const id = validateIdNumber(input.idNumber === undefined ? null : input.idNumber, today);
  if (!id.ok) err('idNumber', id.message);
  else {
    idNumber = id.value.normalized;
    idGender = id.value.gender;
    idBirth = id.value.birthDate;
  }

  const gender = may('gender', coded(GENDERS, input.gender), GENDERS);
  if (gender && idGender && gender !== idGender)
    err('gender', `性别与身份证号码不符（号码显示为${GENDERS[idGender]}）`);
  let birthDate: string | null = null;
  if (input.birthDate !== undefined && input.birthDate !== null && input.birthDate !== '') {
    birthDate = parseFlexibleDate(input.birthDate);
    if (!birthDate) err('birthDate', '出生日期格式不正确，可写作 1985-03-01、1985/3/1、1985.03.01 或 1985年3月1日');
    else if (idBirth && birthDate !== idBirth) err('birthDate', `出生日期与身份证号码不符（号码显示为 ${idBirth}）`);
  }

  let ethnicity: string | null = null;
  const eth = compact(input.ethnicity);
  if (eth) {
    const full = eth.endsWith('族') || eth === '其他' || eth === '外国血统中国籍人士' ? eth : `${eth}族`;
    if ((ETHNICITIES as readonly string[]).includes(full)) ethnicity = full;
    else err('ethnicity', '民族应为 GB/T 3304 中的民族名称，如 汉族、傣族');
  }

  const politicalStatus = may('politicalStatus', coded(POLITICAL_STATUSES, input.politicalStatus), POLITICAL_STATUSES);
  const education = may('education', coded(EDUCATIONS, input.education), EDUCATIONS);
  const educationFulltime = may('educationFulltime', coded(EDUCATIONS, input.educationFulltime), EDUCATIONS);
  const rank = (e: Education) => Object.keys(EDUCATIONS).indexOf(e);
  if (education && educationFulltime && rank(educationFulltime) < rank(education))
    err('educationFulltime', '全日制学历不能高于最高学历');
  const major = text(input.major) || null;
  const socialWorkMajor = may('socialWorkMajor', yesNo(input.socialWorkMajor)) ?? false;

  let phone: string | null = null;
  if (text(input.phone)) {
    const p = validateMobile(text(input.phone));
    if (p.ok) phone = p.value;
    else err('phone', p.message);
  }

  const homeRegionCode = text(input.homeRegionCode) || null;
  if (homeRegionCode && !isRegionCode(homeRegionCode)) err('homeRegionCode', '居住地区划代码应为 12 位数字');

  const category = need('category', coded(CATEGORIES, input.category), CATEGORIES);
  const position = need('position', coded(POSITIONS, input.position), POSITIONS);
  if (category && position) {
    if (category === 'staff' && position !== 'staff') err('position', '社区专职工作人员的职务应为“专职工作人员”');
    if (category === 'committee' && !ELECTED_POSITIONS.includes(position))
      err('position', '“两委”专职成员的职务应为书记、主任、一肩挑、副书记、副主任或委员');
  }
  const term = text(input.term) || null;

  const regionCode = text(input.regionCode);
  if (!regionCode) err('regionCode', '请填写所在社区代码');
  else if (!isRegionCode(regionCode)) err('regionCode', '所在社区代码应为 12 位数字');
  else if (!['community', 'street'].includes(levelOfCode(regionCode) ?? ''))
    err('regionCode', '所在单位应为社区或街道（乡镇）');

  const startDate = parseFlexibleDate(input.startDate);
  if (input.startDate === undefined || input.startDate === null || input.startDate === '')
    err('startDate', '请填写参加社区工作日期');
  else if (!startDate) err('startDate', '参加社区工作日期格式不正确');
  else if (startDate > today) err('startDate', '参加社区工作日期不能晚于今天');
  else if (idBirth && ageOn(idBirth, startDate) < 16) err('startDate', '参加社区工作时未满 16 周岁，请核对');

  const origin =
    input.origin === undefined || input.origin === null || input.origin === ''
      ? category === 'committee'
        ? 'elected'
        : 'recruited'
      : may('origin', coded(ORIGINS, input.origin), ORIGINS);

  let status: 'active' | 'probation' = 'active';
  const st = compact(input.status);
  if (st === '试用期' || st === 'probation') status = 'probation';
  else if (st && st !== '在岗' && st !== 'active') err('status', '新建人员的状态应为 在岗 或 试用期');

  const veteran = may('veteran', yesNo(input.veteran)) ?? false;
  const graduateEntrant = may('graduateEntrant', yesNo(input.graduateEntrant)) ?? false;
  let graduateYear: number | null = null;
  if (text(input.graduateYear)) {
    graduateYear = Number(text(input.graduateYear).replace(/年$/, ''));
    if (!Number.isInteger(graduateYear) || graduateYear < 1950 || graduateYear > +today.slice(0, 4)) {
      err('graduateYear', '毕业年份应为 1950 年至今年之间的四位年份');
      graduateYear = null;
    }
  }
  if (graduateEntrant && graduateYear === null && !errors.some((e) => e.field === 'graduateYear'))
    err('graduateYear', '高校毕业生须填写毕业年份');

  let qualification: ValidWorker['qualification'] = null;
  const level = may('qualification', coded(QUALIFICATIONS, input.qualification), QUALIFICATIONS);
  if (level) {
    const obtainedOn = parseFlexibleDate(input.qualificationDate);
    if (!obtainedOn) err('qualificationDate', '请填写正确的取证日期');
    else if (obtainedOn > today) err('qualificationDate', '取证日期不能晚于今天');
    qualification = {
      level,
      certificateNo: text(input.qualificationCertificateNo) || null,
      obtainedOn: obtainedOn ?? today,
    };
  } else if (text(input.qualificationCertificateNo) || text(input.qualificationDate)) {
    err('qualification', '填写了证书编号或取证日期时须填写职业水平');
  }

  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      name,
      idNumber,
      gender: idGender!,
      birthDate: idBirth!,
      ethnicity,
      politicalStatus,
      education,
      educationFulltime,
      major,
      socialWorkMajor,
      phone,
      homeRegionCode,
      category: category!,
      position: position!,
      term,
      regionCode,
      startDate: startDate!,
      origin: origin as Origin,
      status,
      veteran,
      graduateEntrant,
      graduateYear,
      qualification,
    },
  };
}

export interface PeriodForYears {
  regionCode: string;
  startDate: string;
  endDate: string | null;
  endType?: PeriodEnd | null;
}

export interface ServiceYears {
  /** Days counted, overlaps merged. */
  days: number;
  years: number;
  months: number;
  /** e.g. "12年3个月" */
  text: string;
  breakdown: {
    regionCode: string;
    startDate: string;
    endDate: string | null;
    days: number;
    counted: boolean;
    note: string;
  }[];
}

/**
 * 社区工作年限 (F-GRADE §2.4): the employment periods inside the province of the current post, up to
 * `asOf`, overlaps counted once. Transfers within the province keep the accumulated years (省内互认,
 * 年限累计); periods in another province are shown but not counted.
 */
export function serviceYears(periods: PeriodForYears[], provinceCode: string, asOf: string): ServiceYears {
  const breakdown: ServiceYears['breakdown'] = [];
  const spans: [string, string][] = [];
  for (const p of [...periods].sort((a, b) => a.startDate.localeCompare(b.startDate))) {
    const end = p.endDate && p.endDate < asOf ? p.endDate : asOf;
    if (p.startDate >= asOf) {
      breakdown.push({ ...pick(p), days: 0, counted: false, note: '晚于计算日期' });
      continue;
    }
    if (!p.regionCode.startsWith(provinceCode)) {
      breakdown.push({ ...pick(p), days: daysBetween(p.startDate, end), counted: false, note: '省外工作经历，不累计' });
      continue;
    }
    breakdown.push({
      ...pick(p),
      days: daysBetween(p.startDate, end),
      counted: true,
      note:
        p.endType === 'transfer'
          ? '调动，年限累计'
          : p.endDate
            ? `${PERIOD_ENDS[p.endType ?? 'transfer']}前的工作年限`
            : '现任',
    });
    spans.push([p.startDate, end]);
  }
  // Merge overlaps, then add up whole calendar years/months per merged span.
  const merged: [string, string][] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) {
      if (s[1] > last[1]) last[1] = s[1];
    } else merged.push([...s]);
  }
  let days = 0;
  for (const [a, b] of merged) days += daysBetween(a, b);
  // Shown as the equivalent continuous stretch from the first day counted: exact for one period.
  const anchor = merged[0]?.[0] ?? asOf;
  const d = calendarDiff(anchor, addDays(anchor, days));
  const years = d.years;
  const m = d.months;
  return { days, years, months: m, text: `${years}年${m}个月`, breakdown };
}

const pick = (p: PeriodForYears) => ({ regionCode: p.regionCode, startDate: p.startDate, endDate: p.endDate });

/** One dated change of a worker attribute (education, political status): the value before and after, and the day it took effect. */
export interface AttributeChange {
  oldValue: string | null;
  newValue: string | null;
  effectiveOn: string;
}

/**
 * The value of a dated attribute on `date` (the same rule as the statistics' SQL, stats.repository
 * `attributeOn`): the latest change effective by then gives its new value; else the earliest later
 * change gives its old value (what it was before); no change at all → the current value.
 * `changes` in the order they were recorded.
 */
export function attributeOn(current: string | null, changes: readonly AttributeChange[], date: string): string | null {
  let before: AttributeChange | undefined;
  let after: AttributeChange | undefined;
  for (const c of changes) {
    if (c.effectiveOn <= date) {
      if (before === undefined || c.effectiveOn >= before.effectiveOn) before = c;
    } else if (after === undefined || c.effectiveOn < after.effectiveOn) after = c;
  }
  if (before) return before.newValue;
  if (after) return after.oldValue;
  return current;
}
