/** SQL of the versioned policy documents (政策配置). */
import { NATION_CODE, PREFIX_LENGTH } from '../../domain/region-code.js';
import { POLICY_LEVELS, type PolicyDocument, type PolicyLevel } from '../../policy/policy.schema.js';
import type { Queryable } from '../database.js';

export interface PolicyDocumentRow {
  id: string;
  level: PolicyLevel;
  region_code: string;
  region_name: string;
  version: number;
  effective_from: string;
  title: string;
  basis: string | null;
  document: Record<string, unknown>;
  created_by: string;
  created_at: Date;
}

const COLS = `d.id, d.level, d.region_code, r.name as region_name, d.version, d.effective_from, d.title, d.basis, d.document, d.created_by, d.created_at`;
const FROM = 'from policy_document d join region r on r.code = d.region_code';

/** The codes of the policy levels at or above a region: nation, its province, city and county (as far as it goes). */
export function policyAncestorCodes(regionCode: string): string[] {
  return POLICY_LEVELS.map((l) =>
    l === 'nation' ? NATION_CODE : regionCode.slice(0, PREFIX_LENGTH[l]).padEnd(12, '0'),
  ).filter((c, i, a) => a.indexOf(c) === i);
}

/** A stored row as the engine's document: meta fields and the sections side by side. */
export const toPolicyDocument = (r: PolicyDocumentRow): PolicyDocument => ({
  ...(r.document as Partial<PolicyDocument>),
  id: r.id,
  level: r.level,
  regionCode: r.region_code,
  version: r.version,
  effectiveFrom: r.effective_from,
  title: r.title,
  ...(r.basis ? { basis: r.basis } : {}),
});

export const policyRepository = {
  /** Every version of every level that applies to the region (its own and its ancestors'), newest first. */
  async applyingTo(db: Queryable, regionCode: string): Promise<PolicyDocumentRow[]> {
    return db.query<PolicyDocumentRow>(
      `select ${COLS} ${FROM} where d.region_code = any($1::varchar[]) order by d.effective_from desc, d.version desc, d.id`,
      [policyAncestorCodes(regionCode)],
    );
  },

  /** The documents that apply to the region and those of every region below it (what an edit there can affect). */
  async forRegionAndBelow(db: Queryable, regionCode: string, prefix: string): Promise<PolicyDocumentRow[]> {
    return db.query<PolicyDocumentRow>(
      `select ${COLS} ${FROM} where d.region_code = any($1::varchar[]) or d.region_code between $2 and $3 order by d.effective_from desc, d.version desc, d.id`,
      [policyAncestorCodes(regionCode), prefix.padEnd(12, '0'), prefix.padEnd(12, '9')],
    );
  },

  async byId(db: Queryable, id: string): Promise<PolicyDocumentRow | null> {
    return (await db.query<PolicyDocumentRow>(`select ${COLS} ${FROM} where d.id = $1`, [id]))[0] ?? null;
  },

  /** Serialises version numbering: two editors of one region cannot take the same version. */
  async lockVersions(tx: Queryable): Promise<void> {
    await tx.query('select pg_advisory_xact_lock(74270004)');
  },

  /** Inserts shipped documents (seeds): meta fields to columns, sections to `document`. */
  async insertDocuments(tx: Queryable, docs: readonly PolicyDocument[], createdBy: string): Promise<void> {
    for (const d of docs) {
      const { id, level, regionCode, version, effectiveFrom, title, basis, ...sections } = d;
      await policyRepository.insert(
        tx,
        {
          id: id ?? `${level}-${regionCode}-${version}`,
          level,
          regionCode,
          version,
          effectiveFrom,
          title: title ?? `${regionCode} 第 ${version} 版`,
          basis: basis ?? null,
          document: sections,
        },
        createdBy,
      );
    }
  },

  async insert(
    tx: Queryable,
    doc: {
      id: string;
      level: PolicyLevel;
      regionCode: string;
      version: number;
      effectiveFrom: string;
      title: string;
      basis: string | null;
      document: Record<string, unknown>;
    },
    createdBy: string,
  ): Promise<void> {
    await tx.query(
      `insert into policy_document (id, level, region_code, version, effective_from, title, basis, document, created_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9)`,
      [
        doc.id,
        doc.level,
        doc.regionCode,
        doc.version,
        doc.effectiveFrom,
        doc.title,
        doc.basis,
        JSON.stringify(doc.document),
        createdBy,
      ],
    );
  },
};
