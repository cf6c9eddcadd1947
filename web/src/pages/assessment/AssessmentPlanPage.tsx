// 年度考核方案 (F-ASSESS §4.10, F-REWARD): the rules frozen into the plan, the 优秀 quota of each
// assessing unit with its arithmetic, the scoring sheet (every total and result explained), approval
// and lock, the consequences to confirm or reject, and 容错纠错 decisions with their reasons.
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Skeleton,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useParams } from 'react-router-dom';
import {
  ApiError,
  type AssessmentEntry,
  type AssessmentPlanDetail,
  type AssessmentResult,
  api,
  type ScoreItem,
} from '../../api';
import { useFormAction } from '../../components/formErrors';
import { formatDate, formatDateTime } from '../../format';
import { errorText, useI18n } from '../../i18n';
import { useLoad } from '../../useLoad';

type Draft = Partial<ScoreItem>;
const RESULTS: AssessmentResult[] = ['excellent', 'competent', 'basic', 'fail'];
const RESULT_COLORS: Record<AssessmentResult, string> = {
  excellent: 'gold',
  competent: 'green',
  basic: 'orange',
  fail: 'red',
};
const pct = (x: number) => `${Math.round(x * 10000) / 100}`;

function RulesCard({ d }: { d: AssessmentPlanDetail }) {
  const { t } = useI18n();
  const r = d.rules;
  return (
    <Card size="small" title={t('assess.rules')}>
      <Typography.Paragraph style={{ marginBottom: 0 }} data-testid="plan-rules">
        {t('assess.rulesText', {
          pq: r.weights.politicalQuality,
          wp: r.weights.workPerformance,
          rs: r.weights.residentSatisfaction,
          ex: r.bands.excellentMin,
          co: r.bands.competentMin,
          ba: r.bands.basicMin,
          exLabel: r.labels.excellent,
          coLabel: r.labels.competent,
          baLabel: r.labels.basic,
          failLabel: r.labels.fail,
          floor: pct(r.satisfactionFloor),
          months: r.minMonthsWorked,
          minRatings: r.minRatings,
        })}{' '}
        {d.quotaRule}
      </Typography.Paragraph>
    </Card>
  );
}

function QuotaList({ d }: { d: AssessmentPlanDetail }) {
  const { t } = useI18n();
  const over = d.quotas.filter((q) => q.status !== 'ok');
  return (
    <div className="page-stack" data-testid="quota-list">
      {over.map((q) => (
        <Alert
          key={q.unitCode}
          type={q.status === 'over_cap' ? 'error' : 'warning'}
          showIcon
          title={q.unitName}
          description={q.text}
          data-testid={`quota-warning-${q.unitCode}`}
        />
      ))}
      <Table
        size="small"
        rowKey="unitCode"
        pagination={false}
        dataSource={d.quotas}
        columns={[
          { title: t('assess.community'), dataIndex: 'unitName' },
          { title: t('assess.quotas'), dataIndex: 'text' },
          {
            title: t('assess.statusCol'),
            dataIndex: 'status',
            render: (s: string) => (
              <Tag color={s === 'ok' ? 'green' : s === 'over_target' ? 'orange' : 'red'}>
                {t(`assess.q.${s}` as 'assess.q.ok')}
              </Tag>
            ),
          },
        ]}
      />
    </div>
  );
}

