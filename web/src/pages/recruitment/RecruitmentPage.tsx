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
import { useLoad } from '../../useLoad';
import { useTx } from '../lifecycle/useTx';
import { lifecycleApi, type PlanInput, todayIso } from '../lifecycle/lifecycleApi';

export const EDUCATION_OPTIONS = [
  { value: 'secondary', label: '中专及以下' },
  { value: 'associate', label: '大学专科' },
  { value: 'bachelor', label: '大学本科' },
  { value: 'master', label: '硕士研究生' },
  { value: 'doctorate', label: '博士研究生' },
];
export const QUALIFICATION_OPTIONS = [
  { value: 'assistant', label: '助理社会工作师' },
  { value: 'intermediate', label: '社会工作师' },
  { value: 'senior', label: '高级社会工作师' },
];

interface Values {
  title: string;
  referenceDate: string;
  maxAge?: number | null;
  minEducation?: string | null;
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
  socialWorkQualification?: string | null;
  custom?: string;
  posts: { regionCode: string; posts: number }[];
}

function CreatePlanModal({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: (id: number) => void }) {
  const { tx } = useTx();
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
      bonus: { graduate: v.graduate ?? 0, veteran: v.veteran ?? 0, socialWork: v.socialWork ?? 0, gridWorker: v.gridWorker ?? 0 },
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
      message.success(tx('招聘计划已创建', 'Plan created'));
      onSaved(r.plan.id);
    });
  };
  return (
    <Modal open={open} title={tx('新建招聘计划', 'New recruitment plan')} onCancel={onClose} onOk={submit} confirmLoading={saving} width={720} destroyOnHidden okButtonProps={{ 'data-testid': 'plan-submit' } as Record<string, string>}>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ referenceDate: todayIso(), writtenPercent: 40, maxAge: 35, minEducation: 'associate', residenceRegion: user?.regionCode, graduate: 2, veteran: 3, socialWork: 2, gridWorker: 5, posts: [{ regionCode: '', posts: 1 }] }}
      >
        <Form.Item name="title" label={tx('计划名称', 'Title')} rules={[{ required: true, whitespace: true }]}>
          <Input data-testid="plan-title" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="referenceDate" label={tx('年龄计算日期', 'Age reference date')} rules={[{ required: true }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="maxAge" label={tx('年龄上限（周岁）', 'Max age')}>
            <InputNumber min={16} max={70} />
          </Form.Item>
          <Form.Item name="minEducation" label={tx('最低学历', 'Min education')}>
            <Select allowClear options={EDUCATION_OPTIONS} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="residenceRegion" label={tx('户籍/居住地范围（区划代码）', 'Residence (region code)')}>
            <Input style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="writtenPercent" label={tx('笔试占比 %', 'Written %')} rules={[{ required: true }]}>
            <InputNumber min={0} max={100} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="graduate" label={tx('高校毕业生加分', 'Graduate bonus')}>
            <InputNumber min={0} max={20} step={0.5} />
          </Form.Item>
          <Form.Item name="veteran" label={tx('退役军人加分', 'Veteran bonus')}>
            <InputNumber min={0} max={20} step={0.5} />
          </Form.Item>
          <Form.Item name="socialWork" label={tx('社工专业加分', 'Social work bonus')}>
            <InputNumber min={0} max={20} step={0.5} />
          </Form.Item>
          <Form.Item name="gridWorker" label={tx('网格员转聘加分', 'Grid worker bonus')}>
            <InputNumber min={0} max={20} step={0.5} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="partyMember" valuePropName="checked">
            <Checkbox data-testid="plan-party">{tx('须为中共党员（含预备党员）', 'CPC member required')}</Checkbox>
          </Form.Item>
          <Form.Item name="noCriminalRecord" valuePropName="checked">
            <Checkbox>{tx('无违法犯罪记录', 'No criminal record')}</Checkbox>
          </Form.Item>
          <Form.Item name="healthy" valuePropName="checked">
            <Checkbox>{tx('身体健康（体检合格）', 'Healthy (examination)')}</Checkbox>
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="localYears" label={tx('本地户籍或居住满（年）', 'Local registration or years resident')}>
            <InputNumber min={1} max={30} placeholder={tx('不限', 'Any')} />
          </Form.Item>
          <Form.Item name="socialWorkQualification" label={tx('社会工作者职业资格', 'Social work qualification')}>
            <Select allowClear style={{ width: 180 }} placeholder={tx('不要求', 'Not required')} options={QUALIFICATION_OPTIONS.map((q) => ({ value: q.value, label: tx(`${q.label}及以上`, `${q.label} or above`) }))} />
          </Form.Item>
        </Space>
        <Form.Item name="custom" label={tx('其他条件（每行一条，由县级逐人审核）', 'Other conditions (one a line, checked by the county)')} rules={[{ max: 1100 }]}>
          <Input.TextArea rows={2} data-testid="plan-custom" />
        </Form.Item>
        <Form.List name="posts">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline">
                  <Form.Item name={[f.name, 'regionCode']} label={i === 0 ? tx('岗位所在社区（区划代码）', 'Community code') : undefined} rules={[{ required: true, pattern: /^\d{12}$/, message: tx('12 位区划代码', '12-digit code') }]}>
                    <Input style={{ width: 180 }} data-testid={`plan-post-${i}`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'posts']} label={i === 0 ? tx('人数', 'Posts') : undefined} rules={[{ required: true }]}>
                    <InputNumber min={1} max={1000} />
                  </Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ regionCode: '', posts: 1 })}>
                {tx('增加岗位', 'Add post')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

export function RecruitmentPage() {
  const { tx, lang } = useTx();
  const { can } = useAuth();
  const navigate = useNavigate();
  const loader = useCallback(() => lifecycleApi.plans(), []);
  const s = useLoad(loader);
  const [creating, setCreating] = useState(false);
  return (
    <Card
      title={tx('公开招聘', 'Open recruitment')}
      extra={
        can('recruitment.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="plan-create">
            {tx('新建招聘计划', 'New plan')}
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
            { title: tx('计划', 'Plan'), dataIndex: 'title', render: (v, r) => <Link to={`/recruitment/${r.id}`}>{v}</Link> },
            { title: tx('地区', 'Region'), dataIndex: 'regionName' },
            { title: tx('岗位数', 'Posts'), dataIndex: 'posts' },
            { title: tx('报名', 'Applicants'), dataIndex: 'applicants' },
            { title: tx('已聘用', 'Hired'), dataIndex: 'hired' },
            { title: tx('未聘', 'Unfilled'), dataIndex: 'unfilled' },
            { title: tx('年龄计算日期', 'Reference date'), dataIndex: 'referenceDate', render: (v) => formatDate(v, lang) },
            { title: tx('状态', 'Status'), dataIndex: 'status', render: (v) => <Tag color={v === 'open' ? 'green' : 'default'}>{v === 'open' ? tx('报名中', 'Open') : tx('已结束', 'Closed')}</Tag> },
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
