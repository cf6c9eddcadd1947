import { Type } from '@sinclair/typebox';
import { Nullable, Page, RegionCode } from '../../schemas.js';
import { WorkerSchema } from '../workers/schema.js';

const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: '统计日期 YYYY-MM-DD（默认今天）' });
const Bands = Type.String({
  pattern: '^[0-9, ]{1,60}$',
  description: '分组界限，逗号分隔，每个数为该组最大值，如 30,35,45,55',
});

export const StatsQuery = Type.Object(
  {
    region: Type.Optional(RegionCode),
    date: Type.Optional(DateString),
    ageBands: Type.Optional(Bands),
    serviceBands: Type.Optional(Bands),
  },
  { additionalProperties: false },
);

const ColumnSchema = Type.Object({ code: Type.String(), name: Type.String(), level: Type.String() });

export const ItemSchema = Type.Object({
  key: Type.String(),
  label: Type.String(),
  value: Nullable(Type.Number()),
  byChild: Type.Array(Nullable(Type.Number()), { description: '与 columns 顺序对应的下级区划数值' }),
  arithmetic: Type.Optional(Type.String({ description: '计算所得项的算式' })),
  unit: Type.Optional(Type.String({ description: '本项单位（与所在部分不同时，如薪酬部分的 人、元、%）' })),
});

export const SectionSchema = Type.Object({
  id: Type.String({
    description:
      'headcount, staffing, gender, age, ethnicity, political, education, socialWorkMajor, qualification, grade, service, origin, turnover, training（县及以下）, pay（县及以下、当日）, assessment',
  }),
  title: Type.String(),
  unit: Type.String(),
  rule: Type.String(),
  items: Type.Array(ItemSchema),
});

const BandsSchema = Type.Object({ age: Type.Array(Type.Integer()), service: Type.Array(Type.Integer()) });

export const FigureSetSchema = Type.Object({
  region: ColumnSchema,
  date: Type.String(),
  basis: Type.Union([Type.Literal('live'), Type.Literal('history')]),
  method: Type.String(),
  bands: BandsSchema,
  columns: Type.Array(ColumnSchema),
  sections: Type.Array(SectionSchema),
});

export const SnapshotSchema = Type.Object({
  id: Type.Integer(),
  regionCode: Type.String(),
  year: Type.Integer(),
  asOf: Type.String(),
  approvedBy: Type.String(),
  approvedAt: Type.String(),
});

export const StatsSchema = Type.Composite([
  FigureSetSchema,
  Type.Object({
    snapshot: Nullable(SnapshotSchema),
    abilities: Type.Object({ approve: Type.Boolean(), export: Type.Boolean(), workers: Type.Boolean() }),
  }),
]);

export const WorkersQuery = Type.Composite(
  [
    Type.Object({
      region: Type.Optional(RegionCode),
      date: Type.Optional(DateString),
      ageBands: Type.Optional(Bands),
      serviceBands: Type.Optional(Bands),
      section: Type.String({ minLength: 1, maxLength: 40 }),
      key: Type.String({ minLength: 1, maxLength: 60 }),
    }),
    Page,
  ],
  { additionalProperties: false },
);

export const WorkersSchema = Type.Object({
  total: Type.Integer(),
  items: Type.Array(
    Type.Composite([
      WorkerSchema,
      Type.Object({
        note: Type.Optional(
          Type.String({ description: '该人在此统计项中的值，如 “2025 年度 优秀（总分 92.50）”、“月应发 4,315.08 元”' }),
        ),
        monthlyFen: Type.Optional(Type.Integer({ description: '薪酬部分：计入平均月薪的月应发（分）' })),
      }),
    ]),
  ),
});

export const SnapshotBody = Type.Object(
  { region: RegionCode, year: Type.Integer({ minimum: 1949, maximum: 2200 }) },
  { additionalProperties: false },
);
export const RegionQuery = Type.Object({ region: Type.Optional(RegionCode) }, { additionalProperties: false });
export const TrendQuery = Type.Object(
  { region: Type.Optional(RegionCode), years: Type.Optional(Type.Integer({ minimum: 2, maximum: 10 })) },
  { additionalProperties: false },
);
export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const SnapshotDetailSchema = Type.Object({
  item: SnapshotSchema,
  figures: FigureSetSchema,
  differences: Type.Array(
    Type.Object({
      section: Type.String(),
      title: Type.String(),
      key: Type.String(),
      label: Type.String(),
      snapshot: Nullable(Type.Number()),
      current: Nullable(Type.Number()),
      delta: Nullable(Type.Number()),
    }),
    { description: '同一统计日，快照与按现有记录重新计算的差异（更正）' },
  ),
});

export const TrendSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      year: Type.Integer(),
      date: Type.String(),
      snapshot: Type.Boolean(),
      headcount: Type.Integer(),
      quota: Nullable(Type.Number()),
      per10k: Nullable(Type.Number()),
    }),
  ),
});
