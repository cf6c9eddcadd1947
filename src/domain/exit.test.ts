import { describe, expect, it } from 'vitest';
import {
  checkExitFile,
  type ExitType,
  missingExitDocuments,
  retirementDateProblem,
  termCompleted,
  termEndOf,
  termName,
} from './exit.js';

describe('F-EXIT required documents per exit type', () => {
  it.each<[ExitType, string[], string[]]>([
    ['recall', ['recallResolution'], []],
    ['recall', [], ['罢免须附居民会议/居民代表会议罢免决议']],
    ['recall', ['other', 'dismissalNotice'], ['罢免须附居民会议/居民代表会议罢免决议']],
    ['resignation', ['resignationLetter'], []],
    ['resignation', ['resignationLetter', 'other'], []],
    ['resignation', ['other'], ['辞职须附辞职申请书']],
    ['dismissal', ['dismissalNotice'], []],
    ['dismissal', ['resignationLetter'], ['解聘须附解聘通知书']],
    ['retirement', ['retirementApproval'], []],
    ['retirement', [], ['退休须附退休审批表']],
    ['death', ['deathCertificate'], []],
    ['death', ['other'], ['死亡须附死亡证明']],
  ])('%s with %j → %j', (type, kinds, messages) => {
    const missing = missingExitDocuments(type, kinds);
    expect(missing.map((m) => m.message)).toEqual(messages);
    expect(missing.every((m) => m.field === 'documents')).toBe(true);
  });
});

describe('F-EXIT retirement before the statutory date needs a reason', () => {
  it.each([
    // exit date, statutory date, early reason, refused?
    ['2026-03-01', '2026-03-01', null, false],
    ['2026-03-02', '2026-03-01', null, false],
    ['2026-02-28', '2026-03-01', null, true],
    ['2026-02-28', '2026-03-01', '   ', true],
    ['2026-02-28', '2026-03-01', '因病完全丧失劳动能力', false],
    ['2020-01-01', '2026-03-01', '特殊工种', false],
  ])('exit %s, statutory %s, reason %j → refused %s', (exit, statutory, reason, refused) => {
    const p = retirementDateProblem(exit, statutory, reason);
    expect(p !== null).toBe(refused);
    if (p)
      expect(p).toEqual({
        field: 'earlyRetirementReason',
        message: `退休日期 ${exit.slice(0, 4)}年${exit.slice(5, 7)}月${exit.slice(8, 10)}日 早于法定退休日期 2026年03月01日，提前退休须填写提前退休原因`,
      });
  });
});

describe('F-EXIT document files', () => {
  const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31]);
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d]);
  const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00]);
  it.each([
    ['辞职申请书.pdf', pdf, 'application/pdf'],
    ['scan.PNG', png, 'image/png'],
    ['x.jpeg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg'],
    ['a.docx', zip, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['a.xlsx', zip, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ])('%s accepted as %s', (name, bytes, mime) => {
    expect(checkExitFile(name, bytes)).toEqual({ mime });
  });
  it.each([
    ['a.exe', pdf, '只接受 pdf、jpg、png、docx、xlsx 文件'],
    ['noext', pdf, '只接受 pdf、jpg、png、docx、xlsx 文件'],
    ['a.pdf', new Uint8Array(), '文件为空'],
    ['a.pdf', png, '文件内容与扩展名 .pdf 不符'],
    ['a.pdf', new Uint8Array(5 * 1024 * 1024 + 1).fill(0x25), '文件超过 5 MB'],
  ])('%s refused: %s', (name, bytes, error) => {
    expect(checkExitFile(name, bytes)).toEqual({ error });
  });
  it('exactly 5 MB is accepted', () => {
    const b = new Uint8Array(5 * 1024 * 1024);
    b.set(pdf);
    expect(checkExitFile('a.pdf', b)).toEqual({ mime: 'application/pdf' });
  });
});

describe('terms (届) register', () => {
  it.each([
    ['2021-03-15', 5, '2026-03-15'],
    ['2024-02-29', 5, '2029-02-28'],
    ['2021-03-15', 3, '2024-03-15'],
  ])('elected %s, %i-year terms → due end %s', (elected, years, end) => {
    expect(termEndOf(elected, years)).toBe(end);
  });
  it.each([
    [null, null, false],
    ['2026-02-20', 'election', true],
    ['2023-05-01', 'early', false],
  ])('closed %s (%s) → completed %s', (closedOn, closeReason, done) => {
    expect(termCompleted({ closedOn, closeReason })).toBe(done);
  });
  it.each([
    [1, '第一届'],
    [9, '第九届'],
    [10, '第十届'],
    [11, '第十一届'],
    [20, '第二十届'],
    [32, '第三十二届'],
  ])('%i → %s', (n, s) => expect(termName(n)).toBe(s));
});
