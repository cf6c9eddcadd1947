// Turning on two-factor sign-in: a new secret as a QR code (and typed out), confirmed with a code from
// the app; then the ten recovery codes, shown this once.
import { Alert, Button, Form, Input, Space, Typography } from 'antd';
import qrcode from 'qrcode-generator';
import { useMemo, useState } from 'react';
import { useFormAction } from '../../components/formErrors';
import { accountApi, type TwoFactorSetup as Setup } from './accountApi';
import { RecoveryCodes } from './RecoveryCodes';
import { useAccountText } from './text';

/** The otpauth:// URI as a QR code image (data: URL; no network). */
function qrImage(uri: string): string {
  const qr = qrcode(0, 'M');
  qr.addData(uri);
  qr.make();
  return qr.createDataURL(5, 4);
}

export function TwoFactorSetup({ onDone }: { onDone: () => void }) {
  const at = useAccountText();
  const [setup, setSetup] = useState<Setup | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [form] = Form.useForm<{ code: string }>();
  const { saving, run } = useFormAction(form);
  const image = useMemo(() => (setup ? qrImage(setup.otpauthUri) : null), [setup]);

  const start = () =>
    run(async () => {
      setSetup(await accountApi.setup());
    });

  const confirm = async () => {
    let values: { code: string };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    await run(async () => {
      const res = await accountApi.confirm(values.code.trim());
      setCodes(res.recoveryCodes);
    });
  };

  if (codes) return <RecoveryCodes codes={codes} onSaved={onDone} />;

  return (
    <div data-testid="two-factor-setup">
      <Typography.Paragraph>{at('twoFactorIntro')}</Typography.Paragraph>
      {!setup ? (
        <Button type="primary" onClick={start} loading={saving} data-testid="two-factor-start">
          {at('start')}
        </Button>
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Text strong>{at('scan')}</Typography.Text>
          {image && <img src={image} alt="QR" width={200} height={200} data-testid="two-factor-qr" />}
          <Typography.Text type="secondary">{at('manual')}</Typography.Text>
          <Typography.Text code copyable={{ text: setup.secret }} data-testid="two-factor-secret">
            {setup.secret.replace(/(.{4})/g, '$1 ').trim()}
          </Typography.Text>
          <Typography.Text strong>{at('enterCode')}</Typography.Text>
          <Form form={form} layout="inline" onFinish={confirm}>
            <Form.Item
              name="code"
              rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: at('codePlaceholder') }]}
            >
              <Input
                placeholder={at('codePlaceholder')}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                style={{ width: 140 }}
                data-testid="two-factor-code"
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="two-factor-confirm">
              {at('confirm')}
            </Button>
          </Form>
        </Space>
      )}
    </div>
  );
}

export function TwoFactorRequiredNote() {
  const at = useAccountText();
  return <Alert type="info" showIcon title={at('twoFactorRequired')} style={{ marginBottom: 16 }} />;
}
