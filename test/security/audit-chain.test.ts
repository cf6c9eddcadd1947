/**
 * The audit log under attack, on both engines (issue 12 item 7). Before the keyed checkpoints a
 * deleted tail and a chain re-hashed after an edit both passed `audit verify` (this file's first
 * version failed 4 of 4 on main). Each attack runs as the tables' owner would — append-only triggers
 * switched off — inside a transaction that is rolled back, so every case starts from the same log.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../../src/db/database.js';
import { auditRepository, toChainEntry } from '../../src/db/repositories/audit.repository.js';
import { auditHash, GENESIS_HASH } from '../../src/domain/audit-chain.js';
import { type AuditKeyring, type Checkpoint, parseKeys, signCheckpoint } from '../../src/domain/audit-checkpoint.js';
import { DomainError } from '../../src/domain/errors.js';
import { systemActor } from '../../src/domain/permissions.js';
import { auditVerifier, writeAudit } from '../../src/services/audit.service.js';
import {
  auditCheckpointWriter,
  parseCheckpointExport,
  startAuditCheckpoints,
} from '../../src/services/audit-checkpoint.service.js';
import { type AuditReport, auditChainReport } from '../../src/services/audit-verify.service.js';
import { createTestDb, ENGINES, type TestDb } from '../helpers/db.js';

const newRing = (): AuditKeyring => parseKeys(randomBytes(32).toString('hex'), 'test');
const actor = systemActor('test');

/** Writes n entries, each in its own transaction. */
async function entries(db: TestDb['db'], n: number, tag = 'test.entry'): Promise<void> {
  for (let i = 0; i < n; i++)
    await db.transaction((tx) => writeAudit(tx, actor, { action: tag, entityType: 'test', after: { i } }));
}

const ids = async (q: Queryable) =>
  (await q.query<{ id: number }>('select id from audit_log order by id')).map((r) => Number(r.id));

/** Recomputes every hash from genesis, as an attacker without the key would after an edit. */
async function rehash(tx: Queryable): Promise<void> {
  let prev = GENESIS_HASH;
  for (const row of await auditRepository.page(tx, 0, 1_000_000)) {
    const { id: _i, prevHash: _p, hash: _h, ...content } = toChainEntry(row);
    const hash = auditHash(prev, content);
    await tx.query('update audit_log set prev_hash = $2, hash = $3 where id = $1', [row.id, prev, hash]);
    prev = hash;
  }
}

class Rollback extends Error {
  constructor(readonly report: AuditReport) {
    super('rollback');
  }
}

