import { Type } from '@sinclair/typebox';
import { WORKER_SORTS } from '../../../db/repositories/worker.repository.js';
import { EXIT_TYPES, POSITIONS, QUALIFICATIONS } from '../../../domain/worker-vocab.js';
import { Nullable, Page, RegionCode, StrEnum } from '../../schemas.js';
import { Version } from '../../versioning.js';

const Str = (max = 100) => Type.String({ maxLength: max });
const Loose = Type.Union([Type.String({ maxLength: 100 }), Type.Number(), Type.Boolean(), Type.Null()]);

export const WorkerSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  idNumber: Type.String({ description: '默认脱敏，如 532822********123X' }),
  idNumberMasked: Type.Boolean(),
  gender: Type.String(),
  birthDate: Type.String(),
  age: Type.Integer(),
  ethnicity: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  category: Type.String(),
  position: Type.String(),
  status: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  streetName: Nullable(Type.String()),
  startDate: Type.String(),
  politicalStatus: Nullable(Type.String()),
  education: Nullable(Type.String()),
  educationFulltime: Nullable(Type.String()),
  major: Nullable(Type.String()),
  socialWorkMajor: Type.Boolean(),
  homeRegionCode: Nullable(Type.String()),
  veteran: Type.Boolean(),
  graduateEntrant: Type.Boolean(),
  graduateYear: Nullable(Type.Integer()),
  qualification: Nullable(Type.String()),
  exitType: Nullable(Type.String()),
  exitDate: Nullable(Type.String()),
  exitReason: Nullable(Type.String()),
  version: Type.String({ description: '版本号（与 ETag 相同）：修改时原样传回，记录已被他人修改则返回 409' }),
});

export const SearchQuery = Type.Composite(
  [
    Page,
    Type.Object({
      region: Type.Optional(RegionCode),
      q: Type.Optional(Str(50)),
      category: Type.Optional(StrEnum(['committee', 'staff'] as const)),
      position: Type.Optional(StrEnum(Object.keys(POSITIONS))),
      status: Type.Optional(StrEnum(['active', 'probation', 'exited'] as const)),
      gender: Type.Optional(StrEnum(['male', 'female'] as const)),
      education: Type.Optional(StrEnum(['doctorate', 'master', 'bachelor', 'associate', 'secondary'] as const)),
      politicalStatus: Type.Optional(
        StrEnum(['party', 'probationaryParty', 'league', 'democraticParty', 'nonParty', 'masses'] as const),
      ),
      qualification: Type.Optional(StrEnum([...Object.keys(QUALIFICATIONS), 'none'])),
      veteran: Type.Optional(Type.Boolean()),
      graduateEntrant: Type.Optional(Type.Boolean()),
      ageMin: Type.Optional(Type.Integer({ minimum: 16, maximum: 80 })),
      ageMax: Type.Optional(Type.Integer({ minimum: 16, maximum: 80 })),
      sort: Type.Optional(StrEnum(Object.keys(WORKER_SORTS))),
      desc: Type.Optional(Type.Boolean()),
    }),
  ],
  { additionalProperties: false },
);

/** Create: coded values may be codes or Chinese labels; the domain validator reports every field. */
export const CreateBody = Type.Object(
  {
    name: Str(50),
    idNumber: Str(30),
    gender: Type.Optional(Loose),
    birthDate: Type.Optional(Loose),
    ethnicity: Type.Optional(Loose),
    politicalStatus: Type.Optional(Loose),
    education: Type.Optional(Loose),
    educationFulltime: Type.Optional(Loose),
    major: Type.Optional(Loose),
    socialWorkMajor: Type.Optional(Loose),
    phone: Type.Optional(Loose),
    homeRegionCode: Type.Optional(Loose),
    category: Str(30),
    position: Str(30),
    term: Type.Optional(Loose),
    regionCode: Str(12),
    startDate: Str(20),
    origin: Type.Optional(Loose),
    status: Type.Optional(Loose),
    veteran: Type.Optional(Loose),
    graduateEntrant: Type.Optional(Loose),
    graduateYear: Type.Optional(Loose),
    qualification: Type.Optional(Loose),
    qualificationCertificateNo: Type.Optional(Loose),
    qualificationDate: Type.Optional(Loose),
  },
  { additionalProperties: false },
);

