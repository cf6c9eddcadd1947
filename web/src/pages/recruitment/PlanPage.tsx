// One recruitment plan (F-RECRUIT, F-VET): its rules, applicants per post ranked with eligibility
// reasons and the total's arithmetic; entry and .xlsx import (every bad row listed); scores and the
// vetting record; offer within the posts; hire as a worker on probation.
import { DownloadOutlined, StopOutlined, UploadOutlined, UserAddOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api';
import { useAuth } from '../../auth';
import { LoadError } from '../../components/ErrorResult';
import { useFormAction } from '../../components/formErrors';
import { formatDate } from '../../format';
import { type MessageKey, type Translate, useI18n } from '../../i18n';
import { useLoad } from '../../useLoad';
import { type Applicant, type Conditions, lifecycleApi, type PlanView, todayIso } from '../lifecycle/lifecycleApi';
import { educationOptions, qualificationOptions } from './RecruitmentPage';

const GROUPS = ['graduate', 'veteran', 'socialWork', 'gridWorker'];
const VETTING_COLORS: Record<string, string> = { pending: 'default', passed: 'green', failed: 'red' };
const STATUS_COLORS: Record<string, string> = { applied: 'default', offered: 'blue', hired: 'green' };
const HEALTH = ['pending', 'passed', 'failed'];
const POLITICAL = ['party', 'probationaryParty', 'league', 'democraticParty', 'nonParty', 'masses'];
const groupName = (t: Translate, g: string) => t(`recruit.group.${g}` as MessageKey);
const vettingName = (t: Translate, v: string) => t(`recruit.vetting.${v}` as MessageKey);
const statusName = (t: Translate, v: string) => t(`recruit.status.${v}` as MessageKey);
const healthName = (t: Translate, v: string) => t(`recruit.health.${v}` as MessageKey);
const TRI = (t: Translate) => [
  { value: 'yes', label: t('recruit.yes') },
  { value: 'no', label: t('recruit.no') },
  { value: 'unknown', label: t('recruit.unknown') },
];
const toTri = (v: boolean | null) => (v === null ? 'unknown' : v ? 'yes' : 'no');
const fromTri = (v: string | undefined) => (v === 'yes' ? true : v === 'no' ? false : null);
const checkMark = (c: { met: boolean; pending: boolean }) => (c.met ? '✓' : c.pending ? '…' : '✗');

function AddApplicantModal({
  view,
  open,
  onClose,
  onSaved,
}: {
  view: PlanView;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
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
        politicalStatus: v.politicalStatus,
        localHukou: fromTri(v.localHukou),
        residenceYears: v.residenceYears ?? null,
        noRecordDeclared: fromTri(v.noRecordDeclared),
        qualification: v.qualification ?? null,
      });
      onSaved();
    });
  };
  return (
    <Modal
      open={open}
      title={t('recruit.addApplicant')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ post: view.posts[0]?.regionCode, localHukou: 'unknown', noRecordDeclared: 'unknown' }}
      >
        <Form.Item name="name" label={t('lifecycle.name')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="idNumber" label={t('lifecycle.idNumber')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="phone" label={t('recruit.phone')}>
          <Input />
        </Form.Item>
        <Form.Item name="education" label={t('recruit.education')}>
          <Select options={educationOptions(t)} allowClear />
        </Form.Item>
        <Form.Item name="homeRegionCode" label={t('recruit.homeRegionCode')}>
          <Input />
        </Form.Item>
        <Form.Item name="post" label={t('recruit.post')} rules={[{ required: true }]}>
          <Select options={view.posts.map((p) => ({ value: p.regionCode, label: p.regionName }))} />
        </Form.Item>
        <Form.Item name="groups" label={t('recruit.preferenceGroups')}>
          <Checkbox.Group options={GROUPS.map((value) => ({ value, label: groupName(t, value) }))} />
        </Form.Item>
        <Form.Item name="graduateYear" label={t('recruit.graduationYear')}>
          <InputNumber min={1950} max={2100} />
        </Form.Item>
        <Form.Item name="politicalStatus" label={t('recruit.politicalStatus')}>
          <Select
            allowClear
            options={POLITICAL.map((value) => ({ value, label: t(`vocab.political.${value}` as MessageKey) }))}
          />
        </Form.Item>
        <Space wrap>
          <Form.Item name="localHukou" label={t('recruit.localHouseholdRegistration')}>
            <Select style={{ width: 100 }} options={TRI(t)} />
          </Form.Item>
          <Form.Item name="residenceYears" label={t('recruit.yearsResident')}>
            <InputNumber min={0} max={100} />
          </Form.Item>
          <Form.Item name="noRecordDeclared" label={t('recruit.noCriminalRecordDeclaration')}>
            <Select style={{ width: 100 }} options={TRI(t)} />
          </Form.Item>
          <Form.Item name="qualification" label={t('recruit.socialWorkQualification')}>
            <Select style={{ width: 160 }} allowClear options={qualificationOptions(t)} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

function ScoreModal({
  applicant,
  conditions,
  onClose,
  onSaved,
}: {
  applicant: Applicant | null;
  conditions: Conditions;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
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
        customChecks: conditions.custom.map((_c, index) => ({
          index,
          met: fromTri(v[`custom${index}`]),
          note: v[`customNote${index}`]?.trim() || null,
        })),
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
    <Modal
      open={!!applicant}
      title={applicant ? t('recruit.scoresAndVettingName', { name: applicant.name }) : ''}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'score-submit' } as Record<string, string>}
    >
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
            <Form.Item name="writtenScore" label={t('recruit.written')}>
              <InputNumber min={0} max={100} step={0.5} data-testid="score-written" />
            </Form.Item>
            <Form.Item name="interviewScore" label={t('recruit.interview')}>
              <InputNumber min={0} max={100} step={0.5} data-testid="score-interview" />
            </Form.Item>
          </Space>
          <Form.Item name="vetting" label={t('recruit.vetting')}>
            <Select
              data-testid="score-vetting"
              options={Object.keys(VETTING_COLORS).map((value) => ({ value, label: vettingName(t, value) }))}
            />
          </Form.Item>
          <Form.Item name="vettingNote" label={t('recruit.vettingNote')}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Typography.Text strong>{t('recruit.furtherConditions')}</Typography.Text>
          <Space wrap>
            <Form.Item name="health" label={t('recruit.physicalExamination')}>
              <Select
                style={{ width: 130 }}
                data-testid="score-health"
                options={HEALTH.map((value) => ({ value, label: healthName(t, value) }))}
              />
            </Form.Item>
            <Form.Item name="noRecordDeclared" label={t('recruit.noCriminalRecordDeclaration')}>
              <Select style={{ width: 100 }} options={TRI(t)} />
            </Form.Item>
            <Form.Item name="localHukou" label={t('recruit.localHouseholdRegistration')}>
              <Select style={{ width: 100 }} options={TRI(t)} />
            </Form.Item>
            <Form.Item name="residenceYears" label={t('recruit.yearsResident')}>
              <InputNumber min={0} max={100} />
            </Form.Item>
            <Form.Item name="qualification" label={t('recruit.socialWorkQualification')}>
              <Select style={{ width: 160 }} allowClear options={qualificationOptions(t)} />
            </Form.Item>
          </Space>
          {conditions.custom.map((c, index) => (
            <Space key={c} align="baseline" wrap>
              <Form.Item name={`custom${index}`} label={c}>
                <Select
                  style={{ width: 120 }}
                  options={[
                    { value: 'yes', label: t('recruit.met') },
                    { value: 'no', label: t('recruit.notMet') },
                    { value: 'unknown', label: t('recruit.toCheck') },
                  ]}
                />
              </Form.Item>
              <Form.Item name={`customNote${index}`} label={t('recruit.note')}>
                <Input style={{ width: 240 }} />
              </Form.Item>
            </Space>
          ))}
        </Form>
      )}
    </Modal>
  );
}

