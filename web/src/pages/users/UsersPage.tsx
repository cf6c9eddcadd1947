import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Input, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useCallback, useState } from 'react';
import { api, type Role, type User } from '../../api';
import { LoadError } from '../../components/ErrorResult';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { ROLES, roleLabel } from '../../labels';
import { useLoad } from '../../useLoad';
import { accountApi } from '../account/accountApi';
import { useAccountText } from '../account/text';
import { CreateUserModal } from './CreateUserModal';
import { EditUserModal } from './EditUserModal';

interface Filters {
  q: string;
  role: Role | undefined;
  region: string | undefined;
  page: number;
  pageSize: number;
}

export function UsersPage() {
  const { t, lang } = useI18n();
  const at = useAccountText();
  const { message } = App.useApp();
  const [filters, setFilters] = useState<Filters>({ q: '', role: undefined, region: undefined, page: 1, pageSize: 20 });
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);

  const loader = useCallback(() => api.users(filters), [filters]);
  const { data, error, loading, reload } = useLoad(loader);

  const update = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, page: 1, ...patch }));

  return (
    <Card
      title={t('users.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="user-create">
          {t('users.create')}
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('users.searchName')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(q) => update({ q: q.trim() })}
          style={{ width: 240 }}
          data-testid="user-search"
        />
        <Select
          allowClear
          placeholder={t('users.filterRole')}
          value={filters.role}
          onChange={(role) => update({ role })}
          options={ROLES.map((r) => ({ value: r, label: roleLabel(t, r) }))}
          style={{ width: 180 }}
        />
        <RegionTreeSelect
          allowClear
          placeholder={t('users.filterRegion')}
          value={filters.region}
          onChange={(region) => update({ region })}
          style={{ width: 240 }}
        />
      </Space>
      {error ? (
        <LoadError error={error} />
      ) : (
        <div data-testid="users-table">
          <Table<User>
            rowKey="id"
            size="middle"
            loading={loading}
            dataSource={data?.items ?? []}
            scroll={{ x: 'max-content' }}
            pagination={{
              current: filters.page,
              pageSize: filters.pageSize,
              total: data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (n) => t('common.total', { n }),
              onChange: (page, pageSize) => setFilters((f) => ({ ...f, page, pageSize })),
            }}
            columns={[
              { title: t('users.username'), dataIndex: 'username' },
              { title: t('users.displayName'), dataIndex: 'displayName' },
              { title: t('users.role'), dataIndex: 'role', render: (r: User['role']) => roleLabel(t, r) },
              { title: t('users.region'), dataIndex: 'regionName' },
              {
                title: t('users.status'),
                key: 'status',
                render: (_v, u) => (
                  <Space size={4}>
                    {u.disabled ? (
                      <Tag color="default">{t('users.disabled')}</Tag>
                    ) : (
                      <Tag color="green">{t('users.enabled')}</Tag>
                    )}
                    {u.lockedUntil && new Date(u.lockedUntil) > new Date() && (
                      <Tag color="red">{t('users.locked')}</Tag>
                    )}
                    {u.twoFactorEnabled && <Tag color="blue">{at('twoFactor')}</Tag>}
                  </Space>
                ),
              },
              { title: t('users.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v, lang) },
              {
                title: t('common.actions'),
                key: 'actions',
                render: (_v, u) => (
                  <Space size={0}>
                    <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(u)}>
                      {t('common.edit')}
                    </Button>
                    {u.twoFactorEnabled && (
                      <Popconfirm
                        title={at('resetTwoFactor')}
                        description={<div style={{ maxWidth: 280 }}>{at('resetConfirm')}</div>}
                        onConfirm={async () => {
                          try {
                            await accountApi.resetUser(u.id);
                            message.success(at('resetDone'));
                            reload();
                          } catch (err) {
                            message.error(err instanceof Error ? err.message : String(err));
                          }
                        }}
                      >
                        <Button type="link" size="small" data-testid={`user-reset-2fa-${u.username}`}>
                          {at('resetTwoFactor')}
                        </Button>
                      </Popconfirm>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        </div>
      )}
      <CreateUserModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={() => {
          setCreating(false);
          reload();
        }}
      />
      <EditUserModal
        user={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          reload();
        }}
      />
    </Card>
  );
}
