// 任职: the positions held, and 任职变动 (POST …/positions) for those who may manage the record.
import { App, Button, Card, Form, Input, Select, Table, Tag } from 'antd';
import { api, type PositionCode, type WorkerPosition } from '../../api';
import { useFormAction } from '../../components/formErrors';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n';
import { vocabLabel, vocabOptions } from '../../workerVocab';
import { DateInput, isoOf, type PickedDate } from './WorkerFields';

interface Values {
  position: PositionCode;
  startDate: PickedDate;
  term?: string;
}

interface Props {
  workerId: number;
  positions: WorkerPosition[];
  regionNames: Record<string, string>;
  canChange: boolean;
  onChanged: () => void;
}

export function PositionsTab({ workerId, positions, regionNames, canChange, onChanged }: Props) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { saving, run } = useFormAction(form);

  const submit = async (v: Values) => {
    await run(async () => {
      const res = await api.changePosition(workerId, {
        position: v.position,
        startDate: isoOf(v.startDate) ?? '',
        term: v.term?.trim() || null,
      });
      message.success(t('worker.positionChanged', { category: res.category }));
      form.resetFields();
      onChanged();
    });
  };

  const sorted = [...positions].sort((a, b) => b.startDate.localeCompare(a.startDate));

  return (
    <div className="page-stack">
      <div data-testid="positions-table">
        <Table<WorkerPosition>
          rowKey="id"
          size="middle"
          pagination={false}
          dataSource={sorted}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('wf.position'), key: 'position', render: (_v, p) => vocabLabel(t, 'position', p.position) },
            { title: t('wf.term'), key: 'term', render: (_v, p) => p.term ?? '—' },
            { title: t('worker.unit'), key: 'region', render: (_v, p) => regionNames[p.regionCode] ?? p.regionCode },
            { title: t('worker.from'), key: 'start', render: (_v, p) => formatDate(p.startDate, lang) },
            {
              title: t('worker.to'),
              key: 'end',
              render: (_v, p) =>
                p.endDate ? formatDate(p.endDate, lang) : <Tag color="green">{t('worker.current')}</Tag>,
            },
          ]}
        />
      </div>
      {canChange && (
        <Card size="small" title={t('worker.positionChange')}>
          <Form
            form={form}
            name="workerPosition"
            layout="inline"
            onFinish={submit}
            className="filter-form"
            data-testid="position-form"
          >
            <Form.Item
              name="position"
              label={t('worker.newPosition')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <Select options={vocabOptions(t, 'position')} style={{ width: 180 }} />
            </Form.Item>
            <Form.Item
              name="startDate"
              label={t('worker.positionStart')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <DateInput style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name="term" label={t('wf.term')}>
              <Input maxLength={30} style={{ width: 160 }} placeholder={t('worker.termHint')} />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={saving}>
                {t('common.save')}
              </Button>
            </Form.Item>
          </Form>
        </Card>
      )}
    </div>
  );
}
