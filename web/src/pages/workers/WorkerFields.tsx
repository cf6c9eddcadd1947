// Form pieces shared by the create page and the edit modal: the ID number field (checked with the
// same algorithm as the server, deriving gender and birth date) and the personal fields.
import { DatePicker, Form, Input, InputNumber, Select, Switch, Typography } from 'antd';
import type { ReactNode } from 'react';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n';
import { checkIdNumber, normalizeIdNumber, todayIso } from '../../idNumber';
import { ETHNICITY_OPTIONS, vocabLabel, vocabOptions } from '../../workerVocab';

/** What antd's DatePicker hands back (a Dayjs); only the method used here. */
export interface PickedDate {
  format(template: string): string;
}

/** A picked date as YYYY-MM-DD (null when empty). */
export const isoOf = (d: PickedDate | null | undefined): string | null => (d ? d.format('YYYY-MM-DD') : null);

/** The DatePicker used for every date of the worker forms (YYYY年MM月DD日 in Chinese). */
export function DateInput(props: {
  value?: PickedDate | null;
  onChange?: (d: PickedDate | null) => void;
  style?: { width?: number | string };
  id?: string;
  'data-testid'?: string;
}) {
  const { lang } = useI18n();
  return (
    <DatePicker
      {...props}
      // the value is whatever antd gave us back; it is handed back unchanged
      value={props.value as never}
      onChange={(d) => props.onChange?.((d as PickedDate | null) ?? null)}
      // Enter confirms a typed date; it must not also submit the surrounding form
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.preventDefault();
      }}
      format={lang === 'zh' ? 'YYYY年MM月DD日' : 'YYYY-MM-DD'}
      style={{ width: props.style?.width ?? '100%' }}
    />
  );
}

/**
 * The 公民身份号码 field. As the user types it shows the gender and birth date the number encodes, or
 * why the number is wrong. `optional`: blank keeps the stored number (edit form).
 */
export function IdNumberField({ optional = false, extraHint }: { optional?: boolean; extraHint?: string }) {
  const { t, lang } = useI18n();
  const value = Form.useWatch<string | undefined>('idNumber');
  const trimmed = value ? normalizeIdNumber(value) : '';
  const check = trimmed.length >= 18 ? checkIdNumber(trimmed, todayIso()) : null;

  let derived: ReactNode = extraHint ?? null;
  if (check?.ok) {
    derived = (
      <Typography.Text type="success" data-testid="id-derived">
        {t('worker.idDerived', {
          gender: vocabLabel(t, 'gender', check.gender),
          birth: formatDate(check.birthDate, lang),
        })}
      </Typography.Text>
    );
  }

  return (
    <Form.Item
      name="idNumber"
      label={t('wf.idNumber')}
      extra={derived}
      validateTrigger={['onChange', 'onBlur']}
      rules={[
        { required: !optional, whitespace: true, message: t('common.required') },
        {
          validator: (_rule, v: string | undefined) => {
            if (!v?.trim()) return Promise.resolve();
            const r = checkIdNumber(v, todayIso());
            if (r.ok) return Promise.resolve();
            // while typing, wait for all 18 characters before complaining about the form
            if (normalizeIdNumber(v).length < 18 && !/[^\dXx\s]/.test(v))
              return Promise.reject(new Error(t('worker.idIncomplete')));
            return Promise.reject(new Error(lang === 'zh' ? r.message : t('worker.idInvalid')));
          },
        },
      ]}
    >
      <Input maxLength={30} autoComplete="off" className="mono-text" data-testid="worker-id-number" />
    </Form.Item>
  );
}

/** Personal fields editable both at creation and later (PATCH). */
export function PersonFields({ phoneHint }: { phoneHint?: string }) {
  const { t } = useI18n();
  const graduateEntrant = Form.useWatch<boolean | undefined>('graduateEntrant');
  return (
    <>
      <Form.Item name="ethnicity" label={t('wf.ethnicity')}>
        <Select allowClear showSearch options={ETHNICITY_OPTIONS} />
      </Form.Item>
      <Form.Item name="politicalStatus" label={t('wf.politicalStatus')}>
        <Select allowClear options={vocabOptions(t, 'political')} />
      </Form.Item>
      <Form.Item name="education" label={t('wf.education')}>
        <Select allowClear options={vocabOptions(t, 'education')} />
      </Form.Item>
      <Form.Item name="educationFulltime" label={t('wf.educationFulltime')}>
        <Select allowClear options={vocabOptions(t, 'education')} />
      </Form.Item>
      <Form.Item name="major" label={t('wf.major')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="socialWorkMajor" label={t('wf.socialWorkMajor')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item
        name="phone"
        label={t('wf.phone')}
        extra={phoneHint}
        rules={[{ pattern: /^\s*(\+86)?\s*1[3-9]\d{9}\s*$/, message: t('worker.phoneInvalid') }]}
      >
        <Input maxLength={20} autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="homeRegionCode"
        label={t('wf.homeRegionCode')}
        extra={t('worker.homeRegionHint')}
        rules={[{ pattern: /^\d{12}$/, message: t('worker.regionCodeInvalid') }]}
      >
        <Input maxLength={12} />
      </Form.Item>
      <Form.Item name="veteran" label={t('wf.veteran')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name="graduateEntrant" label={t('wf.graduateEntrant')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item
        name="graduateYear"
        label={t('wf.graduateYear')}
        rules={[{ required: !!graduateEntrant, message: t('worker.graduateYearRequired') }]}
      >
        <InputNumber min={1950} max={new Date().getFullYear()} precision={0} style={{ width: '100%' }} />
      </Form.Item>
    </>
  );
}
