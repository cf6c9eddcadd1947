import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password.js';

describe('password rule', () => {
  it.each([
    ['Shequ@2024', null],
    ['abcdefg1', null],
    ['abcdef1', '密码至少 8 位'],
    ['abcdefgh', '密码须同时包含字母和数字'],
    ['12345678', '密码须同时包含字母和数字'],
    [`a1${'x'.repeat(127)}`, '密码不能超过 128 位'],
  ])('%j → %j', (pw, problem) => {
    expect(passwordProblem(pw)).toBe(problem);
  });
});
