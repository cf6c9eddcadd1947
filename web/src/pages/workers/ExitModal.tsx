// 离岗申请 (F-EXIT): the street, community or county proposes an exit — type, date, reason and the
// supporting documents (with an optional file each); the county 社会工作部 approves it on the 离岗审批
// tab, or at once when it proposes itself. A retirement before the statutory date needs the reason.
import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Form, Input, Modal, Radio, Select, Space, Upload } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiResponse, request, type Worker } from '../../api';
import { useAuth } from '../../auth';
import { useFormAction } from '../../components/formErrors';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n';
import { useLoad } from '../../useLoad';
import { EXIT_TYPES, vocabLabel } from '../../workerVocab';
import { DOCUMENT_KINDS, type ExitType, exitsApi, REQUIRED_KIND } from '../lifecycle/exitsApi';
import { todayIso } from '../lifecycle/lifecycleApi';

interface DocValues {
  kind: string;
  title: string;
  number?: string;
  date: string;
}
interface Values {
  type: ExitType;
  date: string;
  reason: string;
  earlyRetirementReason?: string;
  documents: DocValues[];
  approve?: boolean;
}

interface Props {
  worker: Worker;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}

const ELECTED = ['secretaryDirector', 'secretary', 'director', 'deputySecretary', 'deputyDirector', 'member'];

