// 届次登记 (F-FILING "terms served"): per community 第N届 with the election date, the due end from the
// policy's term length, the members and their positions; register, close (换届 or early), add and
// remove members. A term closed by election is the registered evidence of a full term as secretary.
import { App, Button, Card, Form, Input, InputNumber, Modal, Radio, Select, Space, Table, Tag } from 'antd';
import { useCallback, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { useFormAction } from '../../components/formErrors';
import { formatDate } from '../../format';
import { useLoad } from '../../useLoad';
import { exitsApi, type Term } from './exitsApi';
import { todayIso } from './lifecycleApi';
import { useTx } from './useTx';

const POSITIONS: Record<string, [string, string]> = {
  secretaryDirector: ['一肩挑', 'Secretary-director'],
  secretary: ['社区党组织书记', 'Party secretary'],
  director: ['居委会主任', 'Director'],
  deputySecretary: ['社区党组织副书记', 'Deputy secretary'],
  deputyDirector: ['居委会副主任', 'Deputy director'],
  member: ['委员', 'Member'],
};

type Dialog = { kind: 'create' } | { kind: 'close'; term: Term } | { kind: 'member'; term: Term } | null;

function TermDialog({ dialog, region, onClose, onSaved }: { dialog: Dialog; region: string; onClose: () => void; onSaved: () => void }) {
  const { tx } = useTx();
  const [form] = Form.useForm();
  const { saving, run } = useFormAction(form);
  const [workers, setWorkers] = useState<{ value: number; label: string }[]>([]);
  const reason = Form.useWatch('reason', form);
  const search = async (q: string) => {
    if (dialog?.kind !== 'member') return;
    const res = await api.workers({ region: dialog.term.regionCode, q: q || undefined, category: 'committee', pageSize: 50 });
    setWorkers(res.items.map((w) => ({ value: w.id, label: `${w.name}（${POSITIONS[w.position]?.[0] ?? w.position}）` })));
  };
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !dialog) return;
    await run(async () => {
      if (dialog.kind === 'create') await exitsApi.createTerm({ regionCode: v.regionCode, termNumber: v.termNumber, electedOn: v.electedOn });
      else if (dialog.kind === 'close') await exitsApi.closeTerm(dialog.term.id, { closedOn: v.closedOn, reason: v.reason, note: v.note?.trim() || null });
      else await exitsApi.addMember(dialog.term.id, { workerId: v.workerId, position: v.position });
      onSaved();
    });
  };
  const title =
    dialog?.kind === 'create' ? tx('登记届次', 'Register a term') : dialog?.kind === 'close' ? tx(`结束${dialog.term.regionName}${dialog.term.termName}`, 'Close the term') : dialog ? tx(`增加成员：${dialog.term.regionName}${dialog.term.termName}`, 'Add a member') : '';
  return (
    <Modal open={!!dialog} title={title} onCancel={onClose} onOk={submit} confirmLoading={saving} destroyOnHidden afterOpenChange={(o) => o && dialog?.kind === 'member' && search('')}>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ electedOn: todayIso(), closedOn: todayIso(), reason: 'election', position: 'member' }}>
        {dialog?.kind === 'create' && (
          <>
            <Form.Item name="regionCode" label={tx('社区', 'Community')} rules={[{ required: true, message: tx('请选择社区', 'Choose a community') }]}>
              <RegionTreeSelect rootCode={region} />
            </Form.Item>
            <Form.Item name="termNumber" label={tx('届次（第N届）', 'Term number')} rules={[{ required: true }]}>
              <InputNumber min={1} max={99} />
            </Form.Item>
            <Form.Item name="electedOn" label={tx('选举日期', 'Election date')} rules={[{ required: true }]} extra={tx('届满日期按政策届期（默认 5 年）计算', 'The due end follows the policy’s term length (5 years by default)')}>
              <Input type="date" />
            </Form.Item>
          </>
        )}
        {dialog?.kind === 'close' && (
          <>
            <Form.Item name="reason" label={tx('结束方式', 'How it ended')}>
              <Radio.Group options={[{ value: 'election', label: tx('换届（届满）', 'Next election (full term)') }, { value: 'early', label: tx('提前结束', 'Ended early') }]} />
            </Form.Item>
            <Form.Item name="closedOn" label={tx('结束日期', 'Date')} rules={[{ required: true }]}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="note" label={tx('说明', 'Note')} rules={[{ required: reason === 'early', whitespace: true, message: tx('提前结束须写明原因', 'Give the reason') }]}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </>
        )}
        {dialog?.kind === 'member' && (
          <>
            <Form.Item name="workerId" label={tx('人员', 'Worker')} rules={[{ required: true }]}>
              <Select showSearch={{ filterOption: false, onSearch: search }} options={workers} />
            </Form.Item>
            <Form.Item name="position" label={tx('职务', 'Position')} rules={[{ required: true }]}>
              <Select options={Object.entries(POSITIONS).map(([k, v]) => ({ value: k, label: tx(v[0], v[1]) }))} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

export function TermsCard({ region }: { region: string }) {
  const { tx, lang } = useTx();
  const { can } = useAuth();
  const { message } = App.useApp();
  const loader = useCallback(() => exitsApi.terms({ region }), [region]);
  const s = useLoad(loader);
  const [dialog, setDialog] = useState<Dialog>(null);
  const manage = can('term.manage');
  const remove = async (t: Term, memberId: number) => {
    try {
      await exitsApi.removeMember(t.id, memberId);
      s.reload();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Card
      size="small"
      title={tx('届次登记', 'Terms register')}
      data-testid="terms-card"
      extra={
        manage && (
          <Button size="small" onClick={() => setDialog({ kind: 'create' })}>
            {tx('登记届次', 'Register a term')}
          </Button>
        )
      }
    >
      <Table<Term>
        rowKey="id"
        size="small"
        loading={s.loading}
        dataSource={s.data?.items ?? []}
        pagination={{ pageSize: 10 }}
        columns={[
          { title: tx('社区', 'Community'), dataIndex: 'regionName' },
          { title: tx('届次', 'Term'), dataIndex: 'termName' },
          { title: tx('选举日期', 'Elected'), dataIndex: 'electedOn', render: (v) => formatDate(v, lang) },
          { title: tx('届满日期', 'Due end'), dataIndex: 'endsOn', render: (v) => formatDate(v, lang) },
          {
            title: tx('状态', 'State'),
            render: (_v, t) =>
              t.closedOn ? (
                <Tag color={t.completed ? 'green' : 'default'} title={t.closeNote ?? ''}>
                  {t.closeReasonName} {formatDate(t.closedOn, lang)}
                </Tag>
              ) : (
                <Tag color="blue">{tx('本届', 'Current')}</Tag>
              ),
          },
          {
            title: tx('成员', 'Members'),
            render: (_v, t) => (
              <Space size={4} wrap>
                {t.members.map((m) => (
                  <Tag key={m.id} closable={manage} onClose={(e) => {
                      e.preventDefault();
                      remove(t, m.id);
                    }}>
                    <Link to={`/workers/${m.workerId}`}>{m.name}</Link> {m.positionName}
                  </Tag>
                ))}
              </Space>
            ),
          },
          ...(manage
            ? [
                {
                  title: tx('操作', 'Actions'),
                  render: (_v: unknown, t: Term) => (
                    <Space size="small">
                      <Button size="small" onClick={() => setDialog({ kind: 'member', term: t })}>
                        {tx('增加成员', 'Add member')}
                      </Button>
                      {!t.closedOn && (
                        <Button size="small" onClick={() => setDialog({ kind: 'close', term: t })}>
                          {tx('结束本届', 'Close')}
                        </Button>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <TermDialog
        dialog={dialog}
        region={region}
        onClose={() => setDialog(null)}
        onSaved={() => {
          setDialog(null);
          s.reload();
        }}
      />
    </Card>
  );
}
