/**
 * Each serving worker's monthly pay on a date for a region subtree, as the worker pay page computes it
 * (`gradeAndPayOf`: the grade computed for the date, then pay at that grade), kept in memory between
 * requests and recomputed only for the workers whose data changed.
 *
 * A worker's inputs are the worker row (its `xmin` moves on every update) and their history — periods,
 * positions, qualifications, approved assessment years — whose changes move `worker_rev.rev`
 * (013_worker_rev.sql, kept by triggers in the writing transaction). The version `xmin:rev` read in the
 * request is compared with the cached one, together with the date and a hash of the resolved policy:
 * a write committed a moment before is always seen.
 *
 * Above the workers, each region code (a community) has a revision of its own (`worker_region_rev`,
 * 017_county_stats.sql) that moves with every change of any of its workers or their history. A subtree
 * first reads those (~50 rows for a county); the communities whose revision is as cached give their
 * cached list of pays without reading a worker, and only the others read their workers' `xmin:rev`.
 * The cache is per database handle (tests open many databases in one process) and bounded.
 */
import { createHash } from 'node:crypto';
import type { Queryable } from '../db/database.js';
import { gradeRepository } from '../db/repositories/grade.repository.js';
import { statsRepository } from '../db/repositories/stats.repository.js';
import { DomainError } from '../domain/errors.js';
import type { PayResult } from '../domain/pay.js';
import type { ResolvedPolicy } from '../policy/policy.schema.js';
import { gradeAndPayOf, subjectsOf } from './grade.service.js';

export interface WorkerPay {
  id: number;
  regionCode: string;
  /** Monthly pay in fen, or null when it could not be computed (then `problem` says why). */
  monthlyFen: number | null;
  grade: number | null;
  problem: string | null;
}

interface Entry extends WorkerPay {
  version: string;
  key: string;
}

/** Entries kept per database before the cache is dropped and refilled (≈ 200 bytes each). */
const MAX_ENTRIES = 1_000_000;
/** Workers read and computed per round trip when many changed. */
const PAGE = 2000;

const caches = new WeakMap<object, Map<number, Entry>>();
/** A region code's pays (its serving workers in id order) as of its revision, under a date and policy key. */
interface RegionEntry {
  rev: string;
  date: string;
  key: string;
  pays: WorkerPay[];
}
/** Per database, per county (first six digits), per region code. */
const regionCaches = new WeakMap<object, Map<string, Map<string, RegionEntry>>>();
const computedCount = new WeakMap<object, number>();
const versionsRead = new WeakMap<object, number>();

/** The cache key of a date under a resolved policy: any change to the policy in force changes it. */
export function payKeyOf(date: string, policy: ResolvedPolicy): string {
  return `${date}/${createHash('sha1').update(JSON.stringify(policy)).digest('base64')}`;
}

/** The cached region entries of the code range (by county: a county's figure set looks at ~50). */
function cachedIn(db: Queryable, lo: string, hi: string): Map<string, RegionEntry>[] {
  let byCounty = regionCaches.get(db);
  if (!byCounty) {
    byCounty = new Map();
    regionCaches.set(db, byCounty);
  }
  const from = lo.slice(0, 6);
  const to = hi.slice(0, 6);
  if (from === to) {
    let m = byCounty.get(from);
    if (!m) {
      m = new Map();
      byCounty.set(from, m);
    }
    return [m];
  }
  return [...byCounty].filter(([c]) => c >= from && c <= to).map(([, m]) => m);
}

/**
 * Pay of every serving worker whose region code lies between `lo` and `hi` (a subtree's code range),
 * in (region_code, id) order, each counted once. Problems (a position outside every category, no pay
 * policy …) come back per worker, not as errors. The policy may still be on its way (the caller reads
 * it beside this): when the range has cached pays for the date the revisions are read meanwhile; a
 * rejected policy rejects the whole.
 */