export const PatchBody = Type.Object(
  {
    name: Type.Optional(Str(50)),
    idNumber: Type.Optional(Str(30)),
    ethnicity: Type.Optional(Loose),
    politicalStatus: Type.Optional(Loose),
    education: Type.Optional(Loose),
    educationFulltime: Type.Optional(Loose),
    major: Type.Optional(Loose),
    socialWorkMajor: Type.Optional(Loose),
    phone: Type.Optional(Loose),
    homeRegionCode: Type.Optional(Loose),
    veteran: Type.Optional(Loose),
    graduateEntrant: Type.Optional(Loose),
    graduateYear: Type.Optional(Loose),
    changedOn: Type.Optional(
      Type.String({ description: '学历、政治面貌变更的生效日期（YYYY-MM-DD，默认今天；用于按历史日期统计）' }),
    ),
    version: Type.Optional(Version),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const TransferBody = Type.Object(
  {
    regionCode: RegionCode,
    date: Type.String({ format: 'date' }),
    reason: Type.String({ minLength: 1, maxLength: 500 }),
    version: Type.Optional(Version),
  },
  { additionalProperties: false },
);
export const ExitBody = Type.Object(
  {
    type: StrEnum(EXIT_TYPES),
    date: Type.String({ format: 'date' }),
    reason: Type.String({ minLength: 1, maxLength: 500 }),
    version: Type.Optional(Version),
  },
  { additionalProperties: false },
);
export const PositionBody = Type.Object(
  {
    position: StrEnum(Object.keys(POSITIONS)),
    startDate: Type.String({ format: 'date' }),
    term: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
    version: Type.Optional(Version),
  },
  { additionalProperties: false },
);
export const QualificationBody = Type.Object(
  {
    level: StrEnum(Object.keys(QUALIFICATIONS)),
    certificateNo: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
    obtainedOn: Type.String({ format: 'date' }),
    version: Type.Optional(Version),
  },
  { additionalProperties: false },
);

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const ReadQuery = Type.Object({ reveal: Type.Optional(Type.Boolean()) }, { additionalProperties: false });

export const DetailSchema = Type.Object({
  worker: WorkerSchema,
  periods: Type.Array(
    Type.Object({
      id: Type.Integer(),
      regionCode: Type.String(),
      regionName: Type.String(),
      startDate: Type.String(),
      endDate: Nullable(Type.String()),
      origin: Type.String(),
      endType: Nullable(Type.String()),
      endReason: Nullable(Type.String()),
    }),
  ),
  positions: Type.Array(
    Type.Object({
      id: Type.Integer(),
      regionCode: Type.String(),
      position: Type.String(),
      startDate: Type.String(),
      endDate: Nullable(Type.String()),
      term: Nullable(Type.String()),
    }),
  ),
  qualifications: Type.Array(
    Type.Object({
      id: Type.Integer(),
      level: Type.String(),
      certificateNo: Nullable(Type.String()),
      obtainedOn: Type.String(),
    }),
  ),
  serviceYears: Type.Object({
    days: Type.Integer(),
    years: Type.Integer(),
    months: Type.Integer(),
    text: Type.String(),
    rule: Type.String(),
    breakdown: Type.Array(
      Type.Object({
        regionCode: Type.String(),
        startDate: Type.String(),
        endDate: Nullable(Type.String()),
        days: Type.Integer(),
        counted: Type.Boolean(),
        note: Type.String(),
      }),
    ),
  }),
  timeline: Type.Array(
    Type.Object({ date: Type.String(), dateText: Type.String(), kind: Type.String(), text: Type.String() }),
  ),
});

export const HistorySchema = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      at: Type.String(),
      actorName: Type.String(),
      action: Type.String(),
      changes: Type.Array(Type.Object({ field: Type.String(), from: Type.Unknown(), to: Type.Unknown() })),
    }),
  ),
});
