/**
 * Issue 12 item 10: PGlite starved requests under load. The line in front of its one connection
 * (src/db/connection-queue.ts) is FIFO across requests, bounded, and answers 503 BUSY with Retry-After
 * when full or too slow — first as a unit, then through HTTP on a real PGlite database. Nothing here is
 * timed against a target (bench/pglite-load.ts measures); waits are only used to provoke the bounds.
 */
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { BusyError, ConnectionQueue, type QueueOptions, queueOptions } from '../../src/db/connection-queue.js';
import { type Database, openDatabase } from '../../src/db/database.js';
import { makeIdNumber } from '../../src/domain/id-number.js';
import { buildApp } from '../../src/http/app.js';
import { DEMO_PASSWORD } from '../../src/seed/demo.js';
import { createTestDb, ENGINES } from '../helpers/db.js';
import { expectError } from '../helpers/http.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A promise and its resolver: an operation that holds the connection until the test lets go. */
function gate() {
  let open!: () => void;
  const closed = new Promise<void>((r) => {
    open = r;
  });
  return { closed, open };
}
const until = async (ok: () => boolean, what: string) => {
  for (let i = 0; i < 500 && !ok(); i++) await sleep(5);
  if (!ok()) throw new Error(`timed out waiting for ${what}`);
};

