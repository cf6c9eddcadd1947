// The workers behind one figure (GET /api/stats/workers): in the caller's scope, numbers masked.
import { Drawer, Table } from 'antd';
import { useCallback, useState } from 'react';
import { Link } from 'react-router-dom';
import { type ApiResponse, api, type Item } from '../../api';

/** A worker of a drill-down list, with their value in the figure when the section has one. */
type Listed = Item<ApiResponse<'/api/stats/workers'>>;

import { LoadError } from '../../components/ErrorResult';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n';
import { useLoad } from '../../useLoad';

export interface DrillTarget {
  region: string;
  date: string;
  section: string;
  sectionTitle: string;
  key: string;
  label: string;
}

export function StatsWorkersDrawer({ target, onClose }: { target: DrillTarget; onClose: () => void }) {
  const { t, lang } = useI18n();
  const [page, setPage] = useState(1);
  const loader = useCallback(
    () =>
      api.statsWorkers({
        region: target.region,
        date: target.date,
        section: target.section,
        key: target.key,
        page,
        pageSize: 20,
      }),
    [target, page],
  );
  const { data, error, loading } = useLoad(loader);
  return (
    <Drawer
      open
      width={760}
      onClose={onClose}
      title={t('stats.drill', { section: target.sectionTitle, item: target.label, n: data?.total ?? '…' })}
      data-testid="stats-drawer"
    >
      {error ? (
        <LoadError error={error} />
      ) : (
        <Table<Listed>
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={data?.items ?? []}
          pagination={{
            current: page,
            pageSize: 20,
            total: data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
          }}
          columns={[
            { title: '姓名', dataIndex: 'name', render: (n: string, w) => <Link to={`/workers/${w.id}`}>{n}</Link> },
            {
              title: '公民身份号码',
              dataIndex: 'idNumber',
              render: (v: string) => <span data-testid="stats-drawer-id">{v}</span>,
            },
            { title: '出生日期', dataIndex: 'birthDate', render: (d: string) => formatDate(d, lang) },
            {
              title: '所在单位',
              dataIndex: 'regionName',
              render: (n: string, w) => `${w.streetName ? `${w.streetName} ` : ''}${n}`,
            },
            // Training, assessment and pay lists carry each person's own value (grade and score, monthly pay).
            ...(data?.items.some((w) => w.note)
              ? [
                  {
                    title: t('stats.drillValue'),
                    dataIndex: 'note',
                    render: (v: string | undefined) => <span data-testid="stats-drawer-note">{v ?? '—'}</span>,
                  },
                ]
              : []),
          ]}
        />
      )}
    </Drawer>
  );
}
