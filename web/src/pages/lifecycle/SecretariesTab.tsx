// 书记备案 and 后备人才库 (F-FILING, F-RESERVE): every serving secretary with the state of the filing of
// the current appointment (the unfiled first), terms served; submit / file / return; the reserve pool.
import { App, Button, Card, Form, Input, Modal, Radio, Skeleton, Space, Statistic, Table, Tag } from 'antd';
import { useCallback, useState } from 'react';
import { Link } from 'react-router-dom';
import { type ApiResponse, type Item, request } from '../../api';
import { useAuth } from '../../auth';
import { LoadError } from '../../components/ErrorResult';
import { useFormAction } from '../../components/formErrors';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n';
import { useLoad } from '../../useLoad';
import { ReserveDecideModal, ReserveNominateModal } from './LifecycleForms';
import { todayIso } from './lifecycleApi';
import { TermsCard } from './TermsCard';

type FilingItem = Item<ApiResponse<'/api/secretaries/filings'>>;
type ReserveItem = Item<ApiResponse<'/api/secretaries/reserve'>>;
const COLORS: Record<string, string> = {
  unfiled: 'red',
  submitted: 'orange',
  filed: 'green',
  returned: 'volcano',
  nominated: 'blue',
  selected: 'green',
  removed: 'default',
};

