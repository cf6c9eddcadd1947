/**
 * Issue 12 item 10: PGlite under load. Target p99 ≤ 2 s at 50 clients on PGlite.
 *
 * A real server (`shequ serve` as a child process: PGlite on a fresh temporary data directory, the demo
 * county loaded on first start, listening on 127.0.0.1, the default queue settings unless
 * SHEQU_PGLITE_QUEUE_* are set) and, in this process, CLIENTS keep-alive HTTP clients, each signed in
 * with its own session as one of the seven demo accounts in turn (county, street, community, city,
 * worker, county organization department, administrator). Each client sends a request, waits for the
 * answer, pauses BENCH_THINK_MS on average (uniform between half and one and a half times it: a clerk
 * reading the page) and sends the next, for BENCH_SECONDS, picking from its role's mix: the 工作台,
 * roster pages and a filtered search, a worker's record, grade, pay, training and history, statistics,
 * staffing, training compliance, assessment plans, secretaries, users and the audit log — and about
 * 10 % writes where the role may write (a worker's phone, a care record, a public duty profile). A 503
 * is answered fast; these clients do not honour its Retry-After, only their usual pause. Sign-in happens
 * before the clock starts. In the first phase the county also sends a worker import of
 * BENCH_IMPORT_ROWS rows (one long transaction) 2 s in.
 *
 * Printed per phase: requests, requests/s, p50/p95/p99/max over every answer (503s included) and over
 * the 200s alone, the count of 503 BUSY answers (with their Retry-After) and of any other failure, the
 * slowest routes, and the import's answer and time. The physical baseline in the same run: the same
 * clients with the same pauses, each request `GET /api/health` — one `select 1` round-trip through the
 * same queue plus Fastify's routing, session-less, and serialisation: the floor any request pays on
 * this server at that concurrency.
 *
 *   npx tsx bench/pglite-load.ts               # 50 then 200 clients, 30 s each, each with its baseline
 *
 * Env: BENCH_SECONDS (30), BENCH_CLIENTS (comma-separated, 50,200), BENCH_THINK_MS (1000; 0 for a
 * closed loop without pauses), BENCH_IMPORT_ROWS (500; 0 for none). Loopback only; bounded in time.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { makeIdNumber } from '../src/domain/id-number.js';
import { DEMO_PASSWORD } from '../src/seed/demo.js';
import { pct } from './harness.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CLIENT_COUNTS = (process.env.BENCH_CLIENTS ?? '50,200').split(',').map(Number);
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 500);
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 1000);
const ACCOUNTS = [
  'demo-county',
  'demo-street',
  'demo-community',
  'demo-city',
  'demo-worker',
  'demo-county-org',
  'demo-admin',
];

// ------------------------------------------------------------------ HTTP client

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

let PORT = 0;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1000 });

interface Answer {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
  ms: number;
}

function send(
  method: string,
  path: string,
  opts: { cookie?: string; csrf?: string; json?: unknown; raw?: Buffer; contentType?: string } = {},
): Promise<Answer> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const body = opts.raw ?? (opts.json === undefined ? undefined : Buffer.from(JSON.stringify(opts.json)));
    const headers: Record<string, string | number> = {};
    if (opts.cookie) headers.cookie = opts.cookie;
    if (opts.csrf) headers['x-csrf-token'] = opts.csrf;
    if (body) {
      headers['content-type'] = opts.contentType ?? 'application/json';
      headers['content-length'] = body.length;
    }
    const req = http.request({ host: '127.0.0.1', port: PORT, method, path, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString(),
          headers: res.headers,
          ms: performance.now() - t0,
        }),
      );
    });
    req.on('error', (e) => resolve({ status: 0, body: String(e), headers: {}, ms: performance.now() - t0 }));
    if (body) req.write(body);
    req.end();
  });
}

// ------------------------------------------------------------------ the server

async function startServer(): Promise<{ child: ChildProcess; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'shequ-bench-load-'));
  PORT = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    env: {
      ...process.env,
      DATABASE_URL: '',
      SHEQU_DATA_DIR: dir,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout!.on('data', (d) => process.stdout.write(`  [server] ${d}`));
  const until = Date.now() + 180_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const r = await send('GET', '/api/health');
    if (r.status === 200) return { child, dir };
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('server did not start in 180 s');
}

// ------------------------------------------------------------------ clients and their mix

interface Client {
  username: string;
  role: string;
  region: string;
  cookie: string;
  csrf: string;
  workers: number[];
  own?: number;
}

/** Sends again while the server answers 503, after the Retry-After it gives (setting up only). */
async function patiently(f: () => Promise<Answer>): Promise<Answer> {
  for (;;) {
    const a = await f();
    if (a.status !== 503) return a;
    await new Promise((r) => setTimeout(r, Number(a.headers['retry-after'] ?? 1) * 1000));
  }
}

