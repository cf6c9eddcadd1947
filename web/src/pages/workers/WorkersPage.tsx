// 人员档案 roster: filters, a server-paged and server-sorted table, a column chooser, and the
// create / import / export / template actions the user's permissions allow.
import {
  DownloadOutlined,
  DownOutlined,
  FileExcelOutlined,
  PlusOutlined,
  SettingOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Checkbox,
  Dropdown,
  Form,
  Input,
  InputNumber,
  Popover,
  Select,
  Space,
  Table,
  type TableColumnsType,
  type TableProps,
  Tag,
} from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError, api, type Worker, type WorkerFilters, type WorkerSort } from '../../api';
import { useAuth } from '../../auth';
import { LoadError } from '../../components/ErrorResult';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { formatDate } from '../../format';
import { errorText, type MessageKey, useI18n } from '../../i18n';
import { useLoad } from '../../useLoad';
import { STATUS_COLORS, vocabLabel, vocabOptions } from '../../workerVocab';

interface Query {
  filters: WorkerFilters;
  sort: WorkerSort;
  desc: boolean;
  page: number;
  pageSize: number;
}

type FilterValues = Omit<WorkerFilters, 'ageMin' | 'ageMax'> & {
  ageMin?: number | null;
  ageMax?: number | null;
};

const COLUMN_KEYS = [
  'name',
  'gender',
  'age',
  'ethnicity',
  'category',
  'position',
  'community',
  'startDate',
  'education',
  'qualification',
  'status',
  'idNumber',
  'phone',
] as const;
type ColumnKey = (typeof COLUMN_KEYS)[number];

const COLUMN_TITLES: Record<ColumnKey, MessageKey> = {
  name: 'wf.name',
  gender: 'wf.gender',
  age: 'wf.age',
  ethnicity: 'wf.ethnicity',
  category: 'wf.category',
  position: 'wf.position',
  community: 'workers.col.community',
  startDate: 'wf.startDate',
  education: 'wf.education',
  qualification: 'wf.qualification',
  status: 'wf.status',
  idNumber: 'wf.idNumber',
  phone: 'wf.phone',
};

/** Table column → server sort; age sorts by birth date the other way round. */
const SORTS: Partial<Record<ColumnKey, { sort: WorkerSort; invert: boolean }>> = {
  name: { sort: 'name', invert: false },
  age: { sort: 'birthDate', invert: true },
  community: { sort: 'region', invert: false },
  startDate: { sort: 'hiredOn', invert: false },
};

const HIDDEN_KEY = 'shequ.workers.hiddenColumns';

function loadHidden(): ColumnKey[] {
  try {
    const raw = JSON.parse(localStorage.getItem(HIDDEN_KEY) ?? '[]') as unknown;
    return Array.isArray(raw) ? raw.filter((k): k is ColumnKey => COLUMN_KEYS.includes(k as ColumnKey)) : [];
  } catch {
    return [];
  }
}

function saveHidden(keys: ColumnKey[]): void {
  try {
    localStorage.setItem(HIDDEN_KEY, JSON.stringify(keys));
  } catch {
    // storage unavailable: the choice lasts for this page only
  }
}

/** Form values → API filters (blank values dropped, switches only when on). */
function toFilters(v: FilterValues): WorkerFilters {
  return {
    region: v.region || undefined,
    q: v.q?.trim() || undefined,
    category: v.category,
    position: v.position,
    status: v.status,
    gender: v.gender,
    education: v.education,
    politicalStatus: v.politicalStatus,
    qualification: v.qualification,
    ageMin: v.ageMin ?? undefined,
    ageMax: v.ageMax ?? undefined,
    veteran: v.veteran || undefined,
    graduateEntrant: v.graduateEntrant || undefined,
  };
}