function ScoreSheet({ d, onSaved }: { d: AssessmentPlanDetail; onSaved: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [drafts, setDrafts] = useState<Record<number, Draft>>({});
  const [onlyUnscored, setOnlyUnscored] = useState(false);
  const [saving, setSaving] = useState(false);
  // A reloaded plan (after a save) starts a fresh set of drafts.
  const [seen, setSeen] = useState(d);
  if (seen !== d) {
    setSeen(d);
    setDrafts({});
  }
  const editable = d.abilities.score;
  const rows = useMemo(() => d.entries.filter((e) => !onlyUnscored || (e.rated && !e.result)), [d, onlyUnscored]);
  const set = (e: AssessmentEntry, patch: Draft) =>
    setDrafts((x) => ({
      ...x,
      [e.workerId]: {
        ...(e.scores ?? {}),
        result: x[e.workerId]?.result,
        ...x[e.workerId],
        ...patch,
        workerId: e.workerId,
      },
    }));
  const dirty = Object.values(drafts);
  const save = async () => {
    const items = dirty.filter((x): x is ScoreItem => x.politicalQuality != null && x.workPerformance != null);
    setSaving(true);
    try {
      const r = await api.saveScores(d.plan.id, items);
      message.success(t('assess.saved', { n: r.saved }));
      onSaved();
    } catch (err) {
      if (err instanceof ApiError)
        message.error(
          err.fields.length
            ? err.fields.map((f) => `${f.field}：${f.message}`).join('；')
            : errorText(lang, err.code, err.message),
        );
    } finally {
      setSaving(false);
    }
  };
  const num = (e: AssessmentEntry, k: 'politicalQuality' | 'workPerformance' | 'residentSatisfaction') => {
    const v = drafts[e.workerId]?.[k] ?? e.scores?.[k] ?? null;
    if (!editable || !e.rated) return v ?? '—';
    // An empty satisfaction is fed from the residents' ratings when there are enough of them.
    const placeholder =
      k === 'residentSatisfaction' && e.residents.usable && e.residents.rate !== null
        ? String(e.residents.rate)
        : undefined;
    return (
      <InputNumber
        size="small"
        min={0}
        max={100}
        step={1}
        value={v}
        placeholder={placeholder}
        onChange={(x) => set(e, { [k]: x ?? undefined })}
        data-testid={`score-${k}-${e.workerId}`}
        style={{ width: 76 }}
      />
    );
  };
  return (
    <div className="page-stack">
      <Space wrap>
        <Switch checked={onlyUnscored} onChange={setOnlyUnscored} data-testid="only-unscored" /> {t('assess.filter')}
        {editable && (
          <Button type="primary" onClick={save} loading={saving} disabled={!dirty.length} data-testid="save-scores">
            {t('assess.saveScores')}
            {dirty.length ? `（${dirty.length}）` : ''}
          </Button>
        )}
      </Space>
      <Table<AssessmentEntry>
        size="small"
        rowKey="workerId"
        dataSource={rows}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        scroll={{ x: 1100 }}
        expandable={{
          rowExpandable: (e) => e.steps.length > 0 || !!e.eligibility,
          expandedRowRender: (e) => (
            <ul className="step-list" data-testid={`steps-${e.workerId}`}>
              <li>{e.eligibility}</li>
              {e.steps.map((s) => (
                <li key={s.rule}>{s.text}</li>
              ))}
              <li>
                {t('assess.residents')}：{e.residents.text}
              </li>
            </ul>
          ),
        }}
        columns={[
          {
            title: t('assess.name'),
            dataIndex: 'name',
            fixed: 'left',
            width: 90,
            render: (v: string, e) => <span data-testid={`entry-${e.workerId}`}>{v}</span>,
          },
          { title: t('assess.position'), dataIndex: 'positionLabel', width: 110 },
          { title: t('assess.community'), dataIndex: 'communityName', width: 170 },
          { title: t('assess.pq'), width: 90, render: (_: unknown, e) => num(e, 'politicalQuality') },
          { title: t('assess.wp'), width: 90, render: (_: unknown, e) => num(e, 'workPerformance') },
          { title: t('assess.rs'), width: 100, render: (_: unknown, e) => num(e, 'residentSatisfaction') },
          {
            title: t('assess.residents'),
            width: 120,
            render: (_: unknown, e) =>
              e.residents.count ? (
                <span
                  title={e.residents.text}
                >{`${e.residents.rate}%（${t('public.votes', { n: e.residents.count })}）`}</span>
              ) : (
                '—'
              ),
          },
          { title: t('assess.total'), dataIndex: 'total', width: 70, render: (v: number | null) => v ?? '—' },
          {
            title: t('assess.result'),
            width: 150,
            render: (_: unknown, e) => {
              if (!e.rated) return <Tag>{t('assess.unrated')}</Tag>;
              if (editable)
                return (
                  <Select<AssessmentResult | 'auto'>
                    size="small"
                    style={{ width: 120 }}
                    value={
                      (drafts[e.workerId] && 'result' in drafts[e.workerId] ? drafts[e.workerId].result : e.result) ??
                      'auto'
                    }
                    onChange={(v) => set(e, { result: v === 'auto' ? null : v })}
                    options={[
                      { value: 'auto', label: t('assess.byTotal') },
                      ...RESULTS.map((r) => ({ value: r, label: d.rules.labels[r] })),
                    ]}
                    data-testid={`result-${e.workerId}`}
                  />
                );
              return e.result ? <Tag color={RESULT_COLORS[e.result]}>{e.resultLabel}</Tag> : '—';
            },
          },
          {
            title: t('assess.scoredAt'),
            width: 150,
            render: (_: unknown, e) => (e.scoredAt ? `${e.scoredBy ?? ''} ${formatDateTime(e.scoredAt, lang)}` : '—'),
          },
        ]}
      />
      {editable && dirty.length > 0 && (
        <Typography.Text type="secondary">
          {t('assess.resultHint', { labels: `${d.rules.labels.excellent}/${d.rules.labels.competent}` })}
        </Typography.Text>
      )}
    </div>
  );
}

function Consequences({ d, onChanged }: { d: AssessmentPlanDetail; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const decide = async (id: number, decision: 'confirm' | 'reject') => {
    try {
      await api.decideConsequence(id, decision);
      message.success(t('assess.decided'));
      onChanged();
    } catch (err) {
      if (err instanceof ApiError) message.error(errorText(lang, err.code, err.message));
    }
  };
  const pending = new Map<string, { label: string; n: number }>();
  for (const c of d.consequences)
    if (c.status === 'proposed') pending.set(c.kind, { label: c.kindLabel, n: (pending.get(c.kind)?.n ?? 0) + 1 });
  const decideAll = async (kind: string) => {
    try {
      const r = await api.decideConsequences(d.plan.id, kind, 'confirm');
      message.success(t('assess.decidedAll', { n: r.decided }));
      onChanged();
    } catch (err) {
      if (err instanceof ApiError) message.error(errorText(lang, err.code, err.message));
    }
  };
  return (
    <div className="page-stack">
      {d.abilities.decide && pending.size > 0 && (
        <Space wrap>
          {[...pending].map(([kind, p]) => (
            <Popconfirm
              key={kind}
              title={t('assess.confirmAllQ', { label: p.label, n: p.n })}
              onConfirm={() => decideAll(kind)}
            >
              <Button size="small" data-testid={`confirm-all-${kind}`}>
                {t('assess.confirmAll', { label: p.label, n: p.n })}
              </Button>
            </Popconfirm>
          ))}
        </Space>
      )}
      <Table
        size="small"
        rowKey="id"
        dataSource={d.consequences}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        data-testid="consequences"
        columns={[
          { title: t('assess.name'), dataIndex: 'name', width: 90 },
          { title: t('assess.kind'), dataIndex: 'kindLabel', width: 220 },
          { title: t('assess.reason'), dataIndex: 'reason' },
          {
            title: t('assess.statusCol'),
            dataIndex: 'status',
            width: 130,
            render: (s: string, c) => (
              <Tag
                color={s === 'confirmed' ? 'green' : s === 'rejected' ? 'default' : s === 'waived' ? 'purple' : 'blue'}
                data-testid={`consequence-status-${c.id}`}
              >
                {t(`assess.cStatus.${s}` as 'assess.cStatus.proposed')}
              </Tag>
            ),
          },
          {
            title: t('common.actions'),
            width: 150,
            render: (_: unknown, c) =>
              c.status === 'proposed' && d.abilities.decide ? (
                <Space>
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => decide(c.id, 'confirm')}
                    data-testid={`confirm-${c.workerId}-${c.kind}`}
                  >
                    {t('assess.confirm')}
                  </Button>
                  <Button size="small" onClick={() => decide(c.id, 'reject')}>
                    {t('assess.reject')}
                  </Button>
                </Space>
              ) : (
                c.decidedBy && `${c.decidedBy}${c.note ? `：${c.note}` : ''}`
              ),
          },
        ]}
      />
    </div>
  );
}

function FaultTolerance({ d, onChanged }: { d: AssessmentPlanDetail; onChanged: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ workerId: number; reason: string }>();
  const { saving, run } = useFormAction(form);
  const candidates = d.entries.filter((e) => e.result === 'basic' || e.result === 'fail');
  const onFinish = (v: { workerId: number; reason: string }) =>
    run(async () => {
      const r = await api.recordFaultTolerance(d.plan.id, v);
      message.success(t('assess.ftRecorded', { n: r.waived.length }));
      form.resetFields();
      onChanged();
    });
  return (
    <div className="page-stack">
      {d.abilities.decide && (
        <Form form={form} layout="inline" onFinish={onFinish}>
          <Form.Item name="workerId" label={t('assess.ftWorker')} rules={[{ required: true }]}>
            <Select
              style={{ width: 220 }}
              options={candidates.map((e) => ({ value: e.workerId, label: `${e.name}（${e.resultLabel}）` }))}
            />
          </Form.Item>
          <Form.Item name="reason" label={t('assess.ftReason')} rules={[{ required: true }]}>
            <Input style={{ width: 360 }} maxLength={1000} />
          </Form.Item>
          <Button htmlType="submit" loading={saving}>
            {t('assess.ftRecord')}
          </Button>
        </Form>
      )}
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={d.faultTolerances}
        columns={[
          { title: t('assess.name'), dataIndex: 'name', width: 100 },
          { title: t('assess.ftReason'), dataIndex: 'reason' },
          { title: t('assess.decidedBy'), dataIndex: 'decidedBy', width: 160 },
        ]}
      />
    </div>
  );
}

export function AssessmentPlanPage() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const planId = Number(id);
  const loader = useCallback(() => api.assessmentPlan(planId), [planId]);
  const { data: d, error, reload } = useLoad(loader);
  const [approving, setApproving] = useState(false);
  const approve = async () => {
    setApproving(true);
    try {
      const r = await api.approvePlan(planId);
      message.success(t('assess.approved', { n: r.consequencesProposed }));
      reload();
    } catch (err) {
      if (err instanceof ApiError)
        message.error(
          err.fields.length
            ? `${err.message}：${err.fields.map((f) => f.message).join('；')}`
            : errorText(lang, err.code, err.message),
        );
    } finally {
      setApproving(false);
    }
  };
  if (error)
    return (
      <Alert
        type="error"
        showIcon
        title={t('common.loadFailed')}
        description={errorText(lang, error.code, error.message)}
      />
    );
  if (!d) return <Skeleton active />;
  const s = d.summary;
  return (
    <div className="page-stack" data-testid="assessment-plan">
      <Space align="center" wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {d.plan.title}
        </Typography.Title>
        <Tag color={d.plan.status === 'approved' ? 'green' : 'blue'} data-testid="plan-status">
          {t(`assess.status.${d.plan.status}` as 'assess.status.open')}
        </Tag>
        {d.abilities.approve && (
          <Popconfirm title={t('assess.approveConfirm')} onConfirm={approve}>
            <Button type="primary" danger loading={approving} data-testid="approve">
              {t('assess.approve')}
            </Button>
          </Popconfirm>
        )}
      </Space>
      {d.plan.status === 'approved' && (
        <Alert
          type="success"
          showIcon
          title={t('assess.locked', { date: formatDate(d.plan.approvedAt, lang), by: d.plan.approvedBy ?? '' })}
        />
      )}
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, md: 4 }}
        items={[
          { key: 'county', label: t('assess.county'), children: d.plan.regionName },
          {
            key: 'window',
            label: t('assess.window'),
            children: `${formatDate(d.plan.ratingFrom, lang)} – ${formatDate(d.plan.ratingTo, lang)}`,
          },
          {
            key: 'rated',
            label: t('assess.sheet'),
            children: (
              <span data-testid="plan-summary">
                {t('assess.summary', { entries: s.entries, rated: s.rated, unscored: s.unscored })}
              </span>
            ),
          },
          {
            key: 'results',
            label: t('assess.result'),
            children: RESULTS.map((r) => `${d.rules.labels[r]} ${s.byResult[r]}`).join('，'),
          },
        ]}
      />
      <RulesCard d={d} />
      <Tabs
        items={[
          {
            key: 'sheet',
            label: <span data-testid="tab-sheet">{t('assess.sheet')}</span>,
            children: <ScoreSheet d={d} onSaved={reload} />,
          },
          {
            key: 'quota',
            label: (
              <span data-testid="tab-quota">
                {t('assess.quotas')}
                {d.quotas.some((q) => q.status !== 'ok') && (
                  <Tag color="red" style={{ marginInlineStart: 6 }}>
                    !
                  </Tag>
                )}
              </span>
            ),
            children: <QuotaList d={d} />,
          },
          {
            key: 'consequences',
            label: <span data-testid="tab-consequences">{t('assess.consequences')}</span>,
            children: <Consequences d={d} onChanged={reload} />,
          },
          {
            key: 'ft',
            label: <span data-testid="tab-ft">{t('assess.faultTolerance')}</span>,
            children: <FaultTolerance d={d} onChanged={reload} />,
          },
        ]}
      />
    </div>
  );
}