function ReviewModal({
  item,
  onClose,
  onSaved,
}: {
  item: FilingItem | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const { saving, run } = useFormAction(form);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !item) return;
    await run(async () => {
      await request('POST', `/api/secretaries/filings/${item.filingId}/review`, {
        result: v.result,
        date: v.date,
        reason: v.reason?.trim() || null,
      });
      onSaved();
    });
  };
  return (
    <Modal
      open={!!item}
      title={item ? t('lifecycle.reviewFilingName', { name: item.name }) : ''}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={{ result: 'filed', date: todayIso() }}>
        <Form.Item name="result" label={t('lifecycle.result3')}>
          <Radio.Group
            options={[
              { value: 'filed', label: t('lifecycle.file') },
              { value: 'returned', label: t('lifecycle.return') },
            ]}
          />
        </Form.Item>
        <Form.Item name="date" label={t('lifecycle.date4')} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="reason" label={t('lifecycle.reasonForReturn')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function SecretariesTab({ region }: { region: string }) {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const loader = useCallback(
    () => request<ApiResponse<'/api/secretaries/filings'>>('GET', '/api/secretaries/filings', undefined, { region }),
    [region],
  );
  const s = useLoad(loader);
  const reserveLoader = useCallback(
    () => request<ApiResponse<'/api/secretaries/reserve'>>('GET', '/api/secretaries/reserve', undefined, { region }),
    [region],
  );
  const reserve = useLoad(reserveLoader);
  const [reviewing, setReviewing] = useState<FilingItem | null>(null);
  const [only, setOnly] = useState<'all' | 'unfiled'>('unfiled');
  const [nominating, setNominating] = useState(false);
  const [deciding, setDeciding] = useState<ReserveItem | null>(null);
  if (s.error) return <LoadError error={s.error} />;
  if (!s.data) return <Skeleton active />;
  const submit = async (i: FilingItem) => {
    try {
      await request('POST', `/api/workers/${i.workerId}/filing`, { date: todayIso() });
      message.success(t('lifecycle.submitted'));
      s.reload();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  const c = s.data.counts;
  const items =
    only === 'unfiled' ? s.data.items.filter((i) => i.state === 'unfiled' || i.state === 'returned') : s.data.items;
  return (
    <div className="page-stack">
      <Space size="large">
        <Statistic title={t('lifecycle.secretaries')} value={c.secretaries} />
        <Statistic title={t('lifecycle.unfiled')} value={c.unfiled} valueStyle={{ color: '#cf1322' }} />
        <Statistic title={t('lifecycle.submitted2')} value={c.submitted} />
        <Statistic title={t('lifecycle.returned')} value={c.returned} />
        <Statistic title={t('lifecycle.filed')} value={c.filed} valueStyle={{ color: '#389e0d' }} />
      </Space>
      <Radio.Group value={only} onChange={(e) => setOnly(e.target.value)}>
        <Radio.Button value="unfiled">{t('lifecycle.unfiledAndReturned')}</Radio.Button>
        <Radio.Button value="all">{t('lifecycle.all')}</Radio.Button>
      </Radio.Group>
      <Table<FilingItem>
        rowKey="workerId"
        size="small"
        data-testid="filing-table"
        dataSource={items}
        pagination={{ pageSize: 20 }}
        columns={[
          {
            title: t('lifecycle.name'),
            dataIndex: 'name',
            render: (v, r) => <Link to={`/workers/${r.workerId}`}>{v}</Link>,
          },
          { title: t('lifecycle.community'), render: (_v, r) => `${r.streetName ?? ''} ${r.regionName}` },
          { title: t('lifecycle.position'), dataIndex: 'positionName' },
          { title: t('lifecycle.since'), dataIndex: 'positionStart', render: (v) => formatDate(v, lang) },
          { title: t('lifecycle.term'), dataIndex: 'term', render: (v) => v ?? '—' },
          { title: t('lifecycle.termsServed'), dataIndex: 'termsServed' },
          {
            title: t('lifecycle.filing'),
            dataIndex: 'stateName',
            render: (v, r) => (
              <Tag color={COLORS[r.state]} title={r.returnReason ?? ''}>
                {v}
              </Tag>
            ),
          },
          {
            title: t('lifecycle.actions'),
            render: (_v, r) => (
              <Space size="small">
                {can('filing.submit') && (r.state === 'unfiled' || r.state === 'returned') && (
                  <Button size="small" onClick={() => submit(r)}>
                    {t('lifecycle.submit')}
                  </Button>
                )}
                {can('filing.review') && r.state === 'submitted' && (
                  <Button size="small" type="primary" onClick={() => setReviewing(r)}>
                    {t('lifecycle.review2')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <TermsCard region={region} />
      <Card
        size="small"
        title={t('lifecycle.reservePool')}
        extra={
          can('reserve.manage') && (
            <Button size="small" onClick={() => setNominating(true)} data-testid="reserve-create">
              {t('lifecycle.nominate')}
            </Button>
          )
        }
      >
        <Table<ReserveItem>
          rowKey="id"
          size="small"
          data-testid="reserve-table"
          loading={reserve.loading}
          dataSource={reserve.data?.items ?? []}
          columns={[
            {
              title: t('lifecycle.name'),
              dataIndex: 'name',
              render: (v, r) => <Link to={`/workers/${r.workerId}`}>{v}</Link>,
            },
            { title: t('lifecycle.community'), dataIndex: 'regionName' },
            { title: t('lifecycle.position2'), dataIndex: 'positionName' },
            { title: t('lifecycle.nominated'), dataIndex: 'nominatedOn', render: (v) => formatDate(v, lang) },
            { title: t('lifecycle.reason2'), dataIndex: 'reason' },
            {
              title: t('lifecycle.status'),
              dataIndex: 'stateName',
              render: (v, r) => <Tag color={COLORS[r.status]}>{v}</Tag>,
            },
            {
              title: t('lifecycle.actions'),
              render: (_v, r) =>
                can('reserve.manage') &&
                r.status === 'nominated' && (
                  <Button size="small" onClick={() => setDeciding(r)} data-testid={`reserve-decide-${r.id}`}>
                    {t('lifecycle.decide2')}
                  </Button>
                ),
            },
          ]}
        />
      </Card>
      <ReserveNominateModal
        open={nominating}
        onClose={() => setNominating(false)}
        onSaved={() => {
          setNominating(false);
          message.success(t('lifecycle.nominated2'));
          reserve.reload();
        }}
      />
      <ReserveDecideModal
        item={deciding}
        onClose={() => setDeciding(null)}
        onSaved={() => {
          setDeciding(null);
          message.success(t('lifecycle.decided2'));
          reserve.reload();
        }}
      />
      <ReviewModal
        item={reviewing}
        onClose={() => setReviewing(null)}
        onSaved={() => {
          setReviewing(null);
          s.reload();
        }}
      />
    </div>
  );
}
