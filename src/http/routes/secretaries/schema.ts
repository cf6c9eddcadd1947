import { Type } from '@sinclair/typebox';
import { Nullable, RegionCode, StrEnum } from '../../schemas.js';

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const RegionQuery = Type.Object({ region: Type.Optional(RegionCode) }, { additionalProperties: false });
export const SubmitBody = Type.Object(
  { date: Type.String({ format: 'date' }), note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))) },
  { additionalProperties: false },
);
export const ReviewBody = Type.Object(
  {
    result: StrEnum(['filed', 'returned'] as const),
    date: Type.String({ format: 'date' }),
    reason: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);
export const NominateBody = Type.Object(
  { date: Type.String({ format: 'date' }), reason: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);
export const DecideBody = Type.Object(
  {
    status: StrEnum(['selected', 'removed'] as const),
    date: Type.String({ format: 'date' }),
    note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);

const State = StrEnum(['unfiled', 'submitted', 'filed', 'returned'] as const);
export const FilingListSchema = Type.Object({
  regionCode: Type.String(),
  regionName: Type.String(),
  counts: Type.Object({
    secretaries: Type.Integer(),
    unfiled: Type.Integer(),
    submitted: Type.Integer(),
    filed: Type.Integer(),
    returned: Type.Integer(),
  }),
  items: Type.Array(
    Type.Object({
      workerId: Type.Integer(),
      name: Type.String(),
      regionCode: Type.String(),
      regionName: Type.String(),
      streetName: Nullable(Type.String()),
      position: Type.String(),
      positionName: Type.String(),
      positionStart: Type.String(),
      term: Nullable(Type.String()),
      termsServed: Type.Integer({ description: '担任书记的任职记录数（届）' }),
      filingId: Nullable(Type.Integer()),
      state: State,
      stateName: Type.String(),
      submittedOn: Nullable(Type.String()),
      reviewedOn: Nullable(Type.String()),
      returnReason: Nullable(Type.String()),
    }),
  ),
});
export const FilingSchema = Type.Object({
  id: Type.Integer(),
  workerId: Type.Integer(),
  status: StrEnum(['submitted', 'filed', 'returned'] as const),
  stateName: Type.String(),
  submittedOn: Type.String(),
  submittedBy: Type.String(),
  note: Nullable(Type.String()),
  reviewedOn: Nullable(Type.String()),
  reviewedBy: Nullable(Type.String()),
  returnReason: Nullable(Type.String()),
});
export const ReserveListSchema = Type.Object({
  regionCode: Type.String(),
  regionName: Type.String(),
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      workerId: Type.Integer(),
      name: Type.String(),
      regionCode: Type.String(),
      regionName: Type.String(),
      positionName: Type.String(),
      status: StrEnum(['nominated', 'selected', 'removed'] as const),
      stateName: Type.String(),
      nominatedOn: Type.String(),
      nominatedBy: Type.String(),
      reason: Type.String(),
      decidedOn: Nullable(Type.String()),
      decidedBy: Nullable(Type.String()),
      decisionNote: Nullable(Type.String()),
    }),
  ),
});
export const ReserveResultSchema = Type.Object({
  id: Type.Integer(),
  status: StrEnum(['nominated', 'selected', 'removed'] as const),
});
