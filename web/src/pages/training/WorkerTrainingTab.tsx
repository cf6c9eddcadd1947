// A worker's training (F-TRAIN-RULE): their status with the rule, the window and the arithmetic, and
// every program they were enrolled in.
import { Alert, Card, Descriptions, Skeleton, Table, Tag } from 'antd';
import { useCallback } from 'react';
import { Link } from 'react-router-dom';
import { api, type WorkerTraining } from '../../api';
import { formatDate } from '../../format';
import { errorText } from '../../i18n';
import { useLoad } from '../../useLoad';
import { ComplianceReason } from './CompliancePage';
import { COMPLIANCE, COMPLIANCE_COLORS, ENROLMENT_STATUSES, LEVELS, TIERS, TYPES, useTrainingText } from './text';

export function WorkerTrainingTab({ workerId }: { workerId: number }) {
  const { tt, label, lang } = useTrainingText();
  const loader = useCallback(() => api.workerTraining(workerId), [workerId]);
  const { data, error } = useLoad<WorkerTraining>(loader);
  if (error) return <Alert type="error" showIcon title={errorText(lang, error.code, error.message)} />;
  if (!data) return <Skeleton active />;
  const c = data.compliance;
  return (
    <div className="page-stack" data-testid="worker-training">
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          items={[
            {
              key: 'status',
              label: tt('status'),
              children: (
                <Tag color={COMPLIANCE_COLORS[c.status]} data-testid="worker-training-status">
                  {label(COMPLIANCE, c.status)}
                </Tag>
              ),
            },
            { key: 'asOf', label: tt('asOf'), children: formatDate(data.date, lang) },
            {
              key: 'window',
              label: tt('window'),
              children: c.window ? `${formatDate(c.window.from, lang)} – ${formatDate(c.window.to, lang)}` : '—',
            },
            { key: 'count', label: tt('inWindow'), children: `${c.completionsInWindow} / ${c.required}` },
            { key: 'deadline', label: tt('deadline'), children: formatDate(c.deadline, lang) },
            {
              key: 'last',
              label: tt('lastCompleted'),
              children: c.lastCompleted
                ? `${formatDate(c.lastCompleted.date, lang)} ${c.lastCompleted.title ?? ''}`
                : '—',
            },
            { key: 'source', label: tt('source'), children: c.source },
          ]}
        />
        <ComplianceReason item={c} />
      </Card>
      <Card size="small" title={tt('enrolments')}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={data.enrolments}
          columns={[
            {
              key: 'title',
              title: tt('programTitle'),
              render: (_: unknown, e) => <Link to={`/training/programs/${e.programId}`}>{e.title}</Link>,
            },
            { key: 'level', title: tt('organiserLevel'), render: (_: unknown, e) => label(LEVELS, e.organiserLevel) },
            { key: 'tier', title: tt('tier'), render: (_: unknown, e) => label(TIERS, e.tier) },
            { key: 'type', title: tt('type'), render: (_: unknown, e) => label(TYPES, e.type) },
            {
              key: 'dates',
              title: tt('dates'),
              render: (_: unknown, e) => `${formatDate(e.startDate, lang)} – ${formatDate(e.endDate, lang)}`,
            },
            { key: 'hours', title: tt('hours'), dataIndex: 'hours' },
            {
              key: 'status',
              title: tt('status'),
              render: (_: unknown, e) => (
                <Tag color={e.status === 'completed' ? 'green' : e.status === 'absent' ? 'red' : 'blue'}>
                  {label(ENROLMENT_STATUSES, e.status)}
                </Tag>
              ),
            },
            {
              key: 'completedOn',
              title: tt('completedOn'),
              render: (_: unknown, e) => formatDate(e.completedOn, lang),
            },
            { key: 'cert', title: tt('certificateNo'), render: (_: unknown, e) => e.certificateNo ?? '—' },
          ]}
        />
      </Card>
    </div>
  );
}
