import { DatePicker, Form, Input, Modal, Radio } from 'antd';
import { api } from '../../api';
import { useMe } from '../../auth';
import { useFormAction } from '../../components/formErrors';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { useI18n } from '../../i18n';

/** What antd's DatePicker hands back (a Dayjs); only the methods used here. */
interface PickedDate {
  endOf(unit: 'day'): PickedDate;
  isBefore(other: Date): boolean;
  toISOString(): string;
}

interface Values {
  name: string;
  regionCode: string;
  access: 'read' | 'write';
  expiresAt: PickedDate;
}

interface Props {
  open: boolean;
  onClose: () => void;
  onCreated: (secret: string) => void;
}

export function CreateTokenModal({ open, onClose, onCreated }: Props) {
  const { t, lang } = useI18n();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const { saving, run } = useFormAction(form);

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return; // the form shows what is missing
    }
    await run(async () => {
      const res = await api.createToken({
        name: values.name.trim(),
        regionCode: values.regionCode,
        access: values.access,
        expiresAt: values.expiresAt.endOf('day').toISOString(),
      });
      form.resetFields();
      onCreated(res.secret);
    });
  };

  return (
    <Modal
      title={t('tokens.create')}
      open={open}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={saving}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      forceRender
    >
      <Form
        form={form}
        layout="vertical"
        data-testid="create-token-form"
        initialValues={{ regionCode: me.regionCode, access: 'read' }}
      >
        <Form.Item
          name="name"
          label={t('tokens.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="regionCode"
          label={t('tokens.region')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <RegionTreeSelect />
        </Form.Item>
        <Form.Item name="access" label={t('tokens.access')} rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: 'read', label: t('tokens.access.read') },
              { value: 'write', label: t('tokens.access.write') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="expiresAt"
          label={t('tokens.expiresAt')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <DatePicker
            style={{ width: '100%' }}
            format={lang === 'zh' ? 'YYYY年MM月DD日' : 'YYYY-MM-DD'}
            disabledDate={(d) => d.endOf('day').isBefore(new Date())}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
