// Create forms for what the lifecycle API records (docs/api-lifecycle.md): care and supervision records
// (F-CARE), cadres sent to communities (F-CADRE), subsidies and their approval (F-CONTRACT), reserve
// pool nominations and decisions (F-RESERVE). Each form shows the API's field errors on its fields.
import { Form, type FormInstance, Input, InputNumber, Modal, Radio, Select, Typography } from 'antd';
import type { ReactNode } from 'react';
import { request } from '../../api';
import { useFormAction } from '../../components/formErrors';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { useI18n } from '../../i18n';
import { WorkerPicker } from '../training/WorkerPicker';
import { todayIso } from './lifecycleApi';

const testId = (id: string) => ({ 'data-testid': id }) as Record<string, string>;
const blankToNull = (v: string | undefined | null) => (v?.trim() ? v.trim() : null);

interface ModalProps {
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}

type Values = Awaited<ReturnType<FormInstance['validateFields']>>;

/** One create-or-decide form in a modal: validates, sends, shows the API's field errors on the fields, then `onSaved`. */
function FormModal(p: {
  form: FormInstance;
  open: boolean;
  title: string;
  okTestId: string;
  initialValues: Values;
  send: (v: Values) => Promise<unknown>;
  onClose: () => void;
  onSaved: () => void;
  children: ReactNode;
}) {
  const { saving, run } = useFormAction(p.form);
  const submit = async () => {
    const v = await p.form.validateFields().catch(() => null);
    if (!v || !p.open) return;
    await run(async () => {
      await p.send(v);
      p.onSaved();
    });
  };
  return (
    <Modal
      open={p.open}
      title={p.title}
      onCancel={p.onClose}
      onOk={submit}
      confirmLoading={saving}
      destroyOnHidden
      okButtonProps={testId(p.okTestId)}
    >
      <Form form={p.form} layout="vertical" preserve={false} initialValues={p.initialValues}>
        {p.children}
      </Form>
    </Modal>
  );
}

const CARE_KINDS = ['talk', 'audit', 'healthCheck', 'holidayVisit', 'difficulty', 'honour', 'candidacy'] as const;

/** 关爱与监督记录: talk, audit, health check, holiday visit, difficulty, honour, candidacy. */
export function CareCreateModal({ open, onClose, onSaved }: ModalProps) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const kind = Form.useWatch('kind', form);
  const names: Record<(typeof CARE_KINDS)[number], string> = {
    talk: t('lifecycle.talk'),
    audit: t('lifecycle.economicAudit'),
    healthCheck: t('lifecycle.healthCheck'),
    holidayVisit: t('lifecycle.holidayVisit'),
    difficulty: t('lifecycle.difficulty'),
    honour: t('lifecycle.honour'),
    candidacy: t('lifecycle.candidacy'),
  };
  return (
    <FormModal
      form={form}
      open={open}
      title={t('lifecycle.newCareRecord')}
      okTestId="care-submit"
      initialValues={{ kind: 'talk', doneOn: todayIso() }}
      send={(v) =>
        request('POST', `/api/workers/${v.workerId}/care`, {
          kind: v.kind,
          title: v.title.trim(),
          scheduledOn: v.scheduledOn || null,
          doneOn: v.doneOn || null,
          summary: blankToNull(v.summary),
        })
      }
      onClose={onClose}
      onSaved={onSaved}
    >
      <Form.Item
        name="workerId"
        label={t('lifecycle.worker')}
        rules={[{ required: true, message: t('lifecycle.chooseAWorker') }]}
      >
        <WorkerPicker data-testid="care-worker" />
      </Form.Item>
      <Form.Item name="kind" label={t('lifecycle.kind')} rules={[{ required: true }]}>
        <Select data-testid="care-kind" options={CARE_KINDS.map((k) => ({ value: k, label: names[k] }))} />
      </Form.Item>
      <Form.Item
        name="title"
        label={t('lifecycle.item')}
        rules={[{ required: true, whitespace: true, message: t('lifecycle.enterTheItem') }, { max: 200 }]}
      >
        <Input data-testid="care-title" />
      </Form.Item>
      {kind === 'healthCheck' && (
        <Form.Item
          name="scheduledOn"
          label={t('lifecycle.scheduledOn')}
          rules={[{ required: true, message: t('lifecycle.enterTheScheduledDate') }]}
        >
          <Input type="date" />
        </Form.Item>
      )}
      <Form.Item name="doneOn" label={kind === 'healthCheck' ? t('lifecycle.doneOnBlankIfNot') : t('lifecycle.date')}>
        <Input type="date" data-testid="care-done" />
      </Form.Item>
      <Form.Item
        name="summary"
        label={kind === 'difficulty' ? t('lifecycle.theRequest') : t('lifecycle.summary')}
        rules={[{ max: 1000 }]}
      >
        <Input.TextArea rows={3} />
      </Form.Item>
      {kind === 'audit' && (
        <Typography.Text type="secondary">{t('lifecycle.auditsAreOfCommunityParty')}</Typography.Text>
      )}
    </FormModal>
  );
}

