import { Type } from '@sinclair/typebox';
import {
  COMPLIANCE_STATUSES,
  ENROLMENT_STATUSES,
  MODES,
  SUBJECTS,
  TIERS,
  TRAINING_TYPES,
} from '../../../domain/training.js';
import { POSITIONS } from '../../../domain/worker-vocab.js';
import { Nullable, RegionCode, StrEnum } from '../../schemas.js';

const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as (keyof T & string)[];
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });

export const Tier = StrEnum(keys(TIERS), { description: 'demonstration 示范 / key 重点 / backbone 骨干 / all 全员' });
export const TrainingType = StrEnum(keys(TRAINING_TYPES), {
  description: 'initial 初任 / inService 在职 / special 专项 / practice 实践锻炼',
});
export const Subject = StrEnum(keys(SUBJECTS), { description: '培训内容' });
export const Mode = StrEnum(keys(MODES), { description: 'offline 线下 / online 线上' });
export const EnrolmentStatus = StrEnum(keys(ENROLMENT_STATUSES), {
  description: 'enrolled 已报名 / completed 已结业 / absent 未结业',
});
export const ComplianceStatus = StrEnum(COMPLIANCE_STATUSES, {
  description: 'compliant 已达标 / dueSoon 即将到期 / pending 待培训 / overdue 逾期 / notApplicable 不适用',
});
const PositionCode = StrEnum(keys(POSITIONS));

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const ProgramBody = Type.Object(
  {
    regionCode: RegionCode,
    title: Type.String({ minLength: 1, maxLength: 200 }),
    tier: Tier,
    type: TrainingType,
    subjects: Type.Array(Subject, { minItems: 1, maxItems: 10 }),
    hours: Type.Number({ exclusiveMinimum: 0, maximum: 2000, description: '学时' }),
    startDate: IsoDate,
    endDate: IsoDate,
    mode: Mode,
    location: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
);

export const ProgramSchema = Type.Object({
  id: Type.Integer(),
  regionCode: Type.String(),
  regionName: Type.String(),
  organiserLevel: StrEnum(['province', 'city', 'county', 'street'] as const),
  title: Type.String(),
  tier: Tier,
  type: TrainingType,
  subjects: Type.Array(Type.String()),
  hours: Type.Number(),
  startDate: Type.String(),
  endDate: Type.String(),
  mode: Mode,
  location: Nullable(Type.String()),
  description: Nullable(Type.String()),
  createdBy: Type.String(),
  createdAt: Type.String(),
  enrolled: Type.Integer({ description: '本辖区报名人数' }),
  completed: Type.Integer({ description: '本辖区结业人数' }),
});

export const ProgramListQuery = Type.Object(
  {
    region: Type.Optional(RegionCode),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
    tier: Type.Optional(Tier),
    type: Type.Optional(TrainingType),
  },
  { additionalProperties: false },
);

export const EnrolmentSchema = Type.Object({
  id: Type.Integer(),
  workerId: Type.Integer(),
  workerName: Type.String(),
  position: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  status: EnrolmentStatus,
  attendedHours: Nullable(Type.Number()),
  completedOn: Nullable(Type.String()),
  certificateNo: Nullable(Type.String()),
});

export const ProgramDetail = Type.Object({
  item: ProgramSchema,
  enrolments: Type.Array(EnrolmentSchema),
  abilities: Type.Object({ manage: Type.Boolean() }),
});

export const EnrolBody = Type.Object(
  {
    workerIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 5000 })),
    filter: Type.Optional(
      Type.Object(
        {
          region: RegionCode,
          positions: Type.Optional(Type.Array(PositionCode, { maxItems: 7 })),
          category: Type.Optional(StrEnum(['committee', 'staff'] as const)),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export const EnrolResult = Type.Object({
  enrolled: Type.Integer(),
  skipped: Type.Integer({ description: '已报名，未重复添加' }),
  matched: Type.Integer(),
});

export const AttendanceBody = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          workerId: Type.Integer({ minimum: 1 }),
          status: EnrolmentStatus,
          attendedHours: Type.Optional(Nullable(Type.Number({ minimum: 0 }))),
          completedOn: Type.Optional(Nullable(IsoDate)),
          certificateNo: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 5000 },
    ),
  },
  { additionalProperties: false },
);

export const AttendanceImportQuery = Type.Object(
  { dryRun: Type.Optional(Type.Boolean({ description: '只校验，不写入' })) },
  { additionalProperties: false },
);
export const AttendanceImportResult = Type.Object({
  total: Type.Integer(),
  valid: Type.Integer(),
  errors: Type.Array(
    Type.Object({ row: Type.Integer(), column: Type.String(), field: Type.String(), message: Type.String() }),
  ),
  committed: Type.Boolean(),
  updated: Type.Integer(),
});

export const ComplianceQuery = Type.Object(
  {
    region: RegionCode,
    date: Type.Optional(IsoDate),
    status: Type.Optional(ComplianceStatus),
    page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
  },
  { additionalProperties: false },
);
const { page: _p, pageSize: _s, ...exportProps } = ComplianceQuery.properties;
export const ComplianceExportQuery = Type.Object(exportProps, { additionalProperties: false });

const Counts = {
  compliant: Type.Integer({ description: '已达标' }),
  dueSoon: Type.Integer({ description: '即将到期' }),
  pending: Type.Integer({ description: '待培训（本周期未训，截止尚远）' }),
  overdue: Type.Integer({ description: '逾期' }),
  notApplicable: Type.Integer({ description: '不适用' }),
  total: Type.Integer(),
};
export const CountsSchema = Type.Object(Counts);