async function signIn(username: string): Promise<Client> {
  const r = await patiently(() => send('POST', '/api/auth/login', { json: { username, password: DEMO_PASSWORD } }));
  if (r.status !== 200) throw new Error(`sign-in ${username}: ${r.status} ${r.body}`);
  const cookie = String(r.headers['set-cookie']).split(';')[0];
  const { csrfToken, user } = JSON.parse(r.body);
  return { username, role: user.role, region: user.regionCode, cookie, csrf: csrfToken, workers: [] };
}

type Req = { label: string; method: string; path: string; json?: unknown; write?: boolean };
type Mix = { weight: number; make: () => Req }[];

let seq = 0;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)];
const phone = () => `139${String(10_000_000 + (seq++ % 89_999_999)).padStart(8, '0')}`;

function mixOf(c: Client): Mix {
  const w = () => pick(c.workers);
  const office: Mix = [
    { weight: 6, make: () => ({ label: 'dashboard', method: 'GET', path: '/api/dashboard' }) },
    { weight: 3, make: () => ({ label: 'me', method: 'GET', path: '/api/auth/me' }) },
    {
      weight: 10,
      make: () => ({ label: 'roster', method: 'GET', path: `/api/workers?page=${1 + (seq++ % 3)}&pageSize=20` }),
    },
    {
      weight: 4,
      make: () => ({ label: 'roster search', method: 'GET', path: `/api/workers?gender=female&education=bachelor` }),
    },
    { weight: 10, make: () => ({ label: 'worker', method: 'GET', path: `/api/workers/${w()}` }) },
    { weight: 4, make: () => ({ label: 'worker grade', method: 'GET', path: `/api/workers/${w()}/grade` }) },
    { weight: 4, make: () => ({ label: 'worker pay', method: 'GET', path: `/api/workers/${w()}/pay` }) },
    { weight: 3, make: () => ({ label: 'worker training', method: 'GET', path: `/api/workers/${w()}/training` }) },
    { weight: 2, make: () => ({ label: 'worker history', method: 'GET', path: `/api/workers/${w()}/history` }) },
    { weight: 4, make: () => ({ label: 'stats', method: 'GET', path: `/api/stats?region=${c.region}` }) },
    { weight: 3, make: () => ({ label: 'staffing', method: 'GET', path: `/api/regions/${c.region}/staffing` }) },
    { weight: 3, make: () => ({ label: 'region', method: 'GET', path: `/api/regions/${c.region}` }) },
    {
      weight: 3,
      make: () => ({ label: 'compliance', method: 'GET', path: `/api/training/compliance?region=${c.region}` }),
    },
    { weight: 2, make: () => ({ label: 'assessment plans', method: 'GET', path: '/api/assessment-plans' }) },
  ];
  const writes: Mix = [
    {
      weight: 5,
      make: () => ({
        label: 'write: worker phone',
        method: 'PATCH',
        path: `/api/workers/${w()}`,
        json: { phone: phone() },
        write: true,
      }),
    },
    {
      weight: 3,
      make: () => ({
        label: 'write: care record',
        method: 'POST',
        path: `/api/workers/${w()}/care`,
        json: { kind: 'talk', title: '谈心谈话（基准）', scheduledOn: null, doneOn: '2026-12-01', summary: '压力测试' },
        write: true,
      }),
    },
  ];
  switch (c.role) {
    case 'county_swd':
    case 'street':
      return [...office, ...writes];
    case 'community':
      return [
        ...office,
        ...writes,
        {
          weight: 2,
          make: () => ({
            label: 'write: public profile',
            method: 'PUT',
            path: `/api/workers/${w()}/public-profile`,
            json: { duties: `负责便民服务（${seq++}）`, commitments: '当日事当日毕' },
            write: true,
          }),
        },
        {
          weight: 2,
          make: () => ({ label: 'rating settings', method: 'GET', path: `/api/regions/${c.region}/rating-settings` }),
        },
      ];
    case 'county_org':
      return [
        ...office,
        { weight: 4, make: () => ({ label: 'filings', method: 'GET', path: '/api/secretaries/filings' }) },
        { weight: 3, make: () => ({ label: 'reserve', method: 'GET', path: '/api/secretaries/reserve' }) },
      ];
    case 'sysadmin':
      return [
        ...office.map((m) => ({ ...m })),
        { weight: 4, make: () => ({ label: 'users', method: 'GET', path: '/api/users' }) },
        { weight: 4, make: () => ({ label: 'audit', method: 'GET', path: '/api/audit?pageSize=50' }) },
      ];
    case 'worker':
      return [
        { weight: 6, make: () => ({ label: 'dashboard', method: 'GET', path: '/api/dashboard' }) },
        { weight: 3, make: () => ({ label: 'me', method: 'GET', path: '/api/auth/me' }) },
        { weight: 6, make: () => ({ label: 'own record', method: 'GET', path: `/api/workers/${c.own}` }) },
        { weight: 4, make: () => ({ label: 'own pay', method: 'GET', path: `/api/workers/${c.own}/pay` }) },
        { weight: 4, make: () => ({ label: 'own training', method: 'GET', path: `/api/workers/${c.own}/training` }) },
        {
          weight: 2,
          make: () => ({ label: 'own assessments', method: 'GET', path: `/api/workers/${c.own}/assessments` }),
        },
      ];
    default:
      return office;
  }
}

