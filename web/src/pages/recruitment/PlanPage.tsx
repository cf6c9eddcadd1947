// One recruitment plan (F-RECRUIT, F-VET): its rules, applicants per post ranked with eligibility
// reasons and the total's arithmetic; entry and .xlsx import (every bad row listed); scores and the
// vetting record; offer within the posts; hire as a worker on probation.
import { UploadOutlined, UserAddOutlined } from '@ant-design/icons';
import { App, Alert, Button, Card, Checkbox, Descriptions, Form, Input, InputNumber, Modal, Select, Skeleton, Space, Table, Tag, Typography, Upload } from 'antd';
import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api';
import { useAuth } from '../../auth';
import { LoadError } from '../../components/ErrorResult';
import { useFormAction } from '../../components/formErrors';
import { formatDate } from '../../format';
import { useLoad } from '../../useLoad';
import { useTx } from '../lifecycle/useTx';
import { type Applicant, lifecycleApi, type PlanView, todayIso } from '../lifecycle/lifecycleApi';
import { EDUCATION_OPTIONS } from './RecruitmentPage';

const GROUP_LABELS: Record<string, string> = { graduate: '高校毕业生', veteran: '退役军人', socialWork: '社工专业', gridWorker: '网格员转聘' };
const VETTING: Record<string, [string, string]> = { pending: ['待审', 'default'], passed: ['通过', 'green'], failed: ['不通过', 'red'] };
const STATUS: Record<string, [string, string]> = { applied: ['报名', 'default'], offered: ['已录用', 'blue'], hired: ['已聘用', 'green'] };

