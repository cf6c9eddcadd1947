/**
 * F-SUPERVISE (§4.11) 职责公开、服务承诺 and the residents' part of F-ASSESS: a public page per community
 * (no sign-in) listing its workers with their duties and service commitments, and a satisfaction
 * rating per worker and for the community during the assessment's rating window.
 *
 * Abuse resistance without accounts (decisions):
 * - one ballot per device per community per window: the device is a random HttpOnly cookie set by the
 *   page, stored only as a salted SHA-256; a second ballot answers 409 ALREADY_RATED;
 * - a per-address limit on ballots and wrong codes (in memory, per server process): 429 RATE_LIMITED;
 * - a verification code a local office can switch on per community (printed on the notice board);
 *   the policy's `verification` is the default shown until the office saves a setting.
 * Counts are always shown next to rates, and fewer than `minRatings` ratings do not feed the score.
 */
import { createHash, randomInt } from 'node:crypto';
import type { Database } from '../db/database.js';
import { assessmentRepository } from '../db/repositories/assessment.repository.js';
import { rowLockRepository } from '../db/repositories/row-lock.repository.js';
import { workerRepository } from '../db/repositories/worker.repository.js';
import { RATING_LABELS, type RatingScore, satisfactionOf } from '../domain/assessment.js';
import {
  conflict,
  DomainError,
  type FieldError,
  forbidden,
  invalid,
  invalidFields,
  notFound,
} from '../domain/errors.js';
import { type Actor, can, systemActor } from '../domain/permissions.js';
import { levelOfCode } from '../domain/region-code.js';
import { POSITIONS, type Position } from '../domain/worker-vocab.js';
import type { AssessmentPolicy } from '../policy/policy.schema.js';
import { resolvePolicy } from '../policy/resolve.js';
import { type RequestContext, writeAudit } from './audit.service.js';
import { documentsFor } from './policy.service.js';
import { regionInScope } from './region.service.js';
import { todayOf } from './worker.service.js';

export const DEVICE_COOKIE = 'shequ_device';
/** The public page of a community (the web app's route), for links and QR codes. */
export const publicPath = (code: string) => `/p/${code}`;

// ---------------------------------------------------------------- the public page, cached briefly

// SHEQU_PUBLIC_CACHE_MS=0 turns the cache off (bench/public-page.ts measures both).
const cacheMs = (): number => Number(process.env.SHEQU_PUBLIC_CACHE_MS ?? 5_000);
// Per database (tests run several apps in one process), per community.
const caches = new WeakMap<Database, Map<string, { at: number; value: PublicCommunity }>>();
const cacheOf = (db: Database) => {
  let c = caches.get(db);
  if (!c) {
    c = new Map();
    caches.set(db, c);
  }
  return c;
};
const invalidate = (db: Database, code: string) => cacheOf(db).delete(code);

type Counts = { satisfied: number; basic: number; unsatisfied: number };
const zero = (): Counts => ({ satisfied: 0, basic: 0, unsatisfied: 0 });

export type PublicCommunity = Awaited<ReturnType<typeof loadPublicCommunity>>;

async function loadPublicCommunity(db: Database, code: string, today: string) {
  const c = await assessmentRepository.publicCommunity(db, code, today);
  if (!c) throw notFound('社区');
  const [workers, counts] = await Promise.all([
    assessmentRepository.publicWorkers(db, code),
    c.plan_id === null ? Promise.resolve([]) : assessmentRepository.ratingCounts(db, c.plan_id, code),
  ]);
  const rules = c.rules as AssessmentPolicy | null;
  const minRatings = rules?.minRatings ?? 0;
  const byTarget = new Map<number | null, Counts>();
  for (const r of counts) {
    const t = byTarget.get(r.worker_id) ?? zero();
    t[r.score] += r.n;
    byTarget.set(r.worker_id, t);
  }
  return {
    community: { code: c.code, name: c.name, street: c.street, county: c.county },
    window: c.plan_id === null ? null : { year: c.year!, from: c.rating_from!, to: c.rating_to! },
    verificationRequired: c.verification_required === true,
    minRatings,
    scores: (Object.keys(RATING_LABELS) as RatingScore[]).map((k) => ({ value: k, label: RATING_LABELS[k] })),
    ratings: satisfactionOf(byTarget.get(null) ?? zero(), minRatings),
    workers: workers.map((w) => ({
      id: w.id,
      name: w.name,
      position: POSITIONS[w.position as Position] ?? w.position,
      duties: w.duties ?? '',
      commitments: w.commitments ?? '',
      ratings: satisfactionOf(byTarget.get(w.id) ?? zero(), minRatings),
    })),
    // internal: not sent
    planId: c.plan_id,
    verificationCode: c.verification_code,
  };
}

