// 合同与补助 (F-CONTRACT) and 关爱与干部 (F-CARE, F-SUPERVISE, F-CADRE): the renewal list and subsidies
// (approval by the county); care records with overdue health checks and open difficulties; cadres sent
// to communities, listed apart from workers.

import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { Link } from 'react-router-dom';
import { type ApiResponse, type Item, request } from '../../api';
import { useAuth } from '../../auth';
import { LoadError } from '../../components/ErrorResult';
import { formatDate, formatYuan } from '../../format';
import { useI18n } from '../../i18n';
import { useLoad } from '../../useLoad';
import { CadreCreateModal, CareCreateModal, SubsidyDecideModal, SubsidyRequestModal } from './LifecycleForms';

type DueItem = Item<ApiResponse<'/api/lifecycle/contracts/due'>>;
type Subsidy = Item<ApiResponse<'/api/subsidies'>>;
type CareItem = Item<ApiResponse<'/api/care'>>;
type Cadre = Item<ApiResponse<'/api/cadres'>>;
const COLORS: Record<string, string> = {
  expired: 'red',
  dueSoon: 'orange',
  none: 'default',
  pending: 'orange',
  approved: 'green',
  rejected: 'default',
  overdue: 'red',
  open: 'orange',
  done: 'green',
};

export function ContractsTab({ region }: { region: string }) {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const [requesting, setRequesting] = useState(false);
  const [deciding, setDeciding] = useState<Subsidy | null>(null);
  const { message } = App.useApp();
  const dueLoader = useCallback(
    () =>
      request<ApiResponse<'/api/lifecycle/contracts/due'>>('GET', '/api/lifecycle/contracts/due', undefined, {
        region,
      }),
    [region],
  );
  const due = useLoad(dueLoader);
  const subLoader = useCallback(
    () => request<ApiResponse<'/api/subsidies'>>('GET', '/api/subsidies', undefined, { region }),
    [region],
  );
  const subs = useLoad(subLoader);
  if (due.error) return <LoadError error={due.error} />;
  if (!due.data) return <Skeleton active />;
  const saved = (text: string) => {
    message.success(text);
    subs.reload();
  };
  const c = due.data.counts;
  return (
    <div className="page-stack">
      <Space size="large">
        <Statistic title={t('lifecycle.expired')} value={c.expired} valueStyle={{ color: '#cf1322' }} />
        <Statistic title={t('lifecycle.dueSoon')} value={c.dueSoon} />
        <Statistic title={t('lifecycle.noContract')} value={c.none} />
        <Statistic title={t('lifecycle.valid')} value={c.valid + c.openEnded} />
      </Space>
      <Table<DueItem>
        rowKey="workerId"
        size="small"
        data-testid="contracts-due-table"
        dataSource={due.data.items}
        pagination={{ pageSize: 20 }}
        columns={[
          {
            title: t('lifecycle.name'),
            dataIndex: 'name',
            render: (v, r) => <Link to={`/workers/${r.workerId}`}>{v}</Link>,
          },
          { title: t('lifecycle.community'), dataIndex: 'regionName' },
          { title: t('lifecycle.ends'), dataIndex: 'endDate', render: (v) => (v ? formatDate(v, lang) : '—') },
          { title: t('lifecycle.daysLeft'), dataIndex: 'daysLeft', render: (v) => v ?? '—' },
          {
            title: t('lifecycle.state'),
            dataIndex: 'stateName',
            render: (v, r) => <Tag color={COLORS[r.state]}>{v}</Tag>,
          },
        ]}
      />
      <Card
        size="small"
        title={t('lifecycle.subsidies')}
        extra={
          can('contract.manage') && (
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() => setRequesting(true)}
              data-testid="subsidy-create"
            >
              {t('lifecycle.requestASubsidy')}
            </Button>
          )
        }
      >
        <Table<Subsidy>
          rowKey="id"
          size="small"
          data-testid="subsidies-table"
          loading={subs.loading}
          dataSource={subs.data?.items ?? []}
          columns={[
            { title: t('lifecycle.name'), dataIndex: 'name' },
            { title: t('lifecycle.kind'), dataIndex: 'kindName' },
            { title: t('lifecycle.reason'), dataIndex: 'reason' },
            { title: t('lifecycle.amount'), dataIndex: 'amountFen', render: (v) => formatYuan(v, lang) },
            { title: t('lifecycle.requested'), dataIndex: 'requestedOn', render: (v) => formatDate(v, lang) },
            {
              title: t('lifecycle.status'),
              dataIndex: 'stateName',
              render: (v, r) => <Tag color={COLORS[r.status]}>{v}</Tag>,
            },
            {
              title: t('lifecycle.decision'),
              render: (_v, r) =>
                can('subsidy.approve') &&
                r.status === 'pending' && (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => setDeciding(r)}
                    data-testid={`subsidy-decide-${r.id}`}
                  >
                    {t('lifecycle.decide')}
                  </Button>
                ),
            },
          ]}
        />
      </Card>
      <SubsidyRequestModal
        open={requesting}
        onClose={() => setRequesting(false)}
        onSaved={() => {
          setRequesting(false);
          saved(t('lifecycle.subsidyRequested'));
        }}
      />
      <SubsidyDecideModal
        subsidy={deciding}
        onClose={() => setDeciding(null)}
        onSaved={() => {
          setDeciding(null);
          saved(t('lifecycle.decided'));
        }}
      />
    </div>
  );
}

