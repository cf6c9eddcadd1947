// 发布新版本 (policy.edit): level, region, effective date, title, basis and the document as JSON.
// 校验 checks the JSON here (syntax, known sections); publishing sends it to the server, whose 400
// `fields` (JSON-pointer paths such as /grades/categories/0/maxGrade) are listed under the editor.
import { CheckCircleOutlined, CopyOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Select, Space, Table } from 'antd';
import { useState } from 'react';
import {
  ApiError,
  api,
  type EffectivePolicy,
  type FieldError,
  POLICY_LEVELS,
  POLICY_SECTIONS,
  type PolicyLevel,
} from '../../api';
import { useMe } from '../../auth';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { errorText, type Translate, useI18n } from '../../i18n';
import { levelLabel, sectionLabel } from '../../labels';
import { DateInput, isoOf, type PickedDate } from '../workers/WorkerFields';

interface Values {
  level: PolicyLevel;
  regionCode: string;
  effectiveFrom: PickedDate;
  title: string;
  basis?: string;
  document: string;
}

const FORM_FIELDS = ['level', 'regionCode', 'effectiveFrom', 'title', 'basis'];
const META_KEYS = new Set(['id', 'level', 'regionCode', 'version', 'effectiveFrom', 'title', 'basis']);

/** Checks the JSON text: syntax, an object, known sections each an object. */
export function checkDocument(
  t: Translate,
  text: string,
): { doc: Record<string, unknown> | null; problems: FieldError[] } {
  if (!text.trim()) return { doc: null, problems: [{ field: '/', message: t('policy.emptyDocument') }] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return {
      doc: null,
      problems: [{ field: '', message: t('policy.jsonSyntax', { message: (err as Error).message }) }],
    };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { doc: null, problems: [{ field: '/', message: t('policy.notObject') }] };
  }
  const doc = parsed as Record<string, unknown>;
  const problems: FieldError[] = [];
  for (const [key, value] of Object.entries(doc)) {
    if (META_KEYS.has(key)) problems.push({ field: `/${key}`, message: t('policy.metaInDocument') });
    else if (!(POLICY_SECTIONS as string[]).includes(key))
      problems.push({ field: `/${key}`, message: t('policy.unknownSection') });
    else if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.push({ field: `/${key}`, message: t('policy.sectionNotObject') });
    }
  }
  if (problems.length === 0 && Object.keys(doc).length === 0)
    problems.push({ field: '/', message: t('policy.emptyDocument') });
  return { doc, problems };
}

/** A problem's message without the path the server may have put in front of it (the path has its column). */
function messageWithoutPath(p: FieldError): string {
  for (const sep of ['：', ': ']) {
    if (p.field && p.message.startsWith(`${p.field}${sep}`)) return p.message.slice(p.field.length + sep.length);
  }
  return p.message;
}

