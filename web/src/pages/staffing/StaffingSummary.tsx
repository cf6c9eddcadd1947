// The year's figures as cards: urban resident population, quota, headcount by category, gap,
// workers per 10,000 and the status (缺员 red / 持平 green / 超员 orange).
import { Card, Col, Row, Statistic, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { Staffing } from '../../api';
import { formatFixed, formatNumber } from '../../format';
import { useI18n } from '../../i18n';
import { STAFFING_STATUS_COLORS, staffingStatusLabel } from '../../labels';

const GAP_COLORS = { short: '#cf1322', within: '#389e0d', over: '#d46b08' } as const;

function Figure({
  title,
  value,
  note,
  testId,
  color,
  loading,
}: {
  title: string;
  value: ReactNode;
  note?: ReactNode;
  testId: string;
  color?: string;
  loading: boolean;
}) {
  return (
    <Card size="small" className="figure-card" data-testid={testId}>
      <Statistic
        title={title}
        loading={loading}
        valueRender={() => value}
        styles={{ content: color ? { color } : undefined }}
      />
      <Typography.Text type="secondary" className="figure-note">
        {note ?? '\u00a0'}
      </Typography.Text>
    </Card>
  );
}

export function StaffingSummary({ data, year, loading }: { data: Staffing; year: number; loading: boolean }) {
  const { t, lang } = useI18n();
  const quotaLevel = ['county', 'city'].includes(data.quotaLevel)
    ? t(`staffing.quotaLevel.${data.quotaLevel as 'county' | 'city'}`)
    : data.quotaLevel;
  const cols = { xs: 12, sm: 8, xl: 4 };
  return (
    <Row gutter={[12, 12]} data-testid="staffing-summary">
      <Col {...cols}>
        <Figure
          testId="staffing-population"
          loading={loading}
          title={`${t('staffing.urbanPopulation')}（${t('staffing.yearOption', { year })}）`}
          value={
            data.urbanPopulation === null ? '—' : t('unit.people', { n: formatNumber(data.urbanPopulation, lang) })
          }
          note={data.urbanPopulation === null ? t('staffing.noPopulation') : undefined}
        />
      </Col>
      <Col {...cols}>
        <Figure
          testId="staffing-quota"
          loading={loading}
          title={t('staffing.quota')}
          value={formatNumber(data.quota, lang)}
          note={`${t('staffing.quotaLevel')}：${quotaLevel}`}
        />
      </Col>
      <Col {...cols}>
        <Figure
          testId="staffing-headcount"
          loading={loading}
          title={t('staffing.headcount')}
          value={formatNumber(data.headcount, lang)}
          note={t('staffing.byCategory', {
            committee: formatNumber(data.byCategory?.committee ?? 0, lang),
            staff: formatNumber(data.byCategory?.staff ?? 0, lang),
          })}
        />
      </Col>
      <Col {...cols}>
        <Figure
          testId="staffing-gap"
          loading={loading}
          title={t('staffing.gap')}
          value={formatNumber(data.gap, lang)}
          color={GAP_COLORS[data.status]}
          note={t('staffing.gapHint')}
        />
      </Col>
      <Col {...cols}>
        <Figure
          testId="staffing-per10k"
          loading={loading}
          title={t('staffing.per10k')}
          value={formatFixed(data.per10k, 2, lang)}
          note={t('staffing.per10kHint')}
        />
      </Col>
      <Col {...cols}>
        <Figure
          testId="staffing-status"
          loading={loading}
          title={t('staffing.status')}
          value={
            <Tag
              color={STAFFING_STATUS_COLORS[data.status]}
              className="status-tag-large"
              data-testid="staffing-status-tag"
            >
              {staffingStatusLabel(t, data.status)}
            </Tag>
          }
        />
      </Col>
    </Row>
  );
}
