// 公开招聘 (F-RECRUIT §2.3): the plans of the user's area; a county or city creates one with its
// posts per community, eligibility rules, score weights and preference bonuses.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import { useCallback, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../../auth';
import { LoadError } from '../../components/ErrorResult';
import { useFormAction } from '../../components/formErrors';
import { formatDate } from '../../format';
import { type MessageKey, type Translate, useI18n } from '../../i18n';
import { useLoad } from '../../useLoad';
import { lifecycleApi, type PlanInput, todayIso } from '../lifecycle/lifecycleApi';

/** 学历 and 社会工作者职业水平 choices, labelled from the shared vocabulary in web/src/i18n.ts. */
export const educationOptions = (t: Translate) =>
  ['secondary', 'associate', 'bachelor', 'master', 'doctorate'].map((value) => ({
    value,
    label: t(`vocab.education.${value}` as MessageKey),
  }));
export const qualificationOptions = (t: Translate) =>
  ['assistant', 'intermediate', 'senior'].map((value) => ({
    value,
    label: t(`vocab.qualification.${value}` as MessageKey),
  }));

interface Values {
  title: string;
  referenceDate: string;
  maxAge?: number | null;
  minEducation?: PlanInput['minEducation'];
  residenceRegion?: string | null;
  writtenPercent: number;
  graduate?: number;
  veteran?: number;
  socialWork?: number;
  gridWorker?: number;
  partyMember?: boolean;
  localYears?: number | null;
  noCriminalRecord?: boolean;
  healthy?: boolean;
  socialWorkQualification?: NonNullable<PlanInput['conditions']>['socialWorkQualification'];
  custom?: string;
  posts: { regionCode: string; posts: number }[];
}

