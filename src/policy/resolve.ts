/**
 * The policy in force for a region on a date (domain.md "Policy is data"): national defaults <
 * province < city < county, each level a versioned document with an effective date.
 */
import { DomainError } from '../domain/errors.js';
import { PREFIX_LENGTH } from '../domain/region-code.js';
import {
  POLICY_LEVEL_LABELS,
  POLICY_LEVELS,
  POLICY_SECTIONS,
  type Policy,
  type PolicyDocument,
  type PolicyLevel,
  type PolicySection,
  type ResolvedPolicy,
  SECTION_LABELS,
} from './policy.schema.js';
import { type PolicyError, type PolicyValidation, validatePolicy, validateResolvedPolicy } from './policy.validate.js';

/** Which document supplied (part of) a section, in merge order: later entries override earlier ones. */
export interface PolicySource {
  id?: string;
  level: PolicyLevel;
  regionCode: string;
  version: number;
  effectiveFrom: string;
  title?: string;
  /** The section's top-level fields this document set. */
  fields: string[];
}

export interface ResolvedPolicyResult {
  regionCode: string;
  date: string;
  /** The merged policy. A section is absent when no level sets it, or when the merged section is incomplete or inconsistent (see `problems`). */
  policy: ResolvedPolicy;
  /** Per section, the documents that contributed, lowest level first: explanations cite them. */
  sources: Partial<Record<PolicySection, PolicySource[]>>;
  /** The document chosen at each level (at most one per level). */
  documents: PolicyDocument[];
  /** Why a section was left out: merged paths with Chinese messages. */
  problems: PolicyError[];
}

/** True when the document's region is the region itself or one of its ancestors (by code prefix). */
export function appliesTo(doc: Pick<PolicyDocument, 'level' | 'regionCode'>, regionCode: string): boolean {
  const n = PREFIX_LENGTH[doc.level];
  return regionCode.startsWith(doc.regionCode.slice(0, n));
}

/**
 * Per level, the document in force: among those for an ancestor-or-self region effective on or
 * before `date`, the one with the latest `effectiveFrom`; on the same date, the highest `version`
 * (a corrected re-issue). Returned in merge order (nation first).
 */
export function selectDocuments(
  documents: readonly PolicyDocument[],
  regionCode: string,
  date: string,
): PolicyDocument[] {
  const chosen: PolicyDocument[] = [];
  for (const level of POLICY_LEVELS) {
    let best: PolicyDocument | undefined;
    for (const d of documents) {
      if (d.level !== level || d.effectiveFrom > date || !appliesTo(d, regionCode)) continue;
      if (
        !best ||
        d.effectiveFrom > best.effectiveFrom ||
        (d.effectiveFrom === best.effectiveFrom && d.version > best.version)
      )
        best = d;
    }
    if (best) chosen.push(best);
  }
  return chosen;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deep merge: objects merge key by key, arrays and scalars replace, `undefined` leaves the value alone. Inputs are not changed. */
export function deepMerge<T>(base: T, over: unknown): T {
  if (over === undefined) return structuredClone(base);
  if (!isObj(base) || !isObj(over)) return structuredClone(over) as T;
  const out: Obj = structuredClone(base);
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) continue;
    out[k] = isObj(out[k]) && isObj(v) ? deepMerge(out[k], v) : structuredClone(v);
  }
  return out as T;
}

/** Merges the chosen documents' sections in order, and records which document set what. */
export function mergeDocuments(chosen: readonly PolicyDocument[]): {
  policy: ResolvedPolicy;
  sources: ResolvedPolicyResult['sources'];
} {
  const merged: Obj = {};
  const sources: ResolvedPolicyResult['sources'] = {};
  for (const d of chosen) {
    for (const s of POLICY_SECTIONS) {
      const section = d[s];
      if (section === undefined) continue;
      merged[s] = deepMerge(merged[s] ?? {}, section);
      const list = sources[s] ?? [];
      list.push({
        ...(d.id ? { id: d.id } : {}),
        level: d.level,
        regionCode: d.regionCode,
        version: d.version,
        effectiveFrom: d.effectiveFrom,
        ...(d.title ? { title: d.title } : {}),
        fields: Object.keys(section).filter((k) => (section as Obj)[k] !== undefined),
      });
      sources[s] = list;
    }
  }
  return { policy: merged as ResolvedPolicy, sources };
}

