/**
 * Policy as data (domain.md "Policy is data, not code"): list the versions that apply to a region,
 * resolve the policy in force on a date with its sources, and publish a new version — checked by the
 * engine (`validatePolicyEdit`), limited by role to the sections each level may set, and audited.
 */
import type { Database, Queryable } from '../db/database.js';
import { type PolicyDocumentRow, policyRepository, toPolicyDocument } from '../db/repositories/policy.repository.js';
import { regionRepository } from '../db/repositories/region.repository.js';
import { isIsoDate } from '../domain/dates.js';
import { DomainError, forbidden, invalid, invalidFields, outOfScope } from '../domain/errors.js';
import { type Actor, can, canSeeRegion, type Role } from '../domain/permissions.js';
import { isRegionCode, LEVEL_LABELS, levelOfCode, PREFIX_LENGTH } from '../domain/region-code.js';
import {
  POLICY_SECTIONS,
  type PolicyDocument,
  type PolicyLevel,
  type PolicySection,
  SECTION_LABELS,
} from '../policy/policy.schema.js';
import {
  citeSource,
  type PolicySource,
  type ResolvedPolicyResult,
  resolvePolicy,
  validatePolicyEdit,
} from '../policy/resolve.js';
import { type RequestContext, writeAudit } from './audit.service.js';
import { regionInScope } from './region.service.js';
import { todayOf } from './worker.service.js';

export interface PolicyDocumentView {
  id: string;
  level: PolicyLevel;
  regionCode: string;
  regionName: string;
  version: number;
  effectiveFrom: string;
  title: string;
  basis: string | null;
  document: Record<string, unknown>;
  createdAt: string;
  createdBy: string;
}

export const presentPolicyDocument = (r: PolicyDocumentRow): PolicyDocumentView => ({
  id: r.id,
  level: r.level,
  regionCode: r.region_code,
  regionName: r.region_name,
  version: r.version,
  effectiveFrom: r.effective_from,
  title: r.title,
  basis: r.basis,
  document: r.document,
  createdAt: new Date(r.created_at).toISOString(),
  createdBy: r.created_by,
});

export interface SourceView {
  section: PolicySection;
  documents: {
    id: string;
    level: PolicyLevel;
    regionCode: string;
    regionName: string;
    version: number;
    effectiveFrom: string;
    title: string | null;
    fields: string[];
    text: string;
  }[];
}

/** The documents behind each section, lowest level first, with a citation (`citeSource`) for explanations. */
export function presentSources(
  sources: ResolvedPolicyResult['sources'],
  names: ReadonlyMap<string, string>,
  only?: readonly PolicySection[],
): SourceView[] {
  return POLICY_SECTIONS.filter((s) => sources[s] && (!only || only.includes(s))).map((section) => ({
    section,
    documents: (sources[section] as PolicySource[]).map((d) => ({
      id: d.id ?? '',
      level: d.level,
      regionCode: d.regionCode,
      regionName: names.get(d.regionCode) ?? d.regionCode,
      version: d.version,
      effectiveFrom: d.effectiveFrom,
      title: d.title ?? null,
      fields: d.fields,
      text: citeSource(d),
    })),
  }));
}

/** The documents that apply to a region, as the engine reads them, and their regions' names. */
export async function documentsFor(
  db: Queryable,
  regionCode: string,
): Promise<{ documents: PolicyDocument[]; names: Map<string, string> }> {
  const rows = await policyRepository.applyingTo(db, regionCode);
  return { documents: rows.map(toPolicyDocument), names: new Map(rows.map((r) => [r.region_code, r.region_name])) };
}

/**
 * The date whose policy governs a year's figures: today for the current year, the last day of a past
 * year, the first day of a future one. A version published today with a later effective date does not
 * change today's figures.
 */
export function policyDateForYear(year: number, today: string): string {
  const current = +today.slice(0, 4);
  return year === current ? today : year < current ? `${year}-12-31` : `${year}-01-01`;
}

/**
 * Resolves policies per region, cached. Documents stop at county level, so every street and community
 * has its county's policy: a batch over a province resolves each county once.
 */
export function policyCache(
  documents: readonly PolicyDocument[],
  date: string,
): (regionCode: string) => ResolvedPolicyResult {
  const cache = new Map<string, ResolvedPolicyResult>();
  return (regionCode: string) => {
    const level = levelOfCode(regionCode);
    const key = level === 'street' || level === 'community' ? `${regionCode.slice(0, 6)}000000` : regionCode;
    let r = cache.get(key);
    if (!r) {
      r = resolvePolicy(documents, key, date);
      cache.set(key, r);
    }
    return r;
  };
}

function checkRegionCode(actor: Actor, code: string, field = 'region'): void {
  if (!isRegionCode(code)) throw invalid(field, '区划代码应为 12 位数字');
  if (!canSeeRegion(actor, code)) throw outOfScope();
}

export async function policyLister(db: Database, actor: Actor, input: { region?: string }) {
  if (!can(actor, 'policy.read')) throw forbidden();
  const code = input.region ?? actor.regionCode;
  checkRegionCode(actor, code);
  await regionInScope(db, actor, code);
  const rows = await policyRepository.applyingTo(db, code);
  return { items: rows.map(presentPolicyDocument) };
}

/** The merged policy in force for a region on a date, with the documents behind each section and any problems. */
export async function effectivePolicyReader(
  db: Database,
  actor: Actor,
  input: { region?: string; date?: string },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'policy.read')) throw forbidden();
  const code = input.region ?? actor.regionCode;
  checkRegionCode(actor, code);
  const date = input.date ?? todayOf(ctx);
  if (!isIsoDate(date)) throw invalid('date', '日期应为 YYYY-MM-DD 格式');
  await regionInScope(db, actor, code);
  const { documents, names } = await documentsFor(db, code);
  const r = resolvePolicy(documents, code, date);
  return { regionCode: code, date, policy: r.policy, sources: presentSources(r.sources, names), problems: r.problems };
}

