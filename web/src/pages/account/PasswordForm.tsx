// Changing one's own password on a page (the sign-in step for an initial or reset password).
import { App, Button, Form, Input } from 'antd';
import { api } from '../../api';
import { useMe } from '../../auth';
import { useFormAction } from '../../components/formErrors';
import { useI18n } from '../../i18n';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function PasswordForm({ onChanged }: { onChanged: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const { saving, run } = useFormAction(form);

  const submit = (values: Values) =>
    run(async () => {
      await api.changePassword(values.currentPassword, values.newPassword);
      message.success(t('password.changed'));
      onChanged();
    });

  return (
    <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false} data-testid="password-form">
      <input type="text" name="username" autoComplete="username" value={me.username} readOnly hidden />
      <Form.Item
        name="currentPassword"
        label={t('password.current')}
        rules={[{ required: true, message: t('common.required') }]}
      >
        <Input.Password autoComplete="current-password" data-testid="password-current" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('password.new')}
        extra={t('password.hint')}
        rules={[{ required: true, message: t('common.required') }]}
      >
        <Input.Password autoComplete="new-password" data-testid="password-new" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('password.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('common.required') },
          ({ getFieldValue }) => ({
            validator: (_rule, value) =>
              !value || value === getFieldValue('newPassword')
                ? Promise.resolve()
                : Promise.reject(new Error(t('password.mismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="password-confirm" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={saving} data-testid="password-submit">
        {t('common.save')}
      </Button>
    </Form>
  );
}
