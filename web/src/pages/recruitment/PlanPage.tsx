// One recruitment plan (F-RECRUIT, F-VET): its rules, applicants per post ranked with eligibility
// reasons and the total's arithmetic; entry and .xlsx import (every bad row listed); scores and the
// vetting record; offer within the posts; hire as a worker on probation.
import { DownloadOutlined, StopOutlined, UploadOutlined, UserAddOutlined } from '@ant-design/icons';
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
import { type Applicant, type Conditions, lifecycleApi, type PlanView, todayIso } from '../lifecycle/lifecycleApi';
import { EDUCATION_OPTIONS, QUALIFICATION_OPTIONS } from './RecruitmentPage';

const GROUP_LABELS: Record<string, string> = { graduate: '高校毕业生', veteran: '退役军人', socialWork: '社工专业', gridWorker: '网格员转聘' };
const VETTING: Record<string, [string, string]> = { pending: ['待审', 'default'], passed: ['通过', 'green'], failed: ['不通过', 'red'] };
const STATUS: Record<string, [string, string]> = { applied: ['报名', 'default'], offered: ['已录用', 'blue'], hired: ['已聘用', 'green'] };
const HEALTH: Record<string, string> = { pending: '未体检', passed: '体检合格', failed: '体检不合格' };
const TRI = (tx: (zh: string, en: string) => string) => [
  { value: 'yes', label: tx('是', 'Yes') },
  { value: 'no', label: tx('否', 'No') },
  { value: 'unknown', label: tx('未知', 'Unknown') },
];
const toTri = (v: boolean | null) => (v === null ? 'unknown' : v ? 'yes' : 'no');
const fromTri = (v: string | undefined) => (v === 'yes' ? true : v === 'no' ? false : null);
const checkMark = (c: { met: boolean; pending: boolean }) => (c.met ? '✓' : c.pending ? '…' : '✗');

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

function ScoreModal({ applicant, conditions, onClose, onSaved }: { applicant: Applicant | null; conditions: Conditions; onClose: () => void; onSaved: () => void }) {
  const { tx } = useTx();
  const [form] = Form.useForm();
  const { saving, run } = useFormAction(form);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !applicant) return;
    await run(async () => {
      await lifecycleApi.updateApplicant(applicant.id, {
        writtenScore: v.writtenScore ?? null,
        interviewScore: v.interviewScore ?? null,
        vetting: v.vetting,
        vettingNote: v.vettingNote?.trim() || null,
        health: v.health,
        localHukou: fromTri(v.localHukou),
        residenceYears: v.residenceYears ?? null,
        noRecordDeclared: fromTri(v.noRecordDeclared),
        qualification: v.qualification ?? null,
        customChecks: conditions.custom.map((_c, index) => ({ index, met: fromTri(v[`custom${index}`]), note: v[`customNote${index}`]?.trim() || null })),
      });
      onSaved();
    });
  };
  const customInitial = Object.fromEntries(
    conditions.custom.flatMap((_c, index) => {
      const c = applicant?.customChecks.find((x) => x.index === index);
      return [
        [`custom${index}`, c ? toTri(c.met) : 'unknown'],
        [`customNote${index}`, c?.note ?? ''],
      ];
    }),
  );
  return (
    <Modal open={!!applicant} title={applicant ? tx(`成绩与政治把关：${applicant.name}`, `Scores and vetting: ${applicant.name}`) : ''} onCancel={onClose} onOk={submit} confirmLoading={saving} destroyOnHidden okButtonProps={{ 'data-testid': 'score-submit' } as Record<string, string>}>
      {applicant && (
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{
            writtenScore: applicant.writtenScore,
            interviewScore: applicant.interviewScore,
            vetting: applicant.vetting,
            vettingNote: applicant.vettingNote,
            health: applicant.health,
            localHukou: toTri(applicant.localHukou),
            residenceYears: applicant.residenceYears,
            noRecordDeclared: toTri(applicant.noRecordDeclared),
            qualification: applicant.qualification,
            ...customInitial,
          }}
        >
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
          <Typography.Text strong>{tx('其他资格条件', 'Further conditions')}</Typography.Text>
          <Space wrap>
            <Form.Item name="health" label={tx('体检结论', 'Physical examination')}>
              <Select style={{ width: 130 }} data-testid="score-health" options={Object.entries(HEALTH).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            <Form.Item name="noRecordDeclared" label={tx('无违法犯罪记录承诺', 'No-criminal-record declaration')}>
              <Select style={{ width: 100 }} options={TRI(tx)} />
            </Form.Item>
            <Form.Item name="localHukou" label={tx('本地户籍', 'Local household registration')}>
              <Select style={{ width: 100 }} options={TRI(tx)} />
            </Form.Item>
            <Form.Item name="residenceYears" label={tx('本地居住年限', 'Years resident')}>
              <InputNumber min={0} max={100} />
            </Form.Item>
            <Form.Item name="qualification" label={tx('社会工作者职业水平', 'Social work qualification')}>
              <Select style={{ width: 160 }} allowClear options={QUALIFICATION_OPTIONS} />
            </Form.Item>
          </Space>
          {conditions.custom.map((c, index) => (
            <Space key={c} align="baseline" wrap>
              <Form.Item name={`custom${index}`} label={c}>
                <Select style={{ width: 120 }} options={[{ value: 'yes', label: tx('符合', 'Met') }, { value: 'no', label: tx('不符合', 'Not met') }, { value: 'unknown', label: tx('待审核', 'To check') }]} />
              </Form.Item>
              <Form.Item name={`customNote${index}`} label={tx('审核说明', 'Note')}>
                <Input style={{ width: 240 }} />
              </Form.Item>
            </Space>
          ))}
        </Form>
      )}
    </Modal>
  );
}

