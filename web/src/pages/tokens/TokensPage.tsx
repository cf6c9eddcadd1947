import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Table, Tag } from 'antd';
import { useCallback, useState } from 'react';
import { ApiError, type ApiToken, api } from '../../api';
import { LoadError } from '../../components/ErrorResult';
import { formatDate, formatDateTime } from '../../format';
import { errorText, useI18n } from '../../i18n';
import { useLoad } from '../../useLoad';
import { CreateTokenModal } from './CreateTokenModal';
import { SecretModal } from './SecretModal';

function TokenStatus({ token }: { token: ApiToken }) {
  const { t } = useI18n();
  if (token.revokedAt) return <Tag color="default">{t('tokens.revoked')}</Tag>;
  if (token.expiresAt && new Date(token.expiresAt) < new Date()) return <Tag color="orange">{t('tokens.expired')}</Tag>;
  return <Tag color="green">{t('tokens.active')}</Tag>;
}

export function TokensPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const loader = useCallback(() => api.tokens(), []);
  const { data, error, loading, reload } = useLoad(loader);
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);

  const revoke = async (id: number) => {
    try {
      await api.revokeToken(id);
      message.success(t('tokens.revokedOk'));
      reload();
    } catch (err) {
      message.error(err instanceof ApiError ? errorText(lang, err.code, err.message) : String(err));
    }
  };

  return (
    <Card
      title={t('tokens.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="token-create">
          {t('tokens.create')}
        </Button>
      }
    >
      {error ? (
        <LoadError error={error} />
      ) : (
        <div data-testid="tokens-table">
          <Table<ApiToken>
            rowKey="id"
            size="middle"
            loading={loading}
            dataSource={data?.items ?? []}
            scroll={{ x: 'max-content' }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            columns={[
              { title: t('tokens.name'), dataIndex: 'name' },
              { title: t('tokens.region'), dataIndex: 'regionName' },
              {
                title: t('tokens.access'),
                dataIndex: 'access',
                render: (a: ApiToken['access']) => (
                  <Tag color={a === 'write' ? 'volcano' : 'blue'}>{t(`tokens.access.${a}`)}</Tag>
                ),
              },
              { title: t('tokens.status'), key: 'status', render: (_v, r) => <TokenStatus token={r} /> },
              {
                title: t('tokens.expiresAt'),
                dataIndex: 'expiresAt',
                render: (v: string | null) => formatDate(v, lang),
              },
              {
                title: t('tokens.lastUsedAt'),
                dataIndex: 'lastUsedAt',
                render: (v: string | null) => formatDateTime(v, lang),
              },
              { title: t('tokens.createdBy'), dataIndex: 'createdBy' },
              { title: t('tokens.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v, lang) },
              {
                title: t('common.actions'),
                key: 'actions',
                render: (_v, r) =>
                  !r.revokedAt && (
                    <Popconfirm
                      title={t('tokens.revokeConfirm')}
                      okText={t('common.ok')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => revoke(r.id)}
                    >
                      <Button type="link" danger size="small">
                        {t('tokens.revoke')}
                      </Button>
                    </Popconfirm>
                  ),
              },
            ]}
          />
        </div>
      )}
      <CreateTokenModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(s) => {
          setCreating(false);
          setSecret(s);
          reload();
        }}
      />
      <SecretModal secret={secret} onClose={() => setSecret(null)} />
    </Card>
  );
}
