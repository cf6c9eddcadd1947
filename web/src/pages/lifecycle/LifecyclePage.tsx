// 人员进出 (issue 6): the due lists — probation ending (F-PROBATION, with the pass/fail decision),
// workers reaching the statutory retirement age and the retired (F-EXIT), and the year's secretaries
// eligible for public-institution posts with the evidence for each condition (F-INCENTIVE).
import { App, Alert, Button, Card, Form, Input, Modal, Radio, Select, Skeleton, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../auth';
import { LoadError } from '../../components/ErrorResult';
import { useFormAction } from '../../components/formErrors';
import { formatDate } from '../../format';
import { useLoad } from '../../useLoad';
import { type IncentiveItem, lifecycleApi, type ProbationItem, todayIso } from './lifecycleApi';
import { CareTab, ContractsTab } from './ContractsCareTabs';
import { ExitsTab } from './ExitsTab';
import { SecretariesTab } from './SecretariesTab';
import { useTx } from './useTx';


const STATE_COLORS: Record<string, string> = { overdue: 'red', dueSoon: 'orange', running: 'blue' };

function DecideModal({ item, onClose, onSaved }: { item: ProbationItem | null; onClose: () => void; onSaved: () => void }) {
  const { tx } = useTx();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ result: 'pass' | 'fail'; date: string; opinion: string }>();
  const { saving, run } = useFormAction(form);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !item) return;
    await run(async () => {
      await lifecycleApi.decideProbation(item.workerId, { result: v.result, date: v.date, opinion: v.opinion.trim() });
      message.success(v.result === 'pass' ? tx('已转为在岗', 'Confirmed as regular') : tx('已解除聘用', 'Employment ended'));
      onSaved();
    });
  };
  return (
    <Modal
      open={!!item}
      title={item ? tx(`试用期考核：${item.name}`, `Probation review: ${item.name}`) : ''}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      okText={tx('确定', 'OK')}
      cancelText={tx('取消', 'Cancel')}
      okButtonProps={{ 'data-testid': 'probation-submit' } as Record<string, string>}
      destroyOnHidden
    >
      {item && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={item.rule} description={item.arithmetic} />}
      <Form form={form} layout="vertical" initialValues={{ result: 'pass', date: todayIso() }} preserve={false}>
        <Form.Item name="result" label={tx('考核结果', 'Result')} rules={[{ required: true }]}>
          <Radio.Group>
            <Radio value="pass" data-testid="probation-pass">
              {tx('合格，转为在岗', 'Pass — regular')}
            </Radio>
            <Radio value="fail" data-testid="probation-fail">
              {tx('不合格，解除聘用', 'Fail — end employment')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="date" label={tx('考核日期', 'Date')} rules={[{ required: true, message: tx('请填写考核日期', 'Date required') }]}>
          <Input type="date" data-testid="probation-date" />
        </Form.Item>
        <Form.Item name="opinion" label={tx('考核意见', 'Opinion')} rules={[{ required: true, whitespace: true, message: tx('请填写考核意见', 'Opinion required') }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="probation-opinion" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ProbationTab({ region }: { region: string }) {
  const { tx, lang } = useTx();
  const { can } = useAuth();
  const loader = useCallback(() => lifecycleApi.probation(region), [region]);
  const s = useLoad(loader);
  const [deciding, setDeciding] = useState<ProbationItem | null>(null);
  if (s.error) return <LoadError error={s.error} />;
  if (!s.data) return <Skeleton active />;
  const d = s.data;
  return (
    <div className="page-stack">
      <Space size="large">
        <Statistic title={tx('试用期人员', 'On probation')} value={d.counts.total} />
        <Statistic title={tx('已期满待考核', 'Overdue')} value={d.counts.overdue} valueStyle={{ color: '#cf1322' }} />
        <Statistic title={tx('即将期满', 'Due soon')} value={d.counts.dueSoon} valueStyle={{ color: '#d46b08' }} />
      </Space>
      <Table<ProbationItem>
        rowKey="workerId"
        size="small"
        data-testid="probation-table"
        dataSource={d.items}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: tx('姓名', 'Name'), dataIndex: 'name', render: (v, r) => <Link to={`/workers/${r.workerId}`}>{v}</Link> },
          { title: tx('社区', 'Community'), render: (_v, r) => `${r.streetName ?? ''} ${r.regionName}` },
          { title: tx('入职日期', 'Started'), dataIndex: 'startDate', render: (v) => formatDate(v, lang) },
          { title: tx('试用期满', 'Ends'), dataIndex: 'dueOn', render: (v, r) => <span title={r.arithmetic}>{formatDate(v, lang)}</span> },
          { title: tx('剩余天数', 'Days left'), dataIndex: 'daysLeft' },
          { title: tx('状态', 'State'), dataIndex: 'stateName', render: (v, r) => <Tag color={STATE_COLORS[r.state]}>{v}</Tag> },
          {
            title: tx('操作', 'Actions'),
            render: (_v, r) =>
              can('probation.decide') && (
                <Button size="small" onClick={() => setDeciding(r)} data-testid={`probation-decide-${r.workerId}`}>
                  {tx('考核', 'Review')}
                </Button>
              ),
          },
        ]}
        expandable={{ expandedRowRender: (r) => <Typography.Text type="secondary">{`${r.rule}。${r.arithmetic}`}</Typography.Text> }}
      />
      <DecideModal
        item={deciding}
        onClose={() => setDeciding(null)}
        onSaved={() => {
          setDeciding(null);
          s.reload();
        }}
      />
    </div>
  );
}

function RetirementTab({ region }: { region: string }) {
  const { tx, lang } = useTx();
  const [months, setMonths] = useState<number | undefined>(undefined);
  const loader = useCallback(() => lifecycleApi.retirements(region, months), [region, months]);
  const s = useLoad(loader);
  const retiredLoader = useCallback(() => lifecycleApi.retired(region), [region]);
  const retired = useLoad(retiredLoader);
  if (s.error) return <LoadError error={s.error} />;
  if (!s.data) return <Skeleton active />;
  return (
    <div className="page-stack">
      <Alert type="info" showIcon message={tx('法定退休年龄规则', 'Statutory retirement rule')} description={s.data.rule} />
      <Card
        size="small"
        title={tx(`${formatDate(s.data.until, lang)} 前到龄的在岗人员（${s.data.items.length} 人）`, `Reaching retirement age by ${s.data.until} (${s.data.items.length})`)}
        extra={
          <Select
            value={s.data.months}
            onChange={setMonths}
            options={[1, 3, 6, 12, 24].map((m) => ({ value: m, label: tx(`${m} 个月内`, `within ${m} months`) }))}
            style={{ width: 120 }}
          />
        }
      >
        <Table
          rowKey="workerId"
          size="small"
          data-testid="retirement-table"
          dataSource={s.data.items}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: tx('姓名', 'Name'), dataIndex: 'name', render: (v, r) => <Link to={`/workers/${r.workerId}`}>{v}</Link> },
            { title: tx('社区', 'Community'), dataIndex: 'regionName' },
            { title: tx('出生日期', 'Born'), dataIndex: 'birthDate', render: (v) => formatDate(v, lang) },
            { title: tx('退休日期', 'Retires'), dataIndex: 'retirementDate', render: (v, r) => <span title={r.arithmetic}>{formatDate(v, lang)}</span> },
            { title: tx('状态', 'State'), dataIndex: 'overdue', render: (v) => (v ? <Tag color="red">{tx('已到龄仍在岗', 'Past age, serving')}</Tag> : <Tag color="orange">{tx('即将到龄', 'Soon')}</Tag>) },
          ]}
          expandable={{ expandedRowRender: (r) => <Typography.Text type="secondary">{r.arithmetic}</Typography.Text> }}
        />
      </Card>
      <Card size="small" title={tx('已退休人员', 'Retired workers')}>
        {retired.error ? (
          <LoadError error={retired.error} />
        ) : (
          <Table
            rowKey="workerId"
            size="small"
            data-testid="retired-table"
            loading={retired.loading}
            dataSource={retired.data?.items ?? []}
            pagination={{ pageSize: 20 }}
            columns={[
              { title: tx('姓名', 'Name'), dataIndex: 'name', render: (v, r) => <Link to={`/workers/${r.workerId}`}>{v}</Link> },
              { title: tx('社区', 'Community'), dataIndex: 'regionName' },
              { title: tx('退休日期', 'Retired on'), dataIndex: 'exitDate', render: (v) => formatDate(v, lang) },
              { title: tx('退休时年龄', 'Age'), dataIndex: 'ageAtExit' },
              { title: tx('说明', 'Note'), dataIndex: 'reason' },
            ]}
          />
        )}
      </Card>
    </div>
  );
}

