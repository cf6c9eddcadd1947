import { App, Form, Input, Modal, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { api, type Role, type User } from '../../api';
import { useMe } from '../../auth';
import { useFormAction } from '../../components/formErrors';
import { useI18n } from '../../i18n';
import { assignableRoles, roleLabel } from '../../labels';

interface Values {
  displayName: string;
  role: Role;
  disabled: boolean;
  password: string;
}

interface Props {
  user: User | null;
  onClose: () => void;
  onSaved: () => void;
}

export function EditUserModal({ user, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const { saving, run } = useFormAction(form);

  useEffect(() => {
    if (user) {
      form.resetFields();
      form.setFieldsValue({ displayName: user.displayName, role: user.role, disabled: user.disabled, password: '' });
    }
  }, [user, form]);

  const roles = assignableRoles(me.role);
  const roleOptions = (user && !roles.includes(user.role) ? [user.role, ...roles] : roles).map((r) => ({
    value: r,
    label: roleLabel(t, r),
  }));

  const submit = async () => {
    if (!user) return;
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return; // the form shows what is missing
    }
    const patch: { displayName?: string; role?: Role; disabled?: boolean; password?: string } = {};
    if (values.displayName.trim() !== user.displayName) patch.displayName = values.displayName.trim();
    if (values.role !== user.role) patch.role = values.role;
    if (values.disabled !== user.disabled) patch.disabled = values.disabled;
    if (values.password) patch.password = values.password;
    if (Object.keys(patch).length === 0) {
      onClose();
      return;
    }
    await run(async () => {
      await api.updateUser(user.id, patch);
      message.success(t('common.saved'));
      onSaved();
    });
  };

  return (
    <Modal
      title={user ? `${t('users.edit')}：${user.username}` : t('users.edit')}
      open={user !== null}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={saving}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      forceRender
    >
      <Form form={form} layout="vertical" data-testid="edit-user-form">
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={roleOptions} disabled={user?.id === me.id} />
        </Form.Item>
        <Form.Item name="disabled" label={t('users.disabled')} valuePropName="checked">
          <Switch disabled={user?.id === me.id} />
        </Form.Item>
        <Form.Item name="password" label={t('users.resetPassword')} extra={t('users.resetPasswordHint')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
