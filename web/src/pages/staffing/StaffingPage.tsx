// 配备标准 (F-NORM §2.3): quota, headcount, gap and ratio of a region for a year, with the rule and
// the arithmetic; the sub-regions side by side (table and chart); quota adjustments; and the
// figures by year.
import { ClusterOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Card, Select, Skeleton, Space, Tabs } from 'antd';
import { useCallback } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { api, type RegionDetail, type Staffing } from '../../api';
import { useAuth } from '../../auth';
import { LoadError } from '../../components/ErrorResult';
import { useI18n } from '../../i18n';
import { useLoad } from '../../useLoad';
import { AdjustmentsCard } from './AdjustmentsCard';
import { ExplanationCard } from './ExplanationCard';
import { StaffingChildren } from './StaffingChildren';
import { StaffingHistory } from './StaffingHistory';
import { StaffingSummary } from './StaffingSummary';

const CURRENT_YEAR = new Date().getFullYear();
/** Years offered in the selector: this year, the next, and the past ten. */
const YEARS = Array.from({ length: 12 }, (_v, i) => CURRENT_YEAR + 1 - i);

function parseYear(value: string | null): number {
  const n = value && /^\d{4}$/.test(value) ? Number(value) : Number.NaN;
  return Number.isInteger(n) && n >= 1949 && n <= 2100 ? n : CURRENT_YEAR;
}

function StaffingView({ code }: { code: string }) {
  const [params, setParams] = useSearchParams();
  const year = parseYear(params.get('year'));
  const tab = params.get('tab') === 'history' ? 'history' : 'year';
  const { t } = useI18n();
  const { can } = useAuth();

  const regionLoader = useCallback(() => api.region(code), [code]);
  const region = useLoad<RegionDetail>(regionLoader);
  const staffingLoader = useCallback(() => api.staffing(code, year), [code, year]);
  const staffing = useLoad<Staffing>(staffingLoader);

  const setParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value === null) next.delete(key);
    else next.set(key, value);
    setParams(next, { replace: true });
  };

  if (region.error) return <LoadError error={region.error} />;
  if (!region.data) return <Skeleton active />;
  const { region: r, ancestors } = region.data;

  const yearSelect = (
    <Select
      value={year}
      onChange={(y: number) => setParam('year', String(y))}
      options={YEARS.map((y) => ({ value: y, label: t('staffing.yearOption', { year: y }) }))}
      style={{ width: 120 }}
      aria-label={t('staffing.year')}
      data-testid="staffing-year"
    />
  );

  const yearView = staffing.error ? (
    <LoadError error={staffing.error} />
  ) : !staffing.data ? (
    <Skeleton active />
  ) : (
    <div className="page-stack">
      <StaffingSummary data={staffing.data} year={year} loading={staffing.loading} />
      <ExplanationCard explanation={staffing.data.explanation} />
      <StaffingChildren items={staffing.data.children} year={year} loading={staffing.loading} />
      <AdjustmentsCard
        code={r.code}
        year={year}
        quota={staffing.data.quota}
        items={staffing.data.adjustments}
        // the quota is adjusted where it is held (county, or city when the policy says so)
        canAdjust={can('staffing.adjust') && staffing.data.quotaLevel === r.level}
        onChanged={staffing.reload}
      />
    </div>
  );

  return (
    <div className="page-stack" data-testid="staffing-page">
      <Breadcrumb
        items={[
          ...ancestors.map((a) => ({
            key: a.code,
            title: <Link to={`/staffing/${a.code}?year=${year}`}>{a.name}</Link>,
          })),
          { key: r.code, title: r.name },
        ]}
      />
      <Card
        title={
          <Space wrap>
            <span data-testid="staffing-region-name">{r.name}</span>
            <span className="muted-text" style={{ fontWeight: 'normal' }}>
              {t('staffing.title')}
            </span>
          </Space>
        }
        extra={
          <Space wrap>
            {tab === 'year' && yearSelect}
            <Link to={`/regions/${r.code}`}>
              <Button icon={<ClusterOutlined />}>{t('staffing.toRegion')}</Button>
            </Link>
          </Space>
        }
      >
        <Tabs
          activeKey={tab}
          onChange={(key) => setParam('tab', key === 'history' ? 'history' : null)}
          items={[
            { key: 'year', label: t('staffing.tab.year'), children: yearView },
            { key: 'history', label: t('staffing.tab.history'), children: <StaffingHistory code={r.code} /> },
          ]}
        />
      </Card>
    </div>
  );
}

export function StaffingPage() {
  const { code = '' } = useParams();
  // a fresh view per region, so one region's figures never show under another's name
  return <StaffingView key={code} code={code} />;
}
