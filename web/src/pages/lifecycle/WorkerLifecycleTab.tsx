// 人员进出 on a worker's page (issue 6): the statutory retirement date with its rule and arithmetic,
// and the labour contracts (first and renewals) with a form to sign the next one.
import { App, Alert, Button, Checkbox, Form, Input, Skeleton, Space, Table, Tag } from 'antd';
import { useCallback } from 'react';
import { request } from '../../api';
import { LoadError } from '../../components/ErrorResult';
import { useFormAction } from '../../components/formErrors';
import { formatDate } from '../../format';
import { useLoad } from '../../useLoad';
import { useTx } from './useTx';

interface Retirement {
  date: string;
  ageYears: number;
  ageMonths: number;
  rule: string;
  arithmetic: string;
}
interface Contract {
  id: number;
  kind: 'first' | 'renewal';
  startDate: string;
  endDate: string | null;
  socialInsurance: boolean;
  housingFund: boolean;
  signedBy: string;
}

export function WorkerLifecycleTab({ workerId, canSign }: { workerId: number; canSign: boolean }) {
  const { tx, lang } = useTx();
  const { message } = App.useApp();
  const retLoader = useCallback(() => request<Retirement>('GET', `/api/workers/${workerId}/retirement`), [workerId]);
  const ret = useLoad(retLoader);
  const conLoader = useCallback(() => request<{ items: Contract[] }>('GET', `/api/workers/${workerId}/contracts`), [workerId]);
  const con = useLoad(conLoader);
  const [form] = Form.useForm<{ startDate: string; endDate?: string; socialInsurance: boolean; housingFund: boolean }>();
  const { saving, run } = useFormAction(form);
  if (ret.error) return <LoadError error={ret.error} />;
  if (!ret.data || !con.data) return <Skeleton active />;
  const sign = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    await run(async () => {
      await request('POST', `/api/workers/${workerId}/contracts`, { startDate: v.startDate, endDate: v.endDate || null, socialInsurance: !!v.socialInsurance, housingFund: !!v.housingFund });
      message.success(tx('合同已登记', 'Contract recorded'));
      form.resetFields();
      con.reload();
    });
  };
  return (
    <div className="page-stack" data-testid="worker-lifecycle">
      <Alert
        type="info"
        showIcon
        message={tx(`法定退休日期：${formatDate(ret.data.date, lang)}（${ret.data.ageYears} 周岁${ret.data.ageMonths ? ` ${ret.data.ageMonths} 个月` : ''}）`, `Statutory retirement: ${ret.data.date}`)}
        description={`${ret.data.rule}。${ret.data.arithmetic}`}
      />
      <Table<Contract>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={con.data.items}
        columns={[
          { title: tx('合同', 'Contract'), dataIndex: 'kind', render: (v) => <Tag>{v === 'first' ? tx('首签', 'First') : tx('续签', 'Renewal')}</Tag> },
          { title: tx('开始', 'Start'), dataIndex: 'startDate', render: (v) => formatDate(v, lang) },
          { title: tx('结束', 'End'), dataIndex: 'endDate', render: (v) => (v ? formatDate(v, lang) : tx('无固定期限', 'Open-ended')) },
          { title: tx('社会保险', 'Social insurance'), dataIndex: 'socialInsurance', render: (v) => (v ? '✓' : '—') },
          { title: tx('住房公积金', 'Housing fund'), dataIndex: 'housingFund', render: (v) => (v ? '✓' : '—') },
          { title: tx('登记人', 'By'), dataIndex: 'signedBy' },
        ]}
      />
      {canSign && (
        <Form form={form} layout="inline" initialValues={{ socialInsurance: true, housingFund: true }}>
          <Form.Item name="startDate" label={tx('开始日期', 'Start')} rules={[{ required: true }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="endDate" label={tx('结束日期（空为无固定期限）', 'End (empty = open-ended)')}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="socialInsurance" valuePropName="checked">
            <Checkbox>{tx('社会保险', 'Social insurance')}</Checkbox>
          </Form.Item>
          <Form.Item name="housingFund" valuePropName="checked">
            <Checkbox>{tx('住房公积金', 'Housing fund')}</Checkbox>
          </Form.Item>
          <Space>
            <Button type="primary" loading={saving} onClick={sign}>
              {con.data.items.length ? tx('登记续签', 'Record renewal') : tx('登记合同', 'Record contract')}
            </Button>
          </Space>
        </Form>
      )}
    </div>
  );
}
