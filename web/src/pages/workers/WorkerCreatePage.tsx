// 新建人员档案: every field of POST /api/workers; coded fields as Selects with Chinese labels, the ID
// number checked as it is typed, and the API's field errors placed on the fields.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { App, Button, Card, Divider, Form, Input, Select, Space, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { api, type WorkerCreateBody } from '../../api';
import { useFormAction } from '../../components/formErrors';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n';
import { checkIdNumber, todayIso } from '../../idNumber';
import { ELECTED_POSITIONS, vocabLabel, vocabOptions } from '../../workerVocab';
import { DateInput, IdNumberField, isoOf, PersonFields, type PickedDate } from './WorkerFields';

interface Values {
  name: string;
  idNumber: string;
  ethnicity?: string;
  politicalStatus?: string;
  education?: string;
  educationFulltime?: string;
  major?: string;
  socialWorkMajor?: boolean;
  phone?: string;
  homeRegionCode?: string;
  veteran?: boolean;
  graduateEntrant?: boolean;
  graduateYear?: number | null;
  category: string;
  position: string;
  term?: string;
  regionCode: string;
  startDate: PickedDate;
  origin?: string;
  status?: string;
  qualification?: string;
  qualificationCertificateNo?: string;
  qualificationDate?: PickedDate | null;
}

/** Drops blank values so the server applies its defaults. */
function bodyOf(v: Values): WorkerCreateBody {
  const body: WorkerCreateBody = {};
  const put = (key: string, value: string | number | boolean | null | undefined) => {
    if (value === undefined || value === null) return;
    if (typeof value === 'string' && value.trim() === '') return;
    body[key] = typeof value === 'string' ? value.trim() : value;
  };
  put('name', v.name);
  put('idNumber', v.idNumber);
  const id = checkIdNumber(v.idNumber, todayIso());
  if (id.ok) {
    put('gender', id.gender);
    put('birthDate', id.birthDate);
  }
  put('ethnicity', v.ethnicity);
  put('politicalStatus', v.politicalStatus);
  put('education', v.education);
  put('educationFulltime', v.educationFulltime);
  put('major', v.major);
  put('socialWorkMajor', v.socialWorkMajor ?? false);
  put('phone', v.phone);
  put('homeRegionCode', v.homeRegionCode);
  put('category', v.category);
  put('position', v.position);
  put('term', v.term);
  put('regionCode', v.regionCode);
  put('startDate', isoOf(v.startDate));
  put('origin', v.origin);
  put('status', v.status);
  put('veteran', v.veteran ?? false);
  put('graduateEntrant', v.graduateEntrant ?? false);
  put('graduateYear', v.graduateYear);
  put('qualification', v.qualification);
  put('qualificationCertificateNo', v.qualificationCertificateNo);
  put('qualificationDate', isoOf(v.qualificationDate));
  return body;
}

export function WorkerCreatePage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const { saving, run } = useFormAction(form);
  const idNumber = Form.useWatch('idNumber', form);
  const category = Form.useWatch('category', form);
  const qualification = Form.useWatch('qualification', form);

  const id = idNumber ? checkIdNumber(idNumber, todayIso()) : null;
  const positionOptions = vocabOptions(t, 'position').filter(
    (o) => !category || (category === 'staff' ? o.value === 'staff' : ELECTED_POSITIONS.includes(o.value)),
  );

  const submit = async (values: Values) => {
    await run(async () => {
      const res = await api.createWorker(bodyOf(values));
      message.success(t('worker.created'));
      navigate(`/workers/${res.worker.id}`);
    });
  };

  return (
    <Card
      title={t('worker.createTitle')}
      extra={
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/workers')}>
          {t('worker.backToList')}
        </Button>
      }
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        scrollToFirstError={{ block: 'center' }}
        data-testid="worker-create-form"
        onValuesChange={(changed: Partial<Values>) => {
          // 职务 decides the category: 专职工作人员 is full-time staff, any other post a 两委 member
          if (changed.position) form.setFieldValue('category', changed.position === 'staff' ? 'staff' : 'committee');
          if (changed.category) {
            const pos = form.getFieldValue('position') as string | undefined;
            if (pos && (changed.category === 'staff') !== (pos === 'staff')) form.setFieldValue('position', undefined);
          }
        }}
      >
        <Divider titlePlacement="start">{t('worker.section.identity')}</Divider>
        <div className="form-grid">
          <Form.Item
            name="name"
            label={t('wf.name')}
            rules={[{ required: true, whitespace: true, message: t('common.required') }]}
          >
            <Input maxLength={50} data-testid="worker-name" />
          </Form.Item>
          <IdNumberField />
          <Form.Item label={t('worker.derived')}>
            <Typography.Text type={id?.ok ? undefined : 'secondary'} data-testid="worker-derived">
              {id?.ok
                ? `${t('wf.gender')}：${vocabLabel(t, 'gender', id.gender)}　${t('wf.birthDate')}：${formatDate(id.birthDate, lang)}`
                : t('worker.derivedHint')}
            </Typography.Text>
          </Form.Item>
        </div>
        <Divider titlePlacement="start">{t('worker.section.post')}</Divider>
        <div className="form-grid">
          <Form.Item
            name="category"
            label={t('wf.category')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Select options={vocabOptions(t, 'category')} data-testid="worker-category" />
          </Form.Item>
          <Form.Item
            name="position"
            label={t('wf.position')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Select options={positionOptions} data-testid="worker-position" />
          </Form.Item>
          <Form.Item name="term" label={t('wf.term')} extra={t('worker.termHint')}>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item
            name="regionCode"
            label={t('wf.regionCode')}
            extra={t('worker.regionHint')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <RegionTreeSelect data-testid="worker-region" />
          </Form.Item>
          <Form.Item
            name="startDate"
            label={t('wf.startDate')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <DateInput />
          </Form.Item>
          <Form.Item name="origin" label={t('wf.origin')} extra={t('worker.originHint')}>
            <Select allowClear options={vocabOptions(t, 'origin').filter((o) => o.value !== 'transfer')} />
          </Form.Item>
          <Form.Item name="status" label={t('wf.status')}>
            <Select
              allowClear
              placeholder={vocabLabel(t, 'status', 'active')}
              options={vocabOptions(t, 'status').filter((o) => o.value !== 'exited')}
            />
          </Form.Item>
        </div>
        <Divider titlePlacement="start">{t('worker.section.person')}</Divider>
        <div className="form-grid">
          <PersonFields />
        </div>
        <Divider titlePlacement="start">{t('worker.section.qualification')}</Divider>
        <div className="form-grid">
          <Form.Item name="qualification" label={t('wf.qualification')}>
            <Select allowClear options={vocabOptions(t, 'qualification')} placeholder={t('common.none')} />
          </Form.Item>
          <Form.Item name="qualificationCertificateNo" label={t('wf.qualificationCertificateNo')}>
            <Input maxLength={50} disabled={!qualification} />
          </Form.Item>
          <Form.Item
            name="qualificationDate"
            label={t('wf.qualificationDate')}
            rules={[{ required: !!qualification, message: t('common.required') }]}
          >
            <DateInput />
          </Form.Item>
        </div>
        <Space>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="worker-create-submit">
            {t('common.save')}
          </Button>
          <Button onClick={() => navigate('/workers')}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