export function WorkersPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<FilterValues>();
  const [query, setQuery] = useState<Query>({ filters: {}, sort: 'region', desc: false, page: 1, pageSize: 20 });
  const [hidden, setHidden] = useState<ColumnKey[]>(loadHidden);
  const [exporting, setExporting] = useState(false);
  const [downloadingTemplate, setDownloadingTemplate] = useState(false);

  const loader = useCallback(
    () =>
      api.workers({
        ...query.filters,
        sort: query.sort,
        desc: query.desc || undefined,
        page: query.page,
        pageSize: query.pageSize,
      }),
    [query],
  );
  const { data, error, loading } = useLoad(loader);

  const showError = (err: unknown) =>
    message.error(err instanceof ApiError ? errorText(lang, err.code, err.message) : String(err));

  const runExport = async (reveal: boolean) => {
    setExporting(true);
    try {
      await api.exportWorkers({ ...query.filters, ...(reveal ? { reveal: true } : {}) });
    } catch (err) {
      showError(err);
    } finally {
      setExporting(false);
    }
  };

  const runTemplate = async () => {
    setDownloadingTemplate(true);
    try {
      await api.downloadTemplate();
    } catch (err) {
      showError(err);
    } finally {
      setDownloadingTemplate(false);
    }
  };

  const toggleColumn = (key: ColumnKey, visible: boolean) => {
    const next = visible ? hidden.filter((k) => k !== key) : [...hidden, key];
    setHidden(next);
    saveHidden(next);
  };

  const sortOrderOf = (key: ColumnKey): 'ascend' | 'descend' | null => {
    const s = SORTS[key];
    if (!s || s.sort !== query.sort) return null;
    return query.desc !== s.invert ? 'descend' : 'ascend';
  };

  const allColumns: Record<ColumnKey, TableColumnsType<Worker>[number]> = {
    name: {
      render: (_v, w) => (
        <Link to={`/workers/${w.id}`} data-testid="worker-link">
          {w.name}
        </Link>
      ),
      fixed: 'left',
    },
    gender: { render: (_v, w) => vocabLabel(t, 'gender', w.gender) },
    age: { dataIndex: 'age', align: 'right' },
    ethnicity: { render: (_v, w) => w.ethnicity ?? '—' },
    category: { render: (_v, w) => vocabLabel(t, 'category', w.category) },
    position: { render: (_v, w) => vocabLabel(t, 'position', w.position) },
    community: {
      render: (_v, w) => (
        <span>
          {w.regionName}
          {w.streetName && <span className="muted-text">（{w.streetName}）</span>}
        </span>
      ),
    },
    startDate: { render: (_v, w) => formatDate(w.startDate, lang) },
    education: { render: (_v, w) => vocabLabel(t, 'education', w.education) },
    qualification: {
      render: (_v, w) => (w.qualification ? vocabLabel(t, 'qualification', w.qualification) : t('common.none')),
    },
    status: {
      render: (_v, w) => <Tag color={STATUS_COLORS[w.status] ?? 'default'}>{vocabLabel(t, 'status', w.status)}</Tag>,
    },
    idNumber: { render: (_v, w) => <span className="mono-text">{w.idNumber}</span> },
    phone: { render: (_v, w) => (w.phone ? <span className="mono-text">{w.phone}</span> : '—') },
  };

  const columns: TableColumnsType<Worker> = COLUMN_KEYS.filter((k) => !hidden.includes(k)).map((key) => ({
    key,
    title: t(COLUMN_TITLES[key]),
    ...allColumns[key],
    ...(SORTS[key] ? { sorter: true, sortOrder: sortOrderOf(key), sortDirections: ['ascend', 'descend'] } : {}),
  }));

  const onTableChange: TableProps<Worker>['onChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'sort') {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const key = s?.columnKey as ColumnKey | undefined;
      const mapped = key ? SORTS[key] : undefined;
      if (mapped && s.order) {
        setQuery((q) => ({ ...q, page: 1, sort: mapped.sort, desc: (s.order === 'descend') !== mapped.invert }));
      } else {
        setQuery((q) => ({ ...q, page: 1, sort: 'region', desc: false }));
      }
      return;
    }
    setQuery((q) => ({ ...q, page: pagination.current ?? 1, pageSize: pagination.pageSize ?? q.pageSize }));
  };

  const columnChooser = (
    <div className="column-chooser" data-testid="column-chooser">
      {COLUMN_KEYS.map((key) => (
        <Checkbox
          key={key}
          checked={!hidden.includes(key)}
          disabled={key === 'name'}
          onChange={(e) => toggleColumn(key, e.target.checked)}
        >
          {t(COLUMN_TITLES[key])}
        </Checkbox>
      ))}
    </div>
  );

  const opts = useMemo(
    () => ({
      category: vocabOptions(t, 'category'),
      position: vocabOptions(t, 'position'),
      status: vocabOptions(t, 'status'),
      gender: vocabOptions(t, 'gender'),
      education: vocabOptions(t, 'education'),
      political: vocabOptions(t, 'political'),
      qualification: [...vocabOptions(t, 'qualification'), { value: 'none', label: t('common.none') }],
    }),
    [t],
  );

  return (
    <Card
      title={t('workers.title')}
      data-testid="workers-page"
      extra={
        <Space wrap>
          {can('worker.manage') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate('/workers/new')}
              data-testid="worker-create"
            >
              {t('workers.create')}
            </Button>
          )}
          {can('worker.import') && (
            <Button icon={<UploadOutlined />} onClick={() => navigate('/workers/import')} data-testid="worker-import">
              {t('workers.import')}
            </Button>
          )}
          {can('worker.export') &&
            (can('worker.reveal') ? (
              <Space.Compact>
                <Button
                  icon={<FileExcelOutlined />}
                  loading={exporting}
                  onClick={() => runExport(false)}
                  data-testid="worker-export"
                >
                  {t('workers.export')}
                </Button>
                <Dropdown
                  menu={{
                    items: [{ key: 'reveal', label: t('workers.exportReveal') }],
                    onClick: () => runExport(true),
                  }}
                  disabled={exporting}
                >
                  <Button icon={<DownOutlined />} aria-label={t('workers.exportReveal')} />
                </Dropdown>
              </Space.Compact>
            ) : (
              <Button
                icon={<FileExcelOutlined />}
                loading={exporting}
                onClick={() => runExport(false)}
                data-testid="worker-export"
              >
                {t('workers.export')}
              </Button>
            ))}
          {can('worker.read') && (
            <Button
              icon={<DownloadOutlined />}
              loading={downloadingTemplate}
              onClick={runTemplate}
              data-testid="worker-template"
            >
              {t('workers.template')}
            </Button>
          )}
          <Popover content={columnChooser} title={t('workers.columns')} trigger="click" placement="bottomRight">
            <Button icon={<SettingOutlined />} data-testid="worker-columns">
              {t('workers.columns')}
            </Button>
          </Popover>
        </Space>
      }
    >
      <Form
        form={form}
        layout="inline"
        className="filter-form"
        data-testid="worker-filters"
        onFinish={(v) => setQuery((q) => ({ ...q, page: 1, filters: toFilters(v) }))}
      >
        <Form.Item name="region" label={t('workers.filter.region')}>
          <RegionTreeSelect allowClear style={{ width: 220 }} placeholder={t('workers.filter.regionAll')} />
        </Form.Item>
        <Form.Item name="q" label={t('wf.name')}>
          <Input allowClear style={{ width: 140 }} data-testid="worker-search" />
        </Form.Item>
        <Form.Item name="category" label={t('wf.category')}>
          <Select allowClear options={opts.category} style={{ width: 180 }} placeholder={t('common.all')} />
        </Form.Item>
        <Form.Item name="position" label={t('wf.position')}>
          <Select allowClear options={opts.position} style={{ width: 160 }} placeholder={t('common.all')} />
        </Form.Item>
        <Form.Item name="status" label={t('wf.status')}>
          <Select
            allowClear
            options={opts.status}
            style={{ width: 140 }}
            placeholder={t('workers.filter.statusDefault')}
          />
        </Form.Item>
        <Form.Item name="gender" label={t('wf.gender')}>
          <Select allowClear options={opts.gender} style={{ width: 90 }} placeholder={t('common.all')} />
        </Form.Item>
        <Form.Item label={t('wf.age')}>
          <Space.Compact>
            <Form.Item name="ageMin" noStyle>
              <InputNumber
                min={16}
                max={80}
                precision={0}
                style={{ width: 72 }}
                placeholder={t('workers.filter.ageMin')}
              />
            </Form.Item>
            <Form.Item name="ageMax" noStyle>
              <InputNumber
                min={16}
                max={80}
                precision={0}
                style={{ width: 72 }}
                placeholder={t('workers.filter.ageMax')}
              />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
        <Form.Item name="education" label={t('wf.education')}>
          <Select allowClear options={opts.education} style={{ width: 130 }} placeholder={t('common.all')} />
        </Form.Item>
        <Form.Item name="politicalStatus" label={t('wf.politicalStatus')}>
          <Select allowClear options={opts.political} style={{ width: 140 }} placeholder={t('common.all')} />
        </Form.Item>
        <Form.Item name="qualification" label={t('wf.qualification')}>
          <Select allowClear options={opts.qualification} style={{ width: 150 }} placeholder={t('common.all')} />
        </Form.Item>
        <Form.Item name="veteran" valuePropName="checked">
          <Checkbox>{t('wf.veteran')}</Checkbox>
        </Form.Item>
        <Form.Item name="graduateEntrant" valuePropName="checked">
          <Checkbox>{t('wf.graduateEntrant')}</Checkbox>
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" data-testid="worker-search-submit">
              {t('common.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setQuery((q) => ({ ...q, page: 1, filters: {} }));
              }}
            >
              {t('common.reset')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
      {error ? (
        <LoadError error={error} />
      ) : (
        <div data-testid="workers-table">
          <Table<Worker>
            rowKey="id"
            size="middle"
            loading={loading}
            dataSource={data?.items ?? []}
            scroll={{ x: 'max-content' }}
            columns={columns}
            onChange={onTableChange}
            pagination={{
              current: query.page,
              pageSize: query.pageSize,
              total: data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (n) => t('common.total', { n }),
            }}
          />
        </div>
      )}
    </Card>
  );
}