function TieModal({ planId, group, onClose, onSaved }: { planId: number; group: Applicant[] | null; onClose: () => void; onSaved: () => void }) {
  const { tx } = useTx();
  const [form] = Form.useForm<{ winners: number[]; reason: string }>();
  const { saving, run } = useFormAction(form);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !group) return;
    await run(async () => {
      await lifecycleApi.decideTie(planId, { winners: v.winners, reason: v.reason.trim() });
      onSaved();
    });
  };
  return (
    <Modal open={!!group} title={tx('决定并列', 'Decide the tie')} onCancel={onClose} onOk={submit} confirmLoading={saving} destroyOnHidden okButtonProps={{ 'data-testid': 'tie-submit' } as Record<string, string>}>
      {group && (
        <Form form={form} layout="vertical" preserve={false}>
          <Typography.Paragraph type="secondary">
            {tx(`以下人员总成绩、笔试、面试均相同，并列第 ${group[0].rank} 名，跨越岗位末位。请按加试等结果选择取得岗位的人员（按名次先后）。`, `These applicants are tied at rank ${group[0].rank} across the last place. Choose who takes the place(s), in order.`)}
          </Typography.Paragraph>
          <Form.Item name="winners" label={tx('取得岗位的人员', 'Takes the place')} rules={[{ required: true, message: tx('请选择取得岗位的人员', 'Choose who takes the place') }]}>
            <Select mode="multiple" data-testid="tie-winners" options={group.map((a) => ({ value: a.id, label: a.name }))} />
          </Form.Item>
          <Form.Item name="reason" label={tx('依据（如加试成绩）', 'Reason (e.g. the extra test)')} rules={[{ required: true, whitespace: true, message: tx('请写明决定的依据', 'Give the reason') }, { max: 500 }]}>
            <Input.TextArea rows={3} data-testid="tie-reason" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

function PostTable({
  post,
  canManage,
  planOpen,
  onScore,
  onTie,
  onChanged,
}: { post: PlanView['posts'][number]; canManage: boolean; planOpen: boolean; onScore: (a: Applicant) => void; onTie: (group: Applicant[]) => void; onChanged: () => void }) {
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
    <Card
      size="small"
      title={tx(`${post.streetName ?? ''} ${post.regionName}：${post.posts} 人`, `${post.regionName}: ${post.posts} post(s)`)}
      extra={
        <span data-testid={`post-fill-${post.regionCode}`}>
          {tx(`已聘 ${post.hired}，已录用待聘 ${post.offered}，未聘 ${post.unfilled}`, `hired ${post.hired}, offered ${post.offered}, unfilled ${post.unfilled}`)}
        </span>
      }
    >
      <Table<Applicant>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={post.applicants}
        data-testid={`post-${post.regionCode}`}
        columns={[
          {
            title: tx('名次', 'Rank'),
            dataIndex: 'rank',
            render: (v, r) =>
              v === null ? (
                <Typography.Text type="secondary">{r.note}</Typography.Text>
              ) : (
                <Space size={4} wrap>
                  <span>{`${v}${r.tied ? tx('（并列）', ' (tied)') : ''}`}</span>
                  {r.tieUndecided && (
                    <Tag color="orange" data-testid={`tie-undecided-${r.id}`}>
                      {tx('并列待决定', 'Tie to decide')}
                    </Tag>
                  )}
                  {r.tieDecision && (
                    <Tag color={r.tieDecision.won ? 'green' : 'default'} title={r.tieDecision.reason} data-testid={`tie-decision-${r.id}`}>
                      {r.tieDecision.won ? tx('并列决定：取得岗位', 'Tie: takes the place') : tx('并列决定：未取得', 'Tie: not taken')}
                    </Tag>
                  )}
                </Space>
              ),
          },
          { title: tx('姓名', 'Name'), dataIndex: 'name', render: (v, r) => (r.workerId ? <Link to={`/workers/${r.workerId}`}>{v}</Link> : v) },
          { title: tx('身份证号', 'ID'), dataIndex: 'idNumber' },
          { title: tx('优待', 'Groups'), dataIndex: 'groups', render: (g: string[]) => g.map((x) => <Tag key={x}>{GROUP_LABELS[x]}</Tag>) },
          { title: tx('就近就便', 'Near home'), dataIndex: 'nearHome', render: (v) => (v ? tx('是', 'Yes') : tx('否', 'No')) },
          {
            title: tx('资格审查', 'Eligibility'),
            dataIndex: 'eligible',
            render: (v, r) => (
              <Tag color={!v ? 'red' : r.conditionsComplete ? 'green' : 'orange'} title={r.checks.filter((c) => !c.met).map((c) => `${c.rule}：${c.evidence}`).join('；')}>
                {!v ? tx('不符合', 'Not eligible') : r.conditionsComplete ? tx('符合', 'Eligible') : tx('待确认', 'To confirm')}
              </Tag>
            ),
          },
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
                  {r.tieUndecided && planOpen && (
                    <Button size="small" onClick={() => onTie(post.applicants.filter((x) => x.rank === r.rank))} data-testid={`applicant-tie-${r.id}`}>
                      {tx('决定并列', 'Decide tie')}
                    </Button>
                  )}
                  {r.status !== 'hired' && planOpen && (
                    <Button size="small" onClick={() => onScore(r)} data-testid={`applicant-score-${r.id}`}>
                      {tx('成绩/把关', 'Scores')}
                    </Button>
                  )}
                  {r.status === 'applied' && planOpen && r.withinPosts && r.vetting === 'passed' && r.conditionsComplete && (
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
                    {checkMark(c)} {c.rule}：{c.evidence}
                    {c.pending ? tx('（待确认）', ' (to confirm)') : ''}
                  </li>
                ))}
              </ul>
              {r.tieDecision && (
                <div>
                  {tx('并列决定：', 'Tie decision: ')}
                  {r.tieDecision.reason}（{r.tieDecision.decidedBy}，{formatDate(r.tieDecision.decidedOn, lang)}）
                </div>
              )}
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
  const [reportId, setReportId] = useState<string | null>(null);
  const [tie, setTie] = useState<Applicant[] | null>(null);
  const { message, modal } = App.useApp();
  if (s.error) return <LoadError error={s.error} />;
  if (!s.data) return <Skeleton active />;
  const { plan, posts } = s.data;
  const canManage = can('recruitment.manage');
  const open = plan.status === 'open';
  const upload = async (file: File) => {
    setImportErrors([]);
    setReportId(null);
    try {
      const r = await lifecycleApi.importApplicants(plan.id, file);
      message.success(tx(`已导入 ${r.created} 人`, `${r.created} imported`));
      s.reload();
    } catch (e) {
      if (e instanceof ApiError) {
        setImportErrors(e.fields.length ? e.fields.map((f) => f.message) : [e.message]);
        setReportId(e.reportId);
      } else setImportErrors([String(e)]);
    }
    return false;
  };
  const fetchFile = async (f: () => Promise<void>) => {
    try {
      await f();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  const close = () => {
    let note = '';
    modal.confirm({
      title: tx('结束招聘计划', 'Close the plan'),
      content: (
        <Space direction="vertical" style={{ width: '100%' }}>
          <span>{tx('结束后不能再报名、录入成绩、决定并列或发出录用通知；已发录用通知的人员仍可聘用。', 'Afterwards no applicants, scores, tie decisions or offers; offered applicants may still be hired.')}</span>
          <Input.TextArea rows={2} maxLength={500} placeholder={tx('说明（可选，如未聘满的原因）', 'Note (optional)')} onChange={(e) => (note = e.target.value)} data-testid="close-note" />
        </Space>
      ),
      okText: tx('结束计划', 'Close plan'),
      okButtonProps: { danger: true, ...({ 'data-testid': 'close-confirm' } as Record<string, string>) },
      onOk: async () => {
        try {
          await lifecycleApi.closePlan(plan.id, note.trim() || null);
          message.success(tx('招聘计划已结束', 'Plan closed'));
          s.reload();
        } catch (e) {
          message.error(e instanceof Error ? e.message : String(e));
        }
      },
    });
  };
  const c = plan.conditions;
  const conditionTexts = [
    c.partyMember && tx('中共党员（含预备党员）', 'CPC member (incl. probationary)'),
    c.localYears !== null && tx(`本地户籍或居住满 ${c.localYears} 年`, `local registration or ${c.localYears} years resident`),
    c.noCriminalRecord && tx('无违法犯罪记录', 'no criminal record'),
    c.healthy && tx('身体健康（体检合格）', 'healthy (examination passed)'),
    c.socialWorkQualification && tx(`${QUALIFICATION_OPTIONS.find((q) => q.value === c.socialWorkQualification)?.label}及以上职业资格`, 'social work qualification'),
    ...c.custom,
  ].filter(Boolean) as string[];
  return (
    <div className="page-stack">
      <Card
        title={
          <Space>
            {plan.title}
            <Tag color={open ? 'green' : 'default'} data-testid="plan-status">
              {open ? tx('报名中', 'Open') : tx('已结束', 'Closed')}
            </Tag>
          </Space>
        }
        extra={
          canManage && (
            <Space wrap>
              <Button icon={<DownloadOutlined />} onClick={() => fetchFile(() => lifecycleApi.downloadTemplate(plan.id))} data-testid="applicants-template">
                {tx('下载报名表模板', 'Download template')}
              </Button>
              {open && (
                <Button danger icon={<StopOutlined />} onClick={close} data-testid="plan-close">
                  {tx('结束计划', 'Close plan')}
                </Button>
              )}
              <span data-testid="applicants-upload" style={{ display: open ? undefined : 'none' }}>
                <Upload accept=".xlsx,.csv" showUploadList={false} beforeUpload={(f) => upload(f as File)}>
                  <Button icon={<UploadOutlined />}>{tx('导入报名表（.xlsx）', 'Import applicants (.xlsx)')}</Button>
                </Upload>
              </span>
              {open && (
                <Button icon={<UserAddOutlined />} onClick={() => setAdding(true)}>
                  {tx('录入报名', 'Add applicant')}
                </Button>
              )}
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
          <Descriptions.Item label={tx('其他资格条件', 'Further conditions')} span={3}>
            <span data-testid="plan-conditions">{conditionTexts.length ? conditionTexts.join('；') : tx('无', 'None')}</span>
          </Descriptions.Item>
          {!open && (
            <Descriptions.Item label={tx('结束', 'Closed')} span={3}>
              {formatDate(plan.closedOn ?? '', lang)} {plan.closedBy}
              {plan.closeNote ? `：${plan.closeNote}` : ''}
            </Descriptions.Item>
          )}
        </Descriptions>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {tx('排名：总成绩高者在前；总成绩相同看笔试，再看面试；仍相同为并列，并列跨越岗位末位时由县级决定（如加试）。导入请使用“下载报名表模板”（含下拉选项和填写说明）；表中有错时全部不写入，可下载标注了错误的表格。', 'Ranking: total, then written, then interview; equal on all is a tie, decided by the county when it straddles the last place. Import with the downloadable template; a file with errors writes nothing and comes back annotated.')}
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
            <>
              <ul style={{ margin: 0 }} data-testid="import-errors">
                {importErrors.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
              {reportId && (
                <Button size="small" icon={<DownloadOutlined />} style={{ marginTop: 8 }} onClick={() => fetchFile(() => lifecycleApi.downloadImportErrors(reportId))} data-testid="import-error-report">
                  {tx('下载标注了错误的表格', 'Download the annotated sheet')}
                </Button>
              )}
            </>
          }
        />
      )}
      {posts.map((p) => (
        <PostTable key={p.id} post={p} canManage={canManage} planOpen={open} onScore={setScoring} onTie={setTie} onChanged={s.reload} />
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
      <TieModal
        planId={plan.id}
        group={tie}
        onClose={() => setTie(null)}
        onSaved={() => {
          setTie(null);
          s.reload();
        }}
      />
      <ScoreModal
        applicant={scoring}
        conditions={plan.conditions}
        onClose={() => setScoring(null)}
        onSaved={() => {
          setScoring(null);
          s.reload();
        }}
      />
    </div>
  );
}
