// 人员进出 (issue 6): the due lists — probation ending (F-PROBATION, with the pass/fail decision),
// workers reaching the statutory retirement age and the retired (F-EXIT), and the year's secretaries
// eligible for public-institution posts with the evidence for each condition (F-INCENTIVE).
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../auth';
import { LoadError } from '../../components/ErrorResult';
import { useFormAction } from '../../components/formErrors';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n';
import { useLoad } from '../../useLoad';
import { CareTab, ContractsTab } from './ContractsCareTabs';
import { ExitsTab } from './ExitsTab';
import { type IncentiveItem, lifecycleApi, type ProbationItem, todayIso } from './lifecycleApi';
import { SecretariesTab } from './SecretariesTab';

const STATE_COLORS: Record<string, string> = { overdue: 'red', dueSoon: 'orange', running: 'blue' };

function DecideModal({
  item,
  onClose,
  onSaved,
}: {
  item: ProbationItem | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ result: 'pass' | 'fail'; date: string; opinion: string }>();
  const { saving, run } = useFormAction(form);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !item) return;
    await run(async () => {
      await lifecycleApi.decideProbation(item.workerId, { result: v.result, date: v.date, opinion: v.opinion.trim() });
      message.success(v.result === 'pass' ? t('lifecycle.confirmedAsRegular') : t('lifecycle.employmentEnded'));
      onSaved();
    });
  };
  return (
    <Modal
      open={!!item}
      title={item ? t('lifecycle.probationReviewName', { name: item.name }) : ''}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      okText={t('lifecycle.ok')}
      cancelText={t('lifecycle.cancel')}
      okButtonProps={{ 'data-testid': 'probation-submit' } as Record<string, string>}
      destroyOnHidden
    >
      {item && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message={item.rule} description={item.arithmetic} />
      )}
      <Form form={form} layout="vertical" initialValues={{ result: 'pass', date: todayIso() }} preserve={false}>
        <Form.Item name="result" label={t('lifecycle.result')} rules={[{ required: true }]}>
          <Radio.Group>
            <Radio value="pass" data-testid="probation-pass">
              {t('lifecycle.passRegular')}
            </Radio>
            <Radio value="fail" data-testid="probation-fail">
              {t('lifecycle.failEndEmployment')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="date"
          label={t('lifecycle.date3')}
          rules={[{ required: true, message: t('lifecycle.dateRequired') }]}
        >
          <Input type="date" data-testid="probation-date" />
        </Form.Item>
        <Form.Item
          name="opinion"
          label={t('lifecycle.opinion')}
          rules={[{ required: true, whitespace: true, message: t('lifecycle.opinionRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} data-testid="probation-opinion" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ProbationTab({ region }: { region: string }) {
  const { t, lang } = useI18n();
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
        <Statistic title={t('lifecycle.onProbation')} value={d.counts.total} />
        <Statistic title={t('lifecycle.overdue')} value={d.counts.overdue} valueStyle={{ color: '#cf1322' }} />
        <Statistic title={t('lifecycle.dueSoon2')} value={d.counts.dueSoon} valueStyle={{ color: '#d46b08' }} />
      </Space>
      <Table<ProbationItem>
        rowKey="workerId"
        size="small"
        data-testid="probation-table"
        dataSource={d.items}
        pagination={{ pageSize: 20 }}
        columns={[
          {
            title: t('lifecycle.name'),
            dataIndex: 'name',
            render: (v, r) => <Link to={`/workers/${r.workerId}`}>{v}</Link>,
          },
          { title: t('lifecycle.community'), render: (_v, r) => `${r.streetName ?? ''} ${r.regionName}` },
          { title: t('lifecycle.started'), dataIndex: 'startDate', render: (v) => formatDate(v, lang) },
          {
            title: t('lifecycle.ends2'),
            dataIndex: 'dueOn',
            render: (v, r) => <span title={r.arithmetic}>{formatDate(v, lang)}</span>,
          },
          { title: t('lifecycle.daysLeft'), dataIndex: 'daysLeft' },
          {
            title: t('lifecycle.state'),
            dataIndex: 'stateName',
            render: (v, r) => <Tag color={STATE_COLORS[r.state]}>{v}</Tag>,
          },
          {
            title: t('lifecycle.actions'),
            render: (_v, r) =>
              can('probation.decide') && (
                <Button size="small" onClick={() => setDeciding(r)} data-testid={`probation-decide-${r.workerId}`}>
                  {t('lifecycle.review')}
                </Button>
              ),
          },
        ]}
        expandable={{
          expandedRowRender: (r) => <Typography.Text type="secondary">{`${r.rule}。${r.arithmetic}`}</Typography.Text>,
        }}
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
  const { t, lang } = useI18n();
  const [months, setMonths] = useState<number | undefined>(undefined);
  const loader = useCallback(() => lifecycleApi.retirements(region, months), [region, months]);
  const s = useLoad(loader);
  const retiredLoader = useCallback(() => lifecycleApi.retired(region), [region]);
  const retired = useLoad(retiredLoader);
  if (s.error) return <LoadError error={s.error} />;
  if (!s.data) return <Skeleton active />;
  return (
    <div className="page-stack">
      <Alert type="info" showIcon message={t('lifecycle.statutoryRetirementRule')} description={s.data.rule} />
      <Card
        size="small"
        title={t('lifecycle.reachingRetirementAgeByUntil', {
          until: formatDate(s.data.until, lang),
          count: s.data.items.length,
        })}
        extra={
          <Select
            value={s.data.months}
            onChange={setMonths}
            options={[1, 3, 6, 12, 24].map((m) => ({ value: m, label: t('lifecycle.withinMMonths', { m }) }))}
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
            {
              title: t('lifecycle.name'),
              dataIndex: 'name',
              render: (v, r) => <Link to={`/workers/${r.workerId}`}>{v}</Link>,
            },
            { title: t('lifecycle.community'), dataIndex: 'regionName' },
            { title: t('lifecycle.born'), dataIndex: 'birthDate', render: (v) => formatDate(v, lang) },
            {
              title: t('lifecycle.retires'),
              dataIndex: 'retirementDate',
              render: (v, r) => <span title={r.arithmetic}>{formatDate(v, lang)}</span>,
            },
            {
              title: t('lifecycle.state'),
              dataIndex: 'overdue',
              render: (v) =>
                v ? (
                  <Tag color="red">{t('lifecycle.pastAgeServing')}</Tag>
                ) : (
                  <Tag color="orange">{t('lifecycle.soon')}</Tag>
                ),
            },
          ]}
          expandable={{ expandedRowRender: (r) => <Typography.Text type="secondary">{r.arithmetic}</Typography.Text> }}
        />
      </Card>
      <Card size="small" title={t('lifecycle.retiredWorkers')}>
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
              {
                title: t('lifecycle.name'),
                dataIndex: 'name',
                render: (v, r) => <Link to={`/workers/${r.workerId}`}>{v}</Link>,
              },
              { title: t('lifecycle.community'), dataIndex: 'regionName' },
              { title: t('lifecycle.retiredOn'), dataIndex: 'exitDate', render: (v) => formatDate(v, lang) },
              { title: t('lifecycle.age'), dataIndex: 'ageAtExit' },
              { title: t('lifecycle.note2'), dataIndex: 'reason' },
            ]}
          />
        )}
      </Card>
    </div>
  );
}