function AddApplicantModal({ view, open, onClose, onSaved }: { view: PlanView; open: boolean; onClose: () => void; onSaved: () => void }) {
  const { tx } = useTx();
  const [form] = Form.useForm();
  const { saving, run } = useFormAction(form);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const groups: string[] = v.groups ?? [];
    await run(async () => {
      await lifecycleApi.addApplicant(view.plan.id, {
        name: v.name,
        idNumber: v.idNumber,
        phone: v.phone || undefined,
        education: v.education,
        homeRegionCode: v.homeRegionCode || undefined,
        post: v.post,
        graduate: groups.includes('graduate'),
        graduateYear: v.graduateYear || undefined,
        veteran: groups.includes('veteran'),
        socialWork: groups.includes('socialWork'),
        gridWorker: groups.includes('gridWorker'),
      });
      onSaved();
    });
  };
  return (
    <Modal open={open} title={tx('录入报名人员', 'Add applicant')} onCancel={onClose} onOk={submit} confirmLoading={saving} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ post: view.posts[0]?.regionCode }}>
        <Form.Item name="name" label={tx('姓名', 'Name')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="idNumber" label={tx('公民身份号码', 'ID number')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="phone" label={tx('手机号码', 'Phone')}>
          <Input />
        </Form.Item>
        <Form.Item name="education" label={tx('学历', 'Education')}>
          <Select options={EDUCATION_OPTIONS} allowClear />
        </Form.Item>
        <Form.Item name="homeRegionCode" label={tx('居住地区划代码', 'Home region code')}>
          <Input />
        </Form.Item>
        <Form.Item name="post" label={tx('报考社区', 'Post')} rules={[{ required: true }]}>
          <Select options={view.posts.map((p) => ({ value: p.regionCode, label: p.regionName }))} />
        </Form.Item>
        <Form.Item name="groups" label={tx('优待类别', 'Preference groups')}>
          <Checkbox.Group options={Object.entries(GROUP_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="graduateYear" label={tx('毕业年份（高校毕业生）', 'Graduation year')}>
          <InputNumber min={1950} max={2100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ScoreModal({ applicant, onClose, onSaved }: { applicant: Applicant | null; onClose: () => void; onSaved: () => void }) {
  const { tx } = useTx();
  const [form] = Form.useForm();
  const { saving, run } = useFormAction(form);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !applicant) return;
    await run(async () => {
      await lifecycleApi.updateApplicant(applicant.id, { writtenScore: v.writtenScore ?? null, interviewScore: v.interviewScore ?? null, vetting: v.vetting, vettingNote: v.vettingNote?.trim() || null });
      onSaved();
    });
  };
  return (
    <Modal open={!!applicant} title={applicant ? tx(`成绩与政治把关：${applicant.name}`, `Scores and vetting: ${applicant.name}`) : ''} onCancel={onClose} onOk={submit} confirmLoading={saving} destroyOnHidden okButtonProps={{ 'data-testid': 'score-submit' } as Record<string, string>}>
      {applicant && (
        <Form form={form} layout="vertical" preserve={false} initialValues={{ writtenScore: applicant.writtenScore, interviewScore: applicant.interviewScore, vetting: applicant.vetting, vettingNote: applicant.vettingNote }}>
          <Space>
            <Form.Item name="writtenScore" label={tx('笔试成绩', 'Written')}>
              <InputNumber min={0} max={100} step={0.5} data-testid="score-written" />
            </Form.Item>
            <Form.Item name="interviewScore" label={tx('面试成绩', 'Interview')}>
              <InputNumber min={0} max={100} step={0.5} data-testid="score-interview" />
            </Form.Item>
          </Space>
          <Form.Item name="vetting" label={tx('政治把关', 'Vetting')}>
            <Select data-testid="score-vetting" options={Object.entries(VETTING).map(([value, [label]]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="vettingNote" label={tx('把关意见', 'Vetting note')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

function PostTable({ post, canManage, onScore, onChanged }: { post: PlanView['posts'][number]; canManage: boolean; onScore: (a: Applicant) => void; onChanged: () => void }) {
  const { tx, lang } = useTx();
  const { message, modal } = App.useApp();
  const act = async (f: () => Promise<unknown>, ok: string) => {
    try {
      await f();
      message.success(ok);
      onChanged();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };
  const hire = (a: Applicant) => {
    let date = todayIso();
    modal.confirm({
      title: tx(`聘用 ${a.name}`, `Hire ${a.name}`),
      content: (
        <Space direction="vertical">
          <span>{tx('将在该社区建立试用期人员档案，沿用报名信息。入职日期：', 'A probation worker record is created with the applicant’s data. Start date:')}</span>
          <Input type="date" defaultValue={date} onChange={(e) => (date = e.target.value)} data-testid="hire-date" />
        </Space>
      ),
      okText: tx('聘用', 'Hire'),
      okButtonProps: { 'data-testid': 'hire-confirm' } as Record<string, string>,
      onOk: () => act(() => lifecycleApi.hire(a.id, date), tx('已聘用，进入试用期', 'Hired, on probation')),
    });
  };
  return (
    <Card size="small" title={tx(`${post.streetName ?? ''} ${post.regionName}：${post.posts} 人`, `${post.regionName}: ${post.posts} post(s)`)}>
      <Table<Applicant>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={post.applicants}
        data-testid={`post-${post.regionCode}`}
        columns={[
          { title: tx('名次', 'Rank'), dataIndex: 'rank', render: (v, r) => (v === null ? <Typography.Text type="secondary">{r.note}</Typography.Text> : `${v}${r.tied ? tx('（并列）', ' (tied)') : ''}`) },
          { title: tx('姓名', 'Name'), dataIndex: 'name', render: (v, r) => (r.workerId ? <Link to={`/workers/${r.workerId}`}>{v}</Link> : v) },
          { title: tx('身份证号', 'ID'), dataIndex: 'idNumber' },
          { title: tx('优待', 'Groups'), dataIndex: 'groups', render: (g: string[]) => g.map((x) => <Tag key={x}>{GROUP_LABELS[x]}</Tag>) },
          { title: tx('就近就便', 'Near home'), dataIndex: 'nearHome', render: (v) => (v ? tx('是', 'Yes') : tx('否', 'No')) },
          { title: tx('资格审查', 'Eligibility'), dataIndex: 'eligible', render: (v, r) => <Tag color={v ? 'green' : 'red'} title={r.checks.filter((c) => !c.met).map((c) => `${c.rule}：${c.evidence}`).join('；')}>{v ? tx('符合', 'Eligible') : tx('不符合', 'Not eligible')}</Tag> },
          { title: tx('笔试', 'Written'), dataIndex: 'writtenScore', render: (v) => v ?? '—' },
          { title: tx('面试', 'Interview'), dataIndex: 'interviewScore', render: (v) => v ?? '—' },
          { title: tx('总成绩', 'Total'), dataIndex: 'total', render: (v, r) => <span title={r.arithmetic}>{v === null ? '—' : v.toFixed(2)}</span> },
          { title: tx('政治把关', 'Vetting'), dataIndex: 'vetting', render: (v) => <Tag color={VETTING[v][1]}>{VETTING[v][0]}</Tag> },
          { title: tx('状态', 'Status'), dataIndex: 'status', render: (v, r) => <Tag color={STATUS[v][1]}>{STATUS[v][0]}{r.offeredOn ? ` ${formatDate(r.offeredOn, lang)}` : ''}</Tag> },
          {
            title: tx('操作', 'Actions'),
            render: (_v, r) =>
              canManage && (
                <Space size="small">
                  {r.status !== 'hired' && (
                    <Button size="small" onClick={() => onScore(r)} data-testid={`applicant-score-${r.id}`}>
                      {tx('成绩/把关', 'Scores')}
                    </Button>
                  )}
                  {r.status === 'applied' && r.withinPosts && r.vetting === 'passed' && (
                    <Button size="small" type="primary" onClick={() => act(() => lifecycleApi.offer(r.id), tx('已发出录用通知', 'Offered'))} data-testid={`applicant-offer-${r.id}`}>
                      {tx('录用', 'Offer')}
                    </Button>
                  )}
                  {r.status === 'offered' && (
                    <Button size="small" type="primary" onClick={() => hire(r)} data-testid={`applicant-hire-${r.id}`}>
                      {tx('聘用', 'Hire')}
                    </Button>
                  )}
                </Space>
              ),
          },
        ]}
        expandable={{
          expandedRowRender: (r) => (
            <div>
              <div>{r.arithmetic}</div>
              <ul style={{ margin: 0 }}>
                {r.checks.map((c) => (
                  <li key={c.rule}>
                    {c.met ? '✓' : '✗'} {c.rule}：{c.evidence}
                  </li>
                ))}
              </ul>
              {r.vettingNote && <div>{tx('把关意见：', 'Vetting note: ')}{r.vettingNote}</div>}
            </div>
          ),
        }}
      />
    </Card>
  );
}

export function PlanPage() {
  const { id } = useParams();
  const { tx, lang } = useTx();
  const { can } = useAuth();
  const loader = useCallback(() => lifecycleApi.plan(Number(id)), [id]);
  const s = useLoad(loader);
  const [adding, setAdding] = useState(false);
  const [scoring, setScoring] = useState<Applicant | null>(null);
  const [importErrors, setImportErrors] = useState<string[]>([]);
  const { message } = App.useApp();
  if (s.error) return <LoadError error={s.error} />;
  if (!s.data) return <Skeleton active />;
  const { plan, posts } = s.data;
  const canManage = can('recruitment.manage');
  const upload = async (file: File) => {
    setImportErrors([]);
    try {
      const r = await lifecycleApi.importApplicants(plan.id, file);
      message.success(tx(`已导入 ${r.created} 人`, `${r.created} imported`));
      s.reload();
    } catch (e) {
      if (e instanceof ApiError) setImportErrors(e.fields.length ? e.fields.map((f) => f.message) : [e.message]);
      else setImportErrors([String(e)]);
    }
    return false;
  };
  return (
    <div className="page-stack">
      <Card
        title={plan.title}
        extra={
          canManage && (
            <Space>
              <span data-testid="applicants-upload">
                <Upload accept=".xlsx,.csv" showUploadList={false} beforeUpload={(f) => upload(f as File)}>
                  <Button icon={<UploadOutlined />}>{tx('导入报名表（.xlsx）', 'Import applicants (.xlsx)')}</Button>
                </Upload>
              </span>
              <Button icon={<UserAddOutlined />} onClick={() => setAdding(true)}>
                {tx('录入报名', 'Add applicant')}
              </Button>
            </Space>
          )
        }
      >
        <Descriptions size="small" column={3}>
          <Descriptions.Item label={tx('地区', 'Region')}>{plan.regionName}</Descriptions.Item>
          <Descriptions.Item label={tx('年龄上限', 'Max age')}>{plan.maxAge ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={tx('最低学历', 'Min education')}>{EDUCATION_OPTIONS.find((e) => e.value === plan.minEducation)?.label ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={tx('户籍/居住地', 'Residence')}>{plan.residenceName ?? tx('不限', 'Any')}</Descriptions.Item>
          <Descriptions.Item label={tx('成绩权重', 'Weights')}>{tx(`笔试 ${plan.writtenPercent}%，面试 ${100 - plan.writtenPercent}%`, `written ${plan.writtenPercent}%, interview ${100 - plan.writtenPercent}%`)}</Descriptions.Item>
          <Descriptions.Item label={tx('年龄计算日期', 'Reference date')}>{formatDate(plan.referenceDate, lang)}</Descriptions.Item>
          <Descriptions.Item label={tx('优待加分（就高不累加）', 'Bonus (highest only)')} span={3}>
            {Object.entries(plan.bonus).map(([g, v]) => `${GROUP_LABELS[g]} ${v}`).join('，')}
          </Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {tx('排名：总成绩高者在前；总成绩相同看笔试，再看面试；仍相同为并列。导入表头：姓名、公民身份号码、手机号码、学历、居住地区划代码、是否高校毕业生、毕业年份、是否退役军人、是否社会工作专业、是否网格员、报考社区、笔试成绩、面试成绩。', 'Ranking: total, then written, then interview; equal on all is a tie.')}
        </Typography.Paragraph>
      </Card>
      {importErrors.length > 0 && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setImportErrors([])}
          message={tx(`导入未写入：${importErrors.length} 处错误`, `Nothing imported: ${importErrors.length} error(s)`)}
          description={
            <ul style={{ margin: 0 }} data-testid="import-errors">
              {importErrors.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          }
        />
      )}
      {posts.map((p) => (
        <PostTable key={p.id} post={p} canManage={canManage} onScore={setScoring} onChanged={s.reload} />
      ))}
      <AddApplicantModal
        view={s.data}
        open={adding}
        onClose={() => setAdding(false)}
        onSaved={() => {
          setAdding(false);
          s.reload();
        }}
      />
      <ScoreModal
        applicant={scoring}
        onClose={() => setScoring(null)}
        onSaved={() => {
          setScoring(null);
          s.reload();
        }}
      />
    </div>
  );
}