/** The public community page (no sign-in): profiles, the open window and the counts so far. */
export async function publicCommunityReader(db: Database, code: string, ctx: RequestContext = {}) {
  const today = todayOf(ctx);
  const cache = cacheOf(db);
  const hit = cache.get(code);
  const now = Date.now();
  let value: PublicCommunity;
  if (hit && now - hit.at < cacheMs() && !ctx.now) value = hit.value;
  else {
    value = await loadPublicCommunity(db, code, today);
    if (!ctx.now) cache.set(code, { at: now, value });
  }
  const { planId: _p, verificationCode: _v, ...shown } = value;
  return shown;
}

// ---------------------------------------------------------------- rating

/** Per-address limits (in memory): ballots and wrong verification codes. */
export class AddressLimiter {
  private readonly hits = new Map<string, number[]>();
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}
  /** Records one hit; throws 429 when the address has used up its allowance. */
  take(address: string, now = Date.now()): void {
    const list = (this.hits.get(address) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length >= this.max) {
      this.hits.set(address, list);
      throw new DomainError(
        'rate_limited',
        'RATE_LIMITED',
        `提交过于频繁，请 ${Math.ceil(this.windowMs / 60000)} 分钟后再试`,
      );
    }
    list.push(now);
    this.hits.set(address, list);
    if (this.hits.size > 50_000) this.hits.clear(); // bounded memory under a flood of addresses
  }
}

export interface RatingInput {
  community: RatingScore;
  workers?: { workerId: number; score: RatingScore }[];
  code?: string;
}

const deviceHash = (device: string) => createHash('sha256').update(`shequ-device:${device}`).digest('hex');

/** One ballot of a device in the open window: the community and any of its workers rated 满意/基本满意/不满意. */
export async function publicRatingSubmitter(
  db: Database,
  code: string,
  input: RatingInput,
  who: { device: string | undefined; address: string; limiter: AddressLimiter },
  ctx: RequestContext = {},
) {
  who.limiter.take(who.address);
  if (!who.device || !/^[0-9a-f-]{36}$/.test(who.device))
    throw invalid('device', '请先打开社区页面再评价（浏览器须允许 Cookie）', 'DEVICE_REQUIRED');
  const today = todayOf(ctx);
  const page = await loadPublicCommunity(db, code, today);
  if (page.planId === null) throw conflict('当前不在居民满意度测评期内', 'RATING_CLOSED');
  if (page.verificationRequired && (input.code ?? '').trim() !== page.verificationCode)
    throw invalid(
      'code',
      input.code ? '验证码不正确（见社区公示栏）' : '请输入社区公示栏上的验证码',
      'VERIFICATION_FAILED',
    );
  const errors: FieldError[] = [];
  const ids = new Set(page.workers.map((w) => w.id));
  const seen = new Set<number>();
  (input.workers ?? []).forEach((w, i) => {
    if (!ids.has(w.workerId)) errors.push({ field: `workers.${i}.workerId`, message: '不是本社区的工作人员' });
    else if (seen.has(w.workerId)) errors.push({ field: `workers.${i}.workerId`, message: '同一工作人员只能评价一次' });
    seen.add(w.workerId);
  });
  if (errors.length) throw invalidFields(errors);
  const items = [
    { workerId: null, score: input.community },
    ...(input.workers ?? []).map((w) => ({ workerId: w.workerId, score: w.score })),
  ];
  await db.transaction(async (tx) => {
    const ballot = await assessmentRepository.insertBallot(tx, page.planId!, code, deviceHash(who.device!));
    if (ballot === null) throw conflict('本设备在本测评期内已经评价过，感谢参与', 'ALREADY_RATED');
    await assessmentRepository.insertRatings(tx, ballot, page.planId!, code, items);
    await writeAudit(
      tx,
      systemActor('居民测评'),
      {
        action: 'voice.rating',
        entityType: 'resident_ballot',
        entityId: ballot,
        regionCode: code,
        after: { planId: page.planId, ratings: items.length },
      },
      ctx,
    );
  });
  invalidate(db, code);
  return { ok: true as const, ratings: items.length };
}

