// 离岗审批 (F-EXIT): the exit requests of the region, pending first, with their documents; the county
// 社会工作部 approves (the worker exits on the proposed date) or returns with the reason.
import { App, Button, Form, Input, Modal, Radio, Skeleton, Space, Statistic, Table, Tag } from 'antd';
import { useCallback, useState } from 'react';
import { Link } from 'react-router-dom';
import { LoadError } from '../../components/ErrorResult';
import { useFormAction } from '../../components/formErrors';
import { formatDate } from '../../format';
import { useLoad } from '../../useLoad';
import { type ExitRequest, exitsApi } from './exitsApi';
import { useTx } from './useTx';
import { EXIT_STATE_COLORS, ExitDocuments } from './WorkerExitsTerms';

function DecideModal({ item, action, onClose, onSaved }: { item: ExitRequest | null; action: 'approve' | 'return'; onClose: () => void; onSaved: () => void }) {
  const { tx, lang } = useTx();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ text?: string }>();
  const { saving, run } = useFormAction(form);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !item) return;
    await run(async () => {
      if (action === 'approve') await exitsApi.approve(item.id, v.text?.trim() || null);
      else await exitsApi.giveBack(item.id, v.text?.trim() ?? '');
      message.success(action === 'approve' ? tx('已批准，人员已离岗', 'Approved; the worker has exited') : tx('已退回', 'Returned'));
      onSaved();
    });
  };
  return (
    <Modal
      open={!!item}
      title={item ? (action === 'approve' ? tx(`批准离岗：${item.name}`, `Approve exit: ${item.name}`) : tx(`退回离岗申请：${item.name}`, `Return: ${item.name}`)) : ''}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      okText={action === 'approve' ? tx('批准', 'Approve') : tx('退回', 'Return')}
      okButtonProps={{ danger: action === 'approve', ...({ 'data-testid': 'exit-decide-ok' } as Record<string, string>) }}
      destroyOnHidden
    >
      {item && (
        <p>
          {item.typeName}，{tx('离岗日期', 'date')} {formatDate(item.date, lang)}：{item.reason}
        </p>
      )}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="text"
          label={action === 'approve' ? tx('审批意见（可选）', 'Note (optional)') : tx('退回原因', 'Reason for return')}
          rules={action === 'return' ? [{ required: true, whitespace: true, message: tx('请填写退回原因', 'Give the reason') }] : []}
        >
          <Input.TextArea rows={2} maxLength={500} data-testid="exit-decide-text" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ExitsTab({ region }: { region: string }) {
  const { tx, lang } = useTx();
  const [state, setState] = useState<ExitRequest['state'] | ''>('');
  const loader = useCallback(() => exitsApi.list({ region, state: state || undefined }), [region, state]);
  const s = useLoad(loader);
  const [deciding, setDeciding] = useState<{ item: ExitRequest; action: 'approve' | 'return' } | null>(null);
  if (s.error) return <LoadError error={s.error} />;
  if (!s.data) return <Skeleton active />;
  const c = s.data.counts;
  return (
    <div className="page-stack" data-testid="exits-tab">
      <Space size="large">
        <Statistic title={tx('待审批', 'Pending')} value={c.pending} styles={{ content: { color: c.pending ? '#d46b08' : undefined } }} />
        <Statistic title={tx('已批准', 'Approved')} value={c.approved} />
        <Statistic title={tx('已退回', 'Returned')} value={c.returned} />
      </Space>
      <Radio.Group value={state} onChange={(e) => setState(e.target.value)}>
        <Radio.Button value="">{tx('全部', 'All')}</Radio.Button>
        <Radio.Button value="pending">{tx('待审批', 'Pending')}</Radio.Button>
        <Radio.Button value="approved">{tx('已批准', 'Approved')}</Radio.Button>
        <Radio.Button value="returned">{tx('已退回', 'Returned')}</Radio.Button>
      </Radio.Group>
      <Table<ExitRequest>
        rowKey="id"
        size="small"
        data-testid="exits-table"
        dataSource={s.data.items}
        pagination={{ pageSize: 20 }}
        expandable={{ expandedRowRender: (r) => <ExitDocuments r={r} /> }}
        columns={[
          { title: tx('姓名', 'Name'), dataIndex: 'name', render: (v, r) => <Link to={`/workers/${r.workerId}`}>{v}</Link> },
          { title: tx('社区', 'Community'), render: (_v, r) => `${r.streetName ?? ''} ${r.regionName}` },
          { title: tx('职务', 'Position'), dataIndex: 'positionName' },
          { title: tx('离岗类型', 'Type'), dataIndex: 'typeName' },
          { title: tx('离岗日期', 'Date'), dataIndex: 'date', render: (v) => formatDate(v, lang) },
          {
            title: tx('原因', 'Reason'),
            render: (_v, r) => (
              <>
                {r.reason}
                {r.earlyRetirementReason && <div>{tx(`提前退休：${r.earlyRetirementReason}（法定 ${formatDate(r.statutoryRetirementDate ?? '', lang)}）`, `Early: ${r.earlyRetirementReason}`)}</div>}
              </>
            ),
          },
          { title: tx('材料', 'Documents'), dataIndex: 'documentCount' },
          { title: tx('提出', 'Proposed'), render: (_v, r) => `${r.proposedBy} ${formatDate(r.proposedOn, lang)}` },
          {
            title: tx('状态', 'State'),
            render: (_v, r) => (
              <Tag color={EXIT_STATE_COLORS[r.state]} title={r.decisionNote ?? ''} data-testid={`exit-state-${r.id}`}>
                {r.stateName}
              </Tag>
            ),
          },
          {
            title: tx('操作', 'Actions'),
            render: (_v, r) =>
              r.abilities.decide && (
                <Space size="small">
                  <Button size="small" type="primary" danger onClick={() => setDeciding({ item: r, action: 'approve' })} data-testid={`exit-approve-${r.id}`}>
                    {tx('批准', 'Approve')}
                  </Button>
                  <Button size="small" onClick={() => setDeciding({ item: r, action: 'return' })} data-testid={`exit-return-${r.id}`}>
                    {tx('退回', 'Return')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <DecideModal
        item={deciding?.item ?? null}
        action={deciding?.action ?? 'approve'}
        onClose={() => setDeciding(null)}
        onSaved={() => {
          setDeciding(null);
          s.reload();
        }}
      />
    </div>
  );
}
