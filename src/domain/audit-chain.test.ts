import { describe, expect, it } from 'vitest';
import {
  type AuditContent,
  auditHash,
  type ChainEntry,
  canonicalJson,
  GENESIS_HASH,
  verifyChain,
} from './audit-chain.js';

const content = (i: number): AuditContent => ({
  at: `2026-01-0${i}T00:00:00.000Z`,
  actorType: 'user',
  actorId: '1',
  actorName: 'demo-county',
  action: 'region.update',
  entityType: 'region',
  entityId: '532822101001',
  regionCode: '532822101001',
  before: { name: `旧${i}` },
  after: { name: `新${i}`, nested: { b: 2, a: 1 } },
  ip: '127.0.0.1',
});

function chain(n: number): ChainEntry[] {
  const out: ChainEntry[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const hash = auditHash(prev, content(i));
    out.push({ id: i, ...content(i), prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('audit hash chain', () => {
  it('canonical JSON does not depend on key order (jsonb reorders keys)', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 1, c: 2 }] })).toBe(canonicalJson({ a: [{ c: 2, d: 1 }], b: 1 }));
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
  });

  it('an intact chain verifies', () => {
    expect(verifyChain(chain(5))).toEqual({ ok: true, checked: 5 });
  });

  it('an edited entry is named', () => {
    const c = chain(5);
    c[2] = { ...c[2], after: { name: '篡改' } };
    expect(verifyChain(c)).toMatchObject({ ok: false, firstBrokenId: 3, checked: 2 });
  });

  it('a deleted entry breaks the link of the one after it', () => {
    const c = chain(5);
    c.splice(1, 1);
    expect(verifyChain(c)).toMatchObject({ ok: false, firstBrokenId: 3 });
  });

  it('a re-hashed edit still breaks the next link', () => {
    const c = chain(4);
    const forged = { ...c[1], after: { name: '篡改' } };
    const { id: _i, prevHash, hash: _h, ...body } = forged;
    c[1] = { ...forged, hash: auditHash(prevHash, body) };
    expect(verifyChain(c)).toMatchObject({ ok: false, firstBrokenId: 3 });
  });
});
