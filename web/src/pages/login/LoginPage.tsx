import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api';
import { useAuth } from '../../auth';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { errorText, useI18n } from '../../i18n';
import { TwoFactorStep } from './TwoFactorStep';

interface LoginForm {
  username: string;
  password: string;
}

export function LoginPage() {
  const { t, lang } = useI18n();
  const { login } = useAuth();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  // The password was right and the account has two-factor sign-in on: ask for the code next.
  const [twoFactor, setTwoFactor] = useState<LoginForm | null>(null);

  const onFinish = async (values: LoginForm) => {
    setSubmitting(true);
    setError(null);
    try {
      // once signed in, the /login route itself sends the user on (see routes.tsx)
      await login(values.username.trim(), values.password);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'TWO_FACTOR_REQUIRED') {
        setTwoFactor({ username: values.username.trim(), password: values.password });
        return;
      }
      setError(err instanceof ApiError ? errorText(lang, err.code, err.message) : String(err));
    } finally {
      setSubmitting(false);
    }
  };

  if (twoFactor) {
    return (
      <div className="login-page">
        <LanguageSwitch className="login-lang" />
        <Card className="login-card">
          <TwoFactorStep
            onSubmit={(code) => login(twoFactor.username, twoFactor.password, code).then(() => undefined)}
            onBack={() => setTwoFactor(null)}
          />
        </Card>
      </div>
    );
  }

  return (
    <div className="login-page">
      <LanguageSwitch className="login-lang" />
      <Card className="login-card">
        <Typography.Title level={3} className="login-title" style={{ marginBottom: 4 }}>
          {t('app.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          {t('login.subtitle')}
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form<LoginForm> layout="vertical" onFinish={onFinish} requiredMark={false} data-testid="login-form">
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, whitespace: true, message: t('common.required') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