export async function payOfSubtree(
  db: Queryable,
  lo: string,
  hi: string,
  date: string,
  policy: ResolvedPolicy | Promise<ResolvedPolicy>,
): Promise<WorkerPay[]> {
  const groups = cachedIn(db, lo, hi);
  // The region codes whose cached revision for this date is known: the statement returns the workers'
  // versions of every other region code of the range, with all the revisions, in one snapshot.
  const known: { code: string; rev: string }[] = [];
  for (const g of groups)
    for (const [code, e] of g) if (code >= lo && code <= hi && e.date === date) known.push({ code, rev: e.rev });
  const revisions = () =>
    statsRepository.payRevisions(
      db,
      lo,
      hi,
      known.map((k) => k.code),
      known.map((k) => k.rev),
    );
  // Nothing cached for the range and date: the policy first (without one — a rejected promise — no
  // worker is read; a county without a pay policy must not read its workers' versions at every request).
  // Cached: the statement returns only the changed communities' versions, so it runs beside the policy.
  const [resolved, read] = known.length ? await Promise.all([policy, revisions()]) : [await policy, await revisions()];
  const key = payKeyOf(date, resolved);
  const group = (code: string) => {
    const byCounty = regionCaches.get(db)!;
    let m = byCounty.get(code.slice(0, 6));
    if (!m) {
      m = new Map();
      byCounty.set(code.slice(0, 6), m);
    }
    return m;
  };
  const stale = new Set<string>();
  for (const r of read.revs) {
    const hit = group(r.region_code).get(r.region_code);
    if (!hit || hit.rev !== r.rev || hit.key !== key) stale.add(r.region_code);
  }
  if (stale.size) {
    // Versions came back for the region codes whose revision moved; those whose revision is as cached
    // under another policy (a policy changed) are read now.
    const withVersions = new Set(read.versions.map((v) => v.region_code));
    const knownRev = new Map(known.map((k) => [k.code, k.rev]));
    const missing = read.revs.filter(
      (r) => stale.has(r.region_code) && !withVersions.has(r.region_code) && knownRev.get(r.region_code) === r.rev,
    );
    const versions = missing.length
      ? [
          ...read.versions,
          ...(await statsRepository.payVersionsOf(
            db,
            missing.map((r) => r.region_code),
          )),
        ]
      : read.versions;
    const fresh = await workerPays(
      db,
      versions.filter((v) => stale.has(v.region_code)),
      key,
      date,
      resolved,
    );
    const byRegion = new Map<string, WorkerPay[]>([...stale].map((c) => [c, []]));
    for (const w of fresh) byRegion.get(w.regionCode)?.push(w);
    const rev = new Map(read.revs.map((r) => [r.region_code, r.rev]));
    for (const [code, pays] of byRegion) {
      pays.sort((a, b) => a.id - b.id);
      group(code).set(code, { rev: rev.get(code)!, date, key, pays });
    }
  }
  const out: WorkerPay[] = [];
  for (const r of read.revs) for (const w of group(r.region_code).get(r.region_code)!.pays) out.push(w);
  return out;
}

/** Pay of the given serving workers (their versions), each recomputed only when its own version moved. */
async function workerPays(
  db: Queryable,
  versions: { id: number; region_code: string; version: string }[],
  key: string,
  date: string,
  policy: ResolvedPolicy,
): Promise<WorkerPay[]> {
  const cache = caches.get(db) ?? new Map<number, Entry>();
  caches.set(db, cache);
  versionsRead.set(db, (versionsRead.get(db) ?? 0) + versions.length);
  const stale: number[] = [];
  for (const v of versions) {
    const hit = cache.get(v.id);
    if (!hit || hit.version !== v.version || hit.key !== key) stale.push(v.id);
  }
  if (cache.size + stale.length > MAX_ENTRIES) {
    cache.clear();
    regionCaches.get(db)?.clear();
  }
  const version = new Map(versions.map((v) => [v.id, v.version]));
  const memo = new Map<string, PayResult>();
  computedCount.set(db, (computedCount.get(db) ?? 0) + stale.length);
  for (let i = 0; i < stale.length; i += PAGE) {
    const rows = await gradeRepository.workersByIds(db, stale.slice(i, i + PAGE));
    for (const s of subjectsOf(
      rows,
      await gradeRepository.historyOf(
        db,
        rows.map((r) => r.id),
      ),
    )) {
      const base = { id: s.worker.id, regionCode: s.worker.region_code, key, version: version.get(s.worker.id) ?? '' };
      try {
        const { grade, pay } = gradeAndPayOf(s, date, policy, memo);
        cache.set(s.worker.id, { ...base, monthlyFen: pay.monthlyFen, grade: grade.grade, problem: null });
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        cache.set(s.worker.id, { ...base, monthlyFen: null, grade: null, problem: e.message });
      }
    }
  }
  const out: WorkerPay[] = [];
  for (const v of versions) {
    const e = cache.get(v.id);
    // Computed above from a read after `versions`: if the worker changed in between, the entry holds the
    // newer data under the older version and is recomputed on the next request.
    if (!e) continue;
    // The region code as read with the version (the one the worker is listed under).
    out.push({ id: e.id, regionCode: v.region_code, monthlyFen: e.monthlyFen, grade: e.grade, problem: e.problem });
  }
  return out;
}

/** Test seam: how many workers a database's cache holds, how many pays it has computed and how many workers' versions it has read in all. */
export const payCacheSize = (db: Queryable) => caches.get(db)?.size ?? 0;
export const payCacheComputed = (db: Queryable) => computedCount.get(db) ?? 0;
export const payCacheVersionsRead = (db: Queryable) => versionsRead.get(db) ?? 0;
