import { App, Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { api, type RegionSummary } from '../../api';
import { useFormAction } from '../../components/formErrors';
import { announceRegionChanged } from '../../components/regionEvents';
import { useI18n } from '../../i18n';

interface Values {
  name: string;
  urbanRuralClass: string;
}

interface Props {
  region: RegionSummary;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}

export function RegionEditModal({ region, open, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { saving, run } = useFormAction(form);

  useEffect(() => {
    if (open) form.setFieldsValue({ name: region.name, urbanRuralClass: region.urbanRuralClass ?? '' });
  }, [open, region, form]);

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return; // the form shows what is missing
    }
    const patch: { name?: string; urbanRuralClass?: string | null } = {};
    if (values.name.trim() !== region.name) patch.name = values.name.trim();
    const cls = values.urbanRuralClass.trim() || null;
    if (cls !== region.urbanRuralClass) patch.urbanRuralClass = cls;
    if (Object.keys(patch).length === 0) {
      onClose();
      return;
    }
    await run(async () => {
      await api.updateRegion(region.code, patch);
      message.success(t('common.saved'));
      announceRegionChanged(region.code);
      onSaved();
    });
  };

  return (
    <Modal
      title={t('region.edit')}
      open={open}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={saving}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      forceRender
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="name"
          label={t('region.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="urbanRuralClass"
          label={t('region.urbanRuralClass')}
          rules={[{ pattern: /^\d{3}$/, message: t('region.urbanRuralClassHint') }]}
        >
          <Input maxLength={3} placeholder="111" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
