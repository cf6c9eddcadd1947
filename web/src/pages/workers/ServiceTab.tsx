// 经历与年限: the employment periods, and the years of community work with the rule and how each
// period counted (F-GRADE: transfers inside the province accumulate, other provinces do not count).
import { Alert, Card, Descriptions, Table, Tag } from 'antd';
import type { ServiceYears, WorkerPeriod } from '../../api';
import { formatDate, formatNumber } from '../../format';
import { useI18n } from '../../i18n';
import { vocabLabel } from '../../workerVocab';

interface Props {
  periods: WorkerPeriod[];
  serviceYears: ServiceYears;
  regionNames: Record<string, string>;
}

type Row = ServiceYears['breakdown'][number];

export function ServiceTab({ periods, serviceYears, regionNames }: Props) {
  const { t, lang } = useI18n();
  const counted = serviceYears.breakdown.filter((b) => b.counted).length;
  return (
    <div className="page-stack">
      <Card size="small" title={t('worker.serviceYears')} data-testid="service-years">
        <div className="service-years-figure">{serviceYears.text}</div>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          items={[
            {
              key: 'days',
              label: t('worker.serviceDays'),
              children: t('worker.days', { n: formatNumber(serviceYears.days, lang) }),
            },
            {
              key: 'counted',
              label: t('worker.periodsCounted'),
              children: `${counted} / ${serviceYears.breakdown.length}`,
            },
          ]}
        />
        <Alert
          type="info"
          showIcon
          title={t('worker.serviceRule')}
          description={serviceYears.rule}
          style={{ marginTop: 12 }}
        />
        <div data-testid="service-breakdown" style={{ marginTop: 12 }}>
          <Table<Row>
            rowKey={(r) => `${r.regionCode}-${r.startDate}`}
            size="small"
            pagination={false}
            dataSource={serviceYears.breakdown}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: t('worker.unit'), key: 'region', render: (_v, r) => regionNames[r.regionCode] ?? r.regionCode },
              { title: t('worker.from'), key: 'start', render: (_v, r) => formatDate(r.startDate, lang) },
              {
                title: t('worker.to'),
                key: 'end',
                render: (_v, r) => (r.endDate ? formatDate(r.endDate, lang) : t('worker.untilNow')),
              },
              {
                title: t('worker.serviceDays'),
                key: 'days',
                align: 'right',
                render: (_v, r) => formatNumber(r.days, lang),
              },
              {
                title: t('worker.counted'),
                key: 'counted',
                render: (_v, r) =>
                  r.counted ? (
                    <Tag color="green">{t('worker.countedYes')}</Tag>
                  ) : (
                    <Tag color="default">{t('worker.countedNo')}</Tag>
                  ),
              },
              { title: t('worker.note'), dataIndex: 'note' },
            ]}
          />
        </div>
      </Card>
      <Card size="small" title={t('worker.periods')}>
        <div data-testid="periods-table">
          <Table<WorkerPeriod>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={periods}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: t('worker.unit'), dataIndex: 'regionName' },
              { title: t('worker.from'), key: 'start', render: (_v, p) => formatDate(p.startDate, lang) },
              {
                title: t('worker.to'),
                key: 'end',
                render: (_v, p) => (p.endDate ? formatDate(p.endDate, lang) : t('worker.untilNow')),
              },
              { title: t('wf.origin'), key: 'origin', render: (_v, p) => vocabLabel(t, 'origin', p.origin) },
              { title: t('worker.endType'), key: 'endType', render: (_v, p) => vocabLabel(t, 'periodEnd', p.endType) },
              { title: t('worker.endReason'), key: 'endReason', render: (_v, p) => p.endReason ?? '—' },
            ]}
          />
        </div>
      </Card>
    </div>
  );
}
