// 离岗 (F-EXIT): recall, dismissal, resignation, retirement or death — dated, with a reason; confirmed
// first, because an exited record can no longer be changed.
import { App, Alert, Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { api, type Worker } from '../../api';
import { useFormAction } from '../../components/formErrors';
import { useI18n } from '../../i18n';
import { EXIT_TYPES, vocabLabel } from '../../workerVocab';
import { DateInput, isoOf, type PickedDate } from './WorkerFields';

interface Values {
  type: string;
  date: PickedDate;
  reason: string;
}

interface Props {
  worker: Worker;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}

export function ExitModal({ worker, open, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { saving, run } = useFormAction(form);

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  // 罢免 applies only to elected 两委 members
  const types = EXIT_TYPES.filter((x) => x !== 'recall' || worker.category === 'committee');

  const save = async (v: Values) => {
    await run(async () => {
      await api.exitWorker(worker.id, { type: v.type, date: isoOf(v.date) ?? '', reason: v.reason.trim() });
      message.success(t('worker.exited'));
      onSaved();
    });
  };

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    modal.confirm({
      title: t('worker.exitConfirmTitle'),
      content: t('worker.exitConfirm', { name: worker.name, type: vocabLabel(t, 'periodEnd', v.type) }),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true },
      onOk: () => save(v),
    });
  };

  return (
    <Modal
      title={`${t('worker.exit')}：${worker.name}`}
      open={open}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={saving}
      okText={t('worker.exit')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      forceRender
    >
      <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('worker.exitWarning')} />
      <Form form={form} name="workerExit" layout="vertical" data-testid="worker-exit-form">
        <Form.Item name="type" label={t('wf.exitType')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={types.map((x) => ({ value: x, label: vocabLabel(t, 'periodEnd', x) }))} />
        </Form.Item>
        <Form.Item name="date" label={t('wf.exitDate')} rules={[{ required: true, message: t('common.required') }]}>
          <DateInput />
        </Form.Item>
        <Form.Item name="reason" label={t('wf.exitReason')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input.TextArea maxLength={500} rows={3} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
