// 调动 (F-REALLOC): target community, date and reason; the years of community work carry over.
import { App, Form, Input, Modal, Typography } from 'antd';
import { useEffect } from 'react';
import { api, type Worker } from '../../api';
import { useFormAction } from '../../components/formErrors';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { useI18n } from '../../i18n';
import { DateInput, isoOf, type PickedDate } from './WorkerFields';

interface Values {
  regionCode: string;
  date: PickedDate;
  reason: string;
}

interface Props {
  worker: Worker;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}

export function TransferModal({ worker, open, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { saving, run } = useFormAction(form);

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    await run(async () => {
      await api.transferWorker(worker.id, {
        regionCode: v.regionCode,
        date: isoOf(v.date) ?? '',
        reason: v.reason.trim(),
      });
      message.success(t('worker.transferred'));
      onSaved();
    });
  };

  return (
    <Modal
      title={`${t('worker.transfer')}：${worker.name}`}
      open={open}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={saving}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      forceRender
    >
      <Typography.Paragraph type="secondary">
        {t('worker.transferFrom', { region: worker.regionName })}
      </Typography.Paragraph>
      <Form form={form} name="workerTransfer" layout="vertical" data-testid="worker-transfer-form">
        <Form.Item
          name="regionCode"
          label={t('worker.transferTo')}
          extra={t('worker.regionHint')}
          rules={[
            { required: true, message: t('common.required') },
            {
              validator: (_r, v: string | undefined) =>
                v && v === worker.regionCode ? Promise.reject(new Error(t('worker.transferSame'))) : Promise.resolve(),
            },
          ]}
        >
          <RegionTreeSelect />
        </Form.Item>
        <Form.Item
          name="date"
          label={t('worker.transferDate')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <DateInput />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('worker.transferReason')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input.TextArea maxLength={500} rows={3} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
