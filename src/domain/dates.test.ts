import { describe, expect, it } from 'vitest';
import { addYears, ageOn, calendarDiff, chineseDate, daysBetween, isIsoDate, parseFlexibleDate } from './dates.js';

describe('parseFlexibleDate: the ways offices write a date', () => {
  it.each<[unknown, string | null]>([
    ['1985-03-01', '1985-03-01'],
    ['1985/3/1', '1985-03-01'],
    ['1985.03.01', '1985-03-01'],
    ['1985年3月1日', '1985-03-01'],
    ['1985 年 3 月 1 日', '1985-03-01'],
    ['19850301', '1985-03-01'],
    ['１９８５-０３-０１', '1985-03-01'],
    [new Date(Date.UTC(1985, 2, 1)), '1985-03-01'],
    [31107, '1985-03-01'], // Excel serial day
    ['2026-11-28T10:00:00Z', '2026-11-28'],
    ['1949-02-30', null],
    ['1985-13-01', null],
    ['1985/3', null],
    ['三月一日', null],
    ['', null],
    [null, null],
    [31107.5, null],
  ])('%j → %j', (input, expected) => {
    expect(parseFlexibleDate(input)).toBe(expected);
  });
});

describe('date arithmetic', () => {
  it('ages turn on the birthday, not the day before', () => {
    expect(ageOn('1990-11-28', '2026-11-27')).toBe(35);
    expect(ageOn('1990-11-28', '2026-11-28')).toBe(36);
  });
  it('29 February plus a year is 28 February', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });
  it.each([
    ['2023-11-28', '2026-11-27', { years: 2, months: 11, days: 30 }],
    ['2023-11-28', '2026-11-28', { years: 3, months: 0, days: 0 }],
    ['2024-01-31', '2024-03-01', { years: 0, months: 1, days: 1 }],
  ])('calendarDiff(%s, %s)', (a, b, d) => {
    expect(calendarDiff(a, b)).toEqual(d);
  });
  it('counts days and formats the Chinese way', () => {
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(chineseDate('1985-03-01')).toBe('1985年03月01日');
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
  });
});
