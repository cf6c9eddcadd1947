// 工作台 (issue 7 "a dashboard for each role"; issue 6 "due lists on the dashboard"): one page per
// role from GET /api/dashboard. Every figure carries its rule and links to the page that lists it.
import { Card, Col, Descriptions, Empty, Row, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useCallback, useMemo } from 'react';
import { Link } from 'react-router-dom';
import { CHART_COLORS, type ChartOption, EChart } from '../../components/EChart';
import { LoadError } from '../../components/ErrorResult';
import { formatDate, formatDateTime, formatYuan } from '../../format';
import { useI18n } from '../../i18n';
import { useLoad } from '../../useLoad';
import { SecurityWarnings } from '../account/SecurityWarnings';
import { type Dashboard, type DashRegionStaffing, type DashTile, dashboardApi } from './dashboardApi';

const TONE_COLOR: Record<DashTile['tone'], string | undefined> = {
  danger: '#cf1322',
  warning: '#d46b08',
  normal: undefined,
};
const STATUS_COLOR: Record<DashRegionStaffing['status'], string> = { short: 'red', within: 'green', over: 'orange' };

function Tiles({ tiles }: { tiles: DashTile[] }) {
  const { t } = useI18n();
  return (
    <Row gutter={[16, 16]}>
      {tiles.map((x) => (
        <Col key={x.key} xs={24} sm={12} lg={8} xl={6}>
          <Card size="small" hoverable data-testid={`dash-tile-${x.key}`} style={{ height: '100%' }}>
            <Link to={x.link} data-testid={`dash-tile-link-${x.key}`}>
              <Statistic
                title={x.label}
                value={x.value ?? t('dash.open')}
                suffix={x.value === null ? undefined : x.unit}
                styles={{ content: { color: TONE_COLOR[x.tone] } }}
              />
            </Link>
            <Typography.Paragraph
              type="secondary"
              style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}
              data-testid={`dash-tile-rule-${x.key}`}
            >
              {t('dash.rule')}：{x.rule}
            </Typography.Paragraph>
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function StaffingTable({ rows, testId }: { rows: DashRegionStaffing[]; testId: string }) {
  const { t } = useI18n();
  return (
    <Table<DashRegionStaffing>
      size="small"
      rowKey="code"
      pagination={false}
      dataSource={rows}
      data-testid={testId}
      columns={[
        {
          title: t('dash.region'),
          dataIndex: 'name',
          render: (n: string, r) => <Link to={`/staffing/${r.code}`}>{n}</Link>,
        },
        { title: t('dash.quota'), dataIndex: 'quota', align: 'right' },
        { title: t('dash.headcount'), dataIndex: 'headcount', align: 'right' },
        {
          title: t('dash.gap'),
          dataIndex: 'gap',
          align: 'right',
          render: (g: number, r) => <span data-testid={`${testId}-gap-${r.code}`}>{g}</span>,
        },
        {
          title: t('dash.status'),
          dataIndex: 'statusLabel',
          render: (s: string, r) => <Tag color={STATUS_COLOR[r.status]}>{s}</Tag>,
        },
      ]}
    />
  );
}

function StaffingCard({ d }: { d: Dashboard }) {
  const { t } = useI18n();
  const s = d.staffing!;
  const headline =
    s.status === 'short'
      ? t('dash.short', { name: s.name, n: s.gap })
      : s.status === 'over'
        ? t('dash.over', { name: s.name, n: -s.gap })
        : t('dash.within', { name: s.name });
  const option = useMemo<ChartOption | null>(() => {
    if (d.children.length === 0) return null;
    return {
      color: [CHART_COLORS.quota, CHART_COLORS.headcount],
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: d.children.map((c) => c.name),
        axisLabel: { interval: 0, rotate: d.children.length > 6 ? 30 : 0 },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('dash.quota'), type: 'bar', data: d.children.map((c) => c.quota) },
        { name: t('dash.headcount'), type: 'bar', data: d.children.map((c) => c.headcount) },
      ],
    };
  }, [d.children, t]);
  return (
    <Card
      title={t('dash.staffing', { year: s.year })}
      extra={
        <Link to={s.link} data-testid="dash-staffing-link">
          {t('dash.details')}
        </Link>
      }
      data-testid="dash-staffing"
    >
      <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="dash-headline">
        {headline}
      </Typography.Title>
      <Space size={48} wrap>
        <Statistic title={t('dash.quota')} value={s.quota} />
        <Statistic title={t('dash.headcount')} value={s.headcount} />
        <Statistic
          title={t('dash.gap')}
          value={s.gap}
          valueRender={(n) => <span data-testid="dash-gap">{n}</span>}
          styles={{ content: { color: s.gap > 0 ? '#cf1322' : undefined } }}
        />
        <Statistic title={t('dash.per10k')} value={s.per10k ?? '—'} />
      </Space>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 12 }}>
        {t('dash.rule')}：{s.rule}
      </Typography.Paragraph>
      {option && (
        <>
          <Typography.Text strong>{t('dash.children')}</Typography.Text>
          <EChart option={option} height={260} data-testid="dash-children-chart" />
          <StaffingTable rows={d.children} testId="dash-children" />
        </>
      )}
    </Card>
  );
}

