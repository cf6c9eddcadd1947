import { App, Form, Input, Modal, Select } from 'antd';
import { api, type Role } from '../../api';
import { useMe } from '../../auth';
import { useFormAction } from '../../components/formErrors';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { useI18n } from '../../i18n';
import { assignableRoles, roleLabel } from '../../labels';

interface Values {
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  password: string;
}

interface Props {
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}

export function CreateUserModal({ open, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
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
      await api.createUser({ ...values, username: values.username.trim(), displayName: values.displayName.trim() });
      message.success(t('users.created'));
      form.resetFields();
      onSaved();
    });
  };

  const required = [{ required: true, whitespace: true, message: t('common.required') }];

  return (
    <Modal
      title={t('users.create')}
      open={open}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={saving}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      forceRender
    >
      <Form form={form} layout="vertical" data-testid="create-user-form" initialValues={{ regionCode: me.regionCode }}>
        <Form.Item
          name="username"
          label={t('users.username')}
          rules={[...required, { min: 3, message: t('users.usernameMin') }]}
        >
          <Input autoComplete="off" maxLength={40} />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={required}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={assignableRoles(me.role).map((r) => ({ value: r, label: roleLabel(t, r) }))} />
        </Form.Item>
        <Form.Item
          name="regionCode"
          label={t('users.region')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <RegionTreeSelect />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('users.password')}
          extra={t('password.hint')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
