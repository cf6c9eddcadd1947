// The sub-regions of the region: quota, headcount, gap and status per child (each name drills down
// to the child's own staffing page), and a bar chart of quota against headcount.
import { Card, Empty, Table, Tag } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import type { StaffingChild } from '../../api';
import { CHART_COLORS, type ChartOption, EChart } from '../../components/EChart';
import { formatFixed, formatNumber } from '../../format';
import { useI18n } from '../../i18n';
import { levelLabel, STAFFING_STATUS_COLORS, staffingStatusLabel } from '../../labels';

interface Props {
  items: StaffingChild[];
  year: number;
  loading: boolean;
}

const GAP_CLASS = { short: 'gap-short', within: 'gap-within', over: 'gap-over' } as const;

export function StaffingChildren({ items, year, loading }: Props) {
  const { t, lang } = useI18n();

  const option = useMemo<ChartOption>(
    () => ({
      color: [CHART_COLORS.quota, CHART_COLORS.headcount],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: items.map((c) => c.name),
        axisLabel: { interval: 0, rotate: items.length > 6 ? 30 : 0 },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('staffing.quota'), type: 'bar', data: items.map((c) => c.quota ?? '-'), barMaxWidth: 28 },
        { name: t('staffing.headcount'), type: 'bar', data: items.map((c) => c.headcount), barMaxWidth: 28 },
      ],
    }),
    [items, t],
  );

  return (
    <Card size="small" title={t('staffing.children')} data-testid="staffing-children">
      {items.length === 0 ? (
        <Empty description={t('staffing.noChildren')} />
      ) : (
        <div className="page-stack">
          <EChart option={option} height={320} data-testid="staffing-chart" />
          <div data-testid="staffing-children-table">
            <Table<StaffingChild>
              rowKey="code"
              size="small"
              loading={loading}
              dataSource={items}
              scroll={{ x: 'max-content' }}
              pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
              columns={[
                {
                  title: t('region.name'),
                  dataIndex: 'name',
                  render: (name: string, c) => (
                    <Link to={`/staffing/${c.code}?year=${year}`} data-testid="staffing-child-link">
                      {name}
                    </Link>
                  ),
                },
                { title: t('region.level'), dataIndex: 'level', render: (level: string) => levelLabel(t, level) },
                {
                  title: t('staffing.urbanPopulation'),
                  dataIndex: 'urbanPopulation',
                  align: 'right',
                  render: (n: number | null) => formatNumber(n, lang),
                  sorter: (a, b) => (a.urbanPopulation ?? -1) - (b.urbanPopulation ?? -1),
                },
                {
                  title: t('staffing.quota'),
                  dataIndex: 'quota',
                  align: 'right',
                  render: (n: number | null) => formatNumber(n, lang),
                },
                {
                  title: t('staffing.headcount'),
                  dataIndex: 'headcount',
                  align: 'right',
                  render: (n: number) => formatNumber(n, lang),
                },
                {
                  title: t('staffing.gap'),
                  dataIndex: 'gap',
                  align: 'right',
                  render: (n: number | null, c) => (
                    <span className={c.status ? GAP_CLASS[c.status] : undefined}>{formatNumber(n, lang)}</span>
                  ),
                  sorter: (a, b) => (a.gap ?? 0) - (b.gap ?? 0),
                },
                {
                  title: t('staffing.per10k'),
                  dataIndex: 'per10k',
                  align: 'right',
                  render: (n: number | null) => formatFixed(n, 2, lang),
                },
                {
                  title: t('staffing.status'),
                  dataIndex: 'status',
                  render: (s: StaffingChild['status']) =>
                    s ? <Tag color={STAFFING_STATUS_COLORS[s]}>{staffingStatusLabel(t, s)}</Tag> : '—',
                  filters: (['short', 'within', 'over'] as const).map((s) => ({
                    text: staffingStatusLabel(t, s),
                    value: s,
                  })),
                  onFilter: (value, c) => c.status === value,
                },
              ]}
            />
          </div>
        </div>
      )}
    </Card>
  );
}