describe.each(ENGINES)('audit chain attacks (%s)', (engine) => {
  let t: TestDb;
  let ring: AuditKeyring;
  /** Checkpoints written along the way, as an administrator would have exported them. */
  let exported: Checkpoint[];
  let firstCheckpointed: number;

  /** Runs an attack as the tables' owner, verifies inside it, and rolls it back. */
  async function attack(
    fn: (tx: Queryable) => Promise<unknown>,
    opts: { keys?: AuditKeyring | null; external?: Checkpoint[] } = {},
  ): Promise<AuditReport> {
    try {
      await t.db.transaction(async (tx) => {
        await tx.query('alter table audit_log disable trigger audit_log_append_only');
        await tx.query('alter table audit_checkpoint disable trigger audit_checkpoint_append_only');
        await fn(tx);
        throw new Rollback(await auditChainReport(tx, opts.keys === undefined ? ring : opts.keys, opts.external));
      });
    } catch (e) {
      if (e instanceof Rollback) return e.report;
      throw e;
    }
    throw new Error('unreachable');
  }

  beforeAll(async () => {
    t = await createTestDb(engine);
    ring = newRing();
    await entries(t.db, 3);
    firstCheckpointed = (await ids(t.db)).at(-1)!;
    const first = await auditCheckpointWriter(t.db, ring, { reason: 'test' });
    await entries(t.db, 4);
    const second = await auditCheckpointWriter(t.db, ring, { reason: 'test' });
    exported = [first.checkpoint, second.checkpoint];
  });
  afterAll(() => t.close());

  it('verifies the intact log: chain, both checkpoints, nothing uncovered', async () => {
    const v = await auditVerifier(t.db, systemActor('cli'), { keys: ring, external: exported });
    const all = await ids(t.db);
    expect(v).toMatchObject({
      ok: true,
      checked: all.length,
      entries: all.length,
      lastEntryId: all.at(-1),
      firstBrokenId: null,
      reason: null,
      problems: [],
      problemCount: 0,
      warnings: [],
    });
    expect(v.checkpoints).toMatchObject({ database: 2, file: 2, verified: 4 });
    expect(v.checkpoints.latest).toMatchObject({ lastId: all.at(-1), entryCount: all.length });
  });

  it('a deleted tail: reported against the last checkpoint (passed verification before)', async () => {
    const all = await ids(t.db);
    const v = await attack((tx) => tx.query('delete from audit_log where id > $1', [all.at(-3)]));
    expect(v.ok).toBe(false);
    expect(v.firstBrokenId).toBeNull(); // what is left is a perfect chain
    expect(v.problems).toEqual([
      {
        code: 'MISSING_TAIL',
        entryId: all.at(-1),
        checkpointId: exported[1].id,
        source: 'database',
        message: expect.stringContaining(
          `记到第 ${all.at(-1)} 号记录（共 ${all.length} 条），现在日志只到第 ${all.at(-3)} 号记录（共 ${all.length - 2} 条），其后的记录被删除`,
        ),
      },
    ]);
    expect(v.reason).toBe(v.problems[0].message);
  });

  it('a deleted tail and the checkpoints after it: only an exported checkpoint shows it', async () => {
    const all = await ids(t.db);
    const cut = async (tx: Queryable) => {
      await tx.query('delete from audit_log where id > $1', [firstCheckpointed]);
      await tx.query('delete from audit_checkpoint where last_id > $1', [firstCheckpointed]);
    };
    const alone = await attack(cut);
    expect(alone.ok).toBe(true);
    const withFile = await attack(cut, { external: [exported[1]] });
    expect(withFile.ok).toBe(false);
    expect(withFile.problems.map((p) => [p.code, p.source, p.entryId])).toEqual([['MISSING_TAIL', 'file', all.at(-1)]]);
    expect(withFile.problems[0].message).toContain('导出文件中的第');
  });

  it('an edit without re-hashing: the first broken entry is named', async () => {
    const all = await ids(t.db);
    const v = await attack((tx) => tx.query(`update audit_log set after = '{"i":99}'::jsonb where id = $1`, [all[1]]));
    expect(v).toMatchObject({
      ok: false,
      firstBrokenId: all[1],
      checked: 1,
      reason: '记录内容与哈希不符（记录被修改）',
    });
    expect(v.problems.map((p) => p.code)).toEqual(['CHAIN_BROKEN']);
  });

  it('an edit with the whole chain re-hashed: every checkpoint after it disagrees (passed verification before)', async () => {
    const all = await ids(t.db);
    const v = await attack(async (tx) => {
      await tx.query(`update audit_log set after = '{"i":99}'::jsonb where id = $1`, [all[1]]);
      await rehash(tx);
    });
    expect(v.ok).toBe(false);
    expect(v.firstBrokenId).toBeNull();
    expect(v.checked).toBe(all.length);
    expect(v.problems.map((p) => [p.code, p.checkpointId])).toEqual([
      ['CHECKPOINT_MISMATCH', exported[0].id],
      ['CHECKPOINT_MISMATCH', exported[1].id],
    ]);
    expect(v.problems[0].message).toContain('被修改后重新计算了哈希');
  });

  it('an edit after the first checkpoint, re-hashed: the earlier checkpoint still holds, the later one does not', async () => {
    const all = await ids(t.db);
    const v = await attack(async (tx) => {
      await tx.query(`update audit_log set after = '{"i":99}'::jsonb where id = $1`, [all.at(-2)]);
      await rehash(tx);
    });
    expect(v.problems.map((p) => [p.code, p.checkpointId])).toEqual([['CHECKPOINT_MISMATCH', exported[1].id]]);
  });

  it('a re-hashed chain with its checkpoints rewritten to match: the signatures no longer fit', async () => {
    const all = await ids(t.db);
    const v = await attack(async (tx) => {
      await tx.query(`update audit_log set after = '{"i":99}'::jsonb where id = $1`, [all[0]]);
      await rehash(tx);
      await tx.query(
        `update audit_checkpoint c set last_hash = l.hash from audit_log l where l.id = c.last_id and c.last_id > 0`,
      );
    });
    expect(v.problems.map((p) => p.code)).toEqual(['CHECKPOINT_BAD_SIGNATURE', 'CHECKPOINT_BAD_SIGNATURE']);
    expect(v.problems[0].message).toContain('签名不符：检查点被伪造或修改');
  });

  it('a re-hashed chain with every checkpoint deleted: the exported checkpoint disagrees', async () => {
    const all = await ids(t.db);
    const rewrite = async (tx: Queryable) => {
      await tx.query(`update audit_log set after = '{"i":99}'::jsonb where id = $1`, [all[0]]);
      await rehash(tx);
      await tx.query('delete from audit_checkpoint');
    };
    const alone = await attack(rewrite);
    expect(alone.ok).toBe(true);
    expect(alone.warnings).toEqual(['还没有检查点：末尾记录被删除、或整条链被重新计算哈希时无法发现']);
    const withFile = await attack(rewrite, { external: exported });
    expect(withFile.problems.map((p) => [p.code, p.source])).toEqual([
      ['CHECKPOINT_MISMATCH', 'file'],
      ['CHECKPOINT_MISMATCH', 'file'],
    ]);
  });

  it('a deleted entry in the middle, re-hashed: the count at the checkpoint is short', async () => {
    const all = await ids(t.db);
    const v = await attack(async (tx) => {
      await tx.query('delete from audit_log where id = $1', [all[1]]);
      await rehash(tx);
    });
    expect(v.problems[0]).toMatchObject({ code: 'CHECKPOINT_MISMATCH', checkpointId: exported[0].id });
    // The checkpoint covered all but the 4 entries after it; one of those before it is gone.
    expect(v.problems[0].message).toContain(`共有 ${all.length - 4 - 1} 条记录，而`);
  });

  it('the very entry a checkpoint names deleted and re-hashed: reported as missing', async () => {
    const v = await attack(async (tx) => {
      await tx.query('delete from audit_log where id = $1', [firstCheckpointed]);
      await rehash(tx);
    });
    expect(v.problems.map((p) => [p.code, p.entryId])).toEqual([
      ['CHECKPOINT_ENTRY_MISSING', firstCheckpointed],
      ['CHECKPOINT_MISMATCH', firstCheckpointed + 4],
    ]);
  });

  it('a forged checkpoint signed with another key is not trusted', async () => {
    const other = newRing();
    const all = await ids(t.db);
    const body = { at: new Date().toISOString(), lastId: all.at(-1)!, lastHash: 'e'.repeat(64), entryCount: 1 };
    const v = await attack(async (tx) => {
      const s = signCheckpoint(other.keys[0], body);
      await tx.query(
        `insert into audit_checkpoint (at, last_id, last_hash, entry_count, key_id, mac, reason) values ($1, $2, $3, $4, $5, $6, 'forged')`,
        [body.at, body.lastId, body.lastHash, body.entryCount, s.keyId, s.mac],
      );
    });
    expect(v.problems.map((p) => p.code)).toEqual(['CHECKPOINT_UNKNOWN_KEY']);
    expect(v.problems[0].message).toContain('由另一把密钥');
  });

  it('without a key the checkpoints are still compared, with a warning that their signatures are not checked', async () => {
    const all = await ids(t.db);
    const v = await attack((tx) => tx.query('delete from audit_log where id > $1', [all.at(-2)]), { keys: null });
    expect(v.problems.map((p) => p.code)).toEqual(['MISSING_TAIL']);
    expect(v.checkpoints.verified).toBe(0);
    expect(v.warnings).toContain(
      '未配置审计密钥，检查点的签名未校验（PostgreSQL 部署请设置 SHEQU_AUDIT_KEY_FILE 或 SHEQU_AUDIT_KEY）',
    );
  });

  it('says how many entries no checkpoint covers yet', async () => {
    await entries(t.db, 2, 'test.late');
    const v = await auditChainReport(t.db, ring);
    expect(v.ok).toBe(true);
    expect(v.warnings).toEqual([expect.stringContaining('之后的 2 条记录尚无检查点')]);
    exported.push((await auditCheckpointWriter(t.db, ring, { reason: 'test' })).checkpoint);
    expect((await auditChainReport(t.db, ring)).warnings).toEqual([]);
  });

  describe('the checkpoint writer', () => {
    it('writes nothing new when the last checkpoint already covers the head', async () => {
      const before = (await t.db.query<{ n: number }>('select count(*)::int as n from audit_checkpoint'))[0].n;
      const r = await auditCheckpointWriter(t.db, ring, { reason: 'test' });
      expect(r.written).toBe(false);
      expect(r.checkpoint.id).toBe(exported.at(-1)!.id);
      expect((await t.db.query<{ n: number }>('select count(*)::int as n from audit_checkpoint'))[0].n).toBe(before);
    });

    it('counts entries, not ids: a rolled-back write leaves a gap in the ids', async () => {
      await expect(
        t.db.transaction(async (tx) => {
          await writeAudit(tx, actor, { action: 'test.rolled-back', entityType: 'test' });
          throw new Error('no');
        }),
      ).rejects.toThrow('no');
      await entries(t.db, 1, 'test.after-gap');
      const all = await ids(t.db);
      const r = await auditCheckpointWriter(t.db, ring, { reason: 'test' });
      expect(r).toMatchObject({ written: true, checkpoint: { lastId: all.at(-1), entryCount: all.length } });
      expect(all.at(-1)).toBeGreaterThan(all.length);
      exported.push(r.checkpoint);
      expect((await auditChainReport(t.db, ring, exported)).ok).toBe(true);
    });

    it('refuses to sign a broken chain, and writes nothing', async () => {
      const all = await ids(t.db);
      await entries(t.db, 1, 'test.to-break');
      const target = (await ids(t.db)).at(-1)!;
      const err = await t.db
        .transaction(async (tx) => {
          await tx.query('alter table audit_log disable trigger audit_log_append_only');
          await tx.query(`update audit_log set after = '{"x":1}'::jsonb where id = $1`, [target]);
          const before = (await tx.query<{ n: number }>('select count(*)::int as n from audit_checkpoint'))[0].n;
          // The writer on the same transaction sees the edit (it opens its own inner one on PGlite too).
          const e = await auditCheckpointWriter({ ...t.db, query: tx.query, transaction: (fn) => fn(tx) }, ring, {
            reason: 'test',
          }).catch((x: unknown) => x);
          const after = (await tx.query<{ n: number }>('select count(*)::int as n from audit_checkpoint'))[0].n;
          expect(after).toBe(before);
          throw new Rollback({ reason: (e as Error).message } as AuditReport);
        })
        .catch((e: unknown) => (e instanceof Rollback ? e.report.reason : e));
      expect(err).toBe(
        `审计链在第 ${target} 号记录处断开：记录内容与哈希不符（记录被修改）；不再写入新检查点，请执行 shequ audit verify 查看`,
      );
      expect(all.length).toBeGreaterThan(0);
    });

    it('refuses to anchor on a checkpoint the log no longer agrees with', async () => {
      const last = exported.at(-1)!;
      const msg = await t.db
        .transaction(async (tx) => {
          await tx.query('alter table audit_log disable trigger audit_log_append_only');
          await tx.query('delete from audit_log where id = $1', [last.lastId]);
          const e = await auditCheckpointWriter({ ...t.db, query: tx.query, transaction: (fn) => fn(tx) }, ring, {
            reason: 'test',
          }).catch((x: unknown) => x);
          throw new Rollback({ reason: (e as DomainError).message } as AuditReport);
        })
        .catch((e: unknown) => (e instanceof Rollback ? e.report.reason : e));
      expect(msg).toContain(`审计日志与第 ${last.id} 号检查点不符（第 ${last.lastId} 号记录已不存在）`);
    });
  });

  describe('the periodic writer', () => {
    it('writes after N entries or M minutes with new entries, at shutdown, and never without new entries', async () => {
      let clock = new Date('2030-01-01T00:00:00.000Z');
      const errors: string[] = [];
      const count = async () =>
        (await t.db.query<{ n: number }>('select count(*)::int as n from audit_checkpoint'))[0].n;
      const cp = startAuditCheckpoints(t.db, ring, {
        entries: 3,
        minutes: 10,
        pollSeconds: 3600,
        now: () => clock,
        log: { info: () => {}, error: (m) => errors.push(m) },
      });
      await cp.tick(); // after the startup look, which covered the head
      const start = await count();
      await cp.tick();
      expect(await count()).toBe(start);
      await entries(t.db, 2, 'test.periodic');
      await cp.tick();
      expect(await count()).toBe(start); // 2 < 3 entries, no time passed
      await entries(t.db, 1, 'test.periodic');
      await cp.tick();
      expect(await count()).toBe(start + 1); // 3 entries
      await entries(t.db, 1, 'test.periodic');
      clock = new Date(clock.getTime() + 9 * 60_000);
      await cp.tick();
      expect(await count()).toBe(start + 1);
      clock = new Date(clock.getTime() + 60_000);
      await cp.tick();
      expect(await count()).toBe(start + 2); // 10 minutes with 1 new entry
      clock = new Date(clock.getTime() + 60 * 60_000);
      await cp.tick();
      expect(await count()).toBe(start + 2); // an hour, but nothing new
      await entries(t.db, 1, 'test.periodic');
      await cp.stop();
      expect(await count()).toBe(start + 3); // shutdown
      expect(errors).toEqual([]);
      const latest = await t.db.query<{ reason: string }>(
        'select reason from audit_checkpoint order by id desc limit 3',
      );
      expect(latest.map((r) => r.reason)).toEqual(['shutdown', 'interval', 'entries']);
      expect((await auditChainReport(t.db, ring)).ok).toBe(true);
    });
  });

  describe('the append-only tables', () => {
    const refusals = [
      ['update audit_log', `update audit_log set actor_name = 'x' where id = (select min(id) from audit_log)`],
      ['delete from audit_log', 'delete from audit_log where id = (select max(id) from audit_log)'],
      ['truncate audit_log', 'truncate audit_log'],
      ['update audit_checkpoint', `update audit_checkpoint set reason = 'x'`],
      ['delete from audit_checkpoint', 'delete from audit_checkpoint'],
      ['truncate audit_checkpoint', 'truncate audit_checkpoint'],
    ] as const;

    it.each(refusals)('refuses %s, whoever asks, and changes nothing', async (_name, sql) => {
      const snapshot = async () =>
        t.db.query(
          'select (select count(*)::int from audit_log) as a, (select count(*)::int from audit_checkpoint) as c, (select max(hash) from audit_log) as h',
        );
      const before = await snapshot();
      await expect(t.db.query(sql)).rejects.toThrow(
        /审计记录只能追加，不能修改或删除（表 audit_(log|checkpoint)，操作 (UPDATE|DELETE|TRUNCATE)）/,
      );
      // Replication mode does not silence the triggers (ENABLE ALWAYS).
      await expect(
        t.db.transaction(async (tx) => {
          await tx.query('set local session_replication_role = replica');
          await tx.query(sql);
        }),
      ).rejects.toThrow('审计记录只能追加');
      expect(await snapshot()).toEqual(before);
    });

    it('still takes new entries and checkpoints', async () => {
      await entries(t.db, 1, 'test.append');
      expect((await auditCheckpointWriter(t.db, ring, { reason: 'test' })).written).toBe(true);
    });
  });
});