function IncentiveTab({ region }: { region: string }) {
  const { t } = useI18n();
  const [year, setYear] = useState(new Date().getFullYear());
  const [onlyEligible, setOnlyEligible] = useState(false);
  const loader = useCallback(() => lifecycleApi.incentive(region, year), [region, year]);
  const s = useLoad(loader);
  if (s.error) return <LoadError error={s.error} />;
  if (!s.data) return <Skeleton active />;
  const items = onlyEligible ? s.data.items.filter((i) => i.eligible) : s.data.items;
  return (
    <div className="page-stack">
      <Alert type="info" showIcon message={t('lifecycle.conditions')} description={s.data.rule} />
      <Space>
        <Select
          value={year}
          onChange={setYear}
          options={[0, 1, 2, 3].map((k) => ({
            value: new Date().getFullYear() - k,
            label: `${new Date().getFullYear() - k}`,
          }))}
          style={{ width: 100 }}
        />
        <Radio.Group value={onlyEligible} onChange={(e) => setOnlyEligible(e.target.value)}>
          <Radio.Button value={false}>
            {t('lifecycle.allSecretariesSecretaries', { secretaries: s.data.counts.secretaries })}
          </Radio.Button>
          <Radio.Button value={true}>
            {t('lifecycle.eligibleEligible', { eligible: s.data.counts.eligible })}
          </Radio.Button>
        </Radio.Group>
      </Space>
      <Table<IncentiveItem>
        rowKey="workerId"
        size="small"
        data-testid="incentive-table"
        dataSource={items}
        pagination={{ pageSize: 20 }}
        columns={[
          {
            title: t('lifecycle.name'),
            dataIndex: 'name',
            render: (v, r) => <Link to={`/workers/${r.workerId}`}>{v}</Link>,
          },
          { title: t('lifecycle.community'), dataIndex: 'regionName' },
          { title: t('lifecycle.position'), dataIndex: 'positionName' },
          { title: t('lifecycle.continuous'), dataIndex: 'continuousText' },
          { title: t('lifecycle.fullTerms'), dataIndex: 'fullTerms' },
          ...(s.data.items[0]?.conditions.map((c, i) => ({
            title: c.label,
            key: c.code,
            render: (_v: unknown, r: IncentiveItem) => (
              <Tag color={r.conditions[i].met ? 'green' : 'default'}>{r.conditions[i].met ? '✓' : '✗'}</Tag>
            ),
          })) ?? []),
          {
            title: t('lifecycle.result2'),
            dataIndex: 'eligible',
            render: (v) =>
              v ? <Tag color="green">{t('lifecycle.eligible')}</Tag> : <Tag>{t('lifecycle.notEligible')}</Tag>,
          },
        ]}
        expandable={{
          expandedRowRender: (r) => (
            <ul style={{ margin: 0 }}>
              {r.conditions.map((c) => (
                <li key={c.code}>
                  <b>
                    {c.met ? '✓' : '✗'} {c.label}
                  </b>
                  ：{c.rule}。{t('lifecycle.evidence')}：{c.evidence}
                </li>
              ))}
              {r.honours.length > 0 && (
                <li>
                  {t('lifecycle.honours')}
                  {r.honours.join('；')}
                </li>
              )}
            </ul>
          ),
        }}
      />
    </div>
  );
}

