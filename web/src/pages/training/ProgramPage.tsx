// 培训班: the program, the enrolments of the user's area with attendance and completion; enrol one by
// one or everyone matching; mark completed; import an attendance sheet (dry run, every bad row listed).
import { CheckOutlined, DownloadOutlined, UploadOutlined, UserAddOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Modal,
  Segmented,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Upload,
} from 'antd';
import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  type AttendanceImportResult,
  api,
  type PositionCode,
  type TrainingEnrolment,
  type TrainingProgramDetail,
} from '../../api';
import { useAuth } from '../../auth';
import { LoadError, NotFoundResult } from '../../components/ErrorResult';
import { useFormAction } from '../../components/formErrors';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { formatDate } from '../../format';
import { errorText } from '../../i18n';
import { useLoad } from '../../useLoad';
import { ENROLMENT_STATUSES, LEVELS, MODES, POSITIONS, SUBJECTS, TIERS, TYPES, useTrainingText } from './text';
import { WorkerPicker } from './WorkerPicker';

function EnrolModal({
  programId,
  open,
  onClose,
  onSaved,
}: {
  programId: number;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { tt, options } = useTrainingText();
  const { user } = useAuth();
  const { message } = App.useApp();
  const [how, setHow] = useState<'ids' | 'filter'>('ids');
  const [form] = Form.useForm<{ workerIds?: number[]; region?: string; positions?: PositionCode[] }>();
  const { saving, run } = useFormAction(form);
  const submit = async () => {
    let v: { workerIds?: number[]; region?: string; positions?: PositionCode[] };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    await run(async () => {
      const r = await api.enrolTraining(
        programId,
        how === 'ids'
          ? { workerIds: v.workerIds ?? [] }
          : { filter: { region: v.region ?? '', positions: v.positions?.length ? v.positions : undefined } },
      );
      message.success(tt('enrolResult', { enrolled: r.enrolled, skipped: r.skipped }));
      form.resetFields();
      onSaved();
    });
  };
  return (
    <Modal
      title={tt('enrol')}
      open={open}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={saving}
      forceRender
      okButtonProps={{ 'data-testid': 'enrol-save' } as never}
    >
      <Segmented
        value={how}
        onChange={(v) => setHow(v as 'ids' | 'filter')}
        options={[
          { value: 'ids', label: tt('enrolByIds') },
          { value: 'filter', label: tt('enrolByFilter') },
        ]}
        style={{ marginBottom: 16 }}
      />
      <Form form={form} layout="vertical" initialValues={{ region: user?.regionCode }}>
        {how === 'ids' ? (
          <Form.Item name="workerIds" label={tt('workers')} rules={[{ required: true, message: '必填' }]}>
            <WorkerPicker multiple data-testid="enrol-workers" />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="region" label={tt('enrolRegion')} rules={[{ required: true, message: '必填' }]}>
              <RegionTreeSelect />
            </Form.Item>
            <Form.Item name="positions" label={tt('positions')}>
              <Select mode="multiple" allowClear options={options(POSITIONS)} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

function ImportModal({
  programId,
  open,
  onClose,
  onSaved,
}: {
  programId: number;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { tt, lang } = useTrainingText();
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(true);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<AttendanceImportResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const submit = async () => {
    if (!file) return;
    setBusy(true);
    setFailure(null);
    try {
      const r = await api.importAttendance(programId, file, dryRun);
      setResult(r);
      if (r.committed) onSaved();
    } catch (e) {
      const err = e as { code: string; message: string };
      setFailure(errorText(lang, err.code, err.message));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      title={tt('attendanceImport')}
      open={open}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      okButtonProps={{ disabled: !file, 'data-testid': 'attendance-import-run' } as never}
      width={760}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Upload
          accept=".xlsx,.csv"
          maxCount={1}
          beforeUpload={(f) => {
            setFile(f);
            setResult(null);
            return false;
          }}
          onRemove={() => setFile(null)}
        >
          <Button icon={<UploadOutlined />} data-testid="attendance-file">
            {tt('chooseFile')}
          </Button>
        </Upload>
        <Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} data-testid="attendance-dry-run">
          {tt('dryRun')}
        </Checkbox>
        {failure && <Alert type="error" showIcon title={failure} />}
        {result && (
          <div data-testid="attendance-result">
            {result.errors.length > 0 ? (
              <Alert type="error" showIcon title={tt('importErrors', { n: result.errors.length })} />
            ) : result.committed ? (
              <Alert type="success" showIcon title={tt('importDone', { n: result.updated })} />
            ) : (
              <Alert type="info" showIcon title={tt('importChecked', { n: result.valid })} />
            )}
            {result.errors.length > 0 && (
              <Table
                size="small"
                rowKey={(e) => `${e.row}-${e.field}`}
                dataSource={result.errors}
                pagination={false}
                columns={[
                  { key: 'row', title: tt('row'), dataIndex: 'row' },
                  { key: 'column', title: tt('column'), dataIndex: 'column' },
                  { key: 'message', title: tt('message'), dataIndex: 'message' },
                ]}
              />
            )}
          </div>
        )}
      </Space>
    </Modal>
  );
}

function ProgramView({ id }: { id: number }) {
  const { tt, label, lang } = useTrainingText();
  const { message } = App.useApp();
  const loader = useCallback(() => api.trainingProgram(id), [id]);
  const { data, error, reload } = useLoad<TrainingProgramDetail>(loader);
  const [dialog, setDialog] = useState<'enrol' | 'import' | null>(null);
  const [selected, setSelected] = useState<number[]>([]);
  if (error) return <LoadError error={error} />;
  if (!data) return <Skeleton active />;
  const p = data.item;
  const manage = data.abilities.manage;

  const mark = async (workerIds: number[], status: 'completed' | 'absent') => {
    try {
      await api.recordAttendance(
        id,
        workerIds.map((w) => ({ workerId: w, status, attendedHours: status === 'completed' ? p.hours : null })),
      );
      message.success(tt('markedCompleted'));
      setSelected([]);
      reload();
    } catch (e) {
      const err = e as { code: string; message: string };
      message.error(errorText(lang, err.code, err.message));
    }
  };

  return (
    <div className="page-stack" data-testid="program-page">
      <Breadcrumb
        items={[
          { key: 't', title: <Link to="/training">{tt('title')}</Link> },
          { key: 'p', title: p.title },
        ]}
      />
      <Card
        title={<span data-testid="program-title-text">{p.title}</span>}
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} onClick={() => api.downloadAttendanceSheet(id)}>
              {tt('attendanceTemplate')}
            </Button>
            {manage && (
              <>
                <Button icon={<UploadOutlined />} onClick={() => setDialog('import')} data-testid="attendance-import">
                  {tt('attendanceImport')}
                </Button>
                <Button
                  type="primary"
                  icon={<UserAddOutlined />}
                  onClick={() => setDialog('enrol')}
                  data-testid="program-enrol"
                >
                  {tt('enrol')}
                </Button>
              </>
            )}
          </Space>
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'org', label: tt('organiser'), children: `${p.regionName}（${label(LEVELS, p.organiserLevel)}）` },
            { key: 'tier', label: tt('tier'), children: label(TIERS, p.tier) },
            { key: 'type', label: tt('type'), children: label(TYPES, p.type) },
            {
              key: 'dates',
              label: tt('dates'),
              children: `${formatDate(p.startDate, lang)} – ${formatDate(p.endDate, lang)}`,
            },
            { key: 'hours', label: tt('hours'), children: p.hours },
            { key: 'mode', label: tt('mode'), children: label(MODES, p.mode) },
            { key: 'location', label: tt('location'), children: p.location ?? '—' },
            {
              key: 'subjects',
              label: tt('subjects'),
              children: p.subjects.map((s) => <Tag key={s}>{label(SUBJECTS, s)}</Tag>),
            },
            {
              key: 'counts',
              label: `${tt('enrolled')} / ${tt('completedCount')}`,
              children: <span data-testid="program-counts">{`${p.enrolled} / ${p.completed}`}</span>,
            },
          ]}
        />
      </Card>
      <Card size="small">
        {manage && (
          <Space style={{ marginBottom: 12 }}>
            <Button
              icon={<CheckOutlined />}
              disabled={selected.length === 0}
              onClick={() => mark(selected, 'completed')}
              data-testid="mark-selected-completed"
            >
              {tt('markCompleted')}
            </Button>
            <Button disabled={selected.length === 0} onClick={() => mark(selected, 'absent')}>
              {tt('markAbsent')}
            </Button>
          </Space>
        )}
        <Table<TrainingEnrolment>
          size="small"
          rowKey="workerId"
          dataSource={data.enrolments}
          locale={{ emptyText: tt('noEnrolments') }}
          rowSelection={
            manage ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]) } : undefined
          }
          data-testid="enrolment-list"
          columns={[
            {
              key: 'name',
              title: tt('worker'),
              render: (_: unknown, e) => <Link to={`/workers/${e.workerId}`}>{e.workerName}</Link>,
            },
            { key: 'region', title: tt('region'), dataIndex: 'regionName' },
            { key: 'position', title: tt('position'), render: (_: unknown, e) => label(POSITIONS, e.position) },
            {
              key: 'status',
              title: tt('status'),
              render: (_: unknown, e) => (
                <Tag
                  color={e.status === 'completed' ? 'green' : e.status === 'absent' ? 'red' : 'blue'}
                  data-testid={`enrolment-status-${e.workerId}`}
                >
                  {label(ENROLMENT_STATUSES, e.status)}
                </Tag>
              ),
            },
            { key: 'hours', title: tt('attendedHours'), render: (_: unknown, e) => e.attendedHours ?? '—' },
            {
              key: 'completedOn',
              title: tt('completedOn'),
              render: (_: unknown, e) => formatDate(e.completedOn, lang),
            },
            { key: 'cert', title: tt('certificateNo'), render: (_: unknown, e) => e.certificateNo ?? '—' },
            ...(manage
              ? [
                  {
                    key: 'actions',
                    title: '',
                    render: (_: unknown, e: TrainingEnrolment) =>
                      e.status !== 'completed' && (
                        <Button
                          size="small"
                          onClick={() => mark([e.workerId], 'completed')}
                          data-testid={`mark-completed-${e.workerId}`}
                        >
                          {tt('markCompleted')}
                        </Button>
                      ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {manage && (
        <>
          <EnrolModal
            programId={id}
            open={dialog === 'enrol'}
            onClose={() => setDialog(null)}
            onSaved={() => {
              setDialog(null);
              reload();
            }}
          />
          <ImportModal programId={id} open={dialog === 'import'} onClose={() => setDialog(null)} onSaved={reload} />
        </>
      )}
    </div>
  );
}

export function ProgramPage() {
  const { id = '' } = useParams();
  const n = /^\d+$/.test(id) ? Number(id) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1) return <NotFoundResult />;
  return <ProgramView key={n} id={n} />;
}