function IncentiveTab({ region }: { region: string }) {
  const { tx } = useTx();
  const [year, setYear] = useState(new Date().getFullYear());
  const [onlyEligible, setOnlyEligible] = useState(false);
  const loader = useCallback(() => lifecycleApi.incentive(region, year), [region, year]);
  const s = useLoad(loader);
  if (s.error) return <LoadError error={s.error} />;
  if (!s.data) return <Skeleton active />;
  const items = onlyEligible ? s.data.items.filter((i) => i.eligible) : s.data.items;
  return (
    <div className="page-stack">
      <Alert type="info" showIcon message={tx('认定条件', 'Conditions')} description={s.data.rule} />
      <Space>
        <Select value={year} onChange={setYear} options={[0, 1, 2, 3].map((k) => ({ value: new Date().getFullYear() - k, label: `${new Date().getFullYear() - k}` }))} style={{ width: 100 }} />
        <Radio.Group value={onlyEligible} onChange={(e) => setOnlyEligible(e.target.value)}>
          <Radio.Button value={false}>{tx(`全部书记（${s.data.counts.secretaries}）`, `All secretaries (${s.data.counts.secretaries})`)}</Radio.Button>
          <Radio.Button value={true}>{tx(`符合条件（${s.data.counts.eligible}）`, `Eligible (${s.data.counts.eligible})`)}</Radio.Button>
        </Radio.Group>
      </Space>
      <Table<IncentiveItem>
        rowKey="workerId"
        size="small"
        data-testid="incentive-table"
        dataSource={items}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: tx('姓名', 'Name'), dataIndex: 'name', render: (v, r) => <Link to={`/workers/${r.workerId}`}>{v}</Link> },
          { title: tx('社区', 'Community'), dataIndex: 'regionName' },
          { title: tx('职务', 'Position'), dataIndex: 'positionName' },
          { title: tx('连续工作', 'Continuous'), dataIndex: 'continuousText' },
          { title: tx('任满届数', 'Full terms'), dataIndex: 'fullTerms' },
          ...s.data.items[0]?.conditions.map((c, i) => ({
            title: c.label,
            key: c.code,
            render: (_v: unknown, r: IncentiveItem) => <Tag color={r.conditions[i].met ? 'green' : 'default'}>{r.conditions[i].met ? '✓' : '✗'}</Tag>,
          })) ?? [],
          { title: tx('结论', 'Result'), dataIndex: 'eligible', render: (v) => (v ? <Tag color="green">{tx('符合', 'Eligible')}</Tag> : <Tag>{tx('不符合', 'Not eligible')}</Tag>) },
        ]}
        expandable={{
          expandedRowRender: (r) => (
            <ul style={{ margin: 0 }}>
              {r.conditions.map((c) => (
                <li key={c.code}>
                  <b>{c.met ? '✓' : '✗'} {c.label}</b>：{c.rule}。{tx('依据', 'Evidence')}：{c.evidence}
                </li>
              ))}
              {r.honours.length > 0 && <li>{tx('表彰与推荐：', 'Honours: ')}{r.honours.join('；')}</li>}
            </ul>
          ),
        }}
      />
    </div>
  );
}