function nextOf(mix: Mix): Req {
  const total = mix.reduce((s, m) => s + m.weight, 0);
  let r = Math.random() * total;
  for (const m of mix) {
    r -= m.weight;
    if (r < 0) return m.make();
  }
  return mix[0].make();
}

async function prepare(n: number): Promise<Client[]> {
  const clients: Client[] = [];
  // Sign-in runs argon2 on the server: a few at a time, before the clock starts.
  for (let i = 0; i < n; i += 8) {
    clients.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(8, n - i) }, (_, k) => signIn(ACCOUNTS[(i + k) % ACCOUNTS.length])),
      )),
    );
  }
  const idsByUser = new Map<string, { workers: number[]; own?: number }>();
  for (const c of clients) {
    let ids = idsByUser.get(c.username);
    if (!ids) {
      if (c.role === 'worker') {
        // A worker's own record is the one the dashboard links to.
        const d = JSON.parse((await patiently(() => send('GET', '/api/dashboard', { cookie: c.cookie }))).body);
        const own = Number(JSON.stringify(d).match(/"workerId":(\d+)/)?.[1]);
        if (!own) throw new Error(`no worker id for ${c.username}: ${JSON.stringify(d).slice(0, 300)}`);
        ids = { workers: [], own };
      } else {
        const r = await patiently(() => send('GET', '/api/workers?pageSize=100', { cookie: c.cookie }));
        if (r.status !== 200) throw new Error(`roster for ${c.username}: ${r.status} ${r.body}`);
        ids = { workers: JSON.parse(r.body).items.map((x: { id: number }) => x.id) };
      }
      idsByUser.set(c.username, ids);
    }
    c.workers = ids.workers;
    c.own = ids.own;
  }
  return clients;
}

// ------------------------------------------------------------------ the run

interface Sample {
  label: string;
  status: number;
  ms: number;
  retryAfter?: string;
}

async function run(clients: Client[], seconds: number, only?: Req): Promise<{ samples: Sample[]; elapsed: number }> {
  const samples: Sample[] = [];
  const until = Date.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    clients.map(async (c) => {
      const mix = mixOf(c);
      while (Date.now() < until) {
        const q = only ?? nextOf(mix);
        const a = await send(q.method, q.path, { cookie: c.cookie, csrf: q.write ? c.csrf : undefined, json: q.json });
        samples.push({ label: q.label, status: a.status, ms: a.ms, retryAfter: a.headers['retry-after'] as string });
        if (a.status !== 200 && a.status !== 503 && samples.filter((s) => s.status === a.status).length <= 3)
          console.log(`    ${q.label} ${q.method} ${q.path} → ${a.status} ${a.body.slice(0, 300)}`);
        // A clerk reads the page before the next click: THINK_MS on average (uniform, ± half). A 503 says
        // when to come back; these clients do not wait that long, only their usual pause, which keeps
        // the pressure on.
        if (THINK_MS > 0) await new Promise((r) => setTimeout(r, THINK_MS * (0.5 + Math.random())));
      }
    }),
  );
  return { samples, elapsed: (performance.now() - started) / 1000 };
}

