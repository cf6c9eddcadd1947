// The ten recovery codes, shown once: to copy, download or print; the user confirms they kept them.
import { Alert, Button, Space, Typography } from 'antd';
import { useAccountText } from './text';

export function RecoveryCodes({ codes, onSaved }: { codes: string[]; onSaved: () => void }) {
  const at = useAccountText();
  const download = () => {
    const blob = new Blob([`${at('recoveryTitle')}\n\n${codes.join('\n')}\n`], { type: 'text/plain;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = 'shequ-recovery-codes.txt';
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <div data-testid="recovery-codes">
      <Alert type="success" showIcon title={at('enabled')} style={{ marginBottom: 16 }} />
      <Typography.Title level={5}>{at('recoveryTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{at('recoveryIntro')}</Typography.Paragraph>
      <div
        className="recovery-codes-grid"
        style={{ display: 'grid', gridTemplateColumns: 'repeat(2, max-content)', gap: '8px 24px' }}
      >
        {codes.map((c) => (
          <Typography.Text code key={c} data-testid="recovery-code">
            {c}
          </Typography.Text>
        ))}
      </div>
      <Space style={{ marginTop: 16 }}>
        <Typography.Text copyable={{ text: codes.join('\n') }} />
        <Button onClick={download}>{at('recoveryDownload')}</Button>
        <Button type="primary" onClick={onSaved} data-testid="recovery-saved">
          {at('recoverySaved')}
        </Button>
      </Space>
    </div>
  );
}
