// F-FACULTY 师资库 and 资源库 (kept at city level and above, read by everyone below), F-MENTOR 导师帮带,
// F-ALLPOST 全岗通.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Segmented, Select, Space, Table, Tag } from 'antd';
import { type ReactNode, useCallback, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, type TrainingResource, type TrainingSubject } from '../../api';
import { useAuth } from '../../auth';
import { LoadError } from '../../components/ErrorResult';
import { useFormAction } from '../../components/formErrors';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { formatDate } from '../../format';
import { useLoad } from '../../useLoad';
import { DateInput, isoOf, type PickedDate } from '../workers/WorkerFields';
import { RESOURCE_KINDS, SUBJECTS, useTrainingText } from './text';
import { WorkerPicker } from './WorkerPicker';

/** A modal with a form whose submit calls `save` with the validated values. */
function FormModal<T extends object>({
  title,
  open,
  onClose,
  onSaved,
  save,
  children,
}: {
  title: string;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
  save: (v: T) => Promise<unknown>;
  children: ReactNode;
}) {
  const [form] = Form.useForm<T>();
  const { saving, run } = useFormAction(form);
  const { message } = App.useApp();
  const { tt } = useTrainingText();
  const submit = async () => {
    let v: T;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    await run(async () => {
      await save(v);
      message.success(tt('saved'));
      form.resetFields();
      onSaved();
    });
  };
  return (
    <Modal title={title} open={open} onOk={submit} onCancel={onClose} confirmLoading={saving} forceRender>
      <Form form={form} layout="vertical">
        {children}
      </Form>
    </Modal>
  );
}

const required = [{ required: true, message: '必填' }];