function report(name: string, { samples, elapsed }: { samples: Sample[]; elapsed: number }) {
  const ms = samples.map((s) => s.ms);
  const busy = samples.filter((s) => s.status === 503);
  const failed = samples.filter((s) => s.status !== 200 && s.status !== 503);
  const ok = samples.filter((s) => s.status === 200).map((s) => s.ms);
  const f = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(1)} ms`);
  const over = (limit: number) => samples.filter((s) => s.ms > limit).length;
  console.log(
    `${name}: ${samples.length} requests in ${elapsed.toFixed(1)} s (${(samples.length / elapsed).toFixed(0)}/s); ` +
      `all answers p50 ${f(pct(ms, 50))}, p95 ${f(pct(ms, 95))}, p99 ${f(pct(ms, 99))}, max ${f(Math.max(...ms))}; ` +
      `503 BUSY ${busy.length}${busy.length ? ` (Retry-After ${[...new Set(busy.map((b) => b.retryAfter))].join('/')} s)` : ''}, ` +
      `other failures ${failed.length}; over 2 s ${over(2000)}, over 20 s ${over(20_000)}` +
      (ok.length ? `; 200s only p50 ${f(pct(ok, 50))}, p99 ${f(pct(ok, 99))}, max ${f(Math.max(...ok))}` : ''),
  );
  return { p99: pct(ms, 99), busy: busy.length, failed: failed.length };
}

function slowest(samples: Sample[]) {
  const by = new Map<string, number[]>();
  for (const s of samples) if (s.status === 200) by.set(s.label, [...(by.get(s.label) ?? []), s.ms]);
  const rows = [...by].map(([label, xs]) => ({ label, n: xs.length, p50: pct(xs, 50), p99: pct(xs, 99) }));
  rows.sort((a, b) => b.p50 - a.p50);
  console.log(
    `    routes by p50: ${rows
      .slice(0, 6)
      .map((r) => `${r.label} ${r.p50.toFixed(0)}/${r.p99.toFixed(0)} ms (n=${r.n})`)
      .join('; ')}`,
  );
}

/** A worker import of `rows` new staff of 沿河社区 as an .xlsx (the template's labels), for the first phase. */
async function importFile(rows: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  ws.addRow(['姓名', '公民身份号码', '性别', '民族', '人员类别', '职务', '所在社区代码', '参加社区工作日期']);
  for (let i = 0; i < rows; i++) {
    const birth = `19${80 + (i % 19)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const female = i % 2 === 0;
    // Sequence numbers from 700 up stay clear of the demo's; even = female (GB 11643).
    const id = makeIdNumber('532822', birth, 700 + Math.floor(i / 228) * 2 + (female ? 0 : 1));
    ws.addRow([
      `基准${i}`,
      id,
      female ? '女' : '男',
      '汉族',
      '社区专职工作人员',
      '专职工作人员',
      '532822101001',
      '2020-07-01',
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function sendImport(c: Client, file: Buffer): Promise<Answer> {
  const boundary = `----bench${Date.now()}`;
  const raw = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.xlsx"\r\n` +
        'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n',
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return send('POST', '/api/imports/workers?mode=valid-only', {
    cookie: c.cookie,
    csrf: c.csrf,
    raw,
    contentType: `multipart/form-data; boundary=${boundary}`,
  });
}

// ------------------------------------------------------------------ main

const { child, dir } = await startServer();
try {
  const clients = await prepare(Math.max(...CLIENT_COUNTS));
  // Warm-up: JIT, PGlite's buffers, every route of the mix once.
  const warm = await run(clients.slice(0, 14), 5);
  report('warm-up (14 clients, 5 s)', warm);
  const file = IMPORT_ROWS > 0 ? await importFile(IMPORT_ROWS) : null;
  const queueEnv = Object.entries(process.env)
    .filter(([k]) => k.startsWith('SHEQU_PGLITE_QUEUE'))
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  console.log(
    `PGlite on a data directory, ${SECONDS} s per phase, pause ${THINK_MS} ms on average between a client's requests${queueEnv ? `, ${queueEnv}` : ', default queue settings'}`,
  );
  for (const [i, n] of CLIENT_COUNTS.entries()) {
    const load = loadavg()[0];
    let imported: Promise<Answer> | null = null;
    if (i === 0 && file) {
      const county = clients.find((c) => c.role === 'county_swd')!;
      imported = new Promise((r) => setTimeout(r, 2000)).then(() => sendImport(county, file));
    }
    const mix = await run(clients.slice(0, n), SECONDS);
    report(`mix, ${n} clients (load average ${load.toFixed(1)})`, mix);
    slowest(mix.samples);
    if (imported) {
      const a = await imported;
      const body = a.status === 200 ? JSON.parse(a.body) : null;
      console.log(
        `    worker import of ${IMPORT_ROWS} rows sent 2 s into the phase: ${a.status} in ${(a.ms / 1000).toFixed(2)} s` +
          (body ? ` (${JSON.stringify(body).slice(0, 160)})` : ` ${a.body.slice(0, 200)}`),
      );
    }
    const health = await run(clients.slice(0, n), Math.min(SECONDS, 15), {
      label: 'health',
      method: 'GET',
      path: '/api/health',
    });
    report(`baseline GET /api/health (select 1), ${n} clients`, health);
  }
} finally {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  agent.destroy();
  rmSync(dir, { recursive: true, force: true });
}