export function ExitModal({ worker, open, onClose, onSaved }: Props) {
  const { t, lang } = useI18n();
  const tx = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  const { can } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { saving, run } = useFormAction(form);
  // files chosen per document row (keyed by the Form.List field key)
  const [files, setFiles] = useState<Record<number, File>>({});
  // the row index of each Form.List key, as last rendered (documents come back in the order sent)
  const fieldIndex = useRef(new Map<number, number>());
  const type = Form.useWatch('type', form);
  const date = Form.useWatch('date', form);
  const retLoader = useCallback(
    () => request<ApiResponse<'/api/workers/{id}/retirement'>>('GET', `/api/workers/${worker.id}/retirement`),
    [worker.id],
  );
  const ret = useLoad(retLoader);

  useEffect(() => {
    if (open) {
      form.resetFields();
      setFiles({});
    }
  }, [open, form]);

  // 罢免 applies only to elected 两委 members holding an elected position
  const types = EXIT_TYPES.filter(
    (x) => x !== 'recall' || (worker.category === 'committee' && ELECTED.includes(worker.position)),
  );
  const kindName = (k: string) => (DOCUMENT_KINDS[k] ? tx(DOCUMENT_KINDS[k][0], DOCUMENT_KINDS[k][1]) : k);

  /** A new type puts its required document in the first row (kept if already there). */
  const typeChanged = (next: string) => {
    const kind = REQUIRED_KIND[next];
    const docs = (form.getFieldValue('documents') as DocValues[] | undefined) ?? [];
    if (!docs.some((d) => d?.kind === kind))
      form.setFieldValue('documents', [
        { kind, title: DOCUMENT_KINDS[kind][0], date: todayIso() },
        ...docs.filter((d) => d?.kind === 'other'),
      ]);
  };

  const statutory = ret.data?.date;
  const early = type === 'retirement' && statutory && date && date < statutory;

  const save = async (v: Values) => {
    await run(async () => {
      const created = await exitsApi.create(worker.id, {
        type: v.type,
        date: v.date,
        reason: v.reason.trim(),
        earlyRetirementReason: v.type === 'retirement' ? v.earlyRetirementReason?.trim() || null : null,
        documents: v.documents.map((d) => ({
          kind: d.kind,
          title: d.title.trim(),
          number: d.number?.trim() || null,
          date: d.date,
        })),
        approve: !!v.approve,
      });
      // then each chosen file onto its document, in the order of the rows
      for (const k of Object.keys(files).map(Number)) {
        const idx = fieldIndex.current.get(k);
        if (idx === undefined || !created.documents[idx]) continue;
        await exitsApi.upload(created.id, created.documents[idx].id, files[k]);
      }
      message.success(
        v.approve
          ? t('worker.exited')
          : tx('离岗申请已提交，待县级社会工作部审批', 'Exit proposed; awaiting the county’s approval'),
      );
      onSaved();
    });
  };

  return (
    <Modal
      title={`${tx('离岗申请', 'Propose exit')}：${worker.name}`}
      open={open}
      onOk={() => form.validateFields().then(save, () => undefined)}
      onCancel={onClose}
      confirmLoading={saving}
      okText={tx('提交', 'Submit')}
      okButtonProps={{ danger: true, ...({ 'data-testid': 'exit-submit' } as Record<string, string>) }}
      cancelText={t('common.cancel')}
      width={760}
      forceRender
    >
      <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('worker.exitWarning')} />
      <Form
        form={form}
        name="workerExit"
        layout="vertical"
        data-testid="worker-exit-form"
        initialValues={{ documents: [] }}
      >
        <Form.Item name="type" label={t('wf.exitType')} rules={[{ required: true, message: t('common.required') }]}>
          <Radio.Group onChange={(e) => typeChanged(e.target.value)}>
            {types.map((x) => (
              <Radio key={x} value={x} data-testid={`exit-type-${x}`}>
                {vocabLabel(t, 'periodEnd', x)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        {statutory && (
          <Alert
            type={early ? 'warning' : 'info'}
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="exit-statutory"
            title={tx(
              `法定退休日期：${formatDate(statutory, lang)}`,
              `Statutory retirement date: ${formatDate(statutory, lang)}`,
            )}
            description={
              early
                ? tx(
                    '退休日期早于法定退休日期，须填写提前退休原因',
                    'Before the statutory date: give the reason for early retirement',
                  )
                : undefined
            }
          />
        )}
        <Space wrap align="start">
          <Form.Item name="date" label={t('wf.exitDate')} rules={[{ required: true, message: t('common.required') }]}>
            <Input type="date" data-testid="exit-date" />
          </Form.Item>
          {can('exit.approve') && (
            <Form.Item name="approve" valuePropName="checked" label=" ">
              <Checkbox data-testid="exit-approve-now">
                {tx('同时批准（县级社会工作部）', 'Approve at once (county)')}
              </Checkbox>
            </Form.Item>
          )}
        </Space>
        <Form.Item
          name="reason"
          label={t('wf.exitReason')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input.TextArea maxLength={500} rows={2} showCount data-testid="exit-reason" />
        </Form.Item>
        {type === 'retirement' && (
          <Form.Item
            name="earlyRetirementReason"
            label={tx(
              '提前退休原因（早于法定退休日期时必填）',
              'Reason for early retirement (required before the statutory date)',
            )}
            rules={[{ required: !!early, whitespace: true, message: t('common.required') }]}
          >
            <Input.TextArea maxLength={500} rows={2} />
          </Form.Item>
        )}
        <Form.List name="documents">
          {(fields, { add, remove }, { errors }) => {
            fieldIndex.current = new Map(fields.map((f, i) => [f.key, i]));
            return (
              <>
                <div style={{ marginBottom: 8, fontWeight: 500 }}>
                  {tx('离岗材料', 'Supporting documents')}
                  {type && (
                    <span style={{ fontWeight: 'normal', color: '#888' }}>
                      {tx(
                        `（须附：${kindName(REQUIRED_KIND[type])}）`,
                        ` (required: ${kindName(REQUIRED_KIND[type])})`,
                      )}
                    </span>
                  )}
                </div>
                {fields.map((f, i) => (
                  <Space key={f.key} align="start" wrap data-testid={`exit-doc-${i}`}>
                    <Form.Item name={[f.name, 'kind']} rules={[{ required: true, message: t('common.required') }]}>
                      <Select
                        style={{ width: 200 }}
                        options={Object.keys(DOCUMENT_KINDS).map((k) => ({ value: k, label: kindName(k) }))}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'title']}
                      rules={[{ required: true, whitespace: true, message: tx('请填写材料名称', 'Title required') }]}
                    >
                      <Input placeholder={tx('材料名称', 'Title')} maxLength={200} style={{ width: 150 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'number']}>
                      <Input
                        placeholder={tx('文号（可选）', 'Number (optional)')}
                        maxLength={100}
                        style={{ width: 130 }}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'date']} rules={[{ required: true, message: t('common.required') }]}>
                      <Input type="date" style={{ width: 140 }} />
                    </Form.Item>
                    <Upload
                      maxCount={1}
                      accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx"
                      beforeUpload={(file) => {
                        if (file.size > 5 * 1024 * 1024) {
                          message.error(tx('文件超过 5 MB', 'File over 5 MB'));
                          return Upload.LIST_IGNORE;
                        }
                        setFiles((m) => ({ ...m, [f.key]: file }));
                        return false;
                      }}
                      onRemove={() =>
                        setFiles((m) => {
                          const { [f.key]: _gone, ...rest } = m;
                          return rest;
                        })
                      }
                    >
                      <Button icon={<UploadOutlined />} data-testid={`exit-doc-file-${i}`}>
                        {tx('上传文件', 'File')}
                      </Button>
                    </Upload>
                    <Button type="link" danger onClick={() => remove(f.name)}>
                      {tx('删除', 'Remove')}
                    </Button>
                  </Space>
                ))}
                <Form.ErrorList errors={errors} />
                <Button
                  type="dashed"
                  onClick={() => add({ kind: 'other', title: '', date: todayIso() })}
                  style={{ marginTop: 4 }}
                >
                  {tx('添加材料', 'Add document')}
                </Button>
              </>
            );
          }}
        </Form.List>
        <div style={{ color: '#888', marginTop: 8 }}>
          {tx('文件限 pdf、jpg、png、docx、xlsx，每份不超过 5 MB。', 'pdf, jpg, png, docx or xlsx, at most 5 MB each.')}
        </div>
      </Form>
    </Modal>
  );
}
