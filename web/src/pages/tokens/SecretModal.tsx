import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal } from 'antd';
import { useI18n } from '../../i18n';

/** Shows a freshly created token secret once, with a copy button. */
export function SecretModal({ secret, onClose }: { secret: string | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();

  const copy = async () => {
    if (!secret) return;
    try {
      await navigator.clipboard.writeText(secret);
    } catch {
      // clipboard API unavailable (e.g. plain http): fall back to a selection copy
      const el = document.createElement('textarea');
      el.value = secret;
      document.body.appendChild(el);
      el.select();
      document.execCommand('copy');
      el.remove();
    }
    message.success(t('tokens.copied'));
  };

  return (
    <Modal
      title={t('tokens.secretTitle')}
      open={secret !== null}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={[
        <Button key="copy" icon={<CopyOutlined />} onClick={copy} data-testid="token-copy">
          {t('tokens.copy')}
        </Button>,
        <Button key="ok" type="primary" onClick={onClose}>
          {t('common.ok')}
        </Button>,
      ]}
    >
      <Alert type="warning" showIcon title={t('tokens.secretHint')} style={{ marginBottom: 12 }} />
      <div className="secret-box" data-testid="token-secret">
        {secret}
      </div>
    </Modal>
  );
}