/**
 * The policy in force for `regionCode` (12 digits, any level) on `date` (YYYY-MM-DD): picks one
 * document per level (`selectDocuments`), merges nation < province < city < county (objects merge,
 * arrays replace), then checks the merged sections. A section that is incomplete or inconsistent
 * after merging is left out of `policy` and reported in `problems`, so no figure is computed from it.
 */
export function resolvePolicy(
  documents: readonly PolicyDocument[],
  regionCode: string,
  date: string,
): ResolvedPolicyResult {
  const chosen = selectDocuments(documents, regionCode, date);
  const { policy, sources } = mergeDocuments(chosen);
  const { errors, badSections } = validateResolvedPolicy(policy);
  for (const s of badSections) delete policy[s];
  return { regionCode, date, policy, sources, documents: chosen, problems: errors };
}

/**
 * The section the caller needs, or a domain error saying no such policy is in force. Engines call
 * this rather than computing with defaults nobody set.
 */
export function requireSection<S extends PolicySection>(policy: ResolvedPolicy, section: S): Policy[S] {
  const v = policy[section];
  if (v === undefined)
    throw new DomainError(
      'conflict',
      'POLICY_NOT_IN_FORCE',
      `没有生效的${SECTION_LABELS[section]}政策（或合并后不完整），请先配置`,
      [{ field: section, message: `缺少${SECTION_LABELS[section]}政策` }],
      `No ${section} policy in force`,
    );
  return v as Policy[S];
}

/** A short citation for explanations: "云南省 2025 年第 1 版（2025-07-01 起施行）". */
export function citeSource(s: PolicySource): string {
  const name = s.title ?? `${POLICY_LEVEL_LABELS[s.level]}级政策 ${s.regionCode}`;
  return `${name} 第 ${s.version} 版（${s.effectiveFrom} 起施行）`;
}

/**
 * Checks an edit before it is saved: the document itself (`validatePolicy`), its version (greater
 * than every stored version of the same region and level), and the merged policy it produces: at
 * its own region and at every region below it that has documents, on its effective date and on every
 * later effective date of the documents involved. Only problems the edit introduces are reported,
 * so an earlier inconsistency elsewhere does not block an unrelated edit. With errors the caller
 * saves nothing.
 */
export function validatePolicyEdit(existing: readonly PolicyDocument[], doc: unknown): PolicyValidation {
  const own = validatePolicy(doc);
  if (!own.ok) return own;
  const d = doc as PolicyDocument;
  const errors: PolicyError[] = [];
  const same = existing.filter((e) => e.level === d.level && e.regionCode === d.regionCode);
  const latest = Math.max(0, ...same.map((e) => e.version));
  if (d.version <= latest)
    errors.push({
      path: '/version',
      message: `/version：版本号须大于该区划现有最新版本 ${latest}（旧版本保留，不可覆盖）`,
    });

  const after = [...existing, d];
  const regions = new Set([
    d.regionCode,
    ...existing.filter((e) => e.regionCode !== d.regionCode && appliesTo(d, e.regionCode)).map((e) => e.regionCode),
  ]);
  for (const region of regions) {
    const dates = new Set([
      d.effectiveFrom,
      ...after.filter((e) => e.effectiveFrom > d.effectiveFrom && appliesTo(e, region)).map((e) => e.effectiveFrom),
    ]);
    for (const date of dates) {
      const before = new Set(
        validateResolvedPolicy(mergeDocuments(selectDocuments(existing, region, date)).policy).errors.map(
          (e) => e.message,
        ),
      );
      for (const e of validateResolvedPolicy(mergeDocuments(selectDocuments(after, region, date)).policy).errors) {
        if (before.has(e.message)) continue;
        const where = region === d.regionCode && date === d.effectiveFrom ? '' : `（区划 ${region} 于 ${date} 合并后）`;
        const message = `${e.message}${where || '（合并后）'}`;
        if (!errors.some((x) => x.path === e.path && x.message === message)) errors.push({ path: e.path, message });
      }
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true };
}
