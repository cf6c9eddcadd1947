// One worker's record (一人一档): basic information, positions, periods and years of community work,
// grade and pay with their explanations, timeline, qualifications and change history; edit, transfer
// and exit for those allowed.
import { ArrowLeftOutlined, EditOutlined, EyeOutlined, LogoutOutlined, SwapOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Descriptions,
  Empty,
  Skeleton,
  Space,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError, api, type Worker, type WorkerDetail } from '../../api';
import { useAuth } from '../../auth';
import { LoadError, NotFoundResult } from '../../components/ErrorResult';
import { formatDate } from '../../format';
import { errorText, useI18n } from '../../i18n';
import { useLoad } from '../../useLoad';
import { STATUS_COLORS, vocabLabel } from '../../workerVocab';
import { WorkerExitsTerms } from '../lifecycle/WorkerExitsTerms';
import { WorkerLifecycleTab } from '../lifecycle/WorkerLifecycleTab';
import { WorkerTrainingTab } from '../training/WorkerTrainingTab';
import { AssessmentTab } from './AssessmentTab';
import { ExitModal } from './ExitModal';
import { GradeTab } from './GradeTab';
import { HistoryTab } from './HistoryTab';
import { PayTab } from './PayTab';
import { PositionsTab } from './PositionsTab';
import { QualificationsTab } from './QualificationsTab';
import { ServiceTab } from './ServiceTab';
import { TransferModal } from './TransferModal';
import { WorkerEditModal } from './WorkerEditModal';

type Dialog = 'edit' | 'transfer' | 'exit' | null;

const TIMELINE_COLORS: Record<string, string> = {
  'period.start': 'green',
  'period.end': 'gray',
  'position.start': 'blue',
  'position.end': 'gray',
  qualification: 'gold',
  probation: 'orange',
};

function BasicInfo({
  worker,
  canReveal,
  onReveal,
  revealing,
}: {
  worker: Worker;
  canReveal: boolean;
  onReveal: () => void;
  revealing: boolean;
}) {
  const { t, lang } = useI18n();
  const yesNo = (v: boolean) => (v ? t('common.yes') : t('common.no'));
  const dash = (v: string | number | null) => (v === null || v === '' ? '—' : v);
  return (
    <div className="page-stack">
      {worker.idNumberMasked ? (
        canReveal && (
          <Alert
            type="info"
            showIcon
            title={t('worker.maskedNote')}
            description={t('worker.revealAudited')}
            action={
              <Button
                size="small"
                icon={<EyeOutlined />}
                loading={revealing}
                onClick={onReveal}
                data-testid="worker-reveal"
              >
                {t('worker.reveal')}
              </Button>
            }
          />
        )
      ) : (
        <Alert type="warning" showIcon title={t('worker.revealedNote')} data-testid="worker-revealed" />
      )}
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        data-testid="worker-info"
        items={[
          { key: 'name', label: t('wf.name'), children: worker.name },
          {
            key: 'id',
            label: t('wf.idNumber'),
            children: (
              <span className="mono-text" data-testid="worker-id-value">
                {worker.idNumber}
              </span>
            ),
          },
          { key: 'gender', label: t('wf.gender'), children: vocabLabel(t, 'gender', worker.gender) },
          { key: 'birth', label: t('wf.birthDate'), children: formatDate(worker.birthDate, lang) },
          { key: 'age', label: t('wf.age'), children: t('worker.ageYears', { n: worker.age }) },
          { key: 'ethnicity', label: t('wf.ethnicity'), children: dash(worker.ethnicity) },
          { key: 'phone', label: t('wf.phone'), children: <span className="mono-text">{dash(worker.phone)}</span> },
          {
            key: 'political',
            label: t('wf.politicalStatus'),
            children: vocabLabel(t, 'political', worker.politicalStatus),
          },
          { key: 'category', label: t('wf.category'), children: vocabLabel(t, 'category', worker.category) },
          { key: 'position', label: t('wf.position'), children: vocabLabel(t, 'position', worker.position) },
          {
            key: 'region',
            label: t('workers.col.community'),
            children: worker.streetName ? `${worker.streetName} ${worker.regionName}` : worker.regionName,
          },
          { key: 'start', label: t('wf.startDate'), children: formatDate(worker.startDate, lang) },
          {
            key: 'status',
            label: t('wf.status'),
            children: (
              <Tag color={STATUS_COLORS[worker.status] ?? 'default'}>{vocabLabel(t, 'status', worker.status)}</Tag>
            ),
          },
          { key: 'education', label: t('wf.education'), children: vocabLabel(t, 'education', worker.education) },
          {
            key: 'educationFulltime',
            label: t('wf.educationFulltime'),
            children: vocabLabel(t, 'education', worker.educationFulltime),
          },
          { key: 'major', label: t('wf.major'), children: dash(worker.major) },
          { key: 'swMajor', label: t('wf.socialWorkMajor'), children: yesNo(worker.socialWorkMajor) },
          {
            key: 'qualification',
            label: t('wf.qualification'),
            children: worker.qualification ? vocabLabel(t, 'qualification', worker.qualification) : t('common.none'),
          },
          { key: 'home', label: t('wf.homeRegionCode'), children: dash(worker.homeRegionCode) },
          { key: 'veteran', label: t('wf.veteran'), children: yesNo(worker.veteran) },
          {
            key: 'graduate',
            label: t('wf.graduateEntrant'),
            children: worker.graduateEntrant
              ? `${t('common.yes')}${worker.graduateYear ? t('worker.graduateIn', { year: worker.graduateYear }) : ''}`
              : t('common.no'),
          },
          ...(worker.status === 'exited'
            ? [
                { key: 'exitType', label: t('wf.exitType'), children: vocabLabel(t, 'periodEnd', worker.exitType) },
                { key: 'exitDate', label: t('wf.exitDate'), children: formatDate(worker.exitDate, lang) },
                { key: 'exitReason', label: t('wf.exitReason'), children: dash(worker.exitReason) },
              ]
            : []),
        ]}
      />
    </div>
  );
}

