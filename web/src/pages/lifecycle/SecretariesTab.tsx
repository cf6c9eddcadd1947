// 书记备案 and 后备人才库 (F-FILING, F-RESERVE): every serving secretary with the state of the filing of
// the current appointment (the unfiled first), terms served; submit / file / return; the reserve pool.
import { App, Button, Card, Form, Input, Modal, Radio, Skeleton, Space, Statistic, Table, Tag } from 'antd';
import { useCallback, useState } from 'react';
import { Link } from 'react-router-dom';
import { request } from '../../api';
import { useAuth } from '../../auth';
import { LoadError } from '../../components/ErrorResult';
import { useFormAction } from '../../components/formErrors';
import { formatDate } from '../../format';
import { useLoad } from '../../useLoad';
import { todayIso } from './lifecycleApi';
import { TermsCard } from './TermsCard';
import { useTx } from './useTx';

interface FilingItem {
  workerId: number;
  name: string;
  regionName: string;
  streetName: string | null;
  positionName: string;
  positionStart: string;
  term: string | null;
  termsServed: number;
  filingId: number | null;
  state: 'unfiled' | 'submitted' | 'filed' | 'returned';
  stateName: string;
  submittedOn: string | null;
  returnReason: string | null;
}
interface ReserveItem {
  id: number;
  workerId: number;
  name: string;
  regionName: string;
  positionName: string;
  status: 'nominated' | 'selected' | 'removed';
  stateName: string;
  nominatedOn: string;
  reason: string;
  decisionNote: string | null;
}
const COLORS: Record<string, string> = { unfiled: 'red', submitted: 'orange', filed: 'green', returned: 'volcano', nominated: 'blue', selected: 'green', removed: 'default' };

function ReviewModal({ item, onClose, onSaved }: { item: FilingItem | null; onClose: () => void; onSaved: () => void }) {
  const { tx } = useTx();
  const [form] = Form.useForm();
  const { saving, run } = useFormAction(form);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !item) return;
    await run(async () => {
      await request('POST', `/api/secretaries/filings/${item.filingId}/review`, { result: v.result, date: v.date, reason: v.reason?.trim() || null });
      onSaved();
    });
  };
  return (
    <Modal open={!!item} title={item ? tx(`审核备案：${item.name}`, `Review filing: ${item.name}`) : ''} onCancel={onClose} onOk={submit} confirmLoading={saving} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ result: 'filed', date: todayIso() }}>
        <Form.Item name="result" label={tx('审核结果', 'Result')}>
          <Radio.Group options={[{ value: 'filed', label: tx('予以备案', 'File') }, { value: 'returned', label: tx('退回', 'Return') }]} />
        </Form.Item>
        <Form.Item name="date" label={tx('审核日期', 'Date')} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="reason" label={tx('退回原因', 'Reason for return')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function SecretariesTab({ region }: { region: string }) {
  const { tx, lang } = useTx();
  const { can } = useAuth();
  const { message } = App.useApp();
  const loader = useCallback(() => request<{ counts: Record<string, number>; items: FilingItem[] }>('GET', '/api/secretaries/filings', undefined, { region }), [region]);
  const s = useLoad(loader);
  const reserveLoader = useCallback(() => request<{ items: ReserveItem[] }>('GET', '/api/secretaries/reserve', undefined, { region }), [region]);
  const reserve = useLoad(reserveLoader);
  const [reviewing, setReviewing] = useState<FilingItem | null>(null);
  const [only, setOnly] = useState<'all' | 'unfiled'>('unfiled');
  if (s.error) return <LoadError error={s.error} />;
  if (!s.data) return <Skeleton active />;
  const submit = async (i: FilingItem) => {
    try {
      await request('POST', `/api/workers/${i.workerId}/filing`, { date: todayIso() });
      message.success(tx('已报送备案', 'Submitted'));
      s.reload();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  const c = s.data.counts;
  const items = only === 'unfiled' ? s.data.items.filter((i) => i.state === 'unfiled' || i.state === 'returned') : s.data.items;
  return (
    <div className="page-stack">
      <Space size="large">
        <Statistic title={tx('在任书记', 'Secretaries')} value={c.secretaries} />
        <Statistic title={tx('未备案', 'Unfiled')} value={c.unfiled} valueStyle={{ color: '#cf1322' }} />
        <Statistic title={tx('待审核', 'Submitted')} value={c.submitted} />
        <Statistic title={tx('已退回', 'Returned')} value={c.returned} />
        <Statistic title={tx('已备案', 'Filed')} value={c.filed} valueStyle={{ color: '#389e0d' }} />
      </Space>
      <Radio.Group value={only} onChange={(e) => setOnly(e.target.value)}>
        <Radio.Button value="unfiled">{tx('未备案及退回', 'Unfiled and returned')}</Radio.Button>
        <Radio.Button value="all">{tx('全部', 'All')}</Radio.Button>
      </Radio.Group>
      <Table<FilingItem>
        rowKey="workerId"
        size="small"
        data-testid="filing-table"
        dataSource={items}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: tx('姓名', 'Name'), dataIndex: 'name', render: (v, r) => <Link to={`/workers/${r.workerId}`}>{v}</Link> },
          { title: tx('社区', 'Community'), render: (_v, r) => `${r.streetName ?? ''} ${r.regionName}` },
          { title: tx('职务', 'Position'), dataIndex: 'positionName' },
          { title: tx('任职日期', 'Since'), dataIndex: 'positionStart', render: (v) => formatDate(v, lang) },
          { title: tx('届次', 'Term'), dataIndex: 'term', render: (v) => v ?? '—' },
          { title: tx('任书记届数', 'Terms served'), dataIndex: 'termsServed' },
          { title: tx('备案状态', 'Filing'), dataIndex: 'stateName', render: (v, r) => <Tag color={COLORS[r.state]} title={r.returnReason ?? ''}>{v}</Tag> },
          {
            title: tx('操作', 'Actions'),
            render: (_v, r) => (
              <Space size="small">
                {can('filing.submit') && (r.state === 'unfiled' || r.state === 'returned') && (
                  <Button size="small" onClick={() => submit(r)}>
                    {tx('报送备案', 'Submit')}
                  </Button>
                )}
                {can('filing.review') && r.state === 'submitted' && (
                  <Button size="small" type="primary" onClick={() => setReviewing(r)}>
                    {tx('审核', 'Review')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <TermsCard region={region} />
      <Card size="small" title={tx('后备人才库', 'Reserve pool')}>
        <Table<ReserveItem>
          rowKey="id"
          size="small"
          loading={reserve.loading}
          dataSource={reserve.data?.items ?? []}
          columns={[
            { title: tx('姓名', 'Name'), dataIndex: 'name', render: (v, r) => <Link to={`/workers/${r.workerId}`}>{v}</Link> },
            { title: tx('社区', 'Community'), dataIndex: 'regionName' },
            { title: tx('现任职务', 'Position'), dataIndex: 'positionName' },
            { title: tx('推荐日期', 'Nominated'), dataIndex: 'nominatedOn', render: (v) => formatDate(v, lang) },
            { title: tx('推荐理由', 'Reason'), dataIndex: 'reason' },
            { title: tx('状态', 'Status'), dataIndex: 'stateName', render: (v, r) => <Tag color={COLORS[r.status]}>{v}</Tag> },
          ]}
        />
      </Card>
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
