// 薪酬 (F-PAY §5.12): the worker's monthly pay on a date, its components and the arithmetic of
// every step; example policies are marked 示例数据.
import { Alert, Card, Skeleton, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { api, type WorkerPay } from '../../api';
import { PolicySources } from '../../components/PolicySources';
import { formatYuan } from '../../format';
import { errorText, useI18n } from '../../i18n';
import { useLoad } from '../../useLoad';
import { DateInput, isoOf, type PickedDate } from './WorkerFields';

type Component = WorkerPay['components'][number];

export function PayTab({ workerId }: { workerId: number }) {
  const { t, lang } = useI18n();
  const [date, setDate] = useState<PickedDate | null>(null);
  const iso = isoOf(date) ?? undefined;
  const loader = useCallback(() => api.workerPay(workerId, iso), [workerId, iso]);
  const { data, error, loading } = useLoad<WorkerPay>(loader);

  return (
    <div className="page-stack" data-testid="worker-pay">
      <Space wrap>
        <Typography.Text>{t('pay.date')}：</Typography.Text>
        <div style={{ width: 200 }}>
          <DateInput value={date} onChange={setDate} data-testid="pay-date" />
        </div>
        {!date && <Typography.Text type="secondary">{t('grade.today')}</Typography.Text>}
      </Space>
      {error ? (
        <Alert
          type="error"
          showIcon
          title={t('common.loadFailed')}
          description={errorText(lang, error.code, error.message)}
        />
      ) : !data ? (
        <Skeleton active />
      ) : (
        <>
          {data.example && (
            <Alert type="warning" showIcon title={t('pay.exampleNote')} data-testid="pay-example-note" />
          )}
          <Card size="small">
            <Space wrap align="center" size={12}>
              <Typography.Text type="secondary">{t('pay.monthly')}</Typography.Text>
              <span className="pay-figure" data-testid="pay-total">
                {formatYuan(data.monthlyFen, lang)}
              </span>
              {data.example && (
                <Tag color="orange" data-testid="pay-example">
                  {t('pay.example')}
                </Tag>
              )}
            </Space>
            <div style={{ marginTop: 8 }}>
              <PolicySources sources={data.policySources} />
            </div>
          </Card>
          <Card size="small" title={t('pay.components')}>
            <div data-testid="pay-components">
              <Table<Component>
                rowKey={(c) => c.code}
                size="small"
                loading={loading}
                dataSource={data.components}
                pagination={false}
                columns={[
                  { title: t('pay.component'), dataIndex: 'name' },
                  {
                    title: t('pay.amount'),
                    dataIndex: 'fen',
                    align: 'right',
                    render: (fen: number) => <span className="mono-text">{formatYuan(fen, lang)}</span>,
                  },
                ]}
                summary={() => (
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0}>
                      <strong>{t('pay.monthly')}</strong>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={1} align="right">
                      <strong className="mono-text">{formatYuan(data.monthlyFen, lang)}</strong>
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                )}
              />
            </div>
          </Card>
          <Card size="small" title={t('pay.steps')}>
            <div data-testid="pay-steps" className="timeline-wrap" style={{ maxWidth: 'none' }}>
              <Timeline
                items={data.steps.map((s, i) => ({
                  key: `${i}`,
                  content: (
                    <div>
                      <div>{s.text}</div>
                      {s.arithmetic && <div className="arithmetic muted-text">{s.arithmetic}</div>}
                    </div>
                  ),
                }))}
              />
            </div>
          </Card>
        </>
      )}
    </div>
  );
}
