// Which policy documents supplied a figure: level, region, version and effective date, per section.
// The worker grade and pay answers carry `policySources` without a written shape, so this reads it
// defensively: a list of {section, documents}, a list of documents, or an object keyed by section.
import { Space, Tag, Typography } from 'antd';
import type { PolicyLevel } from '../api';
import { formatDate } from '../format';
import { useI18n } from '../i18n';
import { levelLabel, policyFieldLabel, sectionLabel } from '../labels';

export interface SourceDoc {
  id?: string | number;
  level?: PolicyLevel | string;
  regionName?: string;
  version?: number;
  effectiveFrom?: string;
  title?: string | null;
  fields?: string[];
}

const LEVEL_COLORS: Record<string, string> = { nation: 'red', province: 'volcano', city: 'gold', county: 'blue' };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** One document as a tag: 省 云南省 · 第 1 版 · 2025年01月01日 起; with `showFields`, the fields it set below. */
export function SourceTag({ doc, showFields = false }: { doc: SourceDoc; showFields?: boolean }) {
  const { t, lang } = useI18n();
  const parts = [
    doc.level ? levelLabel(t, doc.level) : null,
    doc.regionName ?? null,
    doc.version !== undefined ? t('policy.versionN', { n: doc.version }) : null,
    doc.effectiveFrom ? t('policy.fromDate', { date: formatDate(doc.effectiveFrom, lang) }) : null,
  ].filter((p): p is string => !!p);
  const tag = (
    <Tag
      color={LEVEL_COLORS[String(doc.level)] ?? 'default'}
      variant="outlined"
      title={doc.title ?? undefined}
      style={{ marginInlineEnd: 0 }}
      data-testid="policy-source"
    >
      {parts.join(' · ') || doc.title || String(doc.id ?? '')}
    </Tag>
  );
  if (!showFields || !doc.fields || doc.fields.length === 0) return tag;
  return (
    <div className="source-line">
      {tag}
      <Typography.Text type="secondary" className="source-fields">
        {t('policy.sourceFields', { fields: doc.fields.map((f) => policyFieldLabel(t, f)).join('、') })}
      </Typography.Text>
    </div>
  );
}

function asDocs(value: unknown): SourceDoc[] {
  if (Array.isArray(value)) return value.filter(isRecord) as SourceDoc[];
  if (isRecord(value)) return [value as SourceDoc];
  return [];
}

/** Groups of (section, documents) read from whatever shape the answer has. */
function groupsOf(sources: unknown): { section: string | null; docs: SourceDoc[] }[] {
  if (Array.isArray(sources)) {
    const records = sources.filter(isRecord);
    if (records.some((r) => 'section' in r)) {
      return records.map((r) => ({
        section: typeof r.section === 'string' ? r.section : null,
        docs: asDocs(r.documents ?? r.document ?? r),
      }));
    }
    return [{ section: null, docs: records as SourceDoc[] }];
  }
  if (isRecord(sources)) {
    if ('level' in sources || 'version' in sources) return [{ section: null, docs: [sources as SourceDoc] }];
    return Object.entries(sources).map(([section, docs]) => ({ section, docs: asDocs(docs) }));
  }
  return [];
}

/** The sources of a computed figure, one line per section. Renders nothing when there are none. */
export function PolicySources({ sources }: { sources: unknown }) {
  const { t } = useI18n();
  // keys from the position in the answer, which is fixed for a given answer
  const groups = groupsOf(sources)
    .filter((g) => g.docs.length > 0)
    .map((g, i) => ({
      ...g,
      key: `${g.section ?? ''}-${i}`,
      docs: g.docs.map((d, j) => ({ d, key: `${d.id ?? ''}-${j}` })),
    }));
  if (groups.length === 0) return null;
  return (
    <div className="policy-sources" data-testid="policy-sources">
      <Typography.Text type="secondary" className="policy-sources-label">
        {t('grade.sources')}：
      </Typography.Text>
      <Space orientation="vertical" size={4}>
        {groups.map((g) => (
          <Space key={g.key} wrap size={[4, 4]}>
            {g.section && <Typography.Text>{sectionLabel(t, g.section)}：</Typography.Text>}
            {g.docs.map(({ d, key }) => (
              <SourceTag key={key} doc={d} />
            ))}
          </Space>
        ))}
      </Space>
    </div>
  );
}
