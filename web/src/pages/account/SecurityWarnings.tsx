// The server's security notices for the platform administrator (demo passwords still in use, an
// untrusted proxy, unsealed two-factor secrets), shown on the 工作台.
import { Alert } from 'antd';
import { useCallback } from 'react';
import { useMe } from '../../auth';
import { useLoad } from '../../useLoad';
import { accountApi } from './accountApi';
import { useAccountText } from './text';

export function SecurityWarnings() {
  const me = useMe();
  const at = useAccountText();
  const isAdmin = me.role === 'sysadmin';
  const loader = useCallback(() => (isAdmin ? accountApi.warnings() : Promise.resolve({ warnings: [] })), [isAdmin]);
  const { data } = useLoad(loader);
  if (!data?.warnings.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={at('warningsTitle')}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {data.warnings.map((w) => (
            <li key={w.code}>{w.message}</li>
          ))}
        </ul>
      }
      data-testid="security-warnings"
    />
  );
}