function WorkerView({ d }: { d: Dashboard }) {
  const { t, lang } = useI18n();
  const w = d.worker!;
  const base = `/workers/${w.workerId}`;
  const note = (text: string) => (
    <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
      {t('dash.rule')}：{text}
    </Typography.Text>
  );
  return (
    <Card
      title={`${t('dash.me')} · ${w.name}`}
      extra={<Link to={base}>{t('dash.details')}</Link>}
      data-testid="dash-worker"
    >
      <Descriptions
        column={1}
        bordered
        size="small"
        items={[
          {
            key: 'grade',
            label: t('dash.grade'),
            children: (
              <>
                {w.grade ? (
                  <Link to={`${base}?tab=grade`} data-testid="dash-worker-grade">
                    {t('dash.gradeValue', { category: w.grade.categoryName, grade: w.grade.grade })}
                  </Link>
                ) : (
                  '—'
                )}
                {w.grade && note(w.grade.rule)}
              </>
            ),
          },
          {
            key: 'pay',
            label: t('dash.pay'),
            children: (
              <>
                {w.pay ? (
                  <Link to={`${base}?tab=pay`} data-testid="dash-worker-pay">
                    {formatYuan(w.pay.monthlyFen, lang)}
                  </Link>
                ) : (
                  '—'
                )}
                {w.pay?.example && <Tag style={{ marginInlineStart: 8 }}>{t('dash.example')}</Tag>}
                {w.pay && note(w.pay.rule)}
              </>
            ),
          },
          {
            key: 'training',
            label: t('dash.training'),
            children: (
              <>
                {w.training ? (
                  <Link to={`${base}?tab=training`} data-testid="dash-worker-training">
                    {w.training.statusLabel}
                    {w.training.deadline
                      ? `（${t('dash.deadline', { date: formatDate(w.training.deadline, lang) })}）`
                      : ''}
                  </Link>
                ) : (
                  '—'
                )}
                {w.training && note(w.training.rule)}
              </>
            ),
          },
          {
            key: 'contract',
            label: t('dash.contract'),
            children: (
              <>
                {w.contract ? (
                  <Link to={base} data-testid="dash-worker-contract">
                    {w.contract.stateName}
                    {w.contract.endDate
                      ? `（${t('dash.contractEnd', { date: formatDate(w.contract.endDate, lang) })}）`
                      : ''}
                  </Link>
                ) : (
                  '—'
                )}
                {w.contract && note(w.contract.rule)}
              </>
            ),
          },
          {
            key: 'probation',
            label: t('dash.probation'),
            children: (
              <>
                <span data-testid="dash-worker-probation">
                  {w.probation
                    ? t('dash.probationEnd', {
                        date: formatDate(w.probation.dueOn, lang),
                        state: w.probation.stateName,
                      })
                    : t('dash.notOnProbation')}
                </span>
                {w.probation && note(w.probation.rule)}
              </>
            ),
          },
          {
            key: 'retirement',
            label: t('dash.retirement'),
            children: (
              <>
                {w.retirement ? formatDate(w.retirement.date, lang) : '—'}
                {w.retirement && note(w.retirement.rule)}
              </>
            ),
          },
        ]}
      />
    </Card>
  );
}

export function DashboardPage() {
  const { t, lang } = useI18n();
  const loader = useCallback(() => dashboardApi.get(), []);
  const { data: d, error } = useLoad(loader);
  if (error) return <LoadError error={error} />;
  if (!d) return <Skeleton active />;
  return (
    <div className="page-stack" data-testid="dashboard-page" data-kind={d.kind}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('dash.title')}
        <Typography.Text type="secondary" style={{ fontSize: 14, marginInlineStart: 12, fontWeight: 'normal' }}>
          {d.region?.name ?? d.worker?.regionName} · {d.roleLabel} · {formatDate(d.date, lang)}
        </Typography.Text>
      </Typography.Title>
      {d.kind === 'admin' && <SecurityWarnings />}
      {d.kind === 'worker' && d.worker && <WorkerView d={d} />}
      {d.staffing && <StaffingCard d={d} />}
      {d.kind === 'office' && d.region?.level !== 'community' && (
        <Card title={t('dash.mostShort')} size="small">
          {d.mostShort.length ? (
            <StaffingTable rows={d.mostShort} testId="dash-most-short" />
          ) : (
            <Empty description={t('dash.noneShort')} />
          )}
        </Card>
      )}
      {d.tiles.length > 0 && (
        <Card title={t('dash.todo')} size="small" data-testid="dash-tiles">
          <Tiles tiles={d.tiles} />
        </Card>
      )}
      {d.kind === 'admin' && (
        <Card title={t('dash.recent')} size="small" extra={<Link to="/audit">{t('dash.details')}</Link>}>
          <Table
            size="small"
            rowKey={(r) => `${r.at}/${r.actor}/${r.action}`}
            pagination={false}
            dataSource={d.recent}
            data-testid="dash-recent"
            columns={[
              { title: t('dash.at'), dataIndex: 'at', render: (v: string) => formatDateTime(v, lang) },
              { title: t('dash.actor'), dataIndex: 'actor' },
              { title: t('dash.action'), dataIndex: 'action' },
            ]}
          />
        </Card>
      )}
    </div>
  );
}
