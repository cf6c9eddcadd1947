import { describe, expect, it } from 'vitest';
import { attributeOn, serviceYears, validateWorker, type WorkerInput } from './worker.js';

const TODAY = '2026-11-28';
const base: WorkerInput = {
  name: '玉香',
  idNumber: '532822199001023000',
  category: 'staff',
  position: 'staff',
  regionCode: '532822101001',
  startDate: '2015-03-01',
};

describe('validateWorker', () => {
  it('accepts a minimal staff record and derives gender and birth date from the ID number', () => {
    const r = validateWorker(base, TODAY);
    expect(r.ok).toBe(true);
    if (r.ok)
      expect(r.value).toMatchObject({
        gender: 'female',
        birthDate: '1990-01-02',
        origin: 'recruited',
        status: 'active',
        socialWorkMajor: false,
      });
  });

  it('accepts Chinese labels and common aliases for coded fields', () => {
    const r = validateWorker(
      {
        ...base,
        category: '社区"两委"专职成员',
        position: '书记',
        politicalStatus: '党员',
        education: '本科',
        ethnicity: '傣',
        qualification: '助理社工师',
        qualificationDate: '2020/6/1',
        veteran: '是',
        graduateEntrant: '否',
      },
      TODAY,
    );
    expect(r.ok).toBe(true);
    if (r.ok)
      expect(r.value).toMatchObject({
        category: 'committee',
        position: 'secretary',
        politicalStatus: 'party',
        education: 'bachelor',
        ethnicity: '傣族',
        origin: 'elected',
        veteran: true,
        qualification: { level: 'assistant', obtainedOn: '2020-06-01' },
      });
  });

  it('reports every bad field at once', () => {
    const r = validateWorker(
      {
        name: '',
        idNumber: '532822199001023001',
        gender: '男',
        category: 'staff',
        position: 'member',
        regionCode: '5328221010',
        startDate: '2027-01-01',
        ethnicity: '火星族',
        phone: '12345',
        graduateEntrant: '是',
        education: '大专',
        educationFulltime: '本科',
      },
      TODAY,
    );
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors.map((e) => e.field)).toEqual([
        'name',
        'idNumber',
        'ethnicity',
        'educationFulltime',
        'phone',
        'position',
        'regionCode',
        'startDate',
        'graduateYear',
      ]);
  });

  it.each<[string, WorkerInput, string, string]>([
    ['gender contradicts the ID', { gender: '男' }, 'gender', '性别与身份证号码不符（号码显示为女）'],
    [
      'birth date contradicts the ID',
      { birthDate: '1990-01-03' },
      'birthDate',
      '出生日期与身份证号码不符（号码显示为 1990-01-02）',
    ],
    ['a 15-digit ID', { idNumber: '532822900102300' }, 'idNumber', '15'],
    ['an ID stored by Excel as a number', { idNumber: 532822199001023000 }, 'idNumber', 'Excel'],
    ['staff holding a committee post', { position: 'member' }, 'position', '社区专职工作人员的职务应为“专职工作人员”'],
    ['work started before 16', { startDate: '2005-01-01' }, 'startDate', '参加社区工作时未满 16 周岁，请核对'],
    [
      'a street-level code is allowed but a county is not',
      { regionCode: '532822000000' },
      'regionCode',
      '所在单位应为社区或街道（乡镇）',
    ],
    [
      'certificate without a level',
      { qualificationCertificateNo: 'A123' },
      'qualification',
      '填写了证书编号或取证日期时须填写职业水平',
    ],
    ['unknown political status', { politicalStatus: '党外' }, 'politicalStatus', '政治面貌应为'],
  ])('%s', (_n, patch, field, message) => {
    const r = validateWorker({ ...base, ...patch }, TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const e = r.errors.find((x) => x.field === field);
      expect(e?.message).toContain(message);
    }
  });
});

