// The second step of signing in with two-factor sign-in on: the 6-digit code, or a recovery code.
import { SafetyOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api';
import { errorText, useI18n } from '../../i18n';
import { useAccountText } from '../account/text';

export function TwoFactorStep({ onSubmit, onBack }: { onSubmit: (code: string) => Promise<void>; onBack: () => void }) {
  const { lang } = useI18n();
  const at = useAccountText();
  const [recovery, setRecovery] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [form] = Form.useForm<{ code: string }>();

  const onFinish = async ({ code }: { code: string }) => {
    setSubmitting(true);
    setError(null);
    try {
      await onSubmit(code.trim());
    } catch (err) {
      form.resetFields();
      setError(err instanceof ApiError ? errorText(lang, err.code, err.message) : String(err));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div data-testid="login-two-factor">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        <SafetyOutlined /> {at('signInCodeTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {recovery ? at('recoveryIntro') : at('signInCodeIntro')}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
        <Form.Item
          name="code"
          label={recovery ? at('recoveryCode') : at('code')}
          rules={[
            recovery
              ? { required: true, message: at('recoveryPlaceholder') }
              : { required: true, pattern: /^\s*\d{6}\s*$/, message: at('codePlaceholder') },
          ]}
        >
          <Input
            autoFocus
            autoComplete="one-time-code"
            inputMode={recovery ? 'text' : 'numeric'}
            maxLength={recovery ? 20 : 6}
            placeholder={recovery ? at('recoveryPlaceholder') : at('codePlaceholder')}
            data-testid="login-code"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-code-submit">
          {at('verify')}
        </Button>
      </Form>
      <div style={{ display: 'flex', justifyContent: 'space-between', marginTop: 12 }}>
        <Button type="link" style={{ paddingInline: 0 }} onClick={onBack}>
          {at('back')}
        </Button>
        <Button
          type="link"
          style={{ paddingInline: 0 }}
          onClick={() => {
            setRecovery(!recovery);
            form.resetFields();
            setError(null);
          }}
        >
          {recovery ? at('useTotp') : at('useRecovery')}
        </Button>
      </div>
    </div>
  );
}
