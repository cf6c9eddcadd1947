/**
 * F-SUPERVISE (§4.11) 职责公开、服务承诺 and the residents' part of F-ASSESS: a public page per community
 * (no sign-in) listing its workers with their duties and service commitments, and a satisfaction
 * rating per worker and for the community during the assessment's rating window.
 *
 * Abuse resistance without accounts (decisions):
 * - one ballot per device per community per window: the device is a random HttpOnly cookie set by the
 *   page, stored only as a salted SHA-256; a second ballot answers 409 ALREADY_RATED, and the page says
 *   so when it opens (`alreadyRated`);
 * - the verification code on the community's notice board is required in every rating window (the
 *   plan's `verification`, true by default); only the county may switch it off, for one community and
 *   one window, with a reason, and the staff page then carries a warning;
 * - ballots over the per-address cap of a window, and bursts from one address or subnet, are accepted
 *   but not counted until the county accepts them (domain/rating-guard.ts); the staff page shows how
 *   many were not counted and why, and only counted ballots feed any rate or the assessment;
 * - a per-address limit on ballots and wrong codes (in memory, per server process): 429 RATE_LIMITED.
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
import {
  addressKeys,
  type BallotStatus,
  classifyBallot,
  type FlagReason,
  flagLabel,
  RATING_GUARD_DEFAULTS,
  type RatingGuard,
  STATUS_LABELS,
} from '../domain/rating-guard.js';
import { levelOfCode } from '../domain/region-code.js';
import { POSITIONS, type Position } from '../domain/worker-vocab.js';
import type { AssessmentPolicy } from '../policy/policy.schema.js';
import { type RequestContext, writeAudit } from './audit.service.js';
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
  // Required in a window unless the county switched it off for this community and window.
  const verificationRequired = c.plan_id !== null && (c.window_verification ?? rules?.verification ?? true);
  const byTarget = new Map<number | null, Counts>();
  for (const r of counts) {
    const t = byTarget.get(r.worker_id) ?? zero();
    t[r.score] += r.n;
    byTarget.set(r.worker_id, t);
  }
  return {
    community: { code: c.code, name: c.name, street: c.street, county: c.county },
    window: c.plan_id === null ? null : { year: c.year!, from: c.rating_from!, to: c.rating_to! },
    verificationRequired,
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
    rules,
    verificationCode: c.verification_code,
    windowSetting: c.window_verification === null ? null : { reason: c.window_reason, by: c.window_updated_by },
  };
}

/**
 * The public community page (no sign-in): profiles, the open window and the counted votes so far, and
 * whether this device has already rated in the window (not cached: it is the device's own).
 */
