// 培训 (F-TRAIN, F-FACULTY, F-MENTOR, F-ALLPOST): the training calendar, the programs, the trainer
// pool and resource library (city level and above), mentor pairs and all-post certificates.
import { PlusOutlined } from '@ant-design/icons';
import { Badge, Button, Calendar, Card, Space, Table, Tabs, Tag } from 'antd';
import { useCallback, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, type TrainingProgram } from '../../api';
import { useAuth } from '../../auth';
import { LoadError } from '../../components/ErrorResult';
import { formatDate } from '../../format';
import { useLoad } from '../../useLoad';
import { AllPostTab, FacultyTab, MentorsTab } from './FacultyTabs';
import { ProgramFormModal } from './ProgramForm';
import { LEVELS, MODES, SUBJECTS, TIERS, TYPES, useTrainingText } from './text';

interface CalendarDay {
  format(t: string): string;
}

export function programColumns(
  tt: ReturnType<typeof useTrainingText>['tt'],
  label: ReturnType<typeof useTrainingText>['label'],
  lang: 'zh' | 'en',
) {
  return [
    {
      key: 'title',
      title: tt('programTitle'),
      render: (_: unknown, p: TrainingProgram) => (
        <Link to={`/training/programs/${p.id}`} data-testid={`program-link-${p.id}`}>
          {p.title}
        </Link>
      ),
    },
    {
      key: 'organiser',
      title: tt('organiser'),
      render: (_: unknown, p: TrainingProgram) => `${p.regionName}（${label(LEVELS, p.organiserLevel)}）`,
    },
    { key: 'tier', title: tt('tier'), render: (_: unknown, p: TrainingProgram) => label(TIERS, p.tier) },
    { key: 'type', title: tt('type'), render: (_: unknown, p: TrainingProgram) => label(TYPES, p.type) },
    {
      key: 'subjects',
      title: tt('subjects'),
      render: (_: unknown, p: TrainingProgram) => p.subjects.map((s) => <Tag key={s}>{label(SUBJECTS, s)}</Tag>),
    },
    {
      key: 'dates',
      title: tt('dates'),
      render: (_: unknown, p: TrainingProgram) => `${formatDate(p.startDate, lang)} – ${formatDate(p.endDate, lang)}`,
    },
    { key: 'hours', title: tt('hours'), dataIndex: 'hours' },
    { key: 'mode', title: tt('mode'), render: (_: unknown, p: TrainingProgram) => label(MODES, p.mode) },
    {
      key: 'enrolled',
      title: `${tt('enrolled')} / ${tt('completedCount')}`,
      render: (_: unknown, p: TrainingProgram) => `${p.enrolled} / ${p.completed}`,
    },
  ];
}

function ProgramsTab() {
  const { tt, label, lang } = useTrainingText();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const loader = useCallback(() => api.trainingPrograms(), []);
  const { data, error, loading } = useLoad(loader);
  if (error) return <LoadError error={error} />;
  const items = data?.items ?? [];
  const on = (d: CalendarDay) => {
    const iso = d.format('YYYY-MM-DD');
    return items.filter((p) => p.startDate <= iso && p.endDate >= iso);
  };
  return (
    <div className="page-stack">
      <Space>
        {can('training.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="program-new">
            {tt('newProgram')}
          </Button>
        )}
      </Space>
      <Tabs
        items={[
          {
            key: 'calendar',
            label: tt('calendar'),
            children: (
              <Calendar
                data-testid="training-calendar"
                cellRender={(d, info) => {
                  if (info.type !== 'date') return info.originNode;
                  return (
                    <ul className="training-calendar-cell" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                      {on(d as unknown as CalendarDay).map((p) => (
                        <li key={p.id}>
                          <Link to={`/training/programs/${p.id}`}>
                            <Badge
                              status={p.mode === 'online' ? 'processing' : 'success'}
                              text={<span style={{ fontSize: 12 }}>{p.title}</span>}
                            />
                          </Link>
                        </li>
                      ))}
                    </ul>
                  );
                }}
              />
            ),
          },
          {
            key: 'list',
            label: tt('programs'),
            children: (
              <Table
                size="small"
                rowKey="id"
                loading={loading}
                dataSource={items}
                columns={programColumns(tt, label, lang)}
                data-testid="program-list"
              />
            ),
          },
        ]}
      />
      <ProgramFormModal
        open={open}
        onClose={() => setOpen(false)}
        onSaved={(p) => {
          setOpen(false);
          navigate(`/training/programs/${p.id}`);
        }}
      />
    </div>
  );
}

export function TrainingPage() {
  const { tt } = useTrainingText();
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'programs';
  return (
    <Card
      title={tt('title')}
      data-testid="training-page"
      extra={
        user && (
          <Link to={`/training/compliance/${user.regionCode}`} data-testid="training-compliance-link">
            {tt('compliance')}
          </Link>
        )
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={[
          { key: 'programs', label: tt('programs'), children: <ProgramsTab /> },
          { key: 'faculty', label: `${tt('trainers')} / ${tt('resources')}`, children: <FacultyTab /> },
          { key: 'mentors', label: tt('mentors'), children: <MentorsTab /> },
          { key: 'allPost', label: tt('allPost'), children: <AllPostTab /> },
        ]}
      />
    </Card>
  );
}
