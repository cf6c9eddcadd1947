import { Table } from 'antd';
import { Link } from 'react-router-dom';
import type { RegionSummary } from '../../api';
import { formatNumber } from '../../format';
import { useI18n } from '../../i18n';
import { committeeLabel, levelLabel } from '../../labels';

export function ChildrenTable({ items, showStaffing = false }: { items: RegionSummary[]; showStaffing?: boolean }) {
  const { t, lang } = useI18n();
  return (
    <div data-testid="children-table">
      <Table<RegionSummary>
        rowKey="code"
        size="middle"
        dataSource={items}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        columns={[
          {
            title: t('region.name'),
            dataIndex: 'name',
            render: (name: string, r) => <Link to={`/regions/${r.code}`}>{name}</Link>,
          },
          { title: t('region.code'), dataIndex: 'code' },
          { title: t('region.level'), dataIndex: 'level', render: (level: string) => levelLabel(t, level) },
          {
            title: t('region.committeeType'),
            dataIndex: 'committeeType',
            render: (_v, r) => committeeLabel(t, r.committeeType),
          },
          {
            title: t('region.childCount'),
            dataIndex: 'childCount',
            align: 'right',
            render: (n: number) => formatNumber(n, lang),
          },
          {
            title: t('region.population'),
            key: 'population',
            align: 'right',
            render: (_v, r) => (r.population ? formatNumber(r.population.urbanResidentPopulation, lang) : '—'),
            sorter: (a, b) =>
              (a.population?.urbanResidentPopulation ?? -1) - (b.population?.urbanResidentPopulation ?? -1),
          },
          ...(showStaffing
            ? [
                {
                  title: t('staffing.column'),
                  key: 'staffing',
                  render: (_v: unknown, r: RegionSummary) => (
                    <Link to={`/staffing/${r.code}`} data-testid="region-child-staffing">
                      {t('staffing.view')}
                    </Link>
                  ),
                },
              ]
            : []),
        ]}
      />
    </div>
  );
}
