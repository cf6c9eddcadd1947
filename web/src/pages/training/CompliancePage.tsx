// 培训达标 (F-TRAIN-RULE §3.8): who in a region is compliant, due soon, pending or overdue with the
// training rule in force, each with the rule, the window, the last training and the arithmetic; the
// sub-regions side by side; export.
import { DownloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Col,
  Descriptions,
  Row,
  Segmented,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { api, type ComplianceItem, type ComplianceStatus, type RegionDetail, type TrainingCompliance } from '../../api';
import { LoadError } from '../../components/ErrorResult';
import { formatDate, formatNumber } from '../../format';
import { errorText } from '../../i18n';
import { useLoad } from '../../useLoad';
import { COMPLIANCE, COMPLIANCE_COLORS, POSITIONS, useTrainingText } from './text';

const STATUSES = ['overdue', 'dueSoon', 'pending', 'compliant', 'notApplicable'] as const;

/** The rule in force, shown above every figure. */
export function PolicyRuleCard({ data }: { data: TrainingCompliance }) {
  const { tt, lang } = useTrainingText();
  const p = data.policy;
  return (
    <Card size="small" title={tt('rule')} data-testid="training-rule">
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'rules', label: tt('rule'), children: p.rules.map((r) => r.text).join('；') },
          {
            key: 'window',
            label: tt('window'),
            children: `${p.window === 'calendar' ? tt('windowCalendar', { year: p.windowStartYear }) : tt('windowRolling')}；${tt('dueSoonDays', { n: p.dueSoonDays })}`,
          },
          { key: 'asOf', label: tt('asOf'), children: formatDate(data.date, lang) },
          { key: 'source', label: tt('source'), children: p.source },
        ]}
      />
    </Card>
  );
}

export function complianceColumns(
  tt: ReturnType<typeof useTrainingText>['tt'],
  label: ReturnType<typeof useTrainingText>['label'],
  lang: 'zh' | 'en',
) {
  return [
    {
      key: 'name',
      title: tt('worker'),
      render: (_: unknown, r: ComplianceItem) => <Link to={`/workers/${r.workerId}`}>{r.name}</Link>,
    },
    { key: 'region', title: tt('region'), dataIndex: 'regionName' },
    { key: 'position', title: tt('position'), render: (_: unknown, r: ComplianceItem) => label(POSITIONS, r.position) },
    {
      key: 'status',
      title: tt('status'),
      render: (_: unknown, r: ComplianceItem) => (
        <Tag color={COMPLIANCE_COLORS[r.status]} data-testid={`compliance-status-${r.workerId}`}>
          {label(COMPLIANCE, r.status)}
        </Tag>
      ),
    },
    {
      key: 'window',
      title: tt('window'),
      render: (_: unknown, r: ComplianceItem) =>
        r.window ? `${formatDate(r.window.from, lang)} – ${formatDate(r.window.to, lang)}` : '—',
    },
    {
      key: 'count',
      title: tt('inWindow'),
      render: (_: unknown, r: ComplianceItem) => `${r.completionsInWindow} / ${r.required}`,
    },
    { key: 'deadline', title: tt('deadline'), render: (_: unknown, r: ComplianceItem) => formatDate(r.deadline, lang) },
    {
      key: 'last',
      title: tt('lastCompleted'),
      render: (_: unknown, r: ComplianceItem) =>
        r.lastCompleted
          ? `${formatDate(r.lastCompleted.date, lang)}${r.lastCompleted.title ? ` ${r.lastCompleted.title}` : ''}`
          : '—',
    },
  ];
}

