// 年度考核 (F-ASSESS §4.10): the plans the county issued; the county issues the year's plan here.
import { App, Button, Card, Form, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useCallback } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { type AssessmentPlan, api } from '../../api';
import { useAuth, useMe } from '../../auth';
import { useFormAction } from '../../components/formErrors';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n';
import { useLoad } from '../../useLoad';

export function AssessmentPlansPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const loader = useCallback(() => api.assessmentPlans(), []);
  const { data, loading, reload } = useLoad(loader);
  const [form] = Form.useForm<{ year: number; title?: string }>();
  const { saving, run } = useFormAction(form);
  const mayIssue = can('assessment.plan') && me.regionLevel === 'county';

  const onCreate = (v: { year: number; title?: string }) =>
    run(async () => {
      const r = await api.createAssessmentPlan({
        regionCode: me.regionCode,
        year: v.year,
        title: v.title || undefined,
      });
      message.success(t('assess.created', { entries: r.entries, rated: r.rated }));
      reload();
      navigate(`/assessment/${r.plan.id}`);
    });

  return (
    <div className="page-stack" data-testid="assessment-plans">
      <Typography.Title level={3}>{t('assess.title')}</Typography.Title>
      {mayIssue && (
        <Card size="small" title={t('assess.newPlan')}>
          <Form form={form} layout="inline" onFinish={onCreate} initialValues={{ year: new Date().getFullYear() }}>
            <Form.Item name="year" label={t('assess.year')} rules={[{ required: true }]}>
              <InputNumber min={2000} max={2200} data-testid="plan-year" />
            </Form.Item>
            <Form.Item name="title" label={t('assess.planTitle')}>
              <Input style={{ width: 280 }} maxLength={200} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="plan-create">
              {t('assess.newPlan')}
            </Button>
          </Form>
        </Card>
      )}
      <Table<AssessmentPlan & { entries: number; scored: number }>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('assess.noPlan') }}
        columns={[
          { title: t('assess.year'), dataIndex: 'year', width: 90 },
          {
            title: t('assess.planTitle'),
            dataIndex: 'title',
            render: (v: string, r) => (
              <Link to={`/assessment/${r.id}`} data-testid={`plan-link-${r.year}`}>
                {v}
              </Link>
            ),
          },
          { title: t('assess.county'), dataIndex: 'regionName' },
          {
            title: t('assess.statusCol'),
            dataIndex: 'status',
            render: (s: string) => (
              <Tag color={s === 'approved' ? 'green' : 'blue'}>{t(`assess.status.${s}` as 'assess.status.open')}</Tag>
            ),
          },
          {
            title: t('assess.sheet'),
            render: (_: unknown, r) => t('assess.progress', { scored: r.scored, entries: r.entries }),
          },
          {
            title: t('assess.window'),
            render: (_: unknown, r) => `${formatDate(r.ratingFrom, lang)} – ${formatDate(r.ratingTo, lang)}`,
          },
        ]}
      />
      <Space />
    </div>
  );
}
