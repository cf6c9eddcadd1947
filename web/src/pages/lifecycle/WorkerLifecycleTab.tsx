// 人员进出 on a worker's page (issue 6): the statutory retirement date with its rule and arithmetic,
// and the labour contracts (first and renewals) with a form to sign the next one.
import { Alert, App, Button, Checkbox, Form, Input, Skeleton, Space, Table, Tag } from 'antd';
import { useCallback } from 'react';
import { type ApiResponse, type Item, request } from '../../api';
import { LoadError } from '../../components/ErrorResult';
import { useFormAction } from '../../components/formErrors';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n';
import { useLoad } from '../../useLoad';

type Contract = Item<ApiResponse<'/api/workers/{id}/contracts'>>;

export function WorkerLifecycleTab({ workerId, canSign }: { workerId: number; canSign: boolean }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const retLoader = useCallback(
    () => request<ApiResponse<'/api/workers/{id}/retirement'>>('GET', `/api/workers/${workerId}/retirement`),
    [workerId],
  );
  const ret = useLoad(retLoader);
  const conLoader = useCallback(
    () => request<ApiResponse<'/api/workers/{id}/contracts'>>('GET', `/api/workers/${workerId}/contracts`),
    [workerId],
  );
  const con = useLoad(conLoader);
  const [form] = Form.useForm<{
    startDate: string;
    endDate?: string;
    socialInsurance: boolean;
    housingFund: boolean;
  }>();
  const { saving, run } = useFormAction(form);
  if (ret.error) return <LoadError error={ret.error} />;
  if (!ret.data || !con.data) return <Skeleton active />;
  const sign = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    await run(async () => {
      await request('POST', `/api/workers/${workerId}/contracts`, {
        startDate: v.startDate,
        endDate: v.endDate || null,
        socialInsurance: !!v.socialInsurance,
        housingFund: !!v.housingFund,
      });
      message.success(t('lifecycle.contractRecorded'));
      form.resetFields();
      con.reload();
    });
  };
  return (
    <div className="page-stack" data-testid="worker-lifecycle">
      <Alert
        type="info"
        showIcon
        message={t('lifecycle.statutoryRetirementDate', {
          date: formatDate(ret.data.date, lang),
          ageYears: ret.data.ageYears,
          months: ret.data.ageMonths ? t('lifecycle.monthsSuffix', { n: ret.data.ageMonths }) : '',
        })}
        description={`${ret.data.rule}。${ret.data.arithmetic}`}
      />
      <Table<Contract>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={con.data.items}
        columns={[
          {
            title: t('lifecycle.contract'),
            dataIndex: 'kind',
            render: (v) => <Tag>{v === 'first' ? t('lifecycle.first') : t('lifecycle.renewal')}</Tag>,
          },
          { title: t('lifecycle.start'), dataIndex: 'startDate', render: (v) => formatDate(v, lang) },
          {
            title: t('lifecycle.end'),
            dataIndex: 'endDate',
            render: (v) => (v ? formatDate(v, lang) : t('lifecycle.openEnded')),
          },
          { title: t('lifecycle.socialInsurance'), dataIndex: 'socialInsurance', render: (v) => (v ? '✓' : '—') },
          { title: t('lifecycle.housingFund'), dataIndex: 'housingFund', render: (v) => (v ? '✓' : '—') },
          { title: t('lifecycle.by'), dataIndex: 'signedBy' },
        ]}
      />
      {canSign && (
        <Form form={form} layout="inline" initialValues={{ socialInsurance: true, housingFund: true }}>
          <Form.Item name="startDate" label={t('lifecycle.start2')} rules={[{ required: true }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="endDate" label={t('lifecycle.endEmptyOpenEnded')}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="socialInsurance" valuePropName="checked">
            <Checkbox>{t('lifecycle.socialInsurance')}</Checkbox>
          </Form.Item>
          <Form.Item name="housingFund" valuePropName="checked">
            <Checkbox>{t('lifecycle.housingFund')}</Checkbox>
          </Form.Item>
          <Space>
            <Button type="primary" loading={saving} onClick={sign}>
              {con.data.items.length ? t('lifecycle.recordRenewal') : t('lifecycle.recordContract')}
            </Button>
          </Space>
        </Form>
      )}
    </div>
  );
}