export function LifecyclePage() {
  const { user } = useAuth();
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'probation';
  const region = user?.regionCode ?? '';
  return (
    <Card title={t('lifecycle.workforceLifecycle')}>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={[
          {
            key: 'probation',
            label: <span data-testid="tab-probation">{t('lifecycle.probation')}</span>,
            children: <ProbationTab region={region} />,
          },
          {
            key: 'retirement',
            label: <span data-testid="tab-retirement">{t('lifecycle.retirement')}</span>,
            children: <RetirementTab region={region} />,
          },
          {
            key: 'exits',
            label: <span data-testid="tab-exits">{t('lifecycle.exitApprovals')}</span>,
            children: <ExitsTab region={region} />,
          },
          {
            key: 'incentive',
            label: <span data-testid="tab-incentive">{t('lifecycle.secretaryIncentive')}</span>,
            children: <IncentiveTab region={region} />,
          },
          {
            key: 'secretaries',
            label: <span data-testid="tab-secretaries">{t('lifecycle.secretaryFilingAndReserve')}</span>,
            children: <SecretariesTab region={region} />,
          },
          {
            key: 'contracts',
            label: <span data-testid="tab-contracts">{t('lifecycle.contractsAndSubsidies')}</span>,
            children: <ContractsTab region={region} />,
          },
          {
            key: 'care',
            label: <span data-testid="tab-care">{t('lifecycle.careAndCadres')}</span>,
            children: <CareTab region={region} />,
          },
        ]}
      />
    </Card>
  );
}
