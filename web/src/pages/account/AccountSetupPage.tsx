// What a user must do right after signing in before anything else (the server refuses everything else
// meanwhile): change an initial or reset password, then — where the policy requires it — turn on
// two-factor sign-in.
import { Button, Card, Typography } from 'antd';
import { Navigate } from 'react-router-dom';
import { useAuth } from '../../auth';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { PasswordForm } from './PasswordForm';
import { TwoFactorRequiredNote, TwoFactorSetup } from './TwoFactorSetup';
import { useAccountText } from './text';

export function AccountSetupPage() {
  const { user, refresh, logout } = useAuth();
  const at = useAccountText();
  if (!user) return <Navigate to="/login" replace />;
  if (!user.pending) return <Navigate to="/" replace />;
  const done = () => {
    refresh().catch(() => {});
  };
  return (
    <div className="login-page">
      <LanguageSwitch className="login-lang" />
      <Card
        className="login-card"
        style={{ width: user.pending === 'two_factor' ? 520 : undefined }}
        data-testid="account-setup"
      >
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {user.pending === 'password' ? at('mustChangeTitle') : at('mustEnrolTitle')}
        </Typography.Title>
        {user.pending === 'password' ? (
          <>
            <Typography.Paragraph type="secondary">{at('mustChangeIntro')}</Typography.Paragraph>
            <PasswordForm onChanged={done} />
          </>
        ) : (
          <>
            <TwoFactorRequiredNote />
            <TwoFactorSetup onDone={done} />
          </>
        )}
        <Button type="link" onClick={() => logout()} style={{ paddingInline: 0, marginTop: 16 }}>
          {at('logout')}
        </Button>
      </Card>
    </div>
  );
}