/** The field name an API error names, when it is one of the form's own fields. */
function formFieldOf(field: string): string | null {
  const name = field.replace(/^body[./]/, '').replace(/^\//, '');
  return FORM_FIELDS.includes(name) ? name : null;
}

interface Props {
  /** region chosen on the page, proposed for the new version */
  regionCode: string;
  effective: EffectivePolicy | undefined;
  onPublished: () => void;
}

export function PolicyEditor({ regionCode, effective, onPublished }: Props) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const [problems, setProblems] = useState<FieldError[]>([]);
  const [checked, setChecked] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const defaultLevel: PolicyLevel = (POLICY_LEVELS as string[]).includes(me.regionLevel)
    ? (me.regionLevel as PolicyLevel)
    : 'county';

  const showCheck = (text: string) => {
    const { doc, problems: found } = checkDocument(t, text);
    setProblems(found);
    setFailure(null);
    setChecked(
      doc && found.length === 0
        ? Object.keys(doc)
            .map((s) => sectionLabel(t, s))
            .join('、')
        : null,
    );
    return found.length === 0 ? doc : null;
  };

  const validate = () => showCheck(form.getFieldValue('document') ?? '');

  const fillEffective = () => {
    const text = JSON.stringify(effective?.policy ?? {}, null, 2);
    form.setFieldsValue({ document: text });
    setProblems([]);
    setChecked(null);
    setFailure(null);
  };

  const publish = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const doc = showCheck(v.document);
    if (!doc) return;
    setChecked(null);
    setSaving(true);
    try {
      const { item } = await api.publishPolicy({
        level: v.level,
        regionCode: v.regionCode,
        effectiveFrom: isoOf(v.effectiveFrom) ?? '',
        title: v.title.trim(),
        ...(v.basis?.trim() ? { basis: v.basis.trim() } : {}),
        document: doc,
      });
      message.success(t('policy.published', { title: item.title, version: item.version }));
      setProblems([]);
      setFailure(null);
      onPublished();
    } catch (err) {
      if (!(err instanceof ApiError)) {
        setFailure(String(err));
        return;
      }
      const onForm = err.fields.filter((f) => formFieldOf(f.field));
      if (onForm.length > 0) {
        form.setFields(onForm.map((f) => ({ name: formFieldOf(f.field) as never, errors: [f.message] })));
      }
      setProblems(err.fields.filter((f) => !formFieldOf(f.field)));
      setFailure(errorText(lang, err.code, err.message));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card size="small" title={t('policy.editor')} data-testid="policy-editor">
      <Alert
        type="info"
        showIcon
        title={t('policy.editorHint')}
        description={t('policy.levelHint')}
        style={{ marginBottom: 16 }}
      />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ level: defaultLevel, regionCode, document: '' }}
        onValuesChange={(changed) => {
          if ('document' in changed) setChecked(null);
        }}
      >
        <div className="form-grid">
          <Form.Item name="level" label={t('policy.level')} rules={[{ required: true, message: t('common.required') }]}>
            <Select
              // only a system administrator publishes for another level than their own
              disabled={me.role !== 'sysadmin'}
              options={POLICY_LEVELS.map((l) => ({ value: l, label: levelLabel(t, l) }))}
              data-testid="policy-level"
            />
          </Form.Item>
          <Form.Item
            name="regionCode"
            label={t('policy.region')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <RegionTreeSelect data-testid="policy-region" />
          </Form.Item>
          <Form.Item
            name="effectiveFrom"
            label={t('policy.effectiveFrom')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <DateInput data-testid="policy-effective-from" />
          </Form.Item>
        </div>
        <Form.Item
          name="title"
          label={t('policy.docTitle')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input maxLength={200} data-testid="policy-title" />
        </Form.Item>
        <Form.Item name="basis" label={t('policy.basis')}>
          <Input.TextArea rows={2} maxLength={500} data-testid="policy-basis" />
        </Form.Item>
        <Form.Item
          name="document"
          label={t('policy.document')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input.TextArea
            rows={16}
            spellCheck={false}
            className="policy-json"
            placeholder={'{\n  "staffing": { "perTenThousand": 18 }\n}'}
            data-testid="policy-document"
          />
        </Form.Item>
        <Space wrap>
          <Button icon={<CheckCircleOutlined />} onClick={validate} data-testid="policy-validate">
            {t('policy.validate')}
          </Button>
          <Button icon={<CopyOutlined />} onClick={fillEffective} disabled={!effective}>
            {t('policy.fillEffective')}
          </Button>
          <Button
            type="primary"
            icon={<SendOutlined />}
            loading={saving}
            onClick={publish}
            data-testid="policy-publish"
          >
            {t('policy.publish')}
          </Button>
        </Space>
      </Form>
      {checked !== null && (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 16 }}
          title={t('policy.valid', { sections: checked })}
          data-testid="policy-valid"
        />
      )}
      {(failure || problems.length > 0) && (
        <div style={{ marginTop: 16 }} data-testid="policy-errors">
          <Alert
            type="error"
            showIcon
            title={problems.length > 0 ? (failure ? t('policy.rejected') : t('policy.errors')) : failure}
          />
          {problems.length > 0 && (
            <Table<FieldError>
              style={{ marginTop: 8 }}
              rowKey={(p) => `${p.field}|${p.message}`}
              size="small"
              pagination={false}
              dataSource={problems}
              columns={[
                {
                  title: t('policy.errorPath'),
                  dataIndex: 'field',
                  width: 320,
                  render: (f: string) => <span className="mono-text">{f || '—'}</span>,
                },
                { title: t('policy.errorMessage'), key: 'message', render: (_v, p) => messageWithoutPath(p) },
              ]}
            />
          )}
        </div>
      )}
    </Card>
  );
}