describe('the connection queue (unit)', () => {
  const q = (o: Partial<QueueOptions> = {}) =>
    new ConnectionQueue({ maxActive: 1, maxWaiting: 10, maxWaitMs: 60_000, bulkWaitMs: 60_000, ...o });

  it.each([
    ['defaults', {}, { maxActive: 2, maxWaiting: 64, maxWaitMs: 2000, bulkWaitMs: 60_000 }],
    [
      'each setting from the environment',
      {
        SHEQU_PGLITE_QUEUE_ACTIVE: '3',
        SHEQU_PGLITE_QUEUE_MAX: '5',
        SHEQU_PGLITE_QUEUE_WAIT_MS: '250',
        SHEQU_PGLITE_QUEUE_BULK_WAIT_MS: '9000',
      },
      { maxActive: 3, maxWaiting: 5, maxWaitMs: 250, bulkWaitMs: 9000 },
    ],
    [
      'zero, negative and non-numbers are ignored',
      { SHEQU_PGLITE_QUEUE_ACTIVE: '0', SHEQU_PGLITE_QUEUE_MAX: '-1', SHEQU_PGLITE_QUEUE_WAIT_MS: 'soon' },
      { maxActive: 2, maxWaiting: 64, maxWaitMs: 2000, bulkWaitMs: 60_000 },
    ],
    [
      'fractions are ignored',
      { SHEQU_PGLITE_QUEUE_WAIT_MS: '1.5' },
      { maxActive: 2, maxWaiting: 64, maxWaitMs: 2000, bulkWaitMs: 60_000 },
    ],
  ])('options: %s', (_, env, expected) => {
    expect(queueOptions(env)).toEqual(expected);
  });

  it('admits requests in the order they arrived, one place at a time', async () => {
    const queue = q({ maxActive: 1 });
    const [a, b, c, d] = [queue.turn(), queue.turn(), queue.turn(), queue.turn()];
    const order: number[] = [];
    await queue.admit(a);
    const waits = [b, c, d].map((t) => queue.admit(t).then(() => order.push(t.turn)));
    expect(queue.stats()).toMatchObject({ active: 1, waiting: 3 });
    queue.leave(a);
    await sleep(0);
    expect(order).toEqual([b.turn]);
    queue.leave(b);
    queue.leave(c);
    await Promise.all(waits);
    expect(order).toEqual([b.turn, c.turn, d.turn]);
    queue.leave(d);
    expect(queue.stats()).toMatchObject({ active: 0, waiting: 0 });
  });

  it('serves the connection in order of the requests’ arrival: a request’s later statements go before newer requests’', async () => {
    const queue = q({ maxActive: 10 });
    const [a, b, c] = [queue.turn(), queue.turn(), queue.turn()];
    for (const t of [a, b, c]) await queue.admit(t);
    const held = gate();
    const order: string[] = [];
    const op = (name: string) => async () => {
      order.push(name);
    };
    // A's transaction holds the connection; C's statement, then B's, then A's next one wait.
    const tx = queue.within(a, () => queue.run(() => held.closed.then(op('a: transaction'))));
    const waiting = [
      queue.within(c, () => queue.run(op('c: 1'))),
      queue.within(b, () => queue.run(op('b: 1'))),
      queue.within(c, () => queue.run(op('c: 2'))),
      queue.within(a, () => queue.run(op('a: 2'))),
      // Outside any request (the CLI, a timer): a fresh turn, after every request that arrived before.
      queue.run(op('outside')),
      queue.within(b, () => queue.run(op('b: 2'))),
    ];
    expect(queue.stats().operations).toBe(6);
    held.open();
    await Promise.all([tx, ...waiting]);
    expect(order).toEqual(['a: transaction', 'a: 2', 'b: 1', 'b: 2', 'c: 1', 'c: 2', 'outside']);
  });

  it('refuses at once when the line is full: 503 BUSY with a Retry-After of at least 1 s', async () => {
    const queue = q({ maxActive: 1, maxWaiting: 2 });
    const [a, b, c, d] = [queue.turn(), queue.turn(), queue.turn(), queue.turn()];
    await queue.admit(a);
    const pending = [queue.admit(b), queue.admit(c)];
    const refused = await queue.admit(d).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BusyError);
    expect(refused).toMatchObject({ kind: 'unavailable', code: 'BUSY', message: '系统繁忙，请稍后再试', fields: [] });
    expect((refused as BusyError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect((refused as BusyError).retryAfterSeconds).toBeLessThanOrEqual(30);
    expect(d.state).toBe('done');
    // The refused request left nothing behind: the others are admitted in order as places free up.
    expect(queue.stats()).toMatchObject({ active: 1, waiting: 2 });
    queue.leave(a);
    queue.leave(b);
    await Promise.all(pending);
    expect(queue.stats()).toMatchObject({ active: 1, waiting: 0 });
  });

  it('refuses a request that waited longer than the bound; a later place does not revive it', async () => {
    const queue = q({ maxActive: 1, maxWaitMs: 40 });
    const [a, b] = [queue.turn(), queue.turn()];
    await queue.admit(a);
    const refused = await queue.admit(b).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BusyError);
    expect(queue.stats()).toMatchObject({ active: 1, waiting: 0 });
    queue.leave(a);
    queue.leave(b); // idempotent for a refused turn
    expect(queue.stats()).toMatchObject({ active: 0, waiting: 0 });
  });

  it('refuses at once when the line ahead would take longer than the bound at the recent pace', async () => {
    const queue = q({ maxActive: 1, maxWaitMs: 100 });
    const slow = queue.turn();
    await queue.admit(slow);
    await sleep(60);
    queue.leave(slow); // the recent pace: ~60 ms a request
    const [a, b, c] = [queue.turn(), queue.turn(), queue.turn()];
    await queue.admit(a);
    const second = queue.admit(b); // 1 × 60 ms ahead: waits
    const started = performance.now();
    const refused = await queue.admit(c).catch((e: unknown) => e); // 2 × 60 ms > 100 ms: at once
    expect(refused).toBeInstanceOf(BusyError);
    expect(performance.now() - started).toBeLessThan(40);
    queue.leave(a);
    await second;
    queue.leave(b);
  });

  it('never cuts off an admitted request, and never refuses work outside a request, however long it waits', async () => {
    const queue = q({ maxActive: 1, maxWaitMs: 30 });
    const importing = queue.turn();
    await queue.admit(importing);
    const held = gate();
    // The import's long transaction holds the connection well past the bound …
    const tx = queue.within(importing, () => queue.run(() => held.closed.then(() => 'committed')));
    const outside = queue.run(async () => 'cli');
    await sleep(100);
    held.open();
    // … and still commits; its next statement and the CLI's wait their turn.
    expect(await tx).toBe('committed');
    expect(await queue.within(importing, () => queue.run(async () => 'after'))).toBe('after');
    expect(await outside).toBe('cli');
    queue.leave(importing);
  });

  it('lets the event loop run between operations (timers fire, sockets are read) while the line is long', async () => {
    const queue = q({ maxActive: 100 });
    const held = gate();
    const first = queue.run(() => held.closed);
    let done = 0;
    const ops = Array.from({ length: 200 }, () => queue.run(async () => void done++));
    let firedAt = -1;
    setTimeout(() => {
      firedAt = done;
    }, 0);
    held.open();
    await Promise.all([first, ...ops]);
    expect(firedAt).toBeGreaterThanOrEqual(0);
    expect(firedAt).toBeLessThan(200);
  });

  it('an upload is not refused for the pace and waits its longer bound; only a full line refuses it', async () => {
    const queue = q({ maxActive: 1, maxWaiting: 3, maxWaitMs: 30, bulkWaitMs: 5_000 });
    const slow = queue.turn();
    await queue.admit(slow);
    await sleep(80);
    queue.leave(slow); // the recent pace: ~80 ms a request, more than the 30 ms bound
    const [a, page, upload] = [queue.turn(), queue.turn(), queue.turn()];
    await queue.admit(a);
    expect(await queue.admit(page).catch((e: unknown) => e)).toBeInstanceOf(BusyError); // at once
    const waiting = queue.admit(upload, true);
    await sleep(100); // three times a page's bound
    expect(upload.state).toBe('waiting');
    queue.leave(a);
    await waiting;
    expect(upload.state).toBe('active');
    queue.leave(upload);
    // A full line refuses an upload too.
    const holder = queue.turn();
    await queue.admit(holder);
    const turns = [queue.turn(), queue.turn(), queue.turn()];
    const line = turns.map((x) => queue.admit(x, true));
    expect(await queue.admit(queue.turn(), true).catch((e: unknown) => e)).toBeInstanceOf(BusyError);
    queue.leave(holder);
    for (const [i, x] of turns.entries()) {
      await line[i];
      queue.leave(x);
    }
    expect(queue.stats()).toMatchObject({ active: 0, waiting: 0 });
  });

  it('a waiting request that is abandoned gives up its place', async () => {
    const queue = q({ maxActive: 1 });
    const [a, b, c] = [queue.turn(), queue.turn(), queue.turn()];
    await queue.admit(a);
    const gone = queue.admit(b).catch((e: unknown) => e);
    const next = queue.admit(c);
    queue.leave(b); // the client went away while waiting
    expect(await gone).toBeInstanceOf(BusyError);
    queue.leave(a);
    await next;
    expect(queue.stats()).toMatchObject({ active: 1, waiting: 0 });
  });
});

