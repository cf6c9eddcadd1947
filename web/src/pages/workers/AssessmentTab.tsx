// A worker's annual assessments (F-ASSESS): each year's result with the scores and the steps that gave it,
// why they were not rated, the consequences and any 容错纠错 decision. Approved years are the ones the
// grade counts; an open plan is marked as not yet approved.
import { Alert, Card, Descriptions, Empty, Skeleton, Space, Tag, Typography } from 'antd';
import { useCallback } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../../auth';
import { formatDate } from '../../format';
import { errorText, useI18n } from '../../i18n';
import { useLoad } from '../../useLoad';
import { type WorkerAssessmentYear, workerAssessmentApi } from './assessmentApi';

const RESULT_COLORS: Record<NonNullable<WorkerAssessmentYear['result']>, string> = {
  excellent: 'green',
  competent: 'blue',
  basic: 'orange',
  fail: 'red',
};
const CONSEQUENCE_COLORS: Record<WorkerAssessmentYear['consequences'][number]['status'], string> = {
  proposed: 'gold',
  confirmed: 'green',
  rejected: 'default',
  waived: 'purple',
};

export function AssessmentTab({ workerId }: { workerId: number }) {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const loader = useCallback(() => workerAssessmentApi.get(workerId), [workerId]);
  const { data, error } = useLoad(loader);
  if (error) return <Alert type="error" showIcon title={errorText(lang, error.code, error.message)} />;
  if (!data) return <Skeleton active />;
  if (!data.items.length) return <Empty description={t('wa.none')} />;
  return (
    <div className="page-stack" data-testid="worker-assessments">
      {data.items.map((y) => (
        <Card
          key={y.planId}
          size="small"
          data-testid={`worker-assessment-${y.year}`}
          title={
            <Space>
              <span>{t('wa.year', { year: y.year })}</span>
              {y.resultLabel ? (
                <Tag
                  color={y.result ? RESULT_COLORS[y.result] : undefined}
                  data-testid={`worker-assessment-result-${y.year}`}
                >
                  {y.resultLabel}
                </Tag>
              ) : (
                <Tag>{y.rated ? t('wa.unscored') : t('wa.notRated')}</Tag>
              )}
              {!y.approved && <Tag color="gold">{t('wa.open')}</Tag>}
            </Space>
          }
          extra={can('assessment.read') ? <Link to={`/assessment/${y.planId}`}>{y.planTitle}</Link> : y.planTitle}
        >
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, lg: 4 }}
            items={[
              ...(y.scores
                ? [
                    { key: 'pq', label: t('wa.politicalQuality'), children: y.scores.politicalQuality },
                    { key: 'wp', label: t('wa.workPerformance'), children: y.scores.workPerformance },
                    { key: 'rs', label: t('wa.residentSatisfaction'), children: `${y.scores.residentSatisfaction}%` },
                    { key: 'total', label: t('wa.total'), children: y.total ?? '—' },
                  ]
                : []),
              ...(y.unratedReason ? [{ key: 'unrated', label: t('wa.unratedReason'), children: y.unratedReason }] : []),
              {
                key: 'approved',
                label: t('wa.approvedAt'),
                children: y.approvedAt ? formatDate(y.approvedAt.slice(0, 10), lang) : t('wa.open'),
              },
            ]}
          />
          {y.steps.length > 0 && (
            <ol style={{ margin: '8px 0', paddingInlineStart: 20 }} data-testid={`worker-assessment-steps-${y.year}`}>
              {y.steps.map((s) => (
                <li key={`${s.rule}:${s.text}`}>{s.text}</li>
              ))}
            </ol>
          )}
          {y.consequences.length > 0 && (
            <>
              <Typography.Text strong>{t('wa.consequences')}</Typography.Text>
              <ul>
                {y.consequences.map((c) => (
                  <li key={c.kind}>
                    <Tag color={CONSEQUENCE_COLORS[c.status]}>{t(`wa.status.${c.status}`)}</Tag>
                    {c.kindLabel}
                    {c.note ? `（${c.note}）` : ''}
                  </li>
                ))}
              </ul>
            </>
          )}
          {y.faultTolerance && (
            <Alert
              type="info"
              showIcon
              title={t('wa.faultTolerance', {
                reason: y.faultTolerance.reason,
                date: formatDate(y.faultTolerance.decidedAt.slice(0, 10), lang),
              })}
            />
          )}
        </Card>
      ))}
    </div>
  );
}
