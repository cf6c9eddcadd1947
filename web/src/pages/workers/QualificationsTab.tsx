// 职业水平 (F-QUAL): the social work qualifications held, and registering a new one.
import { App, Button, Card, Form, Input, Select, Table } from 'antd';
import { api, type QualificationLevel, type WorkerQualification } from '../../api';
import { useFormAction } from '../../components/formErrors';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n';
import { vocabLabel, vocabOptions } from '../../workerVocab';
import { DateInput, isoOf, type PickedDate } from './WorkerFields';

interface Values {
  level: QualificationLevel;
  certificateNo?: string;
  obtainedOn: PickedDate;
}

interface Props {
  workerId: number;
  qualifications: WorkerQualification[];
  canAdd: boolean;
  onChanged: () => void;
}

export function QualificationsTab({ workerId, qualifications, canAdd, onChanged }: Props) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { saving, run } = useFormAction(form);

  const submit = async (v: Values) => {
    await run(async () => {
      await api.addQualification(workerId, {
        level: v.level,
        certificateNo: v.certificateNo?.trim() || null,
        obtainedOn: isoOf(v.obtainedOn) ?? '',
      });
      message.success(t('common.saved'));
      form.resetFields();
      onChanged();
    });
  };

  return (
    <div className="page-stack">
      <div data-testid="qualifications-table">
        <Table<WorkerQualification>
          rowKey="id"
          size="middle"
          pagination={false}
          dataSource={qualifications}
          locale={{ emptyText: t('worker.noQualification') }}
          columns={[
            { title: t('wf.qualification'), key: 'level', render: (_v, q) => vocabLabel(t, 'qualification', q.level) },
            { title: t('wf.qualificationCertificateNo'), key: 'no', render: (_v, q) => q.certificateNo ?? '—' },
            { title: t('wf.qualificationDate'), key: 'date', render: (_v, q) => formatDate(q.obtainedOn, lang) },
          ]}
        />
      </div>
      {canAdd && (
        <Card size="small" title={t('worker.addQualification')}>
          <Form
            form={form}
            name="workerQualification"
            layout="inline"
            onFinish={submit}
            className="filter-form"
            data-testid="qualification-form"
          >
            <Form.Item
              name="level"
              label={t('wf.qualification')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <Select options={vocabOptions(t, 'qualification')} style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name="certificateNo" label={t('wf.qualificationCertificateNo')}>
              <Input maxLength={50} style={{ width: 200 }} />
            </Form.Item>
            <Form.Item
              name="obtainedOn"
              label={t('wf.qualificationDate')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <DateInput style={{ width: 180 }} />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={saving}>
                {t('common.add')}
              </Button>
            </Form.Item>
          </Form>
        </Card>
      )}
    </div>
  );
}