// ---------------------------------------------------------------- through HTTP on a real database

const BOUNDARY = '----queue-test';
/** A worker import (.xlsx, `rows` new staff of 沿河社区) as a multipart body. */
async function importPayload(rows: number, prefix: string, seq: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  ws.addRow(['姓名', '公民身份号码', '性别', '民族', '人员类别', '职务', '所在社区代码', '参加社区工作日期']);
  for (let i = 0; i < rows; i++) {
    const birth = `19${80 + (i % 19)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    ws.addRow([
      `${prefix}${i}`,
      makeIdNumber('532822', birth, seq + (i % 2)),
      i % 2 ? '男' : '女',
      '汉族',
      '社区专职工作人员',
      '专职工作人员',
      '532822101001',
      '2020-07-01',
    ]);
  }
  const file = Buffer.from(await wb.xlsx.writeBuffer());
  return Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="w.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
}

/** An app on its own PGlite clone of the demo with the given queue, plus test-only routes. */
async function appWith(q: Omit<QueueOptions, 'bulkWaitMs'> & { bulkWaitMs?: number }) {
  const queue = { bulkWaitMs: 60_000, ...q };
  const db = await openDatabase({ loadDataDir: new Blob([readFileSync(inject('templatePath'))]), queue });
  let held = gate();
  const order: string[] = [];
  const app = await buildApp({
    db,
    config: { ...loadConfig({}), sessionHours: 1 },
    webRoot: null,
    extraRoutes: [
      async (scope: FastifyInstance) => {
        // Holds the connection in a transaction until the test lets go (a bulk import's shape).
        scope.post('/api/test/hold', { config: { access: 'public' } }, async () => {
          await db.transaction(async (tx) => {
            await tx.query('select 1');
            await held.closed;
          });
          return { ok: true };
        });
        // A streamed answer that ends when the test says (a slow download).
        scope.get('/api/test/stream', { config: { access: 'public' } }, async (_request, reply) => {
          await db.query('select 1');
          const out = new PassThrough();
          out.write('first chunk\n');
          void held.closed.then(() => out.end('last chunk\n'));
          order.push('streaming');
          return reply.type('text/plain').send(out);
        });
        // Two statements, recording when each ran; the body arrives after the turn was taken.
        scope.post<{ Body: { name: string } }>('/api/test/two', { config: { access: 'public' } }, async (request) => {
          await db.query('select 1');
          order.push(`${request.body.name}: 1`);
          await db.query('select 2');
          order.push(`${request.body.name}: 2`);
          return { turn: db.queue?.currentTurn()?.turn ?? null };
        });
      },
    ],
  });
  await app.ready();
  return {
    db,
    app,
    order,
    hold: () => app.inject({ method: 'POST', url: '/api/test/hold', payload: {} }),
    async signIn(username: string) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: DEMO_PASSWORD },
      });
      expect(res.statusCode, res.body).toBe(200);
      return { cookie: String(res.headers['set-cookie']).split(';')[0], csrf: res.json().csrfToken as string };
    },
    release: () => {
      held.open();
      held = gate();
    },
    closed: false,
    async close() {
      if (this.closed) return;
      this.closed = true;
      await app.close();
      await db.close();
    },
  };
}

describe('the queue through HTTP (pglite)', () => {
  let t: Awaited<ReturnType<typeof appWith>>;
  afterAll(() => t?.close());

  it('answers requests in the order they arrived while a transaction holds the connection', async () => {
    t = await appWith({ maxActive: 8, maxWaiting: 50, maxWaitMs: 60_000 });
    const holding = t.hold();
    await until(() => t.db.queue!.stats().active === 1, 'the hold');
    const sent: Promise<{ statusCode: number; json: () => { turn: number } }>[] = [];
    for (const name of ['r1', 'r2', 'r3', 'r4']) {
      sent.push(t.app.inject({ method: 'POST', url: '/api/test/two', payload: { name } }));
      await until(() => t.db.queue!.stats().operations === sent.length, `${name} in line`);
    }
    t.release();
    expect((await holding).statusCode).toBe(200);
    const answers = await Promise.all(sent);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200]);
    // Each request's second statement ran before the next request's first: FIFO by request.
    expect(t.order).toEqual(['r1: 1', 'r1: 2', 'r2: 1', 'r2: 2', 'r3: 1', 'r3: 2', 'r4: 1', 'r4: 2']);
    // The handler (after the body was read) ran in its request's turn.
    const turns = answers.map((a) => a.json().turn);
    expect(turns.every((x) => typeof x === 'number')).toBe(true);
    expect([...turns].sort((a, b) => a - b)).toEqual(turns);
    await t.close();
  });

  it('answers 503 BUSY with Retry-After when the line is full and when the wait is too long; nothing is changed', async () => {
    t = await appWith({ maxActive: 1, maxWaiting: 1, maxWaitMs: 400 });
    const admin = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'demo-county', password: DEMO_PASSWORD },
    });
    expect(admin.statusCode).toBe(200);
    const cookie = String(admin.headers['set-cookie']).split(';')[0];
    const csrf = admin.json().csrfToken;
    const auditCount = async () => (await t.db.query<{ n: number }>('select count(*)::int as n from audit_log'))[0].n;
    const before = await auditCount();

    const holding = t.hold();
    await until(() => t.db.queue!.stats().active === 1, 'the hold');
    // One request may wait …
    const waiting = t.app.inject({ method: 'GET', url: '/api/health' });
    await until(() => t.db.queue!.stats().waiting === 1, 'a waiting request');
    // … the next is refused at once, a write included, in the documented shape.
    const full = await t.app.inject({
      method: 'PUT',
      url: '/api/regions/532822101005/population/2041',
      payload: { urbanResidentPopulation: 1234 },
      headers: { cookie, 'x-csrf-token': csrf },
    });
    const e = expectError(full, 503, 'BUSY');
    expect(e).toEqual({ code: 'BUSY', message: '系统繁忙，请稍后再试', fields: [] });
    expect(Number(full.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(full.headers['retry-after'])).toBeLessThanOrEqual(30);
    // The waiting one is refused when it has waited the bound.
    const late = await waiting;
    expectError(late, 503, 'BUSY');
    expect(Number(late.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // The held transaction is not cut off; afterwards everything is answered again.
    t.release();
    expect((await holding).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    expect(await auditCount()).toBe(before);
    const again = await t.app.inject({
      method: 'PUT',
      url: '/api/regions/532822101005/population/2041',
      payload: { urbanResidentPopulation: 1234 },
      headers: { cookie, 'x-csrf-token': csrf },
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(await auditCount()).toBe(before + 1);
    expect(t.db.queue!.stats()).toMatchObject({ active: 0, waiting: 0, operations: 0 });
    await t.close();
  });

  it('a bulk import admitted first runs to its end while others are refused; its rows are all there', async () => {
    t = await appWith({ maxActive: 1, maxWaiting: 64, maxWaitMs: 20 });
    const ROWS = 300;
    const payload = await importPayload(ROWS, '排队', 800);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'demo-county', password: DEMO_PASSWORD },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    const csrf = login.json().csrfToken;
    await sleep(50); // let the sign-in's place go back

    const importing = t.app.inject({
      method: 'POST',
      url: '/api/imports/workers',
      payload,
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    });
    await until(() => t.db.queue!.stats().active === 1, 'the import admitted');
    const others = await Promise.all(
      Array.from({ length: 5 }, () => t.app.inject({ method: 'GET', url: '/api/health' })),
    );
    for (const o of others) expectError(o, 503, 'BUSY');
    const res = await importing;
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ total: ROWS, valid: ROWS, committed: true, created: ROWS });
    const [{ n }] = await t.db.query<{ n: number }>(`select count(*)::int as n from worker where name like '排队%'`);
    expect(n).toBe(ROWS);
    await t.close();
  });
});

describe('a streamed answer (pglite)', () => {
  it('gives its place back when the stream starts: a slow download does not keep others out', async () => {
    const t = await appWith({ maxActive: 1, maxWaiting: 1, maxWaitMs: 50 });
    try {
      const streaming = t.app.inject({ method: 'GET', url: '/api/test/stream' });
      await until(() => t.order.includes('streaming') && t.db.queue!.stats().active === 0, 'the stream');
      // The only place is free while the stream is still open.
      const other = await t.app.inject({ method: 'GET', url: '/api/health' });
      expect(other.statusCode, other.body).toBe(200);
      t.release();
      expect((await streaming).body).toBe('first chunk\nlast chunk\n');
      expect(t.db.queue!.stats()).toMatchObject({ active: 0, waiting: 0 });
    } finally {
      await t.close();
    }
  });
});

describe('an upload arriving while the line is busy (pglite)', () => {
  it('waits its longer bound for a place instead of being refused, and completes', async () => {
    const t = await appWith({ maxActive: 1, maxWaiting: 64, maxWaitMs: 50, bulkWaitMs: 60_000 });
    try {
      const { cookie, csrf } = await t.signIn('demo-county');
      await sleep(50);
      const payload = await importPayload(20, '后到', 810);
      const holding = t.hold();
      await until(() => t.db.queue!.stats().active === 1, 'the hold');
      const importing = t.app.inject({
        method: 'POST',
        url: '/api/imports/workers',
        payload,
        headers: { cookie, 'x-csrf-token': csrf, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      });
      await until(() => t.db.queue!.stats().waiting === 1, 'the upload in line');
      // A page's request behind it is refused within its 50 ms; the upload keeps waiting.
      expectError(await t.app.inject({ method: 'GET', url: '/api/health' }), 503, 'BUSY');
      await sleep(300);
      expect(t.db.queue!.stats().waiting).toBe(1);
      t.release();
      expect((await holding).statusCode).toBe(200);
      const res = await importing;
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ total: 20, committed: true, created: 20 });
    } finally {
      await t.close();
    }
  });
});

describe.each(ENGINES)('engines (%s)', (engine) => {
  let db: Database;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  beforeAll(async () => {
    // PGlite with the production bounds (the other suites use TEST_QUEUE, which sheds no load).
    const t =
      engine === 'pglite'
        ? await (async () => {
            const d = await openDatabase({
              loadDataDir: new Blob([readFileSync(inject('templatePath'))]),
              queue: queueOptions({}),
            });
            return { db: d, close: () => d.close() };
          })()
        : await createTestDb(engine);
    db = t.db;
    app = await buildApp({ db, config: loadConfig({}), webRoot: null });
    await app.ready();
    close = async () => {
      await app.close();
      await t.close();
    };
  });
  afterAll(() => close());

  it('PGlite has the queue (production bounds), PostgreSQL its pool; a burst within the bounds is answered in full', async () => {
    expect(db.queue?.options ?? null).toEqual(engine === 'pglite' ? queueOptions({}) : null);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => app.inject({ method: 'GET', url: '/api/public/communities/532822101001' })),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(200));
    if (db.queue) expect(db.queue.stats()).toMatchObject({ active: 0, waiting: 0, operations: 0 });
  });
});
