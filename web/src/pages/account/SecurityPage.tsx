// 账号安全: the signed-in user's two-factor sign-in — turn it on, renew the recovery codes, turn it off.
import { App, Button, Card, Descriptions, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useAuth } from '../../auth';
import { LoadError } from '../../components/ErrorResult';
import { useFormAction } from '../../components/formErrors';
import { useLoad } from '../../useLoad';
import { accountApi } from './accountApi';
import { RecoveryCodes } from './RecoveryCodes';
import { TwoFactorRequiredNote, TwoFactorSetup } from './TwoFactorSetup';
import { useAccountText } from './text';

type Action = 'renew' | 'disable';

export function SecurityPage() {
  const at = useAccountText();
  const { message } = App.useApp();
  const { refresh } = useAuth();
  const loader = useCallback(() => accountApi.status(), []);
  const { data, error, reload } = useLoad(loader);
  const [action, setAction] = useState<Action | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [form] = Form.useForm<{ password: string; code: string }>();
  const { saving, run } = useFormAction(form);

  const after = () => {
    reload();
    refresh().catch(() => {});
  };

  const submit = async () => {
    let values: { password: string; code: string };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    await run(async () => {
      const body = { password: values.password, code: values.code.trim() };
      if (action === 'renew') {
        setCodes((await accountApi.renewRecoveryCodes(body)).recoveryCodes);
        message.success(at('renewDone'));
      } else {
        await accountApi.disable(body);
        message.success(at('disabled'));
      }
      setAction(null);
      form.resetFields();
      after();
    });
  };

  if (error) return <LoadError error={error} />;
  return (
    <Card title={at('securityTitle')} data-testid="security-page">
      {data?.required && !data.enabled && <TwoFactorRequiredNote />}
      {codes ? (
        <RecoveryCodes codes={codes} onSaved={() => setCodes(null)} />
      ) : data && !data.enabled ? (
        <TwoFactorSetup onDone={after} />
      ) : data ? (
        <>
          <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
            <Descriptions.Item label={at('twoFactor')}>
              <Tag color="green" data-testid="two-factor-state">
                {at('twoFactorOn')}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={at('recoveryCode')}>
              {at('recoveryLeft', { n: data.recoveryCodesLeft })}
            </Descriptions.Item>
          </Descriptions>
          <Space>
            <Button onClick={() => setAction('renew')}>{at('renew')}</Button>
            {!data.required && (
              <Button danger onClick={() => setAction('disable')} data-testid="two-factor-disable">
                {at('disable')}
              </Button>
            )}
          </Space>
        </>
      ) : null}
      <Modal
        title={action === 'renew' ? at('renew') : at('disable')}
        open={action !== null}
        onOk={submit}
        onCancel={() => {
          setAction(null);
          form.resetFields();
        }}
        confirmLoading={saving}
        destroyOnHidden
        forceRender
      >
        <Form form={form} layout="vertical">
          <Form.Item name="password" label={at('password')} rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="code" label={at('codeOrRecovery')} rules={[{ required: true }]}>
            <Input autoComplete="one-time-code" maxLength={20} />
          </Form.Item>
        </Form>
        <Typography.Text type="secondary">{at('signInCodeIntro')}</Typography.Text>
      </Modal>
    </Card>
  );
}
