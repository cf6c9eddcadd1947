// Create forms for what the lifecycle API records (docs/api-lifecycle.md): care and supervision records
// (F-CARE), cadres sent to communities (F-CADRE), subsidies and their approval (F-CONTRACT), reserve
// pool nominations and decisions (F-RESERVE). Each form shows the API's field errors on its fields.
import { Form, Input, InputNumber, Modal, Radio, Select, Typography } from 'antd';
import { request } from '../../api';
import { useFormAction } from '../../components/formErrors';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { WorkerPicker } from '../training/WorkerPicker';
import { todayIso } from './lifecycleApi';
import { useTx } from './useTx';

const testId = (id: string) => ({ 'data-testid': id }) as Record<string, string>;
const blankToNull = (v: string | undefined | null) => (v?.trim() ? v.trim() : null);

interface ModalProps {
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}

const CARE_KINDS = ['talk', 'audit', 'healthCheck', 'holidayVisit', 'difficulty', 'honour', 'candidacy'] as const;

/** 关爱与监督记录: talk, audit, health check, holiday visit, difficulty, honour, candidacy. */
export function CareCreateModal({ open, onClose, onSaved }: ModalProps) {
  const { tx } = useTx();
  const [form] = Form.useForm();
  const { saving, run } = useFormAction(form);
  const kind = Form.useWatch('kind', form);
  const names: Record<(typeof CARE_KINDS)[number], string> = {
    talk: tx('谈心谈话', 'Talk'),
    audit: tx('经济责任审计', 'Economic audit'),
    healthCheck: tx('健康体检', 'Health check'),
    holidayVisit: tx('节日慰问', 'Holiday visit'),
    difficulty: tx('困难诉求', 'Difficulty'),
    honour: tx('表彰奖励', 'Honour'),
    candidacy: tx('代表委员人选推荐', 'Candidacy'),
  };
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    await run(async () => {
      await request('POST', `/api/workers/${v.workerId}/care`, { kind: v.kind, title: v.title.trim(), scheduledOn: v.scheduledOn || null, doneOn: v.doneOn || null, summary: blankToNull(v.summary) });
      onSaved();
    });
  };
  return (
    <Modal open={open} title={tx('新增关爱与监督记录', 'New care record')} onCancel={onClose} onOk={submit} confirmLoading={saving} destroyOnHidden okButtonProps={testId('care-submit')}>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ kind: 'talk', doneOn: todayIso() }}>
        <Form.Item name="workerId" label={tx('人员', 'Worker')} rules={[{ required: true, message: tx('请选择人员', 'Choose a worker') }]}>
          <WorkerPicker data-testid="care-worker" />
        </Form.Item>
        <Form.Item name="kind" label={tx('类别', 'Kind')} rules={[{ required: true }]}>
          <Select data-testid="care-kind" options={CARE_KINDS.map((k) => ({ value: k, label: names[k] }))} />
        </Form.Item>
        <Form.Item name="title" label={tx('事项', 'Item')} rules={[{ required: true, whitespace: true, message: tx('请填写事项', 'Enter the item') }, { max: 200 }]}>
          <Input data-testid="care-title" />
        </Form.Item>
        {kind === 'healthCheck' && (
          <Form.Item name="scheduledOn" label={tx('体检安排日期', 'Scheduled on')} rules={[{ required: true, message: tx('请填写体检安排日期', 'Enter the scheduled date') }]}>
            <Input type="date" />
          </Form.Item>
        )}
        <Form.Item name="doneOn" label={kind === 'healthCheck' ? tx('完成日期（未完成可不填）', 'Done on (blank if not yet)') : tx('日期', 'Date')}>
          <Input type="date" data-testid="care-done" />
        </Form.Item>
        <Form.Item name="summary" label={kind === 'difficulty' ? tx('诉求内容', 'The request') : tx('情况摘要', 'Summary')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        {kind === 'audit' && <Typography.Text type="secondary">{tx('经济责任审计的对象是社区党组织书记和居委会主任。', 'Audits are of community party secretaries and committee directors.')}</Typography.Text>}
      </Form>
    </Modal>
  );
}