// ---------------------------------------------------------------- office side

/** 职责公开、服务承诺: what the public page says of a worker. */
export async function publicProfileSaver(
  db: Database,
  actor: Actor,
  workerId: number,
  input: { duties: string; commitments: string },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'voice.manage')) throw forbidden();
  const w = await workerRepository.byIdInScope(db, actor.scope, workerId);
  if (!w || w.status === 'exited') throw notFound('人员');
  const duties = input.duties.trim();
  const commitments = input.commitments.trim();
  await db.transaction(async (tx) => {
    // Locked: two saves at once would both read the same `before`.
    await workerRepository.byIdInScope(tx, actor.scope, workerId, true);
    const before = await assessmentRepository.profileOf(tx, workerId);
    await assessmentRepository.upsertProfile(tx, workerId, duties, commitments, actor.name);
    await writeAudit(
      tx,
      actor,
      {
        action: 'voice.profile.update',
        entityType: 'worker',
        entityId: workerId,
        regionCode: w.region_code,
        before,
        after: { duties, commitments },
      },
      ctx,
    );
  });
  invalidate(db, w.region_code);
  return { workerId, duties, commitments };
}

async function communityInScope(db: Database, actor: Actor, code: string) {
  if (!can(actor, 'voice.manage')) throw forbidden();
  const region = await regionInScope(db, actor, code);
  if (levelOfCode(code) !== 'community') throw invalid('code', '只有社区（村）有居民测评页面');
  return region;
}

/** A community's public page settings for staff: the link (for the QR code), verification, the current window and counts. */
export async function ratingSettingsReader(db: Database, actor: Actor, code: string, ctx: RequestContext = {}) {
  const region = await communityInScope(db, actor, code);
  const setting = await assessmentRepository.ratingSetting(db, code);
  const { documents } = await documentsFor(db, code);
  const policy = resolvePolicy(documents, code, todayOf(ctx)).policy.assessment;
  const page = await loadPublicCommunity(db, code, todayOf(ctx));
  return {
    regionCode: code,
    name: region.name,
    publicPath: publicPath(code),
    verificationRequired: setting ? setting.verification_required : (policy?.verification ?? false),
    verificationCode: setting?.verification_code ?? null,
    saved: setting !== null,
    updatedBy: setting?.updated_by ?? null,
    window: page.window,
    ratings: page.ratings,
    workers: page.workers.map((w) => ({
      id: w.id,
      name: w.name,
      position: w.position,
      duties: w.duties,
      commitments: w.commitments,
      ratings: w.ratings,
    })),
  };
}

/** Turns the verification step on (with a new 6-digit code unless one is given) or off. */
export async function ratingSettingsSaver(
  db: Database,
  actor: Actor,
  code: string,
  input: { verificationRequired: boolean; verificationCode?: string | null },
  ctx: RequestContext = {},
) {
  await communityInScope(db, actor, code);
  const vcode = input.verificationRequired
    ? input.verificationCode?.trim() || String(randomInt(100000, 1000000))
    : null;
  await db.transaction(async (tx) => {
    // Locked: two saves at once would both read the same `before`.
    await rowLockRepository.lock(tx, 'region', code);
    const before = await assessmentRepository.ratingSetting(tx, code);
    await assessmentRepository.upsertRatingSetting(tx, code, input.verificationRequired, vcode, actor.name);
    await writeAudit(
      tx,
      actor,
      {
        action: 'voice.settings.update',
        entityType: 'community_rating_setting',
        entityId: code,
        regionCode: code,
        before: before && { verificationRequired: before.verification_required },
        after: { verificationRequired: input.verificationRequired },
      },
      ctx,
    );
  });
  invalidate(db, code);
  return ratingSettingsReader(db, actor, code, ctx);
}