export async function publicCommunityReader(db: Database, code: string, ctx: RequestContext = {}, device?: string) {
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
  const { planId, rules: _r, verificationCode: _v, windowSetting: _w, ...shown } = value;
  const alreadyRated =
    planId !== null && !!device && (await assessmentRepository.deviceHasBallot(db, planId, code, deviceHash(device)));
  return { ...shown, alreadyRated };
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
// Salted per plan, so that the ballots of two windows cannot be linked by address.
const addressHash = (planId: number, key: string) =>
  createHash('sha256').update(`shequ-address:${planId}:${key}`).digest('hex');
/** The plan's rating guard (plans frozen before it existed use the defaults). */
const guardOf = (rules: AssessmentPolicy | null): RatingGuard => ({ ...RATING_GUARD_DEFAULTS, ...rules?.ratingGuard });

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
  if (page.verificationRequired && (!page.verificationCode || (input.code ?? '').trim() !== page.verificationCode))
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
  const planId = page.planId;
  const guard = guardOf(page.rules);
  const keys = addressKeys(who.address);
  const at = ctx.now?.() ?? new Date();
  await db.transaction(async (tx) => {
    await assessmentRepository.lockBallots(tx, planId);
    const from = keys && {
      addressHash: addressHash(planId, keys.address),
      subnetHash: addressHash(planId, keys.subnet),
      at,
    };
    const ballot = await assessmentRepository.insertBallot(tx, planId, code, deviceHash(who.device!), from);
    if (ballot === null) throw conflict('本设备在本测评期内已经评价过，感谢参与', 'ALREADY_RATED');
    await assessmentRepository.insertRatings(tx, ballot, planId, code, items);
    // Counted, capped or held (domain/rating-guard.ts); the resident is thanked either way.
    let status: BallotStatus = 'counted';
    if (from) {
      const since = new Date(at.getTime() - guard.burstMinutes * 60_000);
      const c = await assessmentRepository.ballotCounts(
        tx,
        ballot,
        planId,
        code,
        from.addressHash,
        from.subnetHash,
        since,
      );
      const k = classifyBallot(
        { addressEarlier: c.address_earlier, addressRecent: c.address_recent, subnetRecent: c.subnet_recent },
        guard,
      );
      status = k.status;
      if (k.status === 'held') {
        const group = k.group === 'address' ? from.addressHash : from.subnetHash;
        await assessmentRepository.holdBurst(tx, planId, code, k.group, group, since, k.reason);
      } else if (k.status === 'capped') await assessmentRepository.capBallot(tx, ballot, from.addressHash);
    }
    await writeAudit(
      tx,
      systemActor('居民测评'),
      {
        action: 'voice.rating',
        entityType: 'resident_ballot',
        entityId: ballot,
        regionCode: code,
        after: { planId, ratings: items.length, status },
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

/** The window whose ballots staff see and the county reviews: the open one, else the county's open plan (after the last day, before approval). */
async function reviewPlanOf(db: Database, code: string, page: PublicCommunity) {
  if (page.planId !== null) return { id: page.planId, rules: page.rules };
  const p = await assessmentRepository.openPlanOfCounty(db, code);
  return p && { id: p.id, rules: p.rules as AssessmentPolicy | null };
}

/** How many ballots of the window were not counted and why, and the groups the county may review. */
async function discountedOf(db: Database, plan: { id: number; rules: AssessmentPolicy | null } | null, code: string) {
  if (!plan) return { notCounted: 0, pending: 0, reasons: [], groups: [] };
  const guard = guardOf(plan.rules);
  const [summary, groups] = await Promise.all([
    assessmentRepository.flaggedSummary(db, plan.id, code),
    assessmentRepository.flaggedGroups(db, plan.id, code),
  ]);
  const notCounted = summary.filter((r) => r.status !== 'accepted').reduce((n, r) => n + r.n, 0);
  const pending = summary.filter((r) => r.status === 'capped' || r.status === 'held').reduce((n, r) => n + r.n, 0);
  return {
    notCounted,
    pending,
    reasons: summary.map((r) => ({
      status: r.status,
      statusLabel: STATUS_LABELS[r.status],
      reason: r.flag_reason,
      reasonLabel: flagLabel(r.flag_reason, guard),
      ballots: r.n,
    })),
    groups: groups.map((g, i) => {
      const reasons = g.reasons.split(',') as FlagReason[];
      return {
        id: g.id,
        // Neither the address nor its digest is shown: groups are told apart by their order.
        label: `${reasons.includes('subnet_burst') ? '网段' : '地址'} ${i + 1}`,
        reasons: reasons.map((r) => flagLabel(r, guard)),
        ballots: g.ballots,
        pending: g.pending,
        accepted: g.accepted,
        discarded: g.discarded,
        from: new Date(g.first_at).toISOString(),
        to: new Date(g.last_at).toISOString(),
      };
    }),
  };
}

const OFF_WARNING =
  '本测评期已关闭验证码：任何人都可以用新的设备反复评价，满意率可能被刷票左右。来自同一地址或网段的集中评价仍会暂不计入、待县级审核。';

/** A community's public page settings for staff: the link (for the QR code), verification, the current window, counted and discounted votes. */
export async function ratingSettingsReader(db: Database, actor: Actor, code: string, ctx: RequestContext = {}) {
  const region = await communityInScope(db, actor, code);
  let setting = await assessmentRepository.ratingSetting(db, code);
  const page = await loadPublicCommunity(db, code, todayOf(ctx));
  // A window needs a code on the notice board: the first look at the page during one makes it.
  if (page.planId !== null && page.verificationRequired && !setting?.verification_code) {
    await saveCode(db, actor, code, String(randomInt(100000, 1000000)), setting !== null, ctx);
    invalidate(db, code);
    setting = await assessmentRepository.ratingSetting(db, code);
  }
  const plan = await reviewPlanOf(db, code, page);
  const off = page.planId !== null && !page.verificationRequired;
  return {
    regionCode: code,
    name: region.name,
    publicPath: publicPath(code),
    // Outside a window: what the next window starts with (required).
    verificationRequired: page.planId === null ? true : page.verificationRequired,
    verificationCode: setting?.verification_code ?? null,
    saved: page.windowSetting !== null,
    updatedBy: page.windowSetting?.by ?? setting?.updated_by ?? null,
    offReason: off ? (page.windowSetting?.reason ?? null) : null,
    warning: off ? OFF_WARNING : null,
    canSwitchOff: can(actor, 'assessment.plan'),
    canReview: can(actor, 'assessment.decide'),
    window: page.window,
    ratings: page.ratings,
    discounted: await discountedOf(db, plan, code),
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

async function saveCode(
  db: Database,
  actor: Actor,
  code: string,
  vcode: string,
  existed: boolean,
  ctx: RequestContext,
) {
  await db.transaction(async (tx) => {
    // Locked and checked again: two first looks at once make one code, not two.
    await rowLockRepository.lock(tx, 'region', code);
    if ((await assessmentRepository.ratingSetting(tx, code))?.verification_code) return;
    await assessmentRepository.upsertRatingSetting(tx, code, true, vcode, actor.name);
    await writeAudit(
      tx,
      actor,
      {
        action: 'voice.settings.code',
        entityType: 'community_rating_setting',
        entityId: code,
        regionCode: code,
        // The code itself is not written to the log (it is printed on the notice board).
        after: { codeSet: true, replaced: existed },
      },
      ctx,
    );
  });
}

/**
 * Verification in the current window. On: anyone keeping the page, with the given code, else the
 * community's code, else a new 6-digit one. Off: only the county (`assessment.plan`), only inside a
 * window (a new window requires it again), with a reason; the page then carries a warning.
 */
export async function ratingSettingsSaver(
  db: Database,
  actor: Actor,
  code: string,
  input: { verificationRequired: boolean; verificationCode?: string | null; reason?: string },
  ctx: RequestContext = {},
) {
  await communityInScope(db, actor, code);
  const page = await loadPublicCommunity(db, code, todayOf(ctx));
  const reason = input.reason?.trim() || null;
  if (!input.verificationRequired) {
    if (!can(actor, 'assessment.plan'))
      throw forbidden('关闭居民测评验证码须由县级社会工作部决定', 'VERIFICATION_OFF_COUNTY_ONLY');
    if (page.planId === null)
      throw conflict('当前不在居民满意度测评期内；每个新的测评期默认须输入验证码', 'RATING_CLOSED');
    if (!reason) throw invalid('reason', '关闭验证码须说明理由（记入审计日志）');
  }
  await db.transaction(async (tx) => {
    // Locked: two saves at once would both read the same `before`.
    await rowLockRepository.lock(tx, 'region', code);
    const before = await assessmentRepository.ratingSetting(tx, code);
    const vcode = input.verificationRequired
      ? input.verificationCode?.trim() || before?.verification_code || String(randomInt(100000, 1000000))
      : (before?.verification_code ?? null);
    if (input.verificationRequired && vcode !== null)
      await assessmentRepository.upsertRatingSetting(tx, code, true, vcode, actor.name);
    if (page.planId !== null)
      await assessmentRepository.upsertWindowSetting(
        tx,
        page.planId,
        code,
        input.verificationRequired,
        input.verificationRequired ? null : reason,
        actor.name,
      );
    await writeAudit(
      tx,
      actor,
      {
        action: 'voice.settings.update',
        entityType: 'community_rating_setting',
        entityId: code,
        regionCode: code,
        before: { verificationRequired: page.verificationRequired },
        after: {
          verificationRequired: input.verificationRequired,
          ...(input.verificationRequired ? {} : { reason }),
          planId: page.planId,
          codeChanged: vcode !== (before?.verification_code ?? null),
        },
      },
      ctx,
    );
  });
  invalidate(db, code);
  return ratingSettingsReader(db, actor, code, ctx);
}

/**
 * The county's review of a flagged group of ballots (an address or subnet, named by its first ballot):
 * accepted, its pending ballots count; discarded, they never do. Only while the plan is open.
 */
export async function ratingReviewer(
  db: Database,
  actor: Actor,
  code: string,
  input: { group: number; decision: 'accept' | 'discard'; note?: string },
  ctx: RequestContext = {},
) {
  await communityInScope(db, actor, code);
  if (!can(actor, 'assessment.decide')) throw forbidden('审核居民评价须由县级社会工作部决定');
  const page = await loadPublicCommunity(db, code, todayOf(ctx));
  const plan = await reviewPlanOf(db, code, page);
  if (!plan) throw conflict('没有进行中的年度考核，无法审核居民评价', 'NO_OPEN_PLAN');
  const group = await assessmentRepository.flagGroupOf(db, plan.id, code, input.group);
  if (!group) throw notFound('待审核的评价');
  const note = input.note?.trim() || null;
  const status = input.decision === 'accept' ? 'accepted' : 'discarded';
  await db.transaction(async (tx) => {
    const n = await assessmentRepository.reviewGroup(
      tx,
      plan.id,
      code,
      group,
      status,
      actor.name,
      ctx.now?.() ?? new Date(),
      note,
    );
    if (n === 0) throw conflict('这组评价已经审核过', 'ALREADY_REVIEWED');
    await writeAudit(
      tx,
      actor,
      {
        action: 'voice.rating.review',
        entityType: 'resident_ballot',
        entityId: input.group,
        regionCode: code,
        before: { pending: n },
        after: { decision: status, ballots: n, planId: plan.id, note },
      },
      ctx,
    );
  });
  invalidate(db, code);
  return ratingSettingsReader(db, actor, code, ctx);
}
