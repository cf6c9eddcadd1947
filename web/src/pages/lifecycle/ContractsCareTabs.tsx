// 合同与补助 (F-CONTRACT) and 关爱与干部 (F-CARE, F-SUPERVISE, F-CADRE): the renewal list and subsidies
// (approval by the county); care records with overdue health checks and open difficulties; cadres sent
// to communities, listed apart from workers.
import { App, Button, Card, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useCallback, useState } from 'react';
import { Link } from 'react-router-dom';
import { request } from '../../api';
import { useAuth } from '../../auth';
import { LoadError } from '../../components/ErrorResult';
import { formatDate, formatYuan } from '../../format';
import { useLoad } from '../../useLoad';
import { CadreCreateModal, CareCreateModal, SubsidyDecideModal, SubsidyRequestModal } from './LifecycleForms';
import { useTx } from './useTx';

interface DueItem {
  workerId: number;
  name: string;
  regionName: string;
  state: string;
  stateName: string;
  endDate: string | null;
  daysLeft: number | null;
}
interface Subsidy {
  id: number;
  workerId: number;
  name: string;
  regionName: string;
  kindName: string;
  reason: string;
  amountFen: number;
  status: string;
  stateName: string;
  requestedOn: string;
}
interface CareItem {
  id: number;
  workerId: number;
  name: string;
  regionName: string;
  kindName: string;
  title: string;
  scheduledOn: string | null;
  doneOn: string | null;
  response: string | null;
  resolvedOn: string | null;
  state: string;
  stateName: string;
}
interface Cadre {
  id: number;
  name: string;
  regionName: string;
  homeUnit: string;
  kindName: string;
  role: string | null;
  startDate: string;
  endDate: string | null;
}
const COLORS: Record<string, string> = { expired: 'red', dueSoon: 'orange', none: 'default', pending: 'orange', approved: 'green', rejected: 'default', overdue: 'red', open: 'orange', done: 'green' };

export function ContractsTab({ region }: { region: string }) {
  const { tx, lang } = useTx();
  const { can } = useAuth();
  const [requesting, setRequesting] = useState(false);
  const [deciding, setDeciding] = useState<Subsidy | null>(null);
  const { message } = App.useApp();
  const dueLoader = useCallback(() => request<{ counts: Record<string, number>; items: DueItem[] }>('GET', '/api/lifecycle/contracts/due', undefined, { region }), [region]);
  const due = useLoad(dueLoader);
  const subLoader = useCallback(() => request<{ items: Subsidy[] }>('GET', '/api/subsidies', undefined, { region }), [region]);
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
        <Statistic title={tx('合同已到期未续签', 'Expired')} value={c.expired} valueStyle={{ color: '#cf1322' }} />
        <Statistic title={tx('即将到期', 'Due soon')} value={c.dueSoon} />
        <Statistic title={tx('未签订', 'No contract')} value={c.none} />
        <Statistic title={tx('履行中', 'Valid')} value={c.valid + c.openEnded} />
      </Space>
      <Table<DueItem>
        rowKey="workerId"
        size="small"
        data-testid="contracts-due-table"
        dataSource={due.data.items}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: tx('姓名', 'Name'), dataIndex: 'name', render: (v, r) => <Link to={`/workers/${r.workerId}`}>{v}</Link> },
          { title: tx('社区', 'Community'), dataIndex: 'regionName' },
          { title: tx('合同到期', 'Ends'), dataIndex: 'endDate', render: (v) => (v ? formatDate(v, lang) : '—') },
          { title: tx('剩余天数', 'Days left'), dataIndex: 'daysLeft', render: (v) => v ?? '—' },
          { title: tx('状态', 'State'), dataIndex: 'stateName', render: (v, r) => <Tag color={COLORS[r.state]}>{v}</Tag> },
        ]}
      />
      <Card
        size="small"
        title={tx('重大任务、抢险救灾、应急处置补助', 'Subsidies')}
        extra={
          can('contract.manage') && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setRequesting(true)} data-testid="subsidy-create">
              {tx('申报补助', 'Request a subsidy')}
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
            { title: tx('姓名', 'Name'), dataIndex: 'name' },
            { title: tx('类别', 'Kind'), dataIndex: 'kindName' },
            { title: tx('事由', 'Reason'), dataIndex: 'reason' },
            { title: tx('金额', 'Amount'), dataIndex: 'amountFen', render: (v) => formatYuan(v, lang) },
            { title: tx('申报日期', 'Requested'), dataIndex: 'requestedOn', render: (v) => formatDate(v, lang) },
            { title: tx('状态', 'Status'), dataIndex: 'stateName', render: (v, r) => <Tag color={COLORS[r.status]}>{v}</Tag> },
            {
              title: tx('审批', 'Decision'),
              render: (_v, r) =>
                can('subsidy.approve') &&
                r.status === 'pending' && (
                  <Button size="small" type="primary" onClick={() => setDeciding(r)} data-testid={`subsidy-decide-${r.id}`}>
                    {tx('审批', 'Decide')}
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
          saved(tx('补助已申报，待县级审批', 'Subsidy requested'));
        }}
      />
      <SubsidyDecideModal
        subsidy={deciding}
        onClose={() => setDeciding(null)}
        onSaved={() => {
          setDeciding(null);
          saved(tx('已审批', 'Decided'));
        }}
      />
    </div>
  );
}