export function CareTab({ region }: { region: string }) {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [adding, setAdding] = useState<'care' | 'cadre' | null>(null);
  const loader = useCallback(
    () => request<ApiResponse<'/api/care'>>('GET', '/api/care', undefined, { region }),
    [region],
  );
  const s = useLoad(loader);
  const cadreLoader = useCallback(
    () => request<ApiResponse<'/api/cadres'>>('GET', '/api/cadres', undefined, { region }),
    [region],
  );
  const cadres = useLoad(cadreLoader);
  if (s.error) return <LoadError error={s.error} />;
  if (!s.data) return <Skeleton active />;
  return (
    <div className="page-stack">
      <Space size="large">
        <Statistic
          title={t('lifecycle.healthChecksOverdue')}
          value={s.data.counts.overdueHealthChecks}
          valueStyle={{ color: '#cf1322' }}
        />
        <Statistic title={t('lifecycle.openDifficulties')} value={s.data.counts.openDifficulties} />
        {can('care.manage') && (
          <Button icon={<PlusOutlined />} onClick={() => setAdding('care')} data-testid="care-create">
            {t('lifecycle.newRecord')}
          </Button>
        )}
      </Space>
      <Table<CareItem>
        rowKey="id"
        size="small"
        data-testid="care-table"
        dataSource={s.data.items}
        pagination={{ pageSize: 20 }}
        columns={[
          {
            title: t('lifecycle.name'),
            dataIndex: 'name',
            render: (v, r) => <Link to={`/workers/${r.workerId}`}>{v}</Link>,
          },
          { title: t('lifecycle.kind'), dataIndex: 'kindName' },
          { title: t('lifecycle.item'), dataIndex: 'title' },
          { title: t('lifecycle.scheduled'), dataIndex: 'scheduledOn', render: (v) => (v ? formatDate(v, lang) : '—') },
          { title: t('lifecycle.date'), dataIndex: 'doneOn', render: (v) => (v ? formatDate(v, lang) : '—') },
          {
            title: t('lifecycle.response'),
            dataIndex: 'response',
            render: (v, r) => (v ? `${v}${r.resolvedOn ? `（${formatDate(r.resolvedOn, lang)}）` : ''}` : '—'),
          },
          {
            title: t('lifecycle.state'),
            dataIndex: 'stateName',
            render: (v, r) => <Tag color={COLORS[r.state]}>{v}</Tag>,
          },
        ]}
      />
      <Card
        size="small"
        title={t('lifecycle.cadresInCommunities')}
        extra={
          can('care.manage') && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding('cadre')} data-testid="cadre-create">
              {t('lifecycle.registerACadre')}
            </Button>
          )
        }
      >
        {cadres.data && <Typography.Paragraph type="secondary">{cadres.data.note}</Typography.Paragraph>}
        <Table<Cadre>
          rowKey="id"
          size="small"
          loading={cadres.loading}
          dataSource={cadres.data?.items ?? []}
          columns={[
            { title: t('lifecycle.name'), dataIndex: 'name' },
            { title: t('lifecycle.community'), dataIndex: 'regionName' },
            { title: t('lifecycle.homeUnit'), dataIndex: 'homeUnit' },
            { title: t('lifecycle.kind2'), dataIndex: 'kindName' },
            { title: t('lifecycle.role'), dataIndex: 'role', render: (v) => v ?? '—' },
            {
              title: t('lifecycle.period'),
              render: (_v, r) =>
                `${formatDate(r.startDate, lang)} — ${r.endDate ? formatDate(r.endDate, lang) : t('lifecycle.now')}`,
            },
          ]}
        />
      </Card>
      <CareCreateModal
        open={adding === 'care'}
        onClose={() => setAdding(null)}
        onSaved={() => {
          setAdding(null);
          message.success(t('lifecycle.recorded'));
          s.reload();
        }}
      />
      <CadreCreateModal
        open={adding === 'cadre'}
        onClose={() => setAdding(null)}
        onSaved={() => {
          setAdding(null);
          message.success(t('lifecycle.registered'));
          cadres.reload();
        }}
      />
    </div>
  );
}
