import { App, Form, InputNumber, Modal } from 'antd';
import { useEffect } from 'react';
import { api, type PopulationItem } from '../../api';
import { useFormAction } from '../../components/formErrors';
import { useI18n } from '../../i18n';

interface Values {
  year: number;
  urbanResidentPopulation: number;
  totalResidentPopulation: number | null;
}

interface Props {
  code: string;
  /** null = add a new year */
  item: PopulationItem | null;
  open: boolean;
  /** year proposed when adding */
  defaultYear: number;
  onClose: () => void;
  onSaved: () => void;
}

export function PopulationModal({ code, item, open, defaultYear, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { saving, run } = useFormAction(form);

  useEffect(() => {
    if (!open) return;
    if (item) {
      form.setFieldsValue({
        year: item.year,
        urbanResidentPopulation: item.urbanResidentPopulation,
        totalResidentPopulation: item.totalResidentPopulation,
      });
    } else {
      form.setFieldsValue({ year: defaultYear, urbanResidentPopulation: undefined, totalResidentPopulation: null });
    }
  }, [open, item, defaultYear, form]);

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return; // the form shows what is missing
    }
    await run(async () => {
      await api.putPopulation(code, values.year, {
        urbanResidentPopulation: values.urbanResidentPopulation,
        ...(values.totalResidentPopulation != null ? { totalResidentPopulation: values.totalResidentPopulation } : {}),
      });
      message.success(t('common.saved'));
      onSaved();
    });
  };

  return (
    <Modal
      title={item ? t('pop.edit') : t('pop.add')}
      open={open}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={saving}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      forceRender
    >
      <Form form={form} layout="vertical" data-testid="population-form">
        <Form.Item name="year" label={t('pop.year')} rules={[{ required: true, message: t('common.required') }]}>
          <InputNumber min={1949} max={2100} precision={0} disabled={!!item} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="urbanResidentPopulation"
          label={t('pop.urban')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <InputNumber min={0} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="totalResidentPopulation" label={t('pop.total')}>
          <InputNumber min={0} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
