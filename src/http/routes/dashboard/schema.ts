import { Type } from '@sinclair/typebox';
import { Nullable, RegionCode, StrEnum } from '../../schemas.js';

export const DashboardQuery = Type.Object({ region: Type.Optional(RegionCode) }, { additionalProperties: false });

const RegionStaffing = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: Type.String(),
  quota: Type.Integer(),
  headcount: Type.Integer(),
  gap: Type.Integer({ description: '缺口 = 职数 − 实有（正数为缺员）' }),
  per10k: Nullable(Type.Number()),
  status: StrEnum(['short', 'within', 'over'] as const),
  statusLabel: Type.String(),
});

const TileSchema = Type.Object({
  key: Type.String({
    description:
      'trainingOverdue, trainingDueSoon, probation, contracts, retirements, unfiled, assessment, subsidies, shortChildren, stats, users, audit',
  }),
  label: Type.String(),
  value: Nullable(Type.Integer()),
  unit: Type.String(),
  rule: Type.String({ description: '该数字的计算规则（链接页面逐人说明）' }),
  link: Type.String({ description: '列出该数字背后名单的页面路径' }),
  tone: StrEnum(['danger', 'warning', 'normal'] as const),
});

const OwnRecord = Type.Object({
  workerId: Type.Integer(),
  name: Type.String(),
  regionName: Type.String(),
  position: Type.String(),
  status: Type.String(),
  hiredOn: Type.String(),
  grade: Nullable(Type.Object({ grade: Type.Integer(), categoryName: Type.String(), rule: Type.String() })),
  pay: Nullable(Type.Object({ monthlyFen: Type.Integer(), example: Type.Boolean(), rule: Type.String() })),
  training: Nullable(
    Type.Object({
      status: Type.String(),
      statusLabel: Type.String(),
      deadline: Nullable(Type.String()),
      daysLeft: Nullable(Type.Integer()),
      rule: Type.String(),
    }),
  ),
  contract: Nullable(
    Type.Object({
      state: Type.String(),
      stateName: Type.String(),
      endDate: Nullable(Type.String()),
      daysLeft: Nullable(Type.Integer()),
      rule: Type.String(),
    }),
  ),
  probation: Nullable(
    Type.Object({
      dueOn: Type.String(),
      daysLeft: Type.Integer(),
      state: Type.String(),
      stateName: Type.String(),
      rule: Type.String(),
    }),
  ),
  retirement: Nullable(Type.Object({ date: Type.String(), rule: Type.String() })),
});

export const DashboardSchema = Type.Object({
  date: Type.String(),
  role: Type.String(),
  roleLabel: Type.String(),
  kind: StrEnum(['office', 'overview', 'worker', 'admin'] as const, {
    description: 'office：县、街道、社区的待办；overview：市、省的下级区划配备；worker：本人；admin：用户与审计',
  }),
  region: Nullable(Type.Object({ code: Type.String(), name: Type.String(), level: Type.String() })),
  staffing: Nullable(
    Type.Composite([Type.Object({ year: Type.Integer(), rule: Type.String(), link: Type.String() }), RegionStaffing]),
  ),
  children: Type.Array(RegionStaffing, { description: '下级区划的配备（职数、实有、缺口）' }),
  mostShort: Type.Array(RegionStaffing, { description: '缺员最多的社区（县、街道）' }),
  tiles: Type.Array(TileSchema),
  worker: Nullable(OwnRecord),
  recent: Type.Array(
    Type.Object({
      at: Type.String(),
      actor: Type.String(),
      action: Type.String(),
      entityType: Type.String(),
      regionCode: Nullable(Type.String()),
    }),
  ),
});