function CreatePlanModal({
  open,
  onClose,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  onSaved: (id: number) => void;
}) {
  const { t } = useI18n();
  const { user } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { saving, run } = useFormAction(form);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !user) return;
    const body: PlanInput = {
      regionCode: user.regionCode,
      title: v.title.trim(),
      referenceDate: v.referenceDate,
      maxAge: v.maxAge ?? null,
      minEducation: v.minEducation ?? null,
      residenceRegion: v.residenceRegion?.trim() || null,
      writtenPercent: v.writtenPercent,
      bonus: {
        graduate: v.graduate ?? 0,
        veteran: v.veteran ?? 0,
        socialWork: v.socialWork ?? 0,
        gridWorker: v.gridWorker ?? 0,
      },
      conditions: {
        partyMember: !!v.partyMember,
        localYears: v.localYears ?? null,
        noCriminalRecord: !!v.noCriminalRecord,
        healthy: !!v.healthy,
        socialWorkQualification: v.socialWorkQualification ?? null,
        custom: (v.custom ?? '')
          .split('\n')
          .map((x) => x.trim())
          .filter(Boolean),
      },
      posts: v.posts.map((p) => ({ regionCode: p.regionCode.trim(), posts: p.posts })),
    };
    await run(async () => {
      const r = await lifecycleApi.createPlan(body);
      message.success(t('recruit.planCreated'));
      onSaved(r.plan.id);
    });
  };
  return (
    <Modal
      open={open}
      title={t('recruit.newRecruitmentPlan')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      width={720}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'plan-submit' } as Record<string, string>}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          referenceDate: todayIso(),
          writtenPercent: 40,
          maxAge: 35,
          minEducation: 'associate',
          residenceRegion: user?.regionCode,
          graduate: 2,
          veteran: 3,
          socialWork: 2,
          gridWorker: 5,
          posts: [{ regionCode: '', posts: 1 }],
        }}
      >
        <Form.Item name="title" label={t('recruit.title')} rules={[{ required: true, whitespace: true }]}>
          <Input data-testid="plan-title" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="referenceDate" label={t('recruit.ageReferenceDate')} rules={[{ required: true }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="maxAge" label={t('recruit.maxAge2')}>
            <InputNumber min={16} max={70} />
          </Form.Item>
          <Form.Item name="minEducation" label={t('recruit.minEducation')}>
            <Select allowClear options={educationOptions(t)} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="residenceRegion" label={t('recruit.residenceRegionCode')}>
            <Input style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="writtenPercent" label={t('recruit.written3')} rules={[{ required: true }]}>
            <InputNumber min={0} max={100} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="graduate" label={t('recruit.graduateBonus')}>
            <InputNumber min={0} max={20} step={0.5} />
          </Form.Item>
          <Form.Item name="veteran" label={t('recruit.veteranBonus')}>
            <InputNumber min={0} max={20} step={0.5} />
          </Form.Item>
          <Form.Item name="socialWork" label={t('recruit.socialWorkBonus')}>
            <InputNumber min={0} max={20} step={0.5} />
          </Form.Item>
          <Form.Item name="gridWorker" label={t('recruit.gridWorkerBonus')}>
            <InputNumber min={0} max={20} step={0.5} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="partyMember" valuePropName="checked">
            <Checkbox data-testid="plan-party">{t('recruit.cpcMemberRequired')}</Checkbox>
          </Form.Item>
          <Form.Item name="noCriminalRecord" valuePropName="checked">
            <Checkbox>{t('recruit.noCriminalRecord2')}</Checkbox>
          </Form.Item>
          <Form.Item name="healthy" valuePropName="checked">
            <Checkbox>{t('recruit.healthyExamination')}</Checkbox>
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="localYears" label={t('recruit.localRegistrationOrYearsResident')}>
            <InputNumber min={1} max={30} placeholder={t('recruit.any')} />
          </Form.Item>
          <Form.Item name="socialWorkQualification" label={t('recruit.socialWorkQualification3')}>
            <Select
              allowClear
              style={{ width: 180 }}
              placeholder={t('recruit.notRequired')}
              options={qualificationOptions(t).map((q) => ({
                value: q.value,
                label: t('recruit.labelOrAbove', { label: q.label }),
              }))}
            />
          </Form.Item>
        </Space>
        <Form.Item name="custom" label={t('recruit.otherConditionsOneALine')} rules={[{ max: 1100 }]}>
          <Input.TextArea rows={2} data-testid="plan-custom" />
        </Form.Item>
        <Form.List name="posts">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline">
                  <Form.Item
                    name={[f.name, 'regionCode']}
                    label={i === 0 ? t('recruit.communityCode') : undefined}
                    rules={[{ required: true, pattern: /^\d{12}$/, message: t('recruit.digitCode') }]}
                  >
                    <Input style={{ width: 180 }} data-testid={`plan-post-${i}`} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'posts']}
                    label={i === 0 ? t('recruit.posts') : undefined}
                    rules={[{ required: true }]}
                  >
                    <InputNumber min={1} max={1000} />
                  </Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ regionCode: '', posts: 1 })}>
                {t('recruit.addPost')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

export function RecruitmentPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const loader = useCallback(() => lifecycleApi.plans(), []);
  const s = useLoad(loader);
  const [creating, setCreating] = useState(false);
  return (
    <Card
      title={t('recruit.openRecruitment')}
      extra={
        can('recruitment.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="plan-create">
            {t('recruit.newPlan')}
          </Button>
        )
      }
    >
      {s.error ? (
        <LoadError error={s.error} />
      ) : (
        <Table
          rowKey="id"
          size="small"
          loading={s.loading}
          data-testid="plans-table"
          dataSource={s.data?.items ?? []}
          columns={[
            {
              title: t('recruit.plan'),
              dataIndex: 'title',
              render: (v, r) => <Link to={`/recruitment/${r.id}`}>{v}</Link>,
            },
            { title: t('recruit.region'), dataIndex: 'regionName' },
            { title: t('recruit.posts2'), dataIndex: 'posts' },
            { title: t('recruit.applicants'), dataIndex: 'applicants' },
            { title: t('recruit.hired'), dataIndex: 'hired' },
            { title: t('recruit.unfilled'), dataIndex: 'unfilled' },
            { title: t('recruit.referenceDate'), dataIndex: 'referenceDate', render: (v) => formatDate(v, lang) },
            {
              title: t('lifecycle.status'),
              dataIndex: 'status',
              render: (v) => (
                <Tag color={v === 'open' ? 'green' : 'default'}>
                  {v === 'open' ? t('recruit.open') : t('recruit.closed')}
                </Tag>
              ),
            },
          ]}
        />
      )}
      <CreatePlanModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(id) => {
          setCreating(false);
          navigate(`/recruitment/${id}`);
        }}
      />
    </Card>
  );
}
