// 队伍统计 (F-STATS §6.16): the figure set of a region on any date — live today, from the history
// for a past date — as tables (a row per child region, a totals row), charts of the distributions, the
// five-year trend, drill-down to the child regions and to the workers behind a figure, year-end
// snapshots with their differences, the .xlsx report and a print view.
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Breadcrumb, Button, Card, Input, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { Link, Navigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError, api } from '../../api';
import { useAuth } from '../../auth';
import { CHART_COLORS, type ChartOption, EChart } from '../../components/EChart';
import { LoadError } from '../../components/ErrorResult';
import { formatDate } from '../../format';
import { errorText, useI18n } from '../../i18n';
import { useLoad } from '../../useLoad';
import { StatsSectionCard } from './StatsSectionCard';
import { StatsSnapshots } from './StatsSnapshots';
import { type DrillTarget, StatsWorkersDrawer } from './StatsWorkersDrawer';

const todayIso = () =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());

function StatsView({ code }: { code: string }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const today = todayIso();
  const date = /^\d{4}-\d{2}-\d{2}$/.test(params.get('date') ?? '') ? params.get('date')! : today;
  const [drill, setDrill] = useState<DrillTarget | null>(null);

  const regionLoader = useCallback(() => api.region(code), [code]);
  const region = useLoad(regionLoader);
  const statsLoader = useCallback(() => api.stats(code, date === today ? undefined : date), [code, date, today]);
  const stats = useLoad(statsLoader);
  const trendLoader = useCallback(() => api.statsTrend(code), [code]);
  const trend = useLoad(trendLoader);

  const trendOption = useMemo<ChartOption>(() => {
    const items = trend.data?.items ?? [];
    return {
      color: [CHART_COLORS.headcount, CHART_COLORS.quota],
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: items.map((i) => `${t('stats.trendYear', { year: i.year })}${i.snapshot ? t('stats.fromSnapshot') : ''}`),
      },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', splitLine: { show: false } },
      ],
      series: [
        { name: t('stats.headcount'), type: 'bar', data: items.map((i) => i.headcount) },
        {
          name: t('stats.per10k'),
          type: 'line',
          yAxisIndex: 1,
          data: items.map((i) => i.per10k ?? '-'),
          symbolSize: 8,
        },
      ],
    };
  }, [trend.data, t]);

  if (region.error) return <LoadError error={region.error} />;
  if (!region.data) return <Skeleton active />;
  const { region: r, ancestors } = region.data;
  const s = stats.data;
  const setDate = (d: string) => {
    const next = new URLSearchParams(params);
    if (!d || d === today) next.delete('date');
    else next.set('date', d);
    setParams(next, { replace: true });
  };
  const staffing = s?.sections.find((x) => x.id === 'staffing');
  const v = (key: string) => staffing?.items.find((i) => i.key === key)?.value ?? null;
  const doExport = async () => {
    try {
      await api.exportStats(code, date === today ? undefined : date);
    } catch (e) {
      message.error(e instanceof ApiError ? errorText(lang, e.code, e.message) : String(e));
    }
  };

  return (
    <div className="page-stack stats-page" data-testid="stats-page">
      <Breadcrumb
        className="no-print"
        items={[
          ...ancestors.map((a) => ({ key: a.code, title: <Link to={`/stats/${a.code}?date=${date}`}>{a.name}</Link> })),
          { key: r.code, title: r.name },
        ]}
      />
      <Card
        title={
          <Space wrap>
            <span data-testid="stats-region-name">{r.name}</span>
            <span className="muted-text" style={{ fontWeight: 'normal' }}>
              {t('stats.title')} · {formatDate(date, lang)}
            </span>
            {s && (
              <Tag color={s.basis === 'live' ? 'green' : 'blue'} data-testid="stats-basis">
                {s.basis === 'live' ? t('stats.live') : t('stats.history')}
              </Tag>
            )}
            {s?.snapshot && <Tag color="gold">{t('stats.approved', { year: s.snapshot.year })}</Tag>}
          </Space>
        }
        extra={
          <Space wrap className="no-print">
            <Input
              type="date"
              value={date}
              max={today}
              onChange={(e) => setDate(e.target.value)}
              aria-label={t('stats.date')}
              style={{ width: 160 }}
              data-testid="stats-date"
            />
            {s?.abilities.export && (
              <Button icon={<DownloadOutlined />} onClick={doExport} data-testid="stats-export">
                {t('stats.export')}
              </Button>
            )}
            <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="stats-print">
              {t('stats.print')}
            </Button>
          </Space>
        }
      >
        {stats.error ? (
          <LoadError error={stats.error} />
        ) : !s ? (
          <Skeleton active />
        ) : (
          <Space size={48} wrap>
            <Statistic
              title={t('stats.headcount')}
              value={s.sections[0].items[0].value ?? 0}
              valueRender={(n) => <span data-testid="stats-headcount">{n}</span>}
            />
            <Statistic title={t('stats.quota')} value={v('quota') ?? '—'} />
            <Statistic title={t('stats.per10k')} value={v('per10k') ?? '—'} />
            <Typography.Text type="secondary" style={{ maxWidth: 520, display: 'inline-block', fontSize: 12 }}>
              {t('stats.method')}：{s.method}
            </Typography.Text>
          </Space>
        )}
      </Card>
      <Card size="small" title={t('stats.trend')} className="no-print">
        {trend.error ? (
          <LoadError error={trend.error} />
        ) : (
          <EChart option={trendOption} height={260} data-testid="stats-trend-chart" />
        )}
      </Card>
      <StatsSnapshots region={code} canApprove={!!s?.abilities.approve} today={today} />
      {s?.sections.map((section) => (
        <StatsSectionCard
          key={section.id}
          section={section}
          columns={s.columns}
          region={s.region}
          date={date}
          onDrill={
            s.abilities.workers
              ? (key, label, region) =>
                  setDrill({ region, date, section: section.id, sectionTitle: section.title, key, label })
              : null
          }
        />
      ))}
      {drill && <StatsWorkersDrawer target={drill} onClose={() => setDrill(null)} />}
    </div>
  );
}

/** 队伍统计 without a region: the signed-in user's own. */
export function StatsHome() {
  const { user } = useAuth();
  return user ? <Navigate to={`/stats/${user.regionCode}`} replace /> : <Navigate to="/login" replace />;
}

export function StatsPage() {
  const { code = '' } = useParams();
  return <StatsView key={code} code={code} />;
}
