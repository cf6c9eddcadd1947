// Year-end snapshots: approve the last year's figures at one's own level (frozen afterwards), and
// see how the records now differ from a snapshot (corrections made later).
import { App, Button, Card, Empty, List, Modal, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { ApiError, api, type StatsDifference, type StatsSnapshot } from '../../api';
import { formatDate, formatDateTime } from '../../format';
import { errorText, useI18n } from '../../i18n';
import { useLoad } from '../../useLoad';

export function StatsSnapshots({ region, canApprove, today }: { region: string; canApprove: boolean; today: string }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const loader = useCallback(() => api.statsSnapshots(region), [region]);
  const { data, reload } = useLoad(loader);
  const lastYear = +today.slice(0, 4) - 1;
  const [year, setYear] = useState(lastYear);
  const [diff, setDiff] = useState<{ snapshot: StatsSnapshot; differences: StatsDifference[] } | null>(null);
  const approve = async () => {
    try {
      await api.approveStatsSnapshot(region, year);
      message.success(t('stats.approved', { year }));
      reload();
    } catch (e) {
      message.error(e instanceof ApiError ? errorText(lang, e.code, e.message) : String(e));
    }
  };
  const open = async (s: StatsSnapshot) => {
    const r = await api.statsSnapshot(s.id);
    setDiff({ snapshot: s, differences: r.differences });
  };
  const taken = new Set((data?.items ?? []).map((s) => s.year));
  return (
    <Card
      size="small"
      title={t('stats.snapshots')}
      className="no-print"
      data-testid="stats-snapshots"
      extra={
        canApprove && (
          <Space>
            <Select
              value={year}
              onChange={setYear}
              style={{ width: 100 }}
              options={Array.from({ length: 5 }, (_v, i) => lastYear - i).map((y) => ({
                value: y,
                label: `${y}`,
                disabled: taken.has(y),
              }))}
              data-testid="stats-approve-year"
            />
            <Popconfirm
              title={t('stats.approve', { year })}
              description={t('stats.approveHint')}
              onConfirm={approve}
              okButtonProps={{ 'data-testid': 'stats-approve-confirm' } as Record<string, string>}
            >
              <Button type="primary" disabled={taken.has(year)} data-testid="stats-approve">
                {t('stats.approve', { year })}
              </Button>
            </Popconfirm>
          </Space>
        )
      }
    >
      {(data?.items.length ?? 0) === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('stats.noSnapshots')} />
      ) : (
        <List
          size="small"
          dataSource={data?.items ?? []}
          renderItem={(s) => (
            <List.Item
              actions={[
                <Button key="d" size="small" onClick={() => open(s)} data-testid={`stats-snapshot-diff-${s.year}`}>
                  {t('stats.viewDiff')}
                </Button>,
              ]}
            >
              {t('stats.snapshotOf', {
                year: s.year,
                date: formatDate(s.asOf, lang),
                by: s.approvedBy,
                at: formatDateTime(s.approvedAt, lang),
              })}
            </List.Item>
          )}
        />
      )}
      <Modal
        open={!!diff}
        onCancel={() => setDiff(null)}
        footer={null}
        width={720}
        title={diff && t('stats.diffTitle', { year: diff.snapshot.year })}
      >
        {diff && diff.differences.length === 0 ? (
          <Typography.Text data-testid="stats-no-diff">{t('stats.noDiff')}</Typography.Text>
        ) : (
          <Table<StatsDifference>
            size="small"
            rowKey={(d) => `${d.section}/${d.key}`}
            pagination={false}
            dataSource={diff?.differences ?? []}
            data-testid="stats-diff-table"
            columns={[
              { title: '', render: (_: unknown, d) => `${d.title} · ${d.label}` },
              { title: t('stats.snapshotValue'), dataIndex: 'snapshot', align: 'right' },
              { title: t('stats.currentValue'), dataIndex: 'current', align: 'right' },
              {
                title: t('stats.delta'),
                dataIndex: 'delta',
                align: 'right',
                render: (v: number | null) => (v === null ? '—' : v > 0 ? `+${v}` : String(v)),
              },
            ]}
          />
        )}
      </Modal>
    </Card>
  );
}
