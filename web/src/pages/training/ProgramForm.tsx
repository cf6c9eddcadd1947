// 新建培训班: organiser (province, city, county or street in the user's area), tier, type, subjects,
// hours, dates, online or in person.
import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { api, type TrainingProgram, type TrainingProgramBody } from '../../api';
import { useAuth } from '../../auth';
import { useFormAction } from '../../components/formErrors';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { DateInput, isoOf, type PickedDate } from '../workers/WorkerFields';
import { MODES, SUBJECTS, TIERS, TYPES, useTrainingText } from './text';

interface Values {
  regionCode: string;
  title: string;
  tier: TrainingProgramBody['tier'];
  type: TrainingProgramBody['type'];
  subjects: TrainingProgramBody['subjects'];
  hours: number;
  startDate: PickedDate;
  endDate: PickedDate;
  mode: TrainingProgramBody['mode'];
  location?: string;
}

export function ProgramFormModal({
  open,
  onClose,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  onSaved: (p: TrainingProgram) => void;
}) {
  const { tt, options } = useTrainingText();
  const { user } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { saving, run } = useFormAction(form);
  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    await run(async () => {
      const res = await api.createTrainingProgram({
        regionCode: v.regionCode,
        title: v.title.trim(),
        tier: v.tier,
        type: v.type,
        subjects: v.subjects,
        hours: v.hours,
        startDate: isoOf(v.startDate) ?? '',
        endDate: isoOf(v.endDate) ?? '',
        mode: v.mode,
        location: v.location?.trim() || null,
      });
      message.success(tt('created'));
      form.resetFields();
      onSaved(res.item);
    });
  };
  const required = [{ required: true, message: '必填' }];
  return (
    <Modal
      title={tt('newProgram')}
      open={open}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={saving}
      forceRender
      okButtonProps={{ 'data-testid': 'program-save' } as never}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ regionCode: user?.regionCode, mode: 'offline', tier: 'backbone', type: 'inService' }}
        data-testid="program-form"
      >
        <Form.Item name="regionCode" label={tt('organiser')} rules={required}>
          <RegionTreeSelect />
        </Form.Item>
        <Form.Item
          name="title"
          label={tt('programTitle')}
          rules={[{ required: true, whitespace: true, message: '必填' }]}
        >
          <Input maxLength={200} data-testid="program-title" />
        </Form.Item>
        <Form.Item name="tier" label={tt('tier')} rules={required}>
          <Select options={options(TIERS)} />
        </Form.Item>
        <Form.Item name="type" label={tt('type')} rules={required}>
          <Select options={options(TYPES)} />
        </Form.Item>
        <Form.Item name="subjects" label={tt('subjects')} rules={required}>
          <Select mode="multiple" options={options(SUBJECTS)} data-testid="program-subjects" />
        </Form.Item>
        <Form.Item name="hours" label={tt('hours')} rules={required}>
          <InputNumber
            min={0.5}
            max={2000}
            step={0.5}
            precision={1}
            style={{ width: '100%' }}
            data-testid="program-hours"
          />
        </Form.Item>
        <Form.Item name="startDate" label={tt('startDate')} rules={required}>
          <DateInput data-testid="program-start" />
        </Form.Item>
        <Form.Item name="endDate" label={tt('endDate')} rules={required}>
          <DateInput data-testid="program-end" />
        </Form.Item>
        <Form.Item name="mode" label={tt('mode')} rules={required}>
          <Select options={options(MODES)} />
        </Form.Item>
        <Form.Item name="location" label={tt('location')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
