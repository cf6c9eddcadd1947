// 批量导入 wizard (F-ONCE): 1 upload with options → 2 dry run (totals and every error, with the
// annotated sheet to download) → 3 commit (progress while the request runs) → 4 result.
import { DownloadOutlined, InboxOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Progress,
  Radio,
  Result,
  Select,
  Space,
  Statistic,
  Steps,
  Switch,
  Table,
  Typography,
  Upload,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError, api, type ImportResult } from '../../api';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { errorText, useI18n } from '../../i18n';

interface Options {
  mode: 'all' | 'valid-only';
  update: boolean;
  region?: string;
}

type ImportError = ImportResult['errors'][number];

/** The server refuses uploads over 50 MB (MAX_UPLOAD_BYTES). */
const MAX_BYTES = 50 * 1024 * 1024;

export function WorkerImportPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Options>();
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<File | null>(null);
  const [options, setOptions] = useState<Options>({ mode: 'all', update: false });
  const [checking, setChecking] = useState(false);
  const [dryRun, setDryRun] = useState<ImportResult | null>(null);
  const [committing, setCommitting] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [errorColumn, setErrorColumn] = useState<string | undefined>(undefined);
  const [errorFilter, setErrorFilter] = useState('');

  const describe = (err: unknown) => (err instanceof ApiError ? errorText(lang, err.code, err.message) : String(err));

  const runDry = async () => {
    if (!file) {
      message.warning(t('import.chooseFile'));
      return;
    }
    const opts = form.getFieldsValue();
    const next: Options = { mode: opts.mode ?? 'all', update: !!opts.update, region: opts.region || undefined };
    setOptions(next);
    setChecking(true);
    setFailure(null);
    try {
      const res = await api.importWorkers(file, { ...next, dryRun: true });
      setDryRun(res);
      setErrorColumn(undefined);
      setErrorFilter('');
      setStep(1);
    } catch (err) {
      setFailure(describe(err));
    } finally {
      setChecking(false);
    }
  };

  const commit = async () => {
    if (!file) return;
    setStep(2);
    setCommitting(true);
    setFailure(null);
    try {
      const res = await api.importWorkers(file, { ...options, dryRun: false });
      setResult(res);
      setStep(3);
    } catch (err) {
      setFailure(describe(err));
    } finally {
      setCommitting(false);
    }
  };

  const restart = (keepOptions: boolean) => {
    setFile(null);
    setDryRun(null);
    setResult(null);
    setFailure(null);
    if (!keepOptions) form.resetFields();
    setStep(0);
  };

  const downloadErrors = async (reportId: string) => {
    try {
      await api.downloadImportErrors(reportId);
    } catch (err) {
      message.error(describe(err));
    }
  };

  const errors = dryRun?.errors ?? [];
  const columnOptions = useMemo(
    () => [...new Set(errors.map((e) => e.column))].map((c) => ({ value: c, label: c })),
    [errors],
  );
  const shownErrors = errors.filter(
    (e) =>
      (!errorColumn || e.column === errorColumn) &&
      (!errorFilter.trim() || e.message.includes(errorFilter.trim()) || String(e.row) === errorFilter.trim()),
  );
  const errorRows = new Set(errors.map((e) => e.row)).size;
  const canCommit = !!dryRun && dryRun.valid > 0 && (errors.length === 0 || options.mode === 'valid-only');

  const upload = (
    <div className="page-stack" data-testid="import-upload">
      <Upload.Dragger
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        maxCount={1}
        fileList={
          file
            ? [{ uid: 'file', name: file.name, size: file.size, status: 'done' as const, originFileObj: file as never }]
            : []
        }
        beforeUpload={(f) => {
          if (!/\.xlsx$/i.test(f.name)) {
            message.error(t('import.onlyXlsx'));
            return Upload.LIST_IGNORE;
          }
          if (f.size > MAX_BYTES) {
            message.error(t('import.tooLarge'));
            return Upload.LIST_IGNORE;
          }
          setFile(f);
          return false; // kept here; sent with the options below
        }}
        onRemove={() => {
          setFile(null);
          return true;
        }}
        data-testid="import-dragger"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('import.drop')}</p>
        <p className="ant-upload-hint">{t('import.dropHint')}</p>
      </Upload.Dragger>
      <Form form={form} layout="vertical" initialValues={{ mode: 'all', update: false }} data-testid="import-options">
        <div className="form-grid">
          <Form.Item name="mode" label={t('import.mode')}>
            <Radio.Group
              options={[
                { value: 'all', label: t('import.mode.all') },
                { value: 'valid-only', label: t('import.mode.validOnly') },
              ]}
            />
          </Form.Item>
          <Form.Item name="update" label={t('import.update')} valuePropName="checked" extra={t('import.updateHint')}>
            <Switch />
          </Form.Item>
          <Form.Item name="region" label={t('import.defaultRegion')} extra={t('import.defaultRegionHint')}>
            <RegionTreeSelect allowClear />
          </Form.Item>
        </div>
      </Form>
      {failure && (
        <Alert type="error" showIcon title={t('import.failed')} description={failure} data-testid="import-failure" />
      )}
      <Space>
        <Button
          type="primary"
          icon={<UploadOutlined />}
          loading={checking}
          disabled={!file}
          onClick={runDry}
          data-testid="import-dry-run"
        >
          {t('import.dryRun')}
        </Button>
        <Button
          icon={<DownloadOutlined />}
          onClick={() => api.downloadTemplate().catch((err: unknown) => message.error(describe(err)))}
        >
          {t('workers.template')}
        </Button>
      </Space>
    </div>
  );

  const check = dryRun && (
    <div className="page-stack" data-testid="import-check">
      <Space size={48} wrap>
        <Statistic title={t('import.total')} value={dryRun.total} />
        <Statistic title={t('import.valid')} value={dryRun.valid} styles={{ content: { color: '#389e0d' } }} />
        <Statistic
          title={t('import.errorRows')}
          value={errorRows}
          styles={{ content: { color: errors.length ? '#cf1322' : undefined } }}
        />
        <Statistic title={t('import.errorCount')} value={errors.length} />
      </Space>
      {errors.length === 0 ? (
        <Alert type="success" showIcon title={t('import.noErrors')} data-testid="import-no-errors" />
      ) : (
        <>
          <Alert
            type={options.mode === 'valid-only' ? 'warning' : 'error'}
            showIcon
            title={options.mode === 'valid-only' ? t('import.errorsValidOnly') : t('import.errorsAll')}
            action={
              dryRun.reportId && (
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  onClick={() => downloadErrors(dryRun.reportId ?? '')}
                  data-testid="import-error-report"
                >
                  {t('import.downloadErrors')}
                </Button>
              )
            }
          />
          <Space wrap>
            <Select
              allowClear
              placeholder={t('import.filterColumn')}
              options={columnOptions}
              value={errorColumn}
              onChange={setErrorColumn}
              style={{ width: 200 }}
            />
            <Input.Search
              allowClear
              placeholder={t('import.filterErrors')}
              onSearch={setErrorFilter}
              onChange={(e) => {
                if (!e.target.value) setErrorFilter('');
              }}
              style={{ width: 260 }}
            />
          </Space>
          <div data-testid="import-errors">
            <Table<ImportError>
              rowKey={(e) => `${e.row}-${e.column}-${e.field}-${e.message}`}
              size="small"
              dataSource={shownErrors}
              pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('common.total', { n }) }}
              columns={[
                {
                  title: t('import.col.row'),
                  dataIndex: 'row',
                  width: 80,
                  sorter: (a, b) => a.row - b.row,
                  defaultSortOrder: 'ascend',
                },
                { title: t('import.col.column'), dataIndex: 'column', width: 180 },
                { title: t('import.col.message'), dataIndex: 'message' },
              ]}
            />
          </div>
        </>
      )}
      <Space wrap>
        <Button icon={<ReloadOutlined />} onClick={() => restart(true)} data-testid="import-reupload">
          {t('import.reupload')}
        </Button>
        <Button type="primary" disabled={!canCommit} onClick={commit} data-testid="import-commit">
          {options.mode === 'valid-only' && errors.length > 0
            ? t('import.commitValid', { n: dryRun.valid })
            : t('import.commit', { n: dryRun.valid })}
        </Button>
      </Space>
    </div>
  );

  const running = (
    <div className="page-stack" data-testid="import-running">
      {committing ? (
        <>
          <Typography.Text>{t('import.running', { name: file?.name ?? '' })}</Typography.Text>
          <Progress percent={100} status="active" showInfo={false} data-testid="import-progress" />
        </>
      ) : (
        failure && (
          <>
            <Alert
              type="error"
              showIcon
              title={t('import.failed')}
              description={failure}
              data-testid="import-failure"
            />
            <Space>
              <Button onClick={() => setStep(1)}>{t('import.backToCheck')}</Button>
              <Button onClick={() => restart(true)}>{t('import.reupload')}</Button>
            </Space>
          </>
        )
      )}
    </div>
  );

  const done = result && (
    <Result
      status={result.errors.length > 0 ? 'warning' : 'success'}
      title={result.committed ? t('import.done') : t('import.notCommitted')}
      subTitle={t('import.doneSummary', {
        created: result.created,
        updated: result.updated,
        skipped: result.total - result.created - result.updated,
      })}
      data-testid="import-result"
      extra={[
        <Button type="primary" key="list" onClick={() => navigate('/workers')} data-testid="import-to-roster">
          {t('import.toRoster')}
        </Button>,
        <Button key="again" onClick={() => restart(false)}>
          {t('import.again')}
        </Button>,
        result.reportId && result.errors.length > 0 && (
          <Button key="errors" icon={<DownloadOutlined />} onClick={() => downloadErrors(result.reportId ?? '')}>
            {t('import.downloadErrors')}
          </Button>
        ),
      ]}
    />
  );

  return (
    <Card
      title={t('import.title')}
      data-testid="import-page"
      extra={<Link to="/workers">{t('worker.backToList')}</Link>}
    >
      <Steps
        current={step}
        style={{ marginBottom: 24 }}
        items={[
          { title: t('import.step.upload') },
          { title: t('import.step.check') },
          { title: t('import.step.commit') },
          { title: t('import.step.result') },
        ]}
      />
      {step === 0 && upload}
      {step === 1 && check}
      {step === 2 && running}
      {step === 3 && done}
    </Card>
  );
}