function TieModal({
  planId,
  group,
  onClose,
  onSaved,
}: {
  planId: number;
  group: Applicant[] | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
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
    <Modal
      open={!!group}
      title={t('recruit.decideTheTie')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'tie-submit' } as Record<string, string>}
    >
      {group && (
        <Form form={form} layout="vertical" preserve={false}>
          <Typography.Paragraph type="secondary">
            {t('recruit.theseApplicantsAreTiedAt', { rank: group[0].rank ?? '' })}
          </Typography.Paragraph>
          <Form.Item
            name="winners"
            label={t('recruit.takesThePlace')}
            rules={[{ required: true, message: t('recruit.chooseWhoTakesThePlace') }]}
          >
            <Select
              mode="multiple"
              data-testid="tie-winners"
              options={group.map((a) => ({ value: a.id, label: a.name }))}
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('recruit.reasonEGTheExtra')}
            rules={[{ required: true, whitespace: true, message: t('recruit.giveTheReason') }, { max: 500 }]}
          >
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
}: {
  post: PlanView['posts'][number];
  canManage: boolean;
  planOpen: boolean;
  onScore: (a: Applicant) => void;
  onTie: (group: Applicant[]) => void;
  onChanged: () => void;
}) {
  const { t, lang } = useI18n();
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
      title: t('recruit.hireName', { name: a.name }),
      content: (
        <Space direction="vertical">
          <span>{t('recruit.aProbationWorkerRecordIs')}</span>
          <Input type="date" defaultValue={date} onChange={(e) => (date = e.target.value)} data-testid="hire-date" />
        </Space>
      ),
      okText: t('recruit.hire'),
      okButtonProps: { 'data-testid': 'hire-confirm' } as Record<string, string>,
      onOk: () => act(() => lifecycleApi.hire(a.id, date), t('recruit.hiredOnProbation')),
    });
  };
  return (
    <Card
      size="small"
      title={t('recruit.postTitle', { street: post.streetName ?? '', regionName: post.regionName, posts: post.posts })}
      extra={
        <span data-testid={`post-fill-${post.regionCode}`}>
          {t('recruit.hiredHiredOfferedOfferedUnfilled', {
            hired: post.hired,
            offered: post.offered,
            unfilled: post.unfilled,
          })}
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
            title: t('recruit.rank'),
            dataIndex: 'rank',
            render: (v, r) =>
              v === null ? (
                <Typography.Text type="secondary">{r.note}</Typography.Text>
              ) : (
                <Space size={4} wrap>
                  <span>{`${v}${r.tied ? t('recruit.tied') : ''}`}</span>
                  {r.tieUndecided && (
                    <Tag color="orange" data-testid={`tie-undecided-${r.id}`}>
                      {t('recruit.tieToDecide')}
                    </Tag>
                  )}
                  {r.tieDecision && (
                    <Tag
                      color={r.tieDecision.won ? 'green' : 'default'}
                      title={r.tieDecision.reason}
                      data-testid={`tie-decision-${r.id}`}
                    >
                      {r.tieDecision.won ? t('recruit.tieTakesThePlace') : t('recruit.tieNotTaken')}
                    </Tag>
                  )}
                </Space>
              ),
          },
          {
            title: t('lifecycle.name'),
            dataIndex: 'name',
            render: (v, r) => (r.workerId ? <Link to={`/workers/${r.workerId}`}>{v}</Link> : v),
          },
          { title: t('recruit.id'), dataIndex: 'idNumber' },
          {
            title: t('recruit.groups'),
            dataIndex: 'groups',
            render: (g: string[]) => g.map((x) => <Tag key={x}>{groupName(t, x)}</Tag>),
          },
          {
            title: t('recruit.nearHome'),
            dataIndex: 'nearHome',
            render: (v) => (v ? t('recruit.yes') : t('recruit.no')),
          },
          {
            title: t('recruit.eligibility'),
            dataIndex: 'eligible',
            render: (v, r) => (
              <Tag
                color={!v ? 'red' : r.conditionsComplete ? 'green' : 'orange'}
                title={r.checks
                  .filter((c) => !c.met)
                  .map((c) => `${c.rule}：${c.evidence}`)
                  .join('；')}
              >
                {!v
                  ? t('lifecycle.notEligible')
                  : r.conditionsComplete
                    ? t('lifecycle.eligible')
                    : t('recruit.toConfirm')}
              </Tag>
            ),
          },
          { title: t('recruit.written2'), dataIndex: 'writtenScore', render: (v) => v ?? '—' },
          { title: t('recruit.interview2'), dataIndex: 'interviewScore', render: (v) => v ?? '—' },
          {
            title: t('recruit.total'),
            dataIndex: 'total',
            render: (v, r) => <span title={r.arithmetic}>{v === null ? '—' : v.toFixed(2)}</span>,
          },
          {
            title: t('recruit.vetting'),
            dataIndex: 'vetting',
            render: (v) => <Tag color={VETTING_COLORS[v]}>{vettingName(t, v)}</Tag>,
          },
          {
            title: t('lifecycle.status'),
            dataIndex: 'status',
            render: (v, r) => (
              <Tag color={STATUS_COLORS[v]}>
                {statusName(t, v)}
                {r.offeredOn ? ` ${formatDate(r.offeredOn, lang)}` : ''}
              </Tag>
            ),
          },
          {
            title: t('lifecycle.actions'),
            render: (_v, r) =>
              canManage && (
                <Space size="small">
                  {r.tieUndecided && planOpen && (
                    <Button
                      size="small"
                      onClick={() => onTie(post.applicants.filter((x) => x.rank === r.rank))}
                      data-testid={`applicant-tie-${r.id}`}
                    >
                      {t('recruit.decideTie')}
                    </Button>
                  )}
                  {r.status !== 'hired' && planOpen && (
                    <Button size="small" onClick={() => onScore(r)} data-testid={`applicant-score-${r.id}`}>
                      {t('recruit.scores')}
                    </Button>
                  )}
                  {r.status === 'applied' &&
                    planOpen &&
                    r.withinPosts &&
                    r.vetting === 'passed' &&
                    r.conditionsComplete && (
                      <Button
                        size="small"
                        type="primary"
                        onClick={() => act(() => lifecycleApi.offer(r.id), t('recruit.offered'))}
                        data-testid={`applicant-offer-${r.id}`}
                      >
                        {t('recruit.offer')}
                      </Button>
                    )}
                  {r.status === 'offered' && (
                    <Button size="small" type="primary" onClick={() => hire(r)} data-testid={`applicant-hire-${r.id}`}>
                      {t('recruit.hire')}
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
                    {c.pending ? t('recruit.toConfirm2') : ''}
                  </li>
                ))}
              </ul>
              {r.tieDecision && (
                <div>
                  {t('recruit.tieDecision')}
                  {r.tieDecision.reason}（{r.tieDecision.decidedBy}，{formatDate(r.tieDecision.decidedOn, lang)}）
                </div>
              )}
              {r.vettingNote && (
                <div>
                  {t('recruit.vettingNote2')}
                  {r.vettingNote}
                </div>
              )}
            </div>
          ),
        }}
      />
    </Card>
  );
}

