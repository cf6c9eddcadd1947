// 届次登记 (F-FILING "terms served"): per community 第N届 with the election date, the due end from the
// policy's term length, the members and their positions; register, close (换届 or early), add and
// remove members. A term closed by election is the registered evidence of a full term as secretary.
import { App, Button, Card, Form, Input, InputNumber, Modal, Radio, Select, Space, Table, Tag } from 'antd';
import { useCallback, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { useFormAction } from '../../components/formErrors';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n';
import { useLoad } from '../../useLoad';
import { exitsApi, type Term } from './exitsApi';
import { todayIso } from './lifecycleApi';

const POSITIONS: Record<string, [string, string]> = {
  secretaryDirector: ['一肩挑', 'Secretary-director'],
  secretary: ['社区党组织书记', 'Party secretary'],
  director: ['居委会主任', 'Director'],
  deputySecretary: ['社区党组织副书记', 'Deputy secretary'],
  deputyDirector: ['居委会副主任', 'Deputy director'],
  member: ['委员', 'Member'],
};

type Dialog = { kind: 'create' } | { kind: 'close'; term: Term } | { kind: 'member'; term: Term } | null;

function TermDialog({
  dialog,
  region,
  onClose,
  onSaved,
}: {
  dialog: Dialog;
  region: string;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm();
  const { saving, run } = useFormAction(form);
  const [workers, setWorkers] = useState<{ value: number; label: string }[]>([]);
  const reason = Form.useWatch('reason', form);
  const search = async (q: string) => {
    if (dialog?.kind !== 'member') return;
    const res = await api.workers({
      region: dialog.term.regionCode,
      q: q || undefined,
      category: 'committee',
      pageSize: 50,
    });
    setWorkers(
      res.items.map((w) => ({ value: w.id, label: `${w.name}（${POSITIONS[w.position]?.[0] ?? w.position}）` })),
    );
  };
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !dialog) return;
    await run(async () => {
      if (dialog.kind === 'create')
        await exitsApi.createTerm({ regionCode: v.regionCode, termNumber: v.termNumber, electedOn: v.electedOn });
      else if (dialog.kind === 'close')
        await exitsApi.closeTerm(dialog.term.id, {
          closedOn: v.closedOn,
          reason: v.reason,
          note: v.note?.trim() || null,
        });
      else await exitsApi.addMember(dialog.term.id, { workerId: v.workerId, position: v.position });
      onSaved();
    });
  };
  const title =
    dialog?.kind === 'create'
      ? t('terms.registerATerm')
      : dialog?.kind === 'close'
        ? t('terms.closeTitle', { name: `${dialog.term.regionName}${dialog.term.termName}` })
        : dialog
          ? t('terms.addMemberTitle', { name: `${dialog.term.regionName}${dialog.term.termName}` })
          : '';
  return (
    <Modal
      open={!!dialog}
      title={title}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      destroyOnHidden
      afterOpenChange={(o) => o && dialog?.kind === 'member' && search('')}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ electedOn: todayIso(), closedOn: todayIso(), reason: 'election', position: 'member' }}
      >
        {dialog?.kind === 'create' && (
          <>
            <Form.Item
              name="regionCode"
              label={t('terms.community')}
              rules={[{ required: true, message: t('terms.chooseACommunity') }]}
            >
              <RegionTreeSelect rootCode={region} />
            </Form.Item>
            <Form.Item name="termNumber" label={t('terms.termNumber')} rules={[{ required: true }]}>
              <InputNumber min={1} max={99} />
            </Form.Item>
            <Form.Item
              name="electedOn"
              label={t('terms.electionDate')}
              rules={[{ required: true }]}
              extra={t('terms.theDueEndFollows')}
            >
              <Input type="date" />
            </Form.Item>
          </>
        )}
        {dialog?.kind === 'close' && (
          <>
            <Form.Item name="reason" label={t('terms.howItEnded')}>
              <Radio.Group
                options={[
                  { value: 'election', label: t('terms.nextElectionFullTerm') },
                  { value: 'early', label: t('terms.endedEarly') },
                ]}
              />
            </Form.Item>
            <Form.Item name="closedOn" label={t('terms.date')} rules={[{ required: true }]}>
              <Input type="date" />
            </Form.Item>
            <Form.Item
              name="note"
              label={t('terms.note')}
              rules={[{ required: reason === 'early', whitespace: true, message: t('terms.giveTheReason') }]}
            >
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </>
        )}
        {dialog?.kind === 'member' && (
          <>
            <Form.Item name="workerId" label={t('terms.worker')} rules={[{ required: true }]}>
              <Select showSearch={{ filterOption: false, onSearch: search }} options={workers} />
            </Form.Item>
            <Form.Item name="position" label={t('terms.position')} rules={[{ required: true }]}>
              <Select
                options={Object.entries(POSITIONS).map(([k, v]) => ({ value: k, label: lang === 'zh' ? v[0] : v[1] }))}
              />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

export function TermsCard({ region }: { region: string }) {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const loader = useCallback(() => exitsApi.terms({ region }), [region]);
  const s = useLoad(loader);
  const [dialog, setDialog] = useState<Dialog>(null);
  const manage = can('term.manage');
  const remove = async (term: Term, memberId: number) => {
    try {
      await exitsApi.removeMember(term.id, memberId);
      s.reload();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Card
      size="small"
      title={t('terms.termsRegister')}
      data-testid="terms-card"
      extra={
        manage && (
          <Button size="small" onClick={() => setDialog({ kind: 'create' })}>
            {t('terms.registerATerm')}
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
          { title: t('terms.community'), dataIndex: 'regionName' },
          { title: t('terms.term'), dataIndex: 'termName' },
          { title: t('terms.elected'), dataIndex: 'electedOn', render: (v) => formatDate(v, lang) },
          { title: t('terms.dueEnd'), dataIndex: 'endsOn', render: (v) => formatDate(v, lang) },
          {
            title: t('terms.state'),
            render: (_v, term) =>
              term.closedOn ? (
                <Tag color={term.completed ? 'green' : 'default'} title={term.closeNote ?? ''}>
                  {term.closeReasonName} {formatDate(term.closedOn, lang)}
                </Tag>
              ) : (
                <Tag color="blue">{t('terms.current')}</Tag>
              ),
          },
          {
            title: t('terms.members'),
            render: (_v, term) => (
              <Space size={4} wrap>
                {term.members.map((m) => (
                  <Tag
                    key={m.id}
                    closable={manage}
                    onClose={(e) => {
                      e.preventDefault();
                      remove(term, m.id);
                    }}
                  >
                    <Link to={`/workers/${m.workerId}`}>{m.name}</Link> {m.positionName}
                  </Tag>
                ))}
              </Space>
            ),
          },
          ...(manage
            ? [
                {
                  title: t('terms.actions'),
                  render: (_v: unknown, term: Term) => (
                    <Space size="small">
                      <Button size="small" onClick={() => setDialog({ kind: 'member', term })}>
                        {t('terms.addMember')}
                      </Button>
                      {!term.closedOn && (
                        <Button size="small" onClick={() => setDialog({ kind: 'close', term })}>
                          {t('terms.close')}
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
