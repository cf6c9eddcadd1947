// 岗位等级 (F-GRADE §2.4): the worker's grade on a date with every step of the rule — category,
// years of community work, education, steps for years, qualification, early steps, cap — so the
// office can say why she is at grade 9.
import { Alert, Card, Descriptions, Skeleton, Space, Steps, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { api, type GradeStep, type WorkerGrade } from '../../api';
import { PolicySources } from '../../components/PolicySources';
import { formatDate } from '../../format';
import { errorText, type Translate, useI18n } from '../../i18n';
import { gradeRuleLabel } from '../../labels';
import { useLoad } from '../../useLoad';
import { DateInput, isoOf, type PickedDate } from './WorkerFields';

function effectTag(t: Translate, step: GradeStep) {
  if (step.rule === 'category') return <Tag color="blue">{t('grade.startAt', { n: step.effect })}</Tag>;
  if (step.effect > 0) return <Tag color="green">+{step.effect}</Tag>;
  if (step.effect < 0) return <Tag color="orange">{step.effect}</Tag>;
  return <Tag>{t('grade.noChange')}</Tag>;
}

/** A step's input as readable JSON, folded away (the periods of a long career are many lines). */
export function StepInput({ input, label }: { input: unknown; label: string }) {
  if (input === null || input === undefined) return null;
  if (typeof input === 'object' && Object.keys(input as object).length === 0) return null;
  return (
    <details className="step-input">
      <summary>{label}</summary>
      <pre className="json-block">{JSON.stringify(input, null, 2)}</pre>
    </details>
  );
}

export function GradeTab({ workerId }: { workerId: number }) {
  const { t, lang } = useI18n();
  const [date, setDate] = useState<PickedDate | null>(null);
  const iso = isoOf(date) ?? undefined;
  const loader = useCallback(() => api.workerGrade(workerId, iso), [workerId, iso]);
  const { data, error, loading } = useLoad<WorkerGrade>(loader);

  return (
    <div className="page-stack" data-testid="worker-grade">
      <Space wrap>
        <Typography.Text>{t('grade.date')}：</Typography.Text>
        <div style={{ width: 200 }}>
          <DateInput value={date} onChange={setDate} data-testid="grade-date" />
        </div>
        {!date && <Typography.Text type="secondary">{t('grade.today')}</Typography.Text>}
      </Space>
      {error ? (
        <Alert
          type="error"
          showIcon
          title={t('common.loadFailed')}
          description={errorText(lang, error.code, error.message)}
        />
      ) : !data ? (
        <Skeleton active />
      ) : (
        <>
          <Card size="small" loading={loading && !data}>
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2 }}
              items={[
                {
                  key: 'grade',
                  label: t('grade.grade'),
                  children: (
                    <span className="grade-figure" data-testid="grade-value">
                      {t('grade.gradeN', { n: data.grade })}
                    </span>
                  ),
                },
                {
                  key: 'category',
                  label: t('grade.category'),
                  children: (
                    <Tag color="red" data-testid="grade-category">
                      {data.categoryName || data.category}
                    </Tag>
                  ),
                },
                ...(data.minGrade !== undefined && data.maxGrade !== undefined
                  ? [
                      {
                        key: 'range',
                        label: t('grade.range'),
                        children: t('grade.rangeValue', { min: data.minGrade, max: data.maxGrade }),
                      },
                    ]
                  : []),
                ...(data.recorded !== undefined
                  ? [
                      {
                        key: 'recorded',
                        label: t('grade.recorded'),
                        children: data.recorded
                          ? t('grade.recordedValue', {
                              n: data.recorded.grade,
                              date: formatDate(data.recorded.effectiveFrom, lang),
                            })
                          : t('grade.recordedNone'),
                      },
                    ]
                  : []),
              ]}
            />
            <PolicySources sources={data.policySources} />
          </Card>
          <Card size="small" title={t('grade.steps')}>
            <div data-testid="grade-steps">
              <Steps
                orientation="vertical"
                size="small"
                current={data.steps.length}
                items={data.steps.map((s, i) => ({
                  key: `${s.rule}-${i}`,
                  status: 'finish' as const,
                  title: (
                    <Space size={8}>
                      <span>{gradeRuleLabel(t, s.rule)}</span>
                      {effectTag(t, s)}
                    </Space>
                  ),
                  content: (
                    <div className="grade-step" data-testid="grade-step">
                      <div>{s.text}</div>
                      {typeof s.grade === 'number' && (
                        <Typography.Text type="secondary">{t('grade.after', { n: s.grade })}</Typography.Text>
                      )}
                      <StepInput input={s.input} label={t('grade.input')} />
                    </div>
                  ),
                }))}
              />
            </div>
          </Card>
        </>
      )}
    </div>
  );
}
