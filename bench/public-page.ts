/**
 * Issue 5: the residents' community page answers ≥ 500 requests/s on PGlite (target). The real app
 * (`buildApp`, the demo county loaded into an in-memory PGlite) listens on 127.0.0.1; keep-alive HTTP
 * clients (node:http in a worker thread, CONCURRENCY sockets) hit `GET /api/public/communities/532822101001` for DURATION
 * seconds, then the physical baseline `GET /api/health` (one `select 1`) in the same run, then the page
 * again with the per-community cache turned off (SHEQU_PUBLIC_CACHE_MS=0 behaviour: every request reads
 * the community, its workers and the rating counts).
 *
 *   npx tsx bench/public-page.ts
 *
 * Env: BENCH_SECONDS (10), BENCH_CONCURRENCY (32). Loopback only; bounded in time.
 */

import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { buildApp } from '../src/http/app.js';
import { seedDemo } from '../src/seed/demo.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const PAGE = '/api/public/communities/532822101001';

/**
 * The load generator runs in a worker thread (plain JavaScript, node:http keep-alive clients), so the
 * clients do not share the server's event loop.
 */
const LOAD_JS = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { port, path, seconds, concurrency } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const until = Date.now() + seconds * 1000;
const times = [];
let errors = 0;
const one = () => new Promise((resolve) => {
  const t0 = performance.now();
  const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
    res.resume();
    res.on('end', () => { if (res.statusCode !== 200) errors++; times.push(performance.now() - t0); resolve(); });
  });
  req.on('error', () => { errors++; resolve(); });
});
const started = performance.now();
Promise.all(Array.from({ length: concurrency }, async () => { while (Date.now() < until) await one(); })).then(() => {
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  parentPort.postMessage({ times, errors, elapsed });
});
`;

async function load(
  port: number,
  path: string,
): Promise<{ rps: number; n: number; errors: number; p50: number; p95: number }> {
  const { times, errors, elapsed } = await new Promise<{ times: number[]; errors: number; elapsed: number }>(
    (resolve, reject) => {
      const w = new Worker(LOAD_JS, {
        eval: true,
        workerData: { port, path, seconds: SECONDS, concurrency: CONCURRENCY },
      });
      w.once('message', resolve);
      w.once('error', reject);
    },
  );
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;
  return { rps: times.length / elapsed, n: times.length, errors, p50: at(0.5), p95: at(0.95) };
}

const db = await openDatabase({});
await migrate(db);
await seedDemo(db);
const app = await buildApp({ db, config: loadConfig({}), webRoot: null });
await app.listen({ host: '127.0.0.1', port: 0 });
const port = (app.server.address() as AddressInfo).port;
const fmt = (r: Awaited<ReturnType<typeof load>>) =>
  `${r.rps.toFixed(0)} req/s (n=${r.n}, errors ${r.errors}, p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms)`;
try {
  await load(port, PAGE); // warm-up pass is short: JIT and the first database reads
  console.log(
    `PGlite, ${CONCURRENCY} keep-alive connections, ${SECONDS} s each, load average ${loadavg()[0].toFixed(1)}`,
  );
  const page = await load(port, PAGE);
  console.log(`public page (cached 5 s):   ${fmt(page)}`);
  const health = await load(port, '/api/health');
  console.log(`baseline /api/health:       ${fmt(health)}`);
  process.env.SHEQU_PUBLIC_CACHE_MS = '0';
  const uncached = await load(port, PAGE);
  console.log(`public page (no cache):     ${fmt(uncached)}`);
  console.log(
    `ratio page / health: cached ${(page.rps / health.rps).toFixed(2)}, uncached ${(uncached.rps / health.rps).toFixed(2)}; target ≥ 500 req/s: cached ${page.rps >= 500 ? 'met' : 'MISSED'}, uncached ${uncached.rps >= 500 ? 'met' : 'MISSED'}`,
  );
} finally {
  await app.close();
  await db.close();
}