describe('serviceYears (社区工作年限)', () => {
  it('one continuing period: 9 years 11 months vs 10 years', () => {
    expect(
      serviceYears([{ regionCode: '532822101001', startDate: '2016-12-29', endDate: null }], '53', TODAY).text,
    ).toBe('9年10个月');
    expect(
      serviceYears([{ regionCode: '532822101001', startDate: '2016-11-29', endDate: null }], '53', TODAY).text,
    ).toBe('9年11个月');
    expect(
      serviceYears([{ regionCode: '532822101001', startDate: '2016-11-28', endDate: null }], '53', TODAY).text,
    ).toBe('10年0个月');
  });

  it('a transfer inside the province keeps the years; a period in another province is shown but not counted', () => {
    const r = serviceYears(
      [
        { regionCode: '370102001001', startDate: '2008-01-01', endDate: '2012-01-01', endType: 'resignation' },
        { regionCode: '532801001001', startDate: '2014-03-01', endDate: '2020-03-01', endType: 'transfer' },
        { regionCode: '532822101001', startDate: '2020-03-01', endDate: null },
      ],
      '53',
      '2026-03-01',
    );
    expect(r.text).toBe('12年0个月');
    expect(r.breakdown.map((b) => [b.regionCode, b.counted, b.note])).toEqual([
      ['370102001001', false, '省外工作经历，不累计'],
      ['532801001001', true, '调动，年限累计'],
      ['532822101001', true, '现任'],
    ]);
  });

  it('overlapping periods are counted once', () => {
    const r = serviceYears(
      [
        { regionCode: '532822101001', startDate: '2020-01-01', endDate: '2022-01-01', endType: 'transfer' },
        { regionCode: '532822101002', startDate: '2021-01-01', endDate: '2023-01-01', endType: 'resignation' },
      ],
      '53',
      TODAY,
    );
    expect(r.text).toBe('3年0个月');
    expect(r.days).toBe(1096);
  });
});

describe('attributeOn (学历、政治面貌在某日的值)', () => {
  // 大专 until 2020-07-01, then 本科; 本科 → 硕士 from 2024-06-30.
  const changes = [
    { oldValue: 'associate', newValue: 'bachelor', effectiveOn: '2020-07-01' },
    { oldValue: 'bachelor', newValue: 'master', effectiveOn: '2024-06-30' },
  ];
  it.each([
    ['2019-01-01', 'associate', 'before every change: the first change’s old value'],
    ['2020-06-30', 'associate', 'the day before the change took effect'],
    ['2020-07-01', 'bachelor', 'the day it took effect'],
    ['2024-06-29', 'bachelor', 'between the two changes'],
    ['2024-06-30', 'master', 'the second change’s day'],
    ['2026-11-28', 'master', 'today'],
  ])('on %s → %s (%s)', (date, expected) => {
    expect(attributeOn('master', changes, date)).toBe(expected);
  });
  it('no change recorded: the current value', () => {
    expect(attributeOn('bachelor', [], '1990-01-01')).toBe('bachelor');
    expect(attributeOn(null, [], '2026-01-01')).toBeNull();
  });
  it('two changes on one day: the one recorded last wins; before it, the first one’s old value', () => {
    const same = [
      { oldValue: 'bachelor', newValue: 'doctorate', effectiveOn: '2025-01-01' },
      { oldValue: 'doctorate', newValue: 'master', effectiveOn: '2025-01-01' },
    ];
    expect(attributeOn('master', same, '2025-01-01')).toBe('master');
    expect(attributeOn('master', same, '2024-12-31')).toBe('bachelor');
  });
  it('changes entered out of date order (a correction of an earlier date recorded later)', () => {
    const late = [
      { oldValue: 'bachelor', newValue: 'master', effectiveOn: '2024-01-01' },
      { oldValue: 'associate', newValue: 'bachelor', effectiveOn: '2018-09-01' },
    ];
    expect(attributeOn('master', late, '2017-01-01')).toBe('associate');
    expect(attributeOn('master', late, '2019-01-01')).toBe('bachelor');
    expect(attributeOn('master', late, '2024-01-01')).toBe('master');
  });
});