export function LifecyclePage() {
  const { user } = useAuth();
  const { tx } = useTx();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'probation';
  const region = user?.regionCode ?? '';
  return (
    <Card title={tx('人员进出', 'Workforce lifecycle')}>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={[
          { key: 'probation', label: <span data-testid="tab-probation">{tx('试用期', 'Probation')}</span>, children: <ProbationTab region={region} /> },
          { key: 'retirement', label: <span data-testid="tab-retirement">{tx('退休', 'Retirement')}</span>, children: <RetirementTab region={region} /> },
          { key: 'exits', label: <span data-testid="tab-exits">{tx('离岗审批', 'Exit approvals')}</span>, children: <ExitsTab region={region} /> },
          { key: 'incentive', label: <span data-testid="tab-incentive">{tx('书记激励', 'Secretary incentive')}</span>, children: <IncentiveTab region={region} /> },
          { key: 'secretaries', label: <span data-testid="tab-secretaries">{tx('书记备案与后备', 'Secretary filing and reserve')}</span>, children: <SecretariesTab region={region} /> },
          { key: 'contracts', label: <span data-testid="tab-contracts">{tx('合同与补助', 'Contracts and subsidies')}</span>, children: <ContractsTab region={region} /> },
          { key: 'care', label: <span data-testid="tab-care">{tx('关爱与干部', 'Care and cadres')}</span>, children: <CareTab region={region} /> },
        ]}
      />
    </Card>
  );
}