/** 下派干部 / 新录用公务员社区锻炼: kept apart from the workers, never in the headcount. */
export function CadreCreateModal({ open, onClose, onSaved }: ModalProps) {
  const { tx } = useTx();
  const [form] = Form.useForm();
  const { saving, run } = useFormAction(form);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    await run(async () => {
      await request('POST', '/api/cadres', {
        regionCode: v.regionCode,
        name: v.name.trim(),
        idNumber: v.idNumber.trim(),
        homeUnit: v.homeUnit.trim(),
        kind: v.kind,
        role: blankToNull(v.role),
        startDate: v.startDate,
        endDate: v.endDate || null,
      });
      onSaved();
    });
  };
  return (
    <Modal open={open} title={tx('登记下派干部', 'Register a cadre')} onCancel={onClose} onOk={submit} confirmLoading={saving} destroyOnHidden okButtonProps={testId('cadre-submit')}>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ kind: 'attachment', startDate: todayIso() }}>
        <Form.Item name="regionCode" label={tx('社区（或街道）', 'Community (or street)')} rules={[{ required: true, message: tx('请选择社区', 'Choose a community') }]}>
          <RegionTreeSelect />
        </Form.Item>
        <Form.Item name="name" label={tx('姓名', 'Name')} rules={[{ required: true, whitespace: true }, { max: 50 }]}>
          <Input data-testid="cadre-name" />
        </Form.Item>
        <Form.Item name="idNumber" label={tx('公民身份号码', 'ID number')} rules={[{ required: true, whitespace: true }]}>
          <Input data-testid="cadre-id" />
        </Form.Item>
        <Form.Item name="homeUnit" label={tx('派出单位', 'Home unit')} rules={[{ required: true, whitespace: true }, { max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="kind" label={tx('方式', 'Kind')} rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: 'attachment', label: tx('挂职', 'Attachment') },
              { value: 'appointment', label: tx('任职', 'Appointment') },
              { value: 'newCivilServant', label: tx('新录用公务员社区锻炼', 'New civil servant') },
            ]}
          />
        </Form.Item>
        <Form.Item name="role" label={tx('担任（可选）', 'Role (optional)')} rules={[{ max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="startDate" label={tx('开始日期', 'Start date')} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="endDate" label={tx('结束日期（可选）', 'End date (optional)')}>
          <Input type="date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 重大任务 / 抢险救灾 / 应急处置 subsidy request; the amount is typed in 元 and sent in 分. */
export function SubsidyRequestModal({ open, onClose, onSaved }: ModalProps) {
  const { tx } = useTx();
  const [form] = Form.useForm();
  const { saving, run } = useFormAction(form);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    await run(async () => {
      await request('POST', `/api/workers/${v.workerId}/subsidies`, { kind: v.kind, reason: v.reason.trim(), amountFen: Math.round(v.amountFen * 100) });
      onSaved();
    });
  };
  return (
    <Modal open={open} title={tx('申报补助', 'Request a subsidy')} onCancel={onClose} onOk={submit} confirmLoading={saving} destroyOnHidden okButtonProps={testId('subsidy-submit')}>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ kind: 'majorTask' }}>
        <Form.Item name="workerId" label={tx('人员', 'Worker')} rules={[{ required: true, message: tx('请选择人员', 'Choose a worker') }]}>
          <WorkerPicker data-testid="subsidy-worker" />
        </Form.Item>
        <Form.Item name="kind" label={tx('类别', 'Kind')} rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: 'majorTask', label: tx('重大任务', 'Major task') },
              { value: 'disaster', label: tx('抢险救灾', 'Disaster relief') },
              { value: 'emergency', label: tx('应急处置', 'Emergency') },
            ]}
          />
        </Form.Item>
        <Form.Item name="reason" label={tx('事由', 'Reason')} rules={[{ required: true, whitespace: true, message: tx('请填写补助事由', 'Enter the reason') }, { max: 500 }]}>
          <Input.TextArea rows={2} data-testid="subsidy-reason" />
        </Form.Item>
        <Form.Item name="amountFen" label={tx('金额（元）', 'Amount (yuan)')} rules={[{ required: true, message: tx('请填写金额', 'Enter the amount') }]}>
          <InputNumber min={0.01} max={1_000_000} precision={2} style={{ width: 180 }} data-testid="subsidy-amount" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The county's decision on a subsidy; rejecting needs a reason. */
