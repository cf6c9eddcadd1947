// 离岗审批 (F-EXIT): the exit requests of the region, pending first, with their documents; the county
// 社会工作部 approves (the worker exits on the proposed date) or returns with the reason.
import { App, Button, Form, Input, Modal, Radio, Skeleton, Space, Statistic, Table, Tag } from 'antd';
import { useCallback, useState } from 'react';
import { Link } from 'react-router-dom';
import { LoadError } from '../../components/ErrorResult';
import { useFormAction } from '../../components/formErrors';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n';
import { useLoad } from '../../useLoad';
import { type ExitRequest, exitsApi } from './exitsApi';
import { EXIT_STATE_COLORS, ExitDocuments } from './WorkerExitsTerms';

function DecideModal({
  item,
  action,
  onClose,
  onSaved,
}: {
  item: ExitRequest | null;
  action: 'approve' | 'return';
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ text?: string }>();
  const { saving, run } = useFormAction(form);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !item) return;
    await run(async () => {
      if (action === 'approve') await exitsApi.approve(item.id, v.text?.trim() || null);
      else await exitsApi.giveBack(item.id, v.text?.trim() ?? '');
      message.success(action === 'approve' ? t('exits.approvedTheWorkerHas') : t('exits.returned'));
      onSaved();
    });
  };
  return (
    <Modal
      open={!!item}
      title={
        item
          ? action === 'approve'
            ? t('exits.approveTitle', { name: item.name })
            : t('exits.returnTitle', { name: item.name })
          : ''
      }
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      okText={action === 'approve' ? t('exits.approve') : t('exits.return')}
      okButtonProps={{
        danger: action === 'approve',
        ...({ 'data-testid': 'exit-decide-ok' } as Record<string, string>),
      }}
      destroyOnHidden
    >
      {item && (
        <p>
          {item.typeName}，{t('exits.date')} {formatDate(item.date, lang)}：{item.reason}
        </p>
      )}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="text"
          label={action === 'approve' ? t('exits.noteOptional') : t('exits.reasonForReturn')}
          rules={action === 'return' ? [{ required: true, whitespace: true, message: t('exits.giveTheReason') }] : []}
        >
          <Input.TextArea rows={2} maxLength={500} data-testid="exit-decide-text" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ExitsTab({ region }: { region: string }) {
  const { t, lang } = useI18n();
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
        <Statistic
          title={t('exits.pending')}
          value={c.pending}
          styles={{ content: { color: c.pending ? '#d46b08' : undefined } }}
        />
        <Statistic title={t('exits.approved')} value={c.approved} />
        <Statistic title={t('exits.returned')} value={c.returned} />
      </Space>
      <Radio.Group value={state} onChange={(e) => setState(e.target.value)}>
        <Radio.Button value="">{t('exits.all')}</Radio.Button>
        <Radio.Button value="pending">{t('exits.pending')}</Radio.Button>
        <Radio.Button value="approved">{t('exits.approved')}</Radio.Button>
        <Radio.Button value="returned">{t('exits.returned')}</Radio.Button>
      </Radio.Group>
      <Table<ExitRequest>
        rowKey="id"
        size="small"
        data-testid="exits-table"
        dataSource={s.data.items}
        pagination={{ pageSize: 20 }}
        expandable={{ expandedRowRender: (r) => <ExitDocuments r={r} /> }}
        columns={[
          {
            title: t('exits.name'),
            dataIndex: 'name',
            render: (v, r) => <Link to={`/workers/${r.workerId}`}>{v}</Link>,
          },
          { title: t('exits.community'), render: (_v, r) => `${r.streetName ?? ''} ${r.regionName}` },
          { title: t('exits.position'), dataIndex: 'positionName' },
          { title: t('exits.type'), dataIndex: 'typeName' },
          { title: t('exits.date2'), dataIndex: 'date', render: (v) => formatDate(v, lang) },
          {
            title: t('exits.reason'),
            render: (_v, r) => (
              <>
                {r.reason}
                {r.earlyRetirementReason && (
                  <div>
                    {t('exits.early', {
                      reason: r.earlyRetirementReason,
                      date: formatDate(r.statutoryRetirementDate ?? '', lang),
                    })}
                  </div>
                )}
              </>
            ),
          },
          { title: t('exits.documents'), dataIndex: 'documentCount' },
          { title: t('exits.proposed'), render: (_v, r) => `${r.proposedBy} ${formatDate(r.proposedOn, lang)}` },
          {
            title: t('exits.state'),
            render: (_v, r) => (
              <Tag color={EXIT_STATE_COLORS[r.state]} title={r.decisionNote ?? ''} data-testid={`exit-state-${r.id}`}>
                {r.stateName}
              </Tag>
            ),
          },
          {
            title: t('exits.actions'),
            render: (_v, r) =>
              r.abilities.decide && (
                <Space size="small">
                  <Button
                    size="small"
                    type="primary"
                    danger
                    onClick={() => setDeciding({ item: r, action: 'approve' })}
                    data-testid={`exit-approve-${r.id}`}
                  >
                    {t('exits.approve')}
                  </Button>
                  <Button
                    size="small"
                    onClick={() => setDeciding({ item: r, action: 'return' })}
                    data-testid={`exit-return-${r.id}`}
                  >
                    {t('exits.return')}
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
