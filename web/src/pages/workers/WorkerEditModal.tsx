// 编辑: PATCH /api/workers/:id with only the fields that changed and the version the page read; the API's
// field errors land on the fields. When someone else changed the record meanwhile (409 STALE_VERSION) nothing
// was written: the page reloads the record and the clerk edits the current one.
import { App, Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { ApiError, api, type Worker, type WorkerPatchBody } from '../../api';
import { useAuth } from '../../auth';
import { useFormAction } from '../../components/formErrors';
import { useI18n } from '../../i18n';
import { DateInput, IdNumberField, isoOf, PersonFields, type PickedDate } from './WorkerFields';

interface Values {
  name: string;
  idNumber?: string;
  ethnicity?: string | null;
  politicalStatus?: string | null;
  education?: string | null;
  educationFulltime?: string | null;
  major?: string | null;
  socialWorkMajor: boolean;
  phone?: string | null;
  homeRegionCode?: string | null;
  veteran: boolean;
  graduateEntrant: boolean;
  graduateYear?: number | null;
  /** The day a change of education or political status took effect (default today). */
  changedOn?: PickedDate;
}

interface Props {
  worker: Worker;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}

const blankToNull = (v: string | null | undefined): string | null => (v?.trim() ? v.trim() : null);

export function WorkerEditModal({ worker, open, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { saving, run } = useFormAction(form);
  // masked numbers are never put into the form: blank means "keep"
  const masked = worker.idNumberMasked;
  const mayChangeId = can('worker.reveal');

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({
      name: worker.name,
      idNumber: masked ? '' : worker.idNumber,
      ethnicity: worker.ethnicity ?? undefined,
      politicalStatus: worker.politicalStatus ?? undefined,
      education: worker.education ?? undefined,
      educationFulltime: worker.educationFulltime ?? undefined,
      major: worker.major ?? '',
      socialWorkMajor: worker.socialWorkMajor,
      phone: masked ? '' : (worker.phone ?? ''),
      homeRegionCode: worker.homeRegionCode ?? '',
      veteran: worker.veteran,
      graduateEntrant: worker.graduateEntrant,
      graduateYear: worker.graduateYear ?? undefined,
    });
  }, [open, worker, masked, form]);

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return; // the form shows what is wrong
    }
    const patch: WorkerPatchBody = {};
    const set = (key: string, next: string | number | boolean | null, prev: string | number | boolean | null) => {
      if (next !== prev) patch[key] = next;
    };
    set('name', v.name.trim(), worker.name);
    if (mayChangeId && v.idNumber?.trim()) set('idNumber', v.idNumber.trim(), masked ? null : worker.idNumber);
    set('ethnicity', v.ethnicity ?? null, worker.ethnicity);
    set('politicalStatus', v.politicalStatus ?? null, worker.politicalStatus);
    set('education', v.education ?? null, worker.education);
    set('educationFulltime', v.educationFulltime ?? null, worker.educationFulltime);
    set('major', blankToNull(v.major), worker.major);
    set('socialWorkMajor', !!v.socialWorkMajor, worker.socialWorkMajor);
    if (masked) {
      if (v.phone?.trim()) patch.phone = v.phone.trim();
    } else set('phone', blankToNull(v.phone), worker.phone);
    set('homeRegionCode', blankToNull(v.homeRegionCode), worker.homeRegionCode);
    set('veteran', !!v.veteran, worker.veteran);
    set('graduateEntrant', !!v.graduateEntrant, worker.graduateEntrant);
    set('graduateYear', v.graduateYear ?? null, worker.graduateYear);
    const changedOn = isoOf(v.changedOn);
    if (('education' in patch || 'politicalStatus' in patch) && changedOn) patch.changedOn = changedOn;
    if (Object.keys(patch).length === 0) {
      onClose();
      return;
    }
    await run(async () => {
      try {
        await api.updateWorker(worker.id, { ...patch, version: worker.version });
      } catch (err) {
        if (!(err instanceof ApiError && err.code === 'STALE_VERSION')) throw err;
        message.warning(t('worker.staleReloaded'));
        onSaved();
        return;
      }
      message.success(t('common.saved'));
      onSaved();
    });
  };

  return (
    <Modal
      title={`${t('worker.editTitle')}：${worker.name}`}
      open={open}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={saving}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      width={720}
      forceRender
    >
      <Form form={form} name="workerEdit" layout="vertical" data-testid="worker-edit-form">
        <div className="form-grid">
          <Form.Item
            name="name"
            label={t('wf.name')}
            rules={[{ required: true, whitespace: true, message: t('common.required') }]}
          >
            <Input maxLength={50} />
          </Form.Item>
          {mayChangeId && <IdNumberField optional extraHint={masked ? t('worker.keepIfBlank') : undefined} />}
          <PersonFields phoneHint={masked ? t('worker.keepIfBlank') : undefined} />
          <Form.Item name="changedOn" label={t('worker.changedOn')} extra={t('worker.changedOnHint')}>
            <DateInput />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}
