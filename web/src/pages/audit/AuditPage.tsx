import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Form, Input, Space, Table, Tag } from 'antd';
import { useCallback, useState } from 'react';
import { ApiError, type AuditEntry, type AuditVerifyResult, api } from '../../api';
import { LoadError } from '../../components/ErrorResult';
import { formatDateTime } from '../../format';
import { errorText, useI18n } from '../../i18n';
import { useLoad } from '../../useLoad';
import { AuditDiff } from './AuditDiff';

interface Query {
  entityType?: string;
  action?: string;
  actor?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

/** What antd's DatePicker hands back (a Dayjs); only the methods used here. */
interface PickedDate {
  format(template: string): string;
}

interface FilterValues {
  entityType?: string;
  action?: string;
  actor?: string;
  range?: [PickedDate | null, PickedDate | null] | null;
}

const clean = (s: string | undefined) => s?.trim() || undefined;

export function AuditPage() {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<FilterValues>();
  const [query, setQuery] = useState<Query>({ page: 1, pageSize: 20 });
  const [verify, setVerify] = useState<AuditVerifyResult | null>(null);
  const [verifyError, setVerifyError] = useState<string | null>(null);
  const [verifying, setVerifying] = useState(false);

  const loader = useCallback(() => api.audit(query), [query]);
  const { data, error, loading } = useLoad(loader);

  const onFilter = (v: FilterValues) => {
    const [from, to] = v.range ?? [null, null];
    setQuery((q) => ({
      pageSize: q.pageSize,
      page: 1,
      entityType: clean(v.entityType),
      action: clean(v.action),
      actor: clean(v.actor),
      from: from ? from.format('YYYY-MM-DD') : undefined,
      to: to ? to.format('YYYY-MM-DD') : undefined,
    }));
  };

  const runVerify = async () => {
    setVerifying(true);
    setVerifyError(null);
    try {
      setVerify(await api.verifyAudit());
    } catch (err) {
      setVerify(null);
      setVerifyError(err instanceof ApiError ? errorText(lang, err.code, err.message) : String(err));
    } finally {
      setVerifying(false);
    }
  };

  return (
    <Card
      title={t('audit.title')}
      extra={
        <Button icon={<SafetyCertificateOutlined />} onClick={runVerify} loading={verifying} data-testid="audit-verify">
          {t('audit.verify')}
        </Button>
      }
    >
      {verify && (
        <Alert
          style={{ marginBottom: 16 }}
          showIcon
          closable={{ onClose: () => setVerify(null) }}
          type={verify.ok ? 'success' : 'error'}
          data-testid="audit-verify-result"
          title={
            verify.ok
              ? t('audit.verifyOk', { n: verify.checked })
              : t('audit.verifyBroken', { n: verify.checked, id: verify.firstBrokenId ?? '—' }) +
                (verify.reason ? `（${verify.reason}）` : '')
          }
          description={
            verify.problems.length + verify.warnings.length > 0 ? (
              <ul style={{ margin: 0, paddingLeft: 20 }} data-testid="audit-verify-details">
                {[...verify.problems.map((p) => p.message), ...verify.warnings].map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
      {verifyError && <Alert style={{ marginBottom: 16 }} showIcon type="error" title={verifyError} />}
      <Form form={form} layout="inline" onFinish={onFilter} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item name="entityType" label={t('audit.entityType')}>
          <Input allowClear style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="action" label={t('audit.action')}>
          <Input allowClear style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="actor" label={t('audit.actor')}>
          <Input allowClear style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="range" label={t('audit.dateRange')}>
          <DatePicker.RangePicker format={lang === 'zh' ? 'YYYY年MM月DD日' : 'YYYY-MM-DD'} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              {t('common.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setQuery((q) => ({ page: 1, pageSize: q.pageSize }));
              }}
            >
              {t('common.reset')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
      {error ? (
        <LoadError error={error} />
      ) : (
        <div data-testid="audit-table">
          <Table<AuditEntry>
            rowKey="id"
            size="middle"
            loading={loading}
            dataSource={data?.items ?? []}
            scroll={{ x: 'max-content' }}
            expandable={{ expandedRowRender: (r) => <AuditDiff before={r.before} after={r.after} /> }}
            pagination={{
              current: query.page,
              pageSize: query.pageSize,
              total: data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (n) => t('common.total', { n }),
              onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })),
            }}
            columns={[
              { title: t('audit.time'), dataIndex: 'at', render: (v: string) => formatDateTime(v, lang) },
              {
                title: t('audit.actor'),
                key: 'actor',
                render: (_v, r) => (
                  <Space size={4}>
                    <Tag>{t(`audit.actorType.${r.actorType}`)}</Tag>
                    {r.actorName}
                  </Space>
                ),
              },
              { title: t('audit.action'), dataIndex: 'action' },
              {
                title: t('audit.entity'),
                key: 'entity',
                render: (_v, r) => (r.entityId ? `${r.entityType} #${r.entityId}` : r.entityType),
              },
              { title: t('audit.region'), dataIndex: 'regionCode', render: (v: string | null) => v ?? '—' },
            ]}
          />
        </div>
      )}
    </Card>
  );
}
