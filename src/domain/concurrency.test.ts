import { describe, expect, it } from 'vitest';
import { checkVersion, etagOf, expectedVersion, ifMatchVersion, STALE_MESSAGE } from './concurrency.js';
import { DomainError } from './errors.js';

const errorOf = (f: () => unknown): DomainError | null => {
  try {
    f();
    return null;
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
};

describe('checkVersion', () => {
  it.each([
    ['no version sent: any record passes', '100', undefined, null],
    ['the version read', '100', '100', null],
    ['an older version', '101', '100', 'STALE_VERSION'],
    ['a version not yet written', '100', '101', 'STALE_VERSION'],
    ['same digits, not the same version', '100', '0100', 'STALE_VERSION'],
  ] as const)('%s', (_, current, expected, code) => {
    const e = errorOf(() => checkVersion(current, expected));
    expect(e?.code ?? null).toBe(code);
    if (e) {
      expect(e.kind).toBe('conflict');
      expect(e.message).toBe(STALE_MESSAGE);
      expect(e.fields).toEqual([{ field: 'version', message: STALE_MESSAGE }]);
    }
  });
});

describe('ifMatchVersion', () => {
  it.each([
    [undefined, undefined],
    ['*', undefined],
    [' * ', undefined],
    ['"1"', '1'],
    ['"4294967295"', '4294967295'],
    ['"1764547200123456"', '1764547200123456'],
    ['W/"735"', '735'],
    [' "735" ', '735'],
  ])('%j → %j', (header, version) => {
    expect(ifMatchVersion(header)).toBe(version);
  });

  it.each(['', '735', '"abc"', '"12a"', '""', '"12345678901234567890"', '"1", "2"', 'w/"1"', '"1'])(
    'refuses %j with a field error on If-Match',
    (header) => {
      const e = errorOf(() => ifMatchVersion(header));
      expect(e?.kind).toBe('validation');
      expect(e?.fields.map((f) => f.field)).toEqual(['If-Match']);
    },
  );
});

describe('expectedVersion', () => {
  it.each([
    [undefined, undefined, undefined],
    [null, undefined, undefined],
    ['7', undefined, '7'],
    [undefined, '"7"', '7'],
    ['7', '"7"', '7'],
    ['7', 'W/"7"', '7'],
    ['7', '*', '7'],
  ])('body %j, If-Match %j → %j', (body, header, version) => {
    expect(expectedVersion(body, header)).toBe(version);
  });

  it.each([
    ['7', '"8"', 'version'],
    [7, undefined, 'version'],
    ['abc', undefined, 'version'],
    ['', undefined, 'version'],
    [undefined, 'abc', 'If-Match'],
  ])('body %j, If-Match %j → 400 on %s', (body, header, field) => {
    const e = errorOf(() => expectedVersion(body, header));
    expect(e?.kind).toBe('validation');
    expect(e?.fields.map((f) => f.field)).toEqual([field]);
  });
});

it('etagOf quotes the version (a strong tag)', () => {
  expect(etagOf('735')).toBe('"735"');
  expect(ifMatchVersion(etagOf('735'))).toBe('735');
});