function ComplianceView({ code }: { code: string }) {
  const { tt, label, lang, options } = useTrainingText();
  const { message } = App.useApp();
  // ?status=overdue opens the list filtered (the dashboard's tiles link here).
  const [params] = useSearchParams();
  const [status, setStatus] = useState<ComplianceStatus | 'all'>(
    (params.get('status') as ComplianceStatus | null) ?? 'all',
  );
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const regionLoader = useCallback(() => api.region(code), [code]);
  const region = useLoad<RegionDetail>(regionLoader);
  const loader = useCallback(
    () => api.trainingCompliance({ region: code, status: status === 'all' ? undefined : status, page, pageSize }),
    [code, status, page, pageSize],
  );
  const { data, error, loading } = useLoad<TrainingCompliance>(loader);

  if (error) return <LoadError error={error} />;
  if (!data || !region.data) return <Skeleton active />;
  const s = data.summary;
  const assessed = s.total - s.notApplicable;
  const rate = assessed > 0 ? Math.round((s.compliant * 1000) / assessed) / 10 : null;

  const exportXlsx = async () => {
    try {
      await api.exportTrainingCompliance({ region: code, status: status === 'all' ? undefined : status });
    } catch (e) {
      const err = e as { code: string; message: string };
      message.error(errorText(lang, err.code, err.message));
    }
  };

  return (
    <div className="page-stack" data-testid="training-compliance-page">
      <Breadcrumb
        items={[
          { key: 'training', title: <Link to="/training">{tt('title')}</Link> },
          ...region.data.ancestors.map((a) => ({
            key: a.code,
            title: <Link to={`/training/compliance/${a.code}`}>{a.name}</Link>,
          })),
          { key: code, title: data.region.name },
        ]}
      />
      <Card
        title={
          <Space>
            <span data-testid="compliance-region-name">{data.region.name}</span>
            <span className="muted-text" style={{ fontWeight: 'normal' }}>
              {tt('compliance')}
            </span>
          </Space>
        }
        extra={
          <Button icon={<DownloadOutlined />} onClick={exportXlsx} data-testid="compliance-export">
            {tt('export')}
          </Button>
        }
      >
        <Row gutter={[16, 16]}>
          <Col xs={12} md={4}>
            <Statistic title={tt('total')} value={s.total} />
          </Col>
          {STATUSES.filter((k) => k !== 'notApplicable' || s.notApplicable > 0).map((k) => (
            <Col xs={12} md={4} key={k}>
              <Statistic
                title={<Tag color={COMPLIANCE_COLORS[k]}>{label(COMPLIANCE, k)}</Tag>}
                value={s[k]}
                styles={{ content: { color: k === 'overdue' ? '#cf1322' : undefined } }}
                data-testid={`compliance-count-${k}`}
              />
            </Col>
          ))}
          <Col xs={12} md={4}>
            <Statistic title={tt('complianceRate')} value={rate ?? '—'} suffix={rate === null ? undefined : '%'} />
            {rate !== null && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {s.compliant} ÷ {assessed}
              </Typography.Text>
            )}
          </Col>
        </Row>
      </Card>
      <PolicyRuleCard data={data} />
      {data.children.length > 0 && (
        <Card size="small" title={tt('byRegion')}>
          <Table
            size="small"
            rowKey="code"
            pagination={false}
            dataSource={data.children}
            data-testid="compliance-children"
            columns={[
              {
                key: 'name',
                title: tt('region'),
                render: (_: unknown, c) => <Link to={`/training/compliance/${c.code}`}>{c.name}</Link>,
              },
              { key: 'total', title: tt('total'), dataIndex: 'total', render: (n: number) => formatNumber(n, lang) },
              ...STATUSES.filter((k) => k !== 'notApplicable').map((k) => ({
                key: k,
                title: label(COMPLIANCE, k),
                dataIndex: k,
                render: (n: number) => formatNumber(n, lang),
              })),
            ]}
          />
        </Card>
      )}
      <Card size="small">
        <Space style={{ marginBottom: 12 }} wrap>
          <Segmented
            value={status}
            onChange={(v) => {
              setStatus(v as ComplianceStatus | 'all');
              setPage(1);
            }}
            options={[{ value: 'all', label: lang === 'zh' ? '全部' : 'All' }, ...options(COMPLIANCE)]}
            data-testid="compliance-filter"
          />
        </Space>
        <Table<ComplianceItem>
          size="small"
          rowKey="workerId"
          loading={loading}
          dataSource={data.items}
          columns={complianceColumns(tt, label, lang)}
          expandable={{ expandedRowRender: (r) => <ComplianceReason item={r} /> }}
          pagination={{
            current: page,
            pageSize,
            total: data.total,
            showTotal: (n) => (lang === 'zh' ? `共 ${n} 人` : `${n} workers`),
            onChange: (p, ps) => {
              setPage(p);
              setPageSize(ps);
            },
          }}
          data-testid="compliance-list"
        />
      </Card>
    </div>
  );
}

/** The reason for one worker's status: rule and arithmetic. */
export function ComplianceReason({ item }: { item: { rule: string; arithmetic: string } }) {
  const { tt } = useTrainingText();
  return (
    <Alert
      type="info"
      title={
        <div>
          <div>
            <b>{tt('rule')}：</b>
            {item.rule}
          </div>
          <div data-testid="compliance-arithmetic">
            <b>{tt('arithmetic')}：</b>
            {item.arithmetic}
          </div>
        </div>
      }
    />
  );
}

export function CompliancePage() {
  const { code = '' } = useParams();
  return <ComplianceView key={code} code={code} />;
}