function WorkerView({ id }: { id: number }) {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<Dialog>(null);
  // ?tab=pay etc. opens a tab directly (the dashboard links here).
  const [params] = useSearchParams();
  const [tab, setTab] = useState(params.get('tab') ?? 'info');
  const [version, setVersion] = useState(0);
  /** The record read with ?reveal=true (full numbers; that read is audited), until the next change. */
  const [revealed, setRevealed] = useState<WorkerDetail | null>(null);
  const [revealing, setRevealing] = useState(false);

  const loader = useCallback(() => api.worker(id), [id]);
  const { data: loaded, error, reload } = useLoad<WorkerDetail>(loader);
  const data = revealed ?? loaded;

  const regionNames = useMemo(() => {
    const names: Record<string, string> = {};
    for (const p of data?.periods ?? []) names[p.regionCode] = p.regionName;
    if (data) names[data.worker.regionCode] = data.worker.regionName;
    return names;
  }, [data]);

  if (error) return <LoadError error={error} />;
  if (!data || data.worker.id !== id) return <Skeleton active />;

  const { worker } = data;
  const exited = worker.status === 'exited';

  const reveal = async () => {
    setRevealing(true);
    try {
      setRevealed(await api.worker(id, true));
    } catch (err) {
      message.error(err instanceof ApiError ? errorText(lang, err.code, err.message) : String(err));
    } finally {
      setRevealing(false);
    }
  };

  /** After a change: drop the revealed numbers (another full read would be audited again) and re-read. */
  const changed = () => {
    setDialog(null);
    setRevealed(null);
    setVersion((v) => v + 1);
    reload();
  };

  const actions = !exited && (
    <Space wrap>
      {can('worker.manage') && (
        <Button icon={<EditOutlined />} onClick={() => setDialog('edit')} data-testid="worker-edit">
          {t('common.edit')}
        </Button>
      )}
      {can('worker.transfer') && (
        <Button icon={<SwapOutlined />} onClick={() => setDialog('transfer')} data-testid="worker-transfer">
          {t('worker.transfer')}
        </Button>
      )}
      {can('exit.propose') && (
        <Button danger icon={<LogoutOutlined />} onClick={() => setDialog('exit')} data-testid="worker-exit">
          {t('worker.exit')}
        </Button>
      )}
    </Space>
  );

  return (
    <div className="page-stack" data-testid="worker-page">
      <Breadcrumb
        items={[
          { key: 'list', title: <Link to="/workers">{t('workers.title')}</Link> },
          { key: 'me', title: worker.name },
        ]}
      />
      {exited && (
        <Alert
          type="error"
          showIcon
          data-testid="worker-exited-banner"
          title={t('worker.exitedBanner', {
            date: formatDate(worker.exitDate, lang),
            type: vocabLabel(t, 'periodEnd', worker.exitType),
          })}
          description={worker.exitReason ? `${t('wf.exitReason')}：${worker.exitReason}` : undefined}
        />
      )}
      <Card
        title={
          <Space wrap>
            <span data-testid="worker-name-title">{worker.name}</span>
            <Tag color={STATUS_COLORS[worker.status] ?? 'default'}>{vocabLabel(t, 'status', worker.status)}</Tag>
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
              {vocabLabel(t, 'position', worker.position)} · {worker.regionName}
            </Typography.Text>
          </Space>
        }
        extra={
          <Space wrap>
            {actions}
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/workers')}>
              {t('worker.backToList')}
            </Button>
          </Space>
        }
      >
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'info',
              label: t('worker.tab.info'),
              children: (
                <BasicInfo worker={worker} canReveal={can('worker.reveal')} revealing={revealing} onReveal={reveal} />
              ),
            },
            {
              key: 'positions',
              label: t('worker.tab.positions'),
              children: (
                <PositionsTab
                  workerId={worker.id}
                  positions={data.positions}
                  regionNames={regionNames}
                  canChange={!exited && can('worker.manage')}
                  onChanged={changed}
                />
              ),
            },
            {
              key: 'service',
              label: t('worker.tab.service'),
              children: (
                <ServiceTab periods={data.periods} serviceYears={data.serviceYears} regionNames={regionNames} />
              ),
            },
            {
              key: 'grade',
              label: <span data-testid="worker-tab-grade">{t('worker.tab.grade')}</span>,
              children: <GradeTab key={version} workerId={worker.id} />,
            },
            ...(can('pay.read')
              ? [
                  {
                    key: 'pay',
                    label: <span data-testid="worker-tab-pay">{t('worker.tab.pay')}</span>,
                    children: <PayTab key={version} workerId={worker.id} />,
                  },
                ]
              : []),
            ...(can('lifecycle.read')
              ? [
                  {
                    key: 'lifecycle',
                    label: (
                      <span data-testid="worker-tab-lifecycle">
                        {lang === 'zh' ? '退休与合同' : 'Retirement and contracts'}
                      </span>
                    ),
                    children: (
                      <WorkerLifecycleTab
                        key={version}
                        workerId={worker.id}
                        canSign={!exited && can('contract.manage')}
                      />
                    ),
                  },
                ]
              : []),
            {
              key: 'training',
              label: <span data-testid="worker-tab-training">{lang === 'zh' ? '培训' : 'Training'}</span>,
              children: <WorkerTrainingTab key={version} workerId={worker.id} />,
            },
            {
              key: 'assessment',
              label: <span data-testid="worker-tab-assessment">{t('worker.tab.assessment')}</span>,
              children: <AssessmentTab key={version} workerId={worker.id} />,
            },
            {
              key: 'timeline',
              label: t('worker.tab.timeline'),
              children: (
                <>
                  {can('lifecycle.read') && <WorkerExitsTerms key={version} workerId={worker.id} />}
                  {data.timeline.length === 0 ? (
                    <Empty />
                  ) : (
                    <div data-testid="worker-timeline" className="timeline-wrap">
                      <Timeline
                        items={data.timeline.map((e, i) => ({
                          key: `${e.date}-${i}`,
                          color: TIMELINE_COLORS[e.kind] ?? 'blue',
                          title: lang === 'zh' ? e.dateText : formatDate(e.date, lang),
                          content: e.text,
                        }))}
                      />
                    </div>
                  )}
                </>
              ),
            },
            {
              key: 'qualifications',
              label: t('worker.tab.qualifications'),
              children: (
                <QualificationsTab
                  workerId={worker.id}
                  qualifications={data.qualifications}
                  canAdd={!exited && can('worker.manage')}
                  onChanged={changed}
                />
              ),
            },
            {
              key: 'history',
              label: t('worker.tab.history'),
              children: <HistoryTab workerId={worker.id} version={version} />,
            },
          ]}
        />
      </Card>
      {!exited && can('worker.manage') && (
        <WorkerEditModal worker={worker} open={dialog === 'edit'} onClose={() => setDialog(null)} onSaved={changed} />
      )}
      {!exited && can('worker.transfer') && (
        <TransferModal worker={worker} open={dialog === 'transfer'} onClose={() => setDialog(null)} onSaved={changed} />
      )}
      {!exited && can('exit.propose') && (
        <ExitModal worker={worker} open={dialog === 'exit'} onClose={() => setDialog(null)} onSaved={changed} />
      )}
    </div>
  );
}

export function WorkerPage() {
  const { id = '' } = useParams();
  const n = /^\d+$/.test(id) ? Number(id) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1) return <NotFoundResult />;
  return <WorkerView key={n} id={n} />;
}