export function CareTab({ region }: { region: string }) {
  const { tx, lang } = useTx();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [adding, setAdding] = useState<'care' | 'cadre' | null>(null);
  const loader = useCallback(() => request<{ counts: { overdueHealthChecks: number; openDifficulties: number }; items: CareItem[] }>('GET', '/api/care', undefined, { region }), [region]);
  const s = useLoad(loader);
  const cadreLoader = useCallback(() => request<{ note: string; items: Cadre[] }>('GET', '/api/cadres', undefined, { region }), [region]);
  const cadres = useLoad(cadreLoader);
  if (s.error) return <LoadError error={s.error} />;
  if (!s.data) return <Skeleton active />;
  return (
    <div className="page-stack">
      <Space size="large">
        <Statistic title={tx('体检逾期', 'Health checks overdue')} value={s.data.counts.overdueHealthChecks} valueStyle={{ color: '#cf1322' }} />
        <Statistic title={tx('待解决困难诉求', 'Open difficulties')} value={s.data.counts.openDifficulties} />
        {can('care.manage') && (
          <Button icon={<PlusOutlined />} onClick={() => setAdding('care')} data-testid="care-create">
            {tx('新增记录', 'New record')}
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
          { title: tx('姓名', 'Name'), dataIndex: 'name', render: (v, r) => <Link to={`/workers/${r.workerId}`}>{v}</Link> },
          { title: tx('类别', 'Kind'), dataIndex: 'kindName' },
          { title: tx('事项', 'Item'), dataIndex: 'title' },
          { title: tx('安排日期', 'Scheduled'), dataIndex: 'scheduledOn', render: (v) => (v ? formatDate(v, lang) : '—') },
          { title: tx('日期', 'Date'), dataIndex: 'doneOn', render: (v) => (v ? formatDate(v, lang) : '—') },
          { title: tx('答复', 'Response'), dataIndex: 'response', render: (v, r) => (v ? `${v}${r.resolvedOn ? `（${formatDate(r.resolvedOn, lang)}）` : ''}` : '—') },
          { title: tx('状态', 'State'), dataIndex: 'stateName', render: (v, r) => <Tag color={COLORS[r.state]}>{v}</Tag> },
        ]}
      />
      <Card
        size="small"
        title={tx('下派干部与新录用公务员社区锻炼', 'Cadres in communities')}
        extra={
          can('care.manage') && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding('cadre')} data-testid="cadre-create">
              {tx('登记下派干部', 'Register a cadre')}
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
            { title: tx('姓名', 'Name'), dataIndex: 'name' },
            { title: tx('社区', 'Community'), dataIndex: 'regionName' },
            { title: tx('派出单位', 'Home unit'), dataIndex: 'homeUnit' },
            { title: tx('方式', 'Kind'), dataIndex: 'kindName' },
            { title: tx('担任', 'Role'), dataIndex: 'role', render: (v) => v ?? '—' },
            { title: tx('期间', 'Period'), render: (_v, r) => `${formatDate(r.startDate, lang)} — ${r.endDate ? formatDate(r.endDate, lang) : tx('至今', 'now')}` },
          ]}
        />
      </Card>
      <CareCreateModal
        open={adding === 'care'}
        onClose={() => setAdding(null)}
        onSaved={() => {
          setAdding(null);
          message.success(tx('已记录', 'Recorded'));
          s.reload();
        }}
      />
      <CadreCreateModal
        open={adding === 'cadre'}
        onClose={() => setAdding(null)}
        onSaved={() => {
          setAdding(null);
          message.success(tx('已登记', 'Registered'));
          cadres.reload();
        }}
      />
    </div>
  );
}