const Window = Nullable(Type.Object({ from: Type.String(), to: Type.String() }));
const Explained = {
  status: ComplianceStatus,
  statusLabel: Type.String(),
  rule: Type.String({ description: '适用的规则' }),
  window: Window,
  completionsInWindow: Type.Integer(),
  required: Type.Integer(),
  deadline: Nullable(Type.String()),
  daysLeft: Nullable(Type.Integer()),
  lastCompleted: Nullable(Type.Object({ date: Type.String(), title: Nullable(Type.String()) })),
  arithmetic: Type.String({ description: '计算过程' }),
};

export const PolicyView = Type.Object({
  window: StrEnum(['calendar', 'rolling'] as const),
  windowStartYear: Type.Integer(),
  dueSoonDays: Type.Integer(),
  rules: Type.Array(
    Type.Object({
      appliesTo: Type.Array(Type.String()),
      everyYears: Type.Integer(),
      minTimes: Type.Integer(),
      text: Type.String(),
    }),
  ),
  source: Type.String(),
});

export const ComplianceSchema = Type.Object({
  region: Type.Object({ code: Type.String(), name: Type.String(), level: Type.String() }),
  date: Type.String(),
  policy: PolicyView,
  summary: CountsSchema,
  children: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), ...Counts })),
  items: Type.Array(
    Type.Object({
      workerId: Type.Integer(),
      name: Type.String(),
      regionCode: Type.String(),
      regionName: Type.String(),
      position: Type.String(),
      hiredOn: Type.String(),
      ...Explained,
    }),
  ),
  total: Type.Integer(),
});

export const WorkerTrainingSchema = Type.Object({
  date: Type.String(),
  compliance: Type.Object({ ...Explained, source: Type.String() }),
  enrolments: Type.Array(
    Type.Object({
      id: Type.Integer(),
      programId: Type.Integer(),
      title: Type.String(),
      tier: Type.String(),
      type: Type.String(),
      organiserLevel: Type.String(),
      hours: Type.Number(),
      startDate: Type.String(),
      endDate: Type.String(),
      mode: Type.String(),
      status: EnrolmentStatus,
      attendedHours: Nullable(Type.Number()),
      completedOn: Nullable(Type.String()),
      certificateNo: Nullable(Type.String()),
    }),
  ),
});

// F-FACULTY, F-MENTOR, F-ALLPOST
export const TrainerBody = Type.Object(
  {
    regionCode: RegionCode,
    name: Type.String({ minLength: 1, maxLength: 50 }),
    title: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    organisation: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    subjects: Type.Array(Subject, { minItems: 1, maxItems: 10 }),
  },
  { additionalProperties: false },
);
export const TrainerSchema = Type.Object({
  id: Type.Integer(),
  regionCode: Type.String(),
  regionName: Type.String(),
  name: Type.String(),
  title: Nullable(Type.String()),
  organisation: Nullable(Type.String()),
  subjects: Type.Array(Type.String()),
});

export const ResourceKind = StrEnum(['document', 'link', 'case'] as const, {
  description: 'document 文档 / link 链接 / case 社区工作法案例',
});
export const ResourceBody = Type.Object(
  {
    regionCode: RegionCode,
    kind: ResourceKind,
    title: Type.String({ minLength: 1, maxLength: 200 }),
    url: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
    summary: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
    subjects: Type.Array(Subject, { maxItems: 10 }),
  },
  { additionalProperties: false },
);
export const ResourceQuery = Type.Object({ kind: Type.Optional(ResourceKind) }, { additionalProperties: false });
export const ResourceSchema = Type.Object({
  id: Type.Integer(),
  regionCode: Type.String(),
  regionName: Type.String(),
  kind: ResourceKind,
  title: Type.String(),
  url: Nullable(Type.String()),
  summary: Nullable(Type.String()),
  subjects: Type.Array(Type.String()),
});

export const RegionQuery = Type.Object({ region: Type.Optional(RegionCode) }, { additionalProperties: false });

export const MentorBody = Type.Object(
  {
    mentorId: Type.Integer({ minimum: 1 }),
    menteeId: Type.Integer({ minimum: 1 }),
    startDate: IsoDate,
    endDate: Type.Optional(Nullable(IsoDate)),
    note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);
export const MentorSchema = Type.Object({
  id: Type.Integer(),
  mentorId: Type.Integer(),
  mentorName: Type.Optional(Type.String()),
  menteeId: Type.Integer(),
  menteeName: Type.Optional(Type.String()),
  regionCode: Type.String(),
  regionName: Type.Optional(Type.String()),
  startDate: Type.String(),
  endDate: Nullable(Type.String()),
  note: Nullable(Type.String()),
});

export const AllPostBody = Type.Object(
  {
    workerId: Type.Integer({ minimum: 1 }),
    certifiedOn: IsoDate,
    certificateNo: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  },
  { additionalProperties: false },
);
export const AllPostSchema = Type.Object({
  id: Type.Integer(),
  workerId: Type.Integer(),
  workerName: Type.String(),
  regionCode: Type.String(),
  regionName: Type.Optional(Type.String()),
  certifiedOn: Type.String(),
  certificateNo: Nullable(Type.String()),
});
