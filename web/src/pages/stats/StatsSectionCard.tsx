// One section of the figure set: a row per child region (the layout offices exchange) with a totals
// row, its rule, and for distributions a bar chart. A count opens the list of workers behind it.
import { Card, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import type { StatsColumn, StatsSection } from '../../api';
import { type ChartOption, EChart } from '../../components/EChart';
import { formatFixed, formatNumber, formatYuan } from '../../format';
import { useI18n } from '../../i18n';

/** Sections whose items are a distribution worth a chart. */
const CHARTED = new Set(['gender', 'age', 'ethnicity', 'political', 'education', 'qualification', 'grade', 'service']);
/** Items that are computed, not counted: no list of people behind them. */
const COMPUTED = new Set([
  'staffing',
  'turnover/rate',
  'training/rate',
  'assessment/excellentRate',
  'pay/meanPay',
  'pay/reference',
  'pay/ratio',
]);

interface Row {
  key: string;
  code: string;
  name: string;
  values: (number | null)[];
  total?: boolean;
}

export function StatsSectionCard({
  section,
  columns,
  region,
  date,
  onDrill,
}: {
  section: StatsSection;
  columns: StatsColumn[];
  region: StatsColumn;
  date: string;
  onDrill: ((item: string, itemLabel: string, code: string) => void) | null;
}) {
  const { t, lang } = useI18n();
  const rows: Row[] = [
    ...columns.map((c, i) => ({
      key: c.code,
      code: c.code,
      name: c.name,
      values: section.items.map((it) => it.byChild[i]),
    })),
    {
      key: 'total',
      code: region.code,
      name: t('stats.total'),
      values: section.items.map((it) => it.value),
      total: true,
    },
  ];
  const drillable = (key: string) => onDrill && !COMPUTED.has(section.id) && !COMPUTED.has(`${section.id}/${key}`);
  const option = useMemo<ChartOption | null>(() => {
    if (!CHARTED.has(section.id)) return null;
    const items = section.items.filter(
      (i) => !['collegeAndAbove', 'partyAll', 'any', 'han', 'minority'].includes(i.key),
    );
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: items.map((i) => i.label),
        axisLabel: { interval: 0, rotate: items.length > 8 ? 30 : 0 },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', data: items.map((i) => i.value ?? 0), itemStyle: { color: '#1677ff' } }],
    };
  }, [section]);
  const fmt = (v: number | null, unit: string = section.unit) => {
    if (v === null) return '—';
    // Money arrives in 元 with two decimals: shown through the fen formatter (3,849.99 元).
    if (unit === '元') return formatYuan(Math.round(v * 100), lang);
    if (unit === '%') return formatFixed(v, 2, lang);
    return Number.isInteger(v) ? formatNumber(v, lang) : String(v);
  };

  return (
    <Card size="small" title={section.title} className="stats-section" data-testid={`stats-section-${section.id}`}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('stats.rule')}：{section.rule}
      </Typography.Paragraph>
      {option && <EChart option={option} height={220} data-testid={`stats-chart-${section.id}`} />}
      <Table<Row>
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={rows}
        rowClassName={(r) => (r.total ? 'stats-total-row' : '')}
        columns={[
          {
            title: t('stats.region'),
            dataIndex: 'name',
            fixed: 'left',
            render: (name: string, r) =>
              r.total || columns.length === 1 ? (
                <strong>{name}</strong>
              ) : (
                <Link to={`/stats/${r.code}?date=${date}`} data-testid={`stats-child-${r.code}`}>
                  {name}
                </Link>
              ),
          },
          ...section.items.map((item, k) => ({
            title: item.label,
            key: item.key,
            align: 'right' as const,
            render: (_: unknown, r: Row) => {
              const v = r.values[k];
              if (drillable(item.key) && v)
                return (
                  <Typography.Link
                    onClick={() => onDrill?.(item.key, item.label, r.code)}
                    data-testid={`stats-cell-${section.id}-${item.key}-${r.total ? 'total' : r.code}`}
                  >
                    {fmt(v, item.unit)}
                  </Typography.Link>
                );
              return (
                <span
                  title={r.total ? item.arithmetic : undefined}
                  data-testid={`stats-cell-${section.id}-${item.key}-${r.total ? 'total' : r.code}`}
                >
                  {fmt(v, item.unit)}
                </span>
              );
            },
          })),
        ]}
      />
    </Card>
  );
}