export function FacultyTab() {
  const { tt, label, options } = useTrainingText();
  const { can, user } = useAuth();
  const [kind, setKind] = useState<string>('all');
  const [dialog, setDialog] = useState<'trainer' | 'resource' | null>(null);
  const trainers = useLoad(useCallback(() => api.trainers(), []));
  const resources = useLoad(useCallback(() => api.trainingResources(kind === 'all' ? undefined : kind), [kind]));
  const faculty =
    can('training.faculty') &&
    (user?.regionLevel === 'city' || user?.regionLevel === 'province' || user?.regionLevel === 'nation');
  if (trainers.error) return <LoadError error={trainers.error} />;
  return (
    <div className="page-stack">
      {!faculty && <Alert type="info" showIcon title={tt('facultyHint')} />}
      <Space>
        {faculty && (
          <>
            <Button icon={<PlusOutlined />} onClick={() => setDialog('trainer')}>
              {tt('addTrainer')}
            </Button>
            <Button icon={<PlusOutlined />} onClick={() => setDialog('resource')}>
              {tt('addResource')}
            </Button>
          </>
        )}
      </Space>
      <Table
        size="small"
        rowKey="id"
        title={() => tt('trainers')}
        loading={trainers.loading}
        dataSource={trainers.data?.items ?? []}
        pagination={false}
        columns={[
          { key: 'name', title: tt('trainerName'), dataIndex: 'name' },
          { key: 'title', title: tt('trainerTitle'), render: (_: unknown, x) => x.title ?? '—' },
          { key: 'org', title: tt('organisation'), render: (_: unknown, x) => x.organisation ?? '—' },
          {
            key: 'subjects',
            title: tt('subjects'),
            render: (_: unknown, x) => x.subjects.map((s) => <Tag key={s}>{label(SUBJECTS, s)}</Tag>),
          },
          { key: 'region', title: tt('region'), dataIndex: 'regionName' },
        ]}
      />
      <Segmented
        value={kind}
        onChange={(v) => setKind(String(v))}
        options={[{ value: 'all', label: '全部' }, ...options(RESOURCE_KINDS)]}
      />
      <Table
        size="small"
        rowKey="id"
        title={() => tt('resources')}
        loading={resources.loading}
        dataSource={resources.data?.items ?? []}
        pagination={false}
        data-testid="resource-list"
        columns={[
          { key: 'kind', title: tt('kind'), render: (_: unknown, x) => <Tag>{label(RESOURCE_KINDS, x.kind)}</Tag> },
          {
            key: 'title',
            title: tt('programTitle'),
            render: (_: unknown, x) =>
              x.url ? (
                <a href={x.url} target="_blank" rel="noreferrer">
                  {x.title}
                </a>
              ) : (
                x.title
              ),
          },
          { key: 'summary', title: tt('summary'), render: (_: unknown, x) => x.summary ?? '—' },
          {
            key: 'subjects',
            title: tt('subjects'),
            render: (_: unknown, x) => x.subjects.map((s) => <Tag key={s}>{label(SUBJECTS, s)}</Tag>),
          },
        ]}
      />
      <FormModal<{
        regionCode: string;
        name: string;
        title?: string;
        organisation?: string;
        subjects: TrainingSubject[];
      }>
        title={tt('addTrainer')}
        open={dialog === 'trainer'}
        onClose={() => setDialog(null)}
        onSaved={() => {
          setDialog(null);
          trainers.reload();
        }}
        save={(v) => api.createTrainer({ ...v, title: v.title ?? null, organisation: v.organisation ?? null })}
      >
        <Form.Item name="regionCode" label={tt('region')} rules={required} initialValue={user?.regionCode}>
          <RegionTreeSelect />
        </Form.Item>
        <Form.Item name="name" label={tt('trainerName')} rules={required}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="title" label={tt('trainerTitle')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="organisation" label={tt('organisation')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="subjects" label={tt('subjects')} rules={required}>
          <Select mode="multiple" options={options(SUBJECTS)} />
        </Form.Item>
      </FormModal>
      <FormModal<{
        regionCode: string;
        kind: TrainingResource['kind'];
        title: string;
        url?: string;
        summary?: string;
        subjects?: TrainingSubject[];
      }>
        title={tt('addResource')}
        open={dialog === 'resource'}
        onClose={() => setDialog(null)}
        onSaved={() => {
          setDialog(null);
          resources.reload();
        }}
        save={(v) =>
          api.createTrainingResource({
            ...v,
            url: v.url ?? null,
            summary: v.summary ?? null,
            subjects: v.subjects ?? [],
          })
        }
      >
        <Form.Item name="regionCode" label={tt('region')} rules={required} initialValue={user?.regionCode}>
          <RegionTreeSelect />
        </Form.Item>
        <Form.Item name="kind" label={tt('kind')} rules={required} initialValue="case">
          <Select options={options(RESOURCE_KINDS)} />
        </Form.Item>
        <Form.Item name="title" label={tt('programTitle')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="url" label={tt('url')}>
          <Input maxLength={1000} />
        </Form.Item>
        <Form.Item name="summary" label={tt('summary')}>
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
        <Form.Item name="subjects" label={tt('subjects')}>
          <Select mode="multiple" options={options(SUBJECTS)} />
        </Form.Item>
      </FormModal>
    </div>
  );
}

export function MentorsTab() {
  const { tt, lang } = useTrainingText();
  const { can } = useAuth();
  const [open, setOpen] = useState(false);
  const { data, error, loading, reload } = useLoad(useCallback(() => api.mentorPairs(), []));
  if (error) return <LoadError error={error} />;
  return (
    <div className="page-stack">
      {can('training.manage') && (
        <Space>
          <Button icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {tt('addMentor')}
          </Button>
        </Space>
      )}
      <Table
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        columns={[
          {
            key: 'mentor',
            title: tt('mentor'),
            render: (_: unknown, m) => <Link to={`/workers/${m.mentorId}`}>{m.mentorName}</Link>,
          },
          {
            key: 'mentee',
            title: tt('mentee'),
            render: (_: unknown, m) => <Link to={`/workers/${m.menteeId}`}>{m.menteeName}</Link>,
          },
          { key: 'region', title: tt('region'), dataIndex: 'regionName' },
          {
            key: 'dates',
            title: tt('dates'),
            render: (_: unknown, m) =>
              `${formatDate(m.startDate, lang)} – ${m.endDate ? formatDate(m.endDate, lang) : ''}`,
          },
          { key: 'note', title: tt('note'), render: (_: unknown, m) => m.note ?? '—' },
        ]}
      />
      <FormModal<{ mentorId: number; menteeId: number; startDate: PickedDate; endDate?: PickedDate; note?: string }>
        title={tt('addMentor')}
        open={open}
        onClose={() => setOpen(false)}
        onSaved={() => {
          setOpen(false);
          reload();
        }}
        save={(v) =>
          api.createMentorPair({
            mentorId: v.mentorId,
            menteeId: v.menteeId,
            startDate: isoOf(v.startDate) ?? '',
            endDate: isoOf(v.endDate),
            note: v.note ?? null,
          })
        }
      >
        <Form.Item name="mentorId" label={tt('mentor')} rules={required}>
          <WorkerPicker />
        </Form.Item>
        <Form.Item name="menteeId" label={tt('mentee')} rules={required}>
          <WorkerPicker />
        </Form.Item>
        <Form.Item name="startDate" label={tt('startDate')} rules={required}>
          <DateInput />
        </Form.Item>
        <Form.Item name="endDate" label={tt('endDate')}>
          <DateInput />
        </Form.Item>
        <Form.Item name="note" label={tt('note')}>
          <Input maxLength={500} />
        </Form.Item>
      </FormModal>
    </div>
  );
}

export function AllPostTab() {
  const { tt, lang } = useTrainingText();
  const { can } = useAuth();
  const [open, setOpen] = useState(false);
  const { data, error, loading, reload } = useLoad(useCallback(() => api.allPost(), []));
  if (error) return <LoadError error={error} />;
  return (
    <div className="page-stack">
      {can('training.manage') && (
        <Space>
          <Button icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {tt('addAllPost')}
          </Button>
        </Space>
      )}
      <Table
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        columns={[
          {
            key: 'worker',
            title: tt('worker'),
            render: (_: unknown, c) => <Link to={`/workers/${c.workerId}`}>{c.workerName}</Link>,
          },
          { key: 'region', title: tt('region'), dataIndex: 'regionName' },
          { key: 'date', title: tt('certifiedOn'), render: (_: unknown, c) => formatDate(c.certifiedOn, lang) },
          { key: 'no', title: tt('certificateNo'), render: (_: unknown, c) => c.certificateNo ?? '—' },
        ]}
      />
      <FormModal<{ workerId: number; certifiedOn: PickedDate; certificateNo?: string }>
        title={tt('addAllPost')}
        open={open}
        onClose={() => setOpen(false)}
        onSaved={() => {
          setOpen(false);
          reload();
        }}
        save={(v) =>
          api.createAllPost({
            workerId: v.workerId,
            certifiedOn: isoOf(v.certifiedOn) ?? '',
            certificateNo: v.certificateNo ?? null,
          })
        }
      >
        <Form.Item name="workerId" label={tt('worker')} rules={required}>
          <WorkerPicker />
        </Form.Item>
        <Form.Item name="certifiedOn" label={tt('certifiedOn')} rules={required}>
          <DateInput />
        </Form.Item>
        <Form.Item name="certificateNo" label={tt('certificateNo')}>
          <Input maxLength={100} />
        </Form.Item>
      </FormModal>
    </div>
  );
}