export function PlanPage() {
  const { id } = useParams();
  const { t, lang } = useI18n();
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
      message.success(t('recruit.createdImported', { created: r.created }));
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
      title: t('recruit.closeThePlan'),
      content: (
        <Space direction="vertical" style={{ width: '100%' }}>
          <span>{t('recruit.afterwardsNoApplicantsScoresTie')}</span>
          <Input.TextArea
            rows={2}
            maxLength={500}
            placeholder={t('recruit.noteOptional')}
            onChange={(e) => (note = e.target.value)}
            data-testid="close-note"
          />
        </Space>
      ),
      okText: t('recruit.closePlan'),
      okButtonProps: { danger: true, ...({ 'data-testid': 'close-confirm' } as Record<string, string>) },
      onOk: async () => {
        try {
          await lifecycleApi.closePlan(plan.id, note.trim() || null);
          message.success(t('recruit.planClosed'));
          s.reload();
        } catch (e) {
          message.error(e instanceof Error ? e.message : String(e));
        }
      },
    });
  };
  const c = plan.conditions;
  const conditionTexts = [
    c.partyMember && t('recruit.cpcMemberInclProbationary'),
    c.localYears !== null && t('recruit.localRegistrationOrLocalyearsYears', { localYears: c.localYears }),
    c.noCriminalRecord && t('recruit.noCriminalRecord'),
    c.healthy && t('recruit.healthyExaminationPassed'),
    c.socialWorkQualification &&
      t('recruit.qualificationOrAbove', { level: t(`vocab.qualification.${c.socialWorkQualification}` as MessageKey) }),
    ...c.custom,
  ].filter(Boolean) as string[];
  return (
    <div className="page-stack">
      <Card
        title={
          <Space>
            {plan.title}
            <Tag color={open ? 'green' : 'default'} data-testid="plan-status">
              {open ? t('recruit.open') : t('recruit.closed')}
            </Tag>
          </Space>
        }
        extra={
          canManage && (
            <Space wrap>
              <Button
                icon={<DownloadOutlined />}
                onClick={() => fetchFile(() => lifecycleApi.downloadTemplate(plan.id))}
                data-testid="applicants-template"
              >
                {t('recruit.downloadTemplate')}
              </Button>
              {open && (
                <Button danger icon={<StopOutlined />} onClick={close} data-testid="plan-close">
                  {t('recruit.closePlan')}
                </Button>
              )}
              <span data-testid="applicants-upload" style={{ display: open ? undefined : 'none' }}>
                <Upload accept=".xlsx,.csv" showUploadList={false} beforeUpload={(f) => upload(f as File)}>
                  <Button icon={<UploadOutlined />}>{t('recruit.importApplicantsXlsx')}</Button>
                </Upload>
              </span>
              {open && (
                <Button icon={<UserAddOutlined />} onClick={() => setAdding(true)}>
                  {t('recruit.addApplicant2')}
                </Button>
              )}
            </Space>
          )
        }
      >
        <Descriptions size="small" column={3}>
          <Descriptions.Item label={t('recruit.region')}>{plan.regionName}</Descriptions.Item>
          <Descriptions.Item label={t('recruit.maxAge')}>{plan.maxAge ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('recruit.minEducation')}>
            {plan.minEducation ? t(`vocab.education.${plan.minEducation}` as MessageKey) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('recruit.residence')}>{plan.residenceName ?? t('recruit.any')}</Descriptions.Item>
          <Descriptions.Item label={t('recruit.weights')}>
            {t('recruit.writtenWrittenpercentInterviewV', {
              writtenPercent: plan.writtenPercent,
              v: 100 - plan.writtenPercent,
            })}
          </Descriptions.Item>
          <Descriptions.Item label={t('recruit.referenceDate')}>
            {formatDate(plan.referenceDate, lang)}
          </Descriptions.Item>
          <Descriptions.Item label={t('recruit.bonusHighestOnly')} span={3}>
            {Object.entries(plan.bonus)
              .map(([g, v]) => `${groupName(t, g)} ${v}`)
              .join(t('recruit.listSeparator'))}
          </Descriptions.Item>
          <Descriptions.Item label={t('recruit.furtherConditions')} span={3}>
            <span data-testid="plan-conditions">
              {conditionTexts.length ? conditionTexts.join('；') : t('recruit.none')}
            </span>
          </Descriptions.Item>
          {!open && (
            <Descriptions.Item label={t('recruit.closed2')} span={3}>
              {formatDate(plan.closedOn ?? '', lang)} {plan.closedBy}
              {plan.closeNote ? `：${plan.closeNote}` : ''}
            </Descriptions.Item>
          )}
        </Descriptions>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('recruit.rankingTotalThenWrittenThen')}
        </Typography.Paragraph>
      </Card>
      {importErrors.length > 0 && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setImportErrors([])}
          message={t('recruit.nothingImportedImporterrorscountErrorS', { importErrorsCount: importErrors.length })}
          description={
            <>
              <ul style={{ margin: 0 }} data-testid="import-errors">
                {importErrors.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
              {reportId && (
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  style={{ marginTop: 8 }}
                  onClick={() => fetchFile(() => lifecycleApi.downloadImportErrors(reportId))}
                  data-testid="import-error-report"
                >
                  {t('recruit.downloadTheAnnotatedSheet')}
                </Button>
              )}
            </>
          }
        />
      )}
      {posts.map((p) => (
        <PostTable
          key={p.id}
          post={p}
          canManage={canManage}
          planOpen={open}
          onScore={setScoring}
          onTie={setTie}
          onChanged={s.reload}
        />
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
