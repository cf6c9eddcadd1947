import { Type } from '@sinclair/typebox';
import { Nullable, RegionCode, StrEnum } from '../../schemas.js';

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const RegionQuery = Type.Object({ region: Type.Optional(RegionCode) }, { additionalProperties: false });
export const ContractBody = Type.Object(
  {
    startDate: Type.String({ format: 'date' }),
    endDate: Type.Optional(Nullable(Type.String({ format: 'date', description: '空为无固定期限' }))),
    socialInsurance: Type.Boolean(),
    housingFund: Type.Boolean(),
  },
  { additionalProperties: false },
);
export const SubsidyBody = Type.Object(
  {
    kind: StrEnum(['majorTask', 'disaster', 'emergency'] as const),
    reason: Type.String({ minLength: 1, maxLength: 500 }),
    amountFen: Type.Integer({ minimum: 1, description: '金额（分）' }),
  },
  { additionalProperties: false },
);
export const DecideBody = Type.Object(
  {
    result: StrEnum(['approved', 'rejected'] as const),
    note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);

export const ContractsSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      kind: StrEnum(['first', 'renewal'] as const),
      startDate: Type.String(),
      endDate: Nullable(Type.String()),
      socialInsurance: Type.Boolean(),
      housingFund: Type.Boolean(),
      signedBy: Type.String(),
    }),
  ),
});
const States = StrEnum(['none', 'expired', 'dueSoon', 'valid', 'openEnded'] as const);
export const DueSchema = Type.Object({
  regionCode: Type.String(),
  regionName: Type.String(),
  date: Type.String(),
  counts: Type.Object({
    none: Type.Integer(),
    expired: Type.Integer(),
    dueSoon: Type.Integer(),
    valid: Type.Integer(),
    openEnded: Type.Integer(),
  }),
  items: Type.Array(
    Type.Object({
      workerId: Type.Integer(),
      name: Type.String(),
      regionCode: Type.String(),
      regionName: Type.String(),
      category: Type.String(),
      state: States,
      stateName: Type.String(),
      endDate: Nullable(Type.String()),
      daysLeft: Nullable(Type.Integer()),
    }),
  ),
});
export const SubsidySchema = Type.Object({
  id: Type.Integer(),
  workerId: Type.Integer(),
  name: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  kind: StrEnum(['majorTask', 'disaster', 'emergency'] as const),
  kindName: Type.String(),
  reason: Type.String(),
  amountFen: Type.Integer(),
  status: StrEnum(['pending', 'approved', 'rejected'] as const),
  stateName: Type.String(),
  requestedOn: Type.String(),
  requestedBy: Type.String(),
  decidedOn: Nullable(Type.String()),
  decidedBy: Nullable(Type.String()),
  decisionNote: Nullable(Type.String()),
});
export const SubsidiesSchema = Type.Object({ items: Type.Array(SubsidySchema) });
