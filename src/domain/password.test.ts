import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS } from './common-passwords.js';
import {
  characterClasses,
  PASSWORD_MESSAGES as M,
  nameForms,
  type PasswordContext,
  passwordProblem,
  unguessableLength,
} from './password.js';

describe('password rule', () => {
  it.each<[string, string, string | null, PasswordContext?]>([
    // the passwords the issue found accepted
    ['password1', 'issue: password1', M.short],
    ['qwerty123', 'issue: qwerty123', M.short],
    ['Shequ@2024', 'issue: the demo password (kept for signing in, refused when set)', M.product],
    ['demo-county2024', 'issue: the user name plus digits', M.username, { username: 'demo-county' }],
    [`${' '.repeat(8)}1a`, 'issue: 8 spaces + "1a" (whitespace is no class)', M.classes],
    // length edges
    ['Ab1#Ab1#A', '9 characters', M.short],
    ['Tq7#mWx2$p', '10 characters, four classes', null],
    [`Tq7#${'mWx2$p'.repeat(20)}`.slice(0, 128), '128 characters', null],
    [`Tq7#${'mWx2$p'.repeat(22)}`.slice(0, 129), '129 characters', M.long],
    ['社区工作者队伍管理平台', '11 characters of 汉字 (one class)', M.classes],
    ['红河Tq7mWx2p', '汉字 count as the symbol class', null],
    // classes
    ['abcdefghij', 'lower only', M.classes],
    ['tq7mwx2pzk', 'lower + digits', M.classes],
    ['TQ7MWX2PZK', 'upper + digits', M.classes],
    ['Tq7mWx2pZk', 'upper + lower + digits', null],
    ['tq7#mwx2$p', 'lower + digits + symbols', null],
    ['Tq Mw Xp Zk', 'upper + lower, spaces do not count', M.classes],
    // common passwords, also with symbols for letters
    ['123456789a', 'common: 123456789a', M.classes],
    ['Aa123456789', 'common: Aa123456789', M.common],
    ['Woaini1314!', 'common: woaini1314!', M.common],
    ['Woaini1314#', 'woaini1314 + one symbol', M.guessable],
    ['P@ssw0rd123', 'common after undoing the swaps', M.common],
    ['Abc@123456', 'common complexity favourite', M.common],
    ['Huawei12#$', 'common device default', M.common],
    ['1qaz@WSX3edc', 'keyboard columns', M.guessable],
    // derived
    ['Qwerty@2024', 'keyboard walk + year', M.guessable],
    ['Zhang@19900101', 'surname + birth date (common part + date)', M.guessable],
    ['Password-Welcome', 'two common words', M.guessable],
    ['Abcd-4321-xyz', 'sequences', M.guessable],
    ['Aaaa1111!!!!', 'repeats', M.guessable],
    ['Tq7#Tq7#Tq7#', 'a block repeated: the first copy is 4 characters', null],
    ['ytnuoc-omed99', 'the user name reversed', M.username, { username: 'demo-county' }],
    ['D3mo-County!x', 'the user name with symbols for letters', M.username, { username: 'demo-county' }],
    ['Zhangsanfeng#7', 'the name in pinyin', M.name, { names: ['zhangsanfeng', 'zhang', 'sanfeng'] }],
    ['Fengsan#7Qx', 'no name given: accepted', null],
    ['SHEQU-admin-9x', 'the product name in any case', M.product],
    ['Sh3qu-Tq7mWx', 'the product name with a digit for a letter', M.product],
    // good ones
    ['Grant-pass-1', 'a test password used across the suite', null],
    ['Tea-Garden-2031', 'words + a year, enough left over', null],
    ['Menghai#Tea7', 'a place name is not the user name', null, { username: 'demo-county' }],
  ])('%j (%s) → %j', (pw, _label, problem, ctx) => {
    expect(passwordProblem(pw, ctx)).toBe(problem);
  });

  it('every common password is refused however it is capitalised', () => {
    for (const common of COMMON_PASSWORDS) {
      for (const pw of [common, common.toUpperCase(), common[0].toUpperCase() + common.slice(1)]) {
        expect(passwordProblem(pw), pw).not.toBeNull();
      }
    }
  });

  it('the common list holds a few hundred distinct lower-case entries', () => {
    expect(COMMON_PASSWORDS.length).toBeGreaterThanOrEqual(300);
    expect(new Set(COMMON_PASSWORDS).size).toBe(COMMON_PASSWORDS.length);
    for (const p of COMMON_PASSWORDS) expect(p).toBe(p.toLowerCase());
  });

  it.each([
    ['Tq7#mWx2$p', 4],
    ['tq7mwx2pzk', 2],
    [' \t\n', 0],
    ['Ab', 2],
  ])('classes of %j = %d', (pw, n) => {
    expect(characterClasses(pw)).toBe(n);
  });

  it.each([
    ['qwerty2024', 0],
    ['qwerty2024Tq7#', 4],
    ['zxcv', 0],
    ['vcxz', 0],
    ['Tq7#mWx2$p', 10],
    ['19900101', 0],
  ])('unguessable characters of %j = %d', (pw, n) => {
    expect(unguessableLength(pw)).toBe(n);
  });

  it.each([
    ['Zhang Sanfeng', ['zhangsanfeng', 'zhang', 'sanfeng']],
    ['Li Na', ['lina']],
    ['张三丰', []],
    ['测试用户 demo', []],
    [undefined, []],
  ])('name forms of %j', (name, forms) => {
    expect(nameForms(name)).toEqual(forms);
  });
});
