// 历年变化: the region's quota, headcount and gap by year (GET …/staffing/history), as a line chart
// and a table.
import { Empty, Skeleton, Table, Tag } from 'antd';
import { useCallback, useMemo } from 'react';
import { Link } from 'react-router-dom';
import { api, type StaffingHistoryItem } from '../../api';
import { CHART_COLORS, type ChartOption, EChart } from '../../components/EChart';
import { LoadError } from '../../components/ErrorResult';
import { formatNumber } from '../../format';
import { useI18n } from '../../i18n';
import { STAFFING_STATUS_COLORS, staffingStatusLabel } from '../../labels';
import { useLoad } from '../../useLoad';

export function StaffingHistory({ code }: { code: string }) {
  const { t, lang } = useI18n();
  const loader = useCallback(() => api.staffingHistory(code), [code]);
  const { data, error, loading } = useLoad(loader);
  const items = useMemo(() => [...(data?.items ?? [])].sort((a, b) => a.year - b.year), [data]);

  const option = useMemo<ChartOption>(
    () => ({
      color: [CHART_COLORS.quota, CHART_COLORS.headcount, CHART_COLORS.gap],
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: items.map((h) => t('staffing.yearOption', { year: h.year })),
        boundaryGap: false,
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('staffing.quota'), type: 'line', data: items.map((h) => h.quota ?? '-'), symbolSize: 8 },
        { name: t('staffing.headcount'), type: 'line', data: items.map((h) => h.headcount), symbolSize: 8 },
        {
          name: t('staffing.gap'),
          type: 'line',
          data: items.map((h) => h.gap ?? '-'),
          symbolSize: 6,
          lineStyle: { type: 'dashed' },
        },
      ],
    }),
    [items, t],
  );

  if (error) return <LoadError error={error} />;
  if (!data) return <Skeleton active />;
  if (items.length === 0) return <Empty description={t('staffing.historyEmpty')} />;

  return (
    <div className="page-stack" data-testid="staffing-history">
      <EChart option={option} height={300} data-testid="staffing-history-chart" />
      <Table<StaffingHistoryItem>
        rowKey="year"
        size="small"
        loading={loading}
        dataSource={[...items].reverse()}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('staffing.year'),
            dataIndex: 'year',
            render: (y: number) => (
              <Link to={`/staffing/${code}?year=${y}`}>{t('staffing.yearOption', { year: y })}</Link>
            ),
          },
          {
            title: t('staffing.urbanPopulation'),
            dataIndex: 'urbanPopulation',
            align: 'right',
            render: (n: number | null) => formatNumber(n, lang),
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
            render: (n: number | null) => formatNumber(n, lang),
          },
          {
            title: t('staffing.status'),
            dataIndex: 'status',
            render: (s: StaffingHistoryItem['status']) =>
              s ? <Tag color={STAFFING_STATUS_COLORS[s]}>{staffingStatusLabel(t, s)}</Tag> : '—',
          },
        ]}
      />
    </div>
  );
}