/**
 * Who may publish which sections at which level (contract: docs/api-policy.md). The province sets the
 * grade sequence (F-GRADE), training (F-TRAIN-RULE) and incentives (F-INCENTIVE); the city and the
 * county set pay (F-PAY), budget (F-BUDGET) and the staffing norm (F-NORM). A sysadmin sets anything.
 */
export const POLICY_EDIT_RIGHTS: Partial<Record<Role, { level: PolicyLevel; sections: readonly PolicySection[] }>> = {
  province: { level: 'province', sections: ['grades', 'training', 'incentive', 'assessment', 'lifecycle'] },
  city: { level: 'city', sections: ['pay', 'budget', 'staffing'] },
  county_swd: { level: 'county', sections: ['pay', 'budget', 'staffing', 'assessment'] },
};

const META_KEYS = ['id', 'level', 'regionCode', 'version', 'effectiveFrom', 'title', 'basis'];

export interface PolicyCreateInput {
  level: PolicyLevel;
  regionCode: string;
  effectiveFrom: string;
  title: string;
  basis?: string | null;
  document: Record<string, unknown>;
}

/**
 * Publishes a new version of a level's policy. The version number is the next one for that region and
 * level; old versions stay. Every problem is reported with its JSON-pointer path and nothing is written.
 */
export async function policyCreator(db: Database, actor: Actor, input: PolicyCreateInput, ctx: RequestContext = {}) {
  if (!can(actor, 'policy.edit')) throw forbidden();
  checkRegionCode(actor, input.regionCode, 'regionCode');
  const sections = Object.keys(input.document ?? {});
  if (actor.role !== 'sysadmin' && actor.role !== 'system') {
    const rights = POLICY_EDIT_RIGHTS[actor.role as Role];
    if (!rights) throw forbidden();
    if (input.level !== rights.level || input.regionCode !== actor.regionCode)
      throw new DomainError(
        'forbidden',
        'POLICY_LEVEL_FORBIDDEN',
        `您只能发布本级（${LEVEL_LABELS[rights.level]}）的政策`,
        [{ field: 'level', message: `只能发布${LEVEL_LABELS[rights.level]}级政策` }],
      );
    const denied = sections.filter(
      (s) => POLICY_SECTIONS.includes(s as PolicySection) && !rights.sections.includes(s as PolicySection),
    );
    if (denied.length) {
      const allowed = rights.sections.map((s) => SECTION_LABELS[s]).join('、');
      throw new DomainError(
        'forbidden',
        'POLICY_SECTION_FORBIDDEN',
        `${LEVEL_LABELS[rights.level]}级只能设置${allowed}`,
        denied.map((s) => ({
          field: `/${s}`,
          message: `/${s}：${LEVEL_LABELS[rights.level]}级不能设置${SECTION_LABELS[s as PolicySection]}（只能设置${allowed}）`,
        })),
      );
    }
  }
  const meta = sections.filter((k) => META_KEYS.includes(k));
  if (meta.length)
    throw invalidFields(
      meta.map((k) => ({ field: `/document/${k}`, message: `/document/${k}：${k} 在请求的顶层填写，不属于 document` })),
    );
  if (sections.length === 0) throw invalid('/document', '/document：至少设置一项政策内容');
  if (levelOfCode(input.regionCode) === null) throw invalid('regionCode', '区划代码应为 12 位数字');

  return db.transaction(async (tx) => {
    if (!(await regionRepository.exists(tx, input.regionCode)))
      throw invalid('regionCode', `区划 ${input.regionCode} 不存在`);
    await policyRepository.lockVersions(tx);
    const prefix = input.level === 'nation' ? '' : input.regionCode.slice(0, PREFIX_LENGTH[input.level]);
    const existing = (await policyRepository.forRegionAndBelow(tx, input.regionCode, prefix)).map(toPolicyDocument);
    const version =
      1 +
      Math.max(
        0,
        ...existing.filter((d) => d.level === input.level && d.regionCode === input.regionCode).map((d) => d.version),
      );
    const doc = {
      ...input.document,
      level: input.level,
      regionCode: input.regionCode,
      version,
      effectiveFrom: input.effectiveFrom,
      title: input.title,
      ...(input.basis ? { basis: input.basis } : {}),
    };
    const v = validatePolicyEdit(existing, doc);
    if (!v.ok) {
      const fields = v.errors.map((e) => ({ field: e.path, message: e.message }));
      throw new DomainError(
        'validation',
        'VALIDATION',
        fields.length === 1 ? fields[0].message : `政策配置有 ${fields.length} 处错误，未保存`,
        fields,
      );
    }
    const id = `${input.level}-${input.regionCode}-${version}`;
    await policyRepository.insert(
      tx,
      {
        id,
        level: input.level,
        regionCode: input.regionCode,
        version,
        effectiveFrom: input.effectiveFrom,
        title: input.title,
        basis: input.basis ?? null,
        document: input.document,
      },
      actor.name,
    );
    const item = presentPolicyDocument((await policyRepository.byId(tx, id))!);
    await writeAudit(
      tx,
      actor,
      {
        action: 'policy.create',
        entityType: 'policy_document',
        entityId: id,
        regionCode: input.regionCode,
        after: { ...item, createdAt: undefined },
      },
      ctx,
    );
    return { item };
  });
}
