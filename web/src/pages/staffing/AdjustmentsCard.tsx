// 职数调整 (F-NORM): the adjustments of the region's quota, who made them, when and why, and the
// 调整职数 form for those allowed (staffing.adjust).
import { EditOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { api, type StaffingAdjustment } from '../../api';
import { useFormAction } from '../../components/formErrors';
import { formatDateTime, formatNumber } from '../../format';
import { useI18n } from '../../i18n';

interface Props {
  code: string;
  year: number;
  /** the quota in force for the year, proposed in the form */
  quota: number;
  items: StaffingAdjustment[];
  canAdjust: boolean;
  onChanged: () => void;
}

interface Values {
  year: number;
  quota: number;
  reason: string;
}

function AdjustModal({
  code,
  year,
  quota,
  open,
  onClose,
  onSaved,
}: {
  code: string;
  year: number;
  quota: number;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { saving, run } = useFormAction(form);

  useEffect(() => {
    if (open) form.setFieldsValue({ year, quota, reason: '' });
  }, [open, year, quota, form]);

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    await run(async () => {
      await api.adjustStaffing(code, { year: v.year, quota: v.quota, reason: v.reason.trim() });
      message.success(t('staffing.adjusted'));
      onSaved();
    });
  };

  return (
    <Modal
      title={t('staffing.adjust')}
      open={open}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={saving}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      forceRender
    >
      <Alert type="info" showIcon title={t('staffing.adjustHint')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" data-testid="staffing-adjust-form">
        <Form.Item name="year" label={t('staffing.year')} rules={[{ required: true, message: t('common.required') }]}>
          <InputNumber min={1949} max={2100} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="quota"
          label={t('staffing.adjustQuota')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid="staffing-adjust-quota" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('staffing.adjustReason')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="staffing-adjust-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function AdjustmentsCard({ code, year, quota, items, canAdjust, onChanged }: Props) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(false);
  const rows = [...(items ?? [])].sort((a, b) => b.year - a.year || b.createdAt.localeCompare(a.createdAt));
  return (
    <Card
      size="small"
      title={t('staffing.adjustments')}
      data-testid="staffing-adjustments"
      extra={
        canAdjust && (
          <Button icon={<EditOutlined />} onClick={() => setOpen(true)} data-testid="staffing-adjust">
            {t('staffing.adjust')}
          </Button>
        )
      }
    >
      <Table<StaffingAdjustment>
        rowKey="id"
        size="small"
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t('staffing.noAdjustments') }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('staffing.year'), dataIndex: 'year', width: 90 },
          ...(rows.some((r) => r.regionName && r.regionCode !== code)
            ? [
                {
                  title: t('staffing.adjustRegion'),
                  dataIndex: 'regionName',
                  render: (v: string | undefined) => v ?? '—',
                },
              ]
            : []),
          {
            title: t('staffing.adjustQuota'),
            dataIndex: 'quota',
            align: 'right',
            render: (n: number, r) => (
              <>
                {formatNumber(n, lang)}
                {r.applied && (
                  <Tag
                    color="blue"
                    title={t('staffing.appliedHint')}
                    style={{ marginInlineStart: 8, marginInlineEnd: 0 }}
                  >
                    {t('staffing.applied')}
                  </Tag>
                )}
              </>
            ),
          },
          { title: t('staffing.adjustReason'), dataIndex: 'reason' },
          { title: t('staffing.adjustedBy'), dataIndex: 'createdBy', width: 160 },
          {
            title: t('staffing.adjustedAt'),
            dataIndex: 'createdAt',
            width: 180,
            render: (v: string) => formatDateTime(v, lang),
          },
        ]}
      />
      {canAdjust && (
        <AdjustModal
          code={code}
          year={year}
          quota={quota}
          open={open}
          onClose={() => setOpen(false)}
          onSaved={() => {
            setOpen(false);
            onChanged();
          }}
        />
      )}
    </Card>
  );
}
