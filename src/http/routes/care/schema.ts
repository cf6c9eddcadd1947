import { Type } from '@sinclair/typebox';
import { Nullable, RegionCode, StrEnum } from '../../schemas.js';

const Kinds = ['talk', 'audit', 'healthCheck', 'holidayVisit', 'difficulty', 'honour', 'candidacy'] as const;
export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const ListQuery = Type.Object(
  { region: Type.Optional(RegionCode), kind: Type.Optional(StrEnum(Kinds)) },
  { additionalProperties: false },
);
export const RegionQuery = Type.Object({ region: Type.Optional(RegionCode) }, { additionalProperties: false });
const DateOrNull = Type.Optional(Nullable(Type.String({ format: 'date' })));
export const CareBody = Type.Object(
  {
    kind: StrEnum(Kinds),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    scheduledOn: DateOrNull,
    doneOn: DateOrNull,
    summary: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
  },
  { additionalProperties: false },
);
export const CarePatch = Type.Object(
  { doneOn: DateOrNull, response: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))), resolvedOn: DateOrNull },
  { additionalProperties: false },
);
export const CadreBody = Type.Object(
  {
    regionCode: RegionCode,
    name: Type.String({ minLength: 1, maxLength: 50 }),
    idNumber: Type.String({ maxLength: 30 }),
    homeUnit: Type.String({ minLength: 1, maxLength: 200 }),
    kind: StrEnum(['attachment', 'appointment', 'newCivilServant'] as const),
    role: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    startDate: Type.String({ format: 'date' }),
    endDate: DateOrNull,
  },
  { additionalProperties: false },
);

export const CareSchema = Type.Object({
  id: Type.Integer(),
  workerId: Type.Integer(),
  name: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  kind: StrEnum(Kinds),
  kindName: Type.String(),
  title: Type.String(),
  scheduledOn: Nullable(Type.String()),
  doneOn: Nullable(Type.String()),
  summary: Nullable(Type.String()),
  response: Nullable(Type.String()),
  resolvedOn: Nullable(Type.String()),
  createdBy: Type.String(),
  state: StrEnum(['open', 'overdue', 'done'] as const),
  stateName: Type.String(),
});
export const CareListSchema = Type.Object({
  counts: Type.Object({ overdueHealthChecks: Type.Integer(), openDifficulties: Type.Integer() }),
  items: Type.Array(CareSchema),
});
export const CadreListSchema = Type.Object({
  note: Type.String(),
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      regionCode: Type.String(),
      regionName: Type.String(),
      name: Type.String(),
      idNumber: Type.String(),
      homeUnit: Type.String(),
      kind: Type.String(),
      kindName: Type.String(),
      role: Nullable(Type.String()),
      startDate: Type.String(),
      endDate: Nullable(Type.String()),
    }),
  ),
});
export const CreatedSchema = Type.Object({ id: Type.Integer() });