export function SubsidyDecideModal({ subsidy, onClose, onSaved }: { subsidy: { id: number; name: string } | null; onClose: () => void; onSaved: () => void }) {
  const { tx } = useTx();
  const [form] = Form.useForm();
  const { saving, run } = useFormAction(form);
  const result = Form.useWatch('result', form);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !subsidy) return;
    await run(async () => {
      await request('POST', `/api/subsidies/${subsidy.id}/decide`, { result: v.result, note: blankToNull(v.note) });
      onSaved();
    });
  };
  return (
    <Modal open={!!subsidy} title={subsidy ? tx(`审批补助：${subsidy.name}`, `Decide subsidy: ${subsidy.name}`) : ''} onCancel={onClose} onOk={submit} confirmLoading={saving} destroyOnHidden okButtonProps={testId('subsidy-decide-submit')}>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ result: 'approved' }}>
        <Form.Item name="result" label={tx('审批结果', 'Decision')} rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: 'approved', label: tx('批准', 'Approve') },
              { value: 'rejected', label: tx('不予批准', 'Reject') },
            ]}
          />
        </Form.Item>
        <Form.Item name="note" label={tx('意见', 'Note')} rules={[{ required: result === 'rejected', whitespace: true, message: tx('不予批准须写明原因', 'Give the reason for rejecting') }, { max: 500 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Nominates a worker to the reserve pool (后备人才库). */
export function ReserveNominateModal({ open, onClose, onSaved }: ModalProps) {
  const { tx } = useTx();
  const [form] = Form.useForm();
  const { saving, run } = useFormAction(form);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    await run(async () => {
      await request('POST', `/api/workers/${v.workerId}/reserve`, { date: v.date, reason: v.reason.trim() });
      onSaved();
    });
  };
  return (
    <Modal open={open} title={tx('推荐进入后备人才库', 'Nominate to the reserve pool')} onCancel={onClose} onOk={submit} confirmLoading={saving} destroyOnHidden okButtonProps={testId('reserve-submit')}>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ date: todayIso() }}>
        <Form.Item name="workerId" label={tx('人员', 'Worker')} rules={[{ required: true, message: tx('请选择人员', 'Choose a worker') }]}>
          <WorkerPicker data-testid="reserve-worker" />
        </Form.Item>
        <Form.Item name="date" label={tx('推荐日期', 'Date')} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="reason" label={tx('推荐理由', 'Reason')} rules={[{ required: true, whitespace: true, message: tx('请填写推荐理由', 'Enter the reason') }, { max: 500 }]}>
          <Input.TextArea rows={3} data-testid="reserve-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Selects or removes a nominee; removal needs a note. */
export function ReserveDecideModal({ item, onClose, onSaved }: { item: { id: number; name: string } | null; onClose: () => void; onSaved: () => void }) {
  const { tx } = useTx();
  const [form] = Form.useForm();
  const { saving, run } = useFormAction(form);
  const status = Form.useWatch('status', form);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !item) return;
    await run(async () => {
      await request('POST', `/api/secretaries/reserve/${item.id}/decide`, { status: v.status, date: v.date, note: blankToNull(v.note) });
      onSaved();
    });
  };
  return (
    <Modal open={!!item} title={item ? tx(`后备人才决定：${item.name}`, `Reserve decision: ${item.name}`) : ''} onCancel={onClose} onOk={submit} confirmLoading={saving} destroyOnHidden okButtonProps={testId('reserve-decide-submit')}>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ status: 'selected', date: todayIso() }}>
        <Form.Item name="status" label={tx('决定', 'Decision')} rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: 'selected', label: tx('选用', 'Select') },
              { value: 'removed', label: tx('移出', 'Remove') },
            ]}
          />
        </Form.Item>
        <Form.Item name="date" label={tx('日期', 'Date')} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="note" label={tx('说明', 'Note')} rules={[{ required: status === 'removed', whitespace: true, message: tx('移出须写明原因', 'Give the reason for removing') }, { max: 500 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