describe('exported checkpoint files', () => {
  const good = {
    format: 'shequ-audit-checkpoints',
    version: 1,
    exportedAt: '2026-12-07T08:00:00.000Z',
    note: '',
    checkpoints: [
      {
        id: 4,
        at: '2026-12-07T08:00:00.000Z',
        lastId: 10,
        lastHash: 'a'.repeat(64),
        entryCount: 9,
        keyId: '0123456789abcdef',
        mac: 'b'.repeat(64),
      },
    ],
  };

  it('reads a good file', () => {
    expect(parseCheckpointExport(JSON.stringify(good))).toEqual(good.checkpoints);
  });

  it.each([
    ['not JSON', '{', 'file', '不是审计检查点导出文件（JSON 格式有误）'],
    ['another JSON document', '{"a":1}', 'file', '不是审计检查点导出文件（缺少 format/version/checkpoints）'],
    ['no checkpoints', JSON.stringify({ ...good, checkpoints: [] }), 'file', '导出文件应有 1 至 1000 个检查点'],
    [
      'too many checkpoints',
      JSON.stringify({ ...good, checkpoints: Array(1001).fill(good.checkpoints[0]) }),
      'file',
      '导出文件应有 1 至 1000 个检查点',
    ],
    [
      'a bad hash',
      JSON.stringify({ ...good, checkpoints: [{ ...good.checkpoints[0], lastHash: 'x' }] }),
      'file.checkpoints.0',
      '第 1 个检查点的字段不完整或格式有误',
    ],
    [
      'a negative count',
      JSON.stringify({ ...good, checkpoints: [{ ...good.checkpoints[0], entryCount: -1 }] }),
      'file.checkpoints.0',
      '第 1 个检查点的字段不完整或格式有误',
    ],
  ])('refuses %s, naming the field', (_name, text, field, message) => {
    try {
      parseCheckpointExport(text);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).fields).toEqual([{ field, message }]);
    }
  });
});