/** 下派干部 / 新录用公务员社区锻炼: kept apart from the workers, never in the headcount. */
export function CadreCreateModal({ open, onClose, onSaved }: ModalProps) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  return (
    <FormModal
      form={form}
      open={open}
      title={t('lifecycle.registerACadre')}
      okTestId="cadre-submit"
      initialValues={{ kind: 'attachment', startDate: todayIso() }}
      send={(v) =>
        request('POST', '/api/cadres', {
          regionCode: v.regionCode,
          name: v.name.trim(),
          idNumber: v.idNumber.trim(),
          homeUnit: v.homeUnit.trim(),
          kind: v.kind,
          role: blankToNull(v.role),
          startDate: v.startDate,
          endDate: v.endDate || null,
        })
      }
      onClose={onClose}
      onSaved={onSaved}
    >
      <Form.Item
        name="regionCode"
        label={t('lifecycle.communityOrStreet')}
        rules={[{ required: true, message: t('lifecycle.chooseACommunity') }]}
      >
        <RegionTreeSelect />
      </Form.Item>
      <Form.Item name="name" label={t('lifecycle.name')} rules={[{ required: true, whitespace: true }, { max: 50 }]}>
        <Input data-testid="cadre-name" />
      </Form.Item>
      <Form.Item name="idNumber" label={t('lifecycle.idNumber')} rules={[{ required: true, whitespace: true }]}>
        <Input data-testid="cadre-id" />
      </Form.Item>
      <Form.Item
        name="homeUnit"
        label={t('lifecycle.homeUnit')}
        rules={[{ required: true, whitespace: true }, { max: 200 }]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="kind" label={t('lifecycle.kind2')} rules={[{ required: true }]}>
        <Radio.Group
          options={[
            { value: 'attachment', label: t('lifecycle.attachment') },
            { value: 'appointment', label: t('lifecycle.appointment') },
            { value: 'newCivilServant', label: t('lifecycle.newCivilServant') },
          ]}
        />
      </Form.Item>
      <Form.Item name="role" label={t('lifecycle.roleOptional')} rules={[{ max: 100 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="startDate" label={t('lifecycle.startDate')} rules={[{ required: true }]}>
        <Input type="date" />
      </Form.Item>
      <Form.Item name="endDate" label={t('lifecycle.endDateOptional')}>
        <Input type="date" />
      </Form.Item>
    </FormModal>
  );
}

/** 重大任务 / 抢险救灾 / 应急处置 subsidy request; the amount is typed in 元 and sent in 分. */
export function SubsidyRequestModal({ open, onClose, onSaved }: ModalProps) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  return (
    <FormModal
      form={form}
      open={open}
      title={t('lifecycle.requestASubsidy')}
      okTestId="subsidy-submit"
      initialValues={{ kind: 'majorTask' }}
      send={(v) =>
        request('POST', `/api/workers/${v.workerId}/subsidies`, {
          kind: v.kind,
          reason: v.reason.trim(),
          amountFen: Math.round(v.amountFen * 100),
        })
      }
      onClose={onClose}
      onSaved={onSaved}
    >
      <Form.Item
        name="workerId"
        label={t('lifecycle.worker')}
        rules={[{ required: true, message: t('lifecycle.chooseAWorker') }]}
      >
        <WorkerPicker data-testid="subsidy-worker" />
      </Form.Item>
      <Form.Item name="kind" label={t('lifecycle.kind')} rules={[{ required: true }]}>
        <Radio.Group
          options={[
            { value: 'majorTask', label: t('lifecycle.majorTask') },
            { value: 'disaster', label: t('lifecycle.disasterRelief') },
            { value: 'emergency', label: t('lifecycle.emergency') },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('lifecycle.reason')}
        rules={[{ required: true, whitespace: true, message: t('lifecycle.enterTheReason') }, { max: 500 }]}
      >
        <Input.TextArea rows={2} data-testid="subsidy-reason" />
      </Form.Item>
      <Form.Item
        name="amountFen"
        label={t('lifecycle.amountYuan')}
        rules={[{ required: true, message: t('lifecycle.enterTheAmount') }]}
      >
        <InputNumber min={0.01} max={1_000_000} precision={2} style={{ width: 180 }} data-testid="subsidy-amount" />
      </Form.Item>
    </FormModal>
  );
}

/** The county's decision on a subsidy; rejecting needs a reason. */
export function SubsidyDecideModal({
  subsidy,
  onClose,
  onSaved,
}: {
  subsidy: { id: number; name: string } | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const result = Form.useWatch('result', form);
  return (
    <FormModal
      form={form}
      open={!!subsidy}
      title={subsidy ? t('lifecycle.decideSubsidyName', { name: subsidy.name }) : ''}
      okTestId="subsidy-decide-submit"
      initialValues={{ result: 'approved' }}
      send={(v) =>
        request('POST', `/api/subsidies/${subsidy?.id}/decide`, { result: v.result, note: blankToNull(v.note) })
      }
      onClose={onClose}
      onSaved={onSaved}
    >
      <Form.Item name="result" label={t('lifecycle.decision2')} rules={[{ required: true }]}>
        <Radio.Group
          options={[
            { value: 'approved', label: t('lifecycle.approve') },
            { value: 'rejected', label: t('lifecycle.reject') },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="note"
        label={t('lifecycle.note')}
        rules={[
          { required: result === 'rejected', whitespace: true, message: t('lifecycle.giveTheReasonForRejecting') },
          { max: 500 },
        ]}
      >
        <Input.TextArea rows={2} />
      </Form.Item>
    </FormModal>
  );
}

/** Nominates a worker to the reserve pool (后备人才库). */
export function ReserveNominateModal({ open, onClose, onSaved }: ModalProps) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  return (
    <FormModal
      form={form}
      open={open}
      title={t('lifecycle.nominateToTheReservePool')}
      okTestId="reserve-submit"
      initialValues={{ date: todayIso() }}
      send={(v) => request('POST', `/api/workers/${v.workerId}/reserve`, { date: v.date, reason: v.reason.trim() })}
      onClose={onClose}
      onSaved={onSaved}
    >
      <Form.Item
        name="workerId"
        label={t('lifecycle.worker')}
        rules={[{ required: true, message: t('lifecycle.chooseAWorker') }]}
      >
        <WorkerPicker data-testid="reserve-worker" />
      </Form.Item>
      <Form.Item name="date" label={t('lifecycle.date2')} rules={[{ required: true }]}>
        <Input type="date" />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('lifecycle.reason2')}
        rules={[{ required: true, whitespace: true, message: t('lifecycle.enterTheReason2') }, { max: 500 }]}
      >
        <Input.TextArea rows={3} data-testid="reserve-reason" />
      </Form.Item>
    </FormModal>
  );
}

/** Selects or removes a nominee; removal needs a note. */
export function ReserveDecideModal({
  item,
  onClose,
  onSaved,
}: {
  item: { id: number; name: string } | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const status = Form.useWatch('status', form);
  return (
    <FormModal
      form={form}
      open={!!item}
      title={item ? t('lifecycle.reserveDecisionName', { name: item.name }) : ''}
      okTestId="reserve-decide-submit"
      initialValues={{ status: 'selected', date: todayIso() }}
      send={(v) =>
        request('POST', `/api/secretaries/reserve/${item?.id}/decide`, {
          status: v.status,
          date: v.date,
          note: blankToNull(v.note),
        })
      }
      onClose={onClose}
      onSaved={onSaved}
    >
      <Form.Item name="status" label={t('lifecycle.decision3')} rules={[{ required: true }]}>
        <Radio.Group
          options={[
            { value: 'selected', label: t('lifecycle.select') },
            { value: 'removed', label: t('lifecycle.remove') },
          ]}
        />
      </Form.Item>
      <Form.Item name="date" label={t('lifecycle.date')} rules={[{ required: true }]}>
        <Input type="date" />
      </Form.Item>
      <Form.Item
        name="note"
        label={t('lifecycle.note2')}
        rules={[
          { required: status === 'removed', whitespace: true, message: t('lifecycle.giveTheReasonForRemoving') },
          { max: 500 },
        ]}
      >
        <Input.TextArea rows={2} />
      </Form.Item>
    </FormModal>
  );
}
