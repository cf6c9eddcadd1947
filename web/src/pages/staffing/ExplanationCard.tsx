// The F-NORM explanation: the rule, its inputs and the arithmetic, as the server worked them out.
import { Card, Descriptions, type DescriptionsProps } from 'antd';
import type { Explanation } from '../../api';
import { formatDate, formatNumber } from '../../format';
import type { Lang } from '../../i18n';
import { type MessageKey, type Translate, useI18n } from '../../i18n';
import { vocabLabel } from '../../workerVocab';

const INPUT_KEYS = [
  'urbanPopulation',
  'perTenThousand',
  'quotaLevel',
  'rounding',
  'withinTolerance',
  'headcountByCategory',
  'adjustedQuota',
  'year',
  'policyDate',
  'headcountAsOf',
];
/** Worked lines the engine adds beside the quota arithmetic. */
const LINES = ['headcount', 'gap', 'per10k', 'status'] as const;

function inputLabel(t: Translate, key: string): string {
  return INPUT_KEYS.includes(key) ? t(`staffing.input.${key}` as MessageKey) : key;
}

function inputValue(t: Translate, lang: Lang, key: string, value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (key === 'quotaLevel' && (value === 'county' || value === 'city')) return t(`staffing.quotaLevel.${value}`);
  if (key === 'rounding' && (value === 'ceil' || value === 'round' || value === 'floor'))
    return t(`staffing.rounding.${value}`);
  if (key === 'urbanPopulation' && typeof value === 'number') return t('unit.people', { n: formatNumber(value, lang) });
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value, lang);
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'string') return value;
  if (key === 'headcountByCategory' && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([c, n]) => `${vocabLabel(t, 'category', c)} ${t('unit.people', { n: formatNumber(Number(n), lang) })}`)
      .join('；');
  }
  return JSON.stringify(value);
}

export function ExplanationCard({ explanation }: { explanation: Explanation }) {
  const { t, lang } = useI18n();
  const inputs = Object.entries(explanation.inputs ?? {});
  const items: DescriptionsProps['items'] = [
    { key: 'rule', label: t('staffing.rule'), children: explanation.rule },
    {
      key: 'inputs',
      label: t('staffing.inputs'),
      children: (
        <ul className="plain-list" data-testid="staffing-inputs">
          {inputs.map(([k, v]) => (
            <li key={k}>
              <span className="muted-text">{inputLabel(t, k)}：</span>
              {inputValue(t, lang, k, v)}
            </li>
          ))}
        </ul>
      ),
    },
    {
      key: 'arithmetic',
      label: t('staffing.arithmetic'),
      children: <span className="arithmetic">{explanation.arithmetic}</span>,
    },
    ...LINES.filter((k) => typeof explanation[k] === 'string' && explanation[k] !== '').map((k) => ({
      key: k,
      label: t(`staffing.line.${k}`),
      children: <span className="arithmetic">{String(explanation[k])}</span>,
    })),
    ...(explanation.source ? [{ key: 'source', label: t('staffing.source'), children: explanation.source }] : []),
  ];
  return (
    <Card size="small" title={t('staffing.explanation')} data-testid="staffing-explanation">
      <Descriptions bordered size="small" column={1} items={items} styles={{ label: { width: 160 } }} />
    </Card>
  );
}
