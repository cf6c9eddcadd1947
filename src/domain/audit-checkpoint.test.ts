import { describe, expect, it } from 'vitest';
import { GENESIS_HASH } from './audit-chain.js';
import {
  type AuditKeyring,
  type Checkpoint,
  checkpointMessage,
  checkSignature,
  compareCheckpoint,
  keyIdOf,
  parseKeys,
  signCheckpoint,
} from './audit-checkpoint.js';

const K1 = 'a'.repeat(64);
const K2 = `${'0123456789abcdef'.repeat(4)}`;
const ring = (text: string): AuditKeyring => parseKeys(text, 'test');
const h = (c: string) => c.repeat(64);

function signed(r: AuditKeyring, c: Omit<Checkpoint, 'id' | 'keyId' | 'mac'>, id = 1): Checkpoint {
  return { id, ...c, ...signCheckpoint(r.keys[0], c) };
}

describe('parseKeys', () => {
  it.each([
    ['one key', K1, 1],
    ['a key file with a comment and a blank line', `# comment\n\n${K1}\n`, 1],
    ['two keys on lines (the first signs)', `${K2}\n${K1}`, 2],
    ['two keys comma-separated', `${K1},${K2}`, 2],
    ['upper-case hex', K1.toUpperCase(), 1],
    ['a 128-byte key', 'b'.repeat(256), 1],
  ])('%s', (_name, text, n) => {
    expect(ring(text).keys).toHaveLength(n);
  });

  it.each([
    ['an empty file', '', '中没有审计密钥'],
    ['only comments', '# nothing\n', '中没有审计密钥'],
    ['31 bytes', 'a'.repeat(62), '第 1 个审计密钥无效'],
    ['non-hex', 'g'.repeat(64), '第 1 个审计密钥无效'],
    ['129 bytes', 'a'.repeat(258), '第 1 个审计密钥无效'],
    ['a bad second key', `${K1}\nxyz`, '第 2 个审计密钥无效'],
  ])('refuses %s', (_name, text, message) => {
    expect(() => ring(text)).toThrow(message);
  });

  it('names keys without revealing them, the same key always alike', () => {
    const id = keyIdOf(Buffer.from(K1, 'hex'));
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(K1.includes(id)).toBe(false);
    expect(ring(K1).keys[0].id).toBe(id);
    expect(ring(K2).keys[0].id).not.toBe(id);
  });
});

describe('checkpoint signatures', () => {
  const body = { at: '2026-12-07T08:00:00.000Z', lastId: 42, lastHash: h('c'), entryCount: 40 };
  const c = signed(ring(K1), body);

  it('covers every field of the message', () => {
    expect(checkpointMessage(body)).toBe(`shequ-audit-checkpoint/1\n42\n${h('c')}\n40\n2026-12-07T08:00:00.000Z`);
  });

  it.each<[string, AuditKeyring | null, Partial<Checkpoint>, string]>([
    ['valid', ring(K1), {}, 'valid'],
    ['valid with an older key still in the ring', ring(`${K2}\n${K1}`), {}, 'valid'],
    ['last id changed', ring(K1), { lastId: 41 }, 'invalid'],
    ['hash changed', ring(K1), { lastHash: h('d') }, 'invalid'],
    ['count changed', ring(K1), { entryCount: 39 }, 'invalid'],
    ['time changed', ring(K1), { at: '2026-12-07T08:00:00.001Z' }, 'invalid'],
    ['mac not hex', ring(K1), { mac: 'zz' }, 'invalid'],
    ['mac truncated', ring(K1), { mac: c.mac.slice(0, 62) }, 'invalid'],
    ['signed by a key not held', ring(K2), {}, 'unknown_key'],
    ['no key configured', null, {}, 'no_key'],
  ])('%s', (_name, r, change, verdict) => {
    expect(checkSignature(r, { ...c, ...change })).toBe(verdict);
  });
});

describe('compareCheckpoint', () => {
  const c = signed(ring(K1), { at: '2026-12-07T08:00:00.000Z', lastId: 10, lastHash: h('a'), entryCount: 8 }, 3);
  const end = { id: 20, hash: h('f'), count: 18 };

  it('accepts the chain as signed', () => {
    expect(compareCheckpoint(c, 'database', { id: 10, hash: h('a'), count: 8 }, end)).toBeNull();
  });

  it.each([
    ['a re-hashed chain', { id: 10, hash: h('b'), count: 8 }, end, 'CHECKPOINT_MISMATCH', '重新计算了哈希'],
    [
      'an entry deleted before it',
      { id: 10, hash: h('a'), count: 7 },
      end,
      'CHECKPOINT_MISMATCH',
      '有记录被删除或插入',
    ],
    ['its entry deleted, later ones kept', null, end, 'CHECKPOINT_ENTRY_MISSING', '第 10 号记录已不存在'],
    ['the tail deleted', null, { id: 9, hash: h('e'), count: 7 }, 'MISSING_TAIL', '现在日志只到第 9 号记录（共 7 条）'],
    [
      'every entry deleted',
      null,
      { id: 0, hash: GENESIS_HASH, count: 0 },
      'MISSING_TAIL',
      '现在日志只到开头（共 0 条）',
    ],
  ] as const)('reports %s', (_name, at, e, code, words) => {
    const p = compareCheckpoint(c, 'file', at, e);
    expect(p).toMatchObject({ code, checkpointId: 3, source: 'file' });
    expect(p?.message).toContain(words);
    expect(p?.message).toContain('导出文件中的第 3 号检查点（2026-12-07 08:00:00Z）');
  });

  it('checks an empty-log anchor', () => {
    const empty = signed(ring(K1), { at: c.at, lastId: 0, lastHash: GENESIS_HASH, entryCount: 0 });
    expect(compareCheckpoint(empty, 'database', null, end)).toBeNull();
    const wrong = { ...empty, entryCount: 1 };
    expect(compareCheckpoint(wrong, 'database', null, end)?.code).toBe('CHECKPOINT_MISMATCH');
  });
});
