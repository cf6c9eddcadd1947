import { Type } from '@sinclair/typebox';
import { ELECTED_POSITIONS } from '../../../domain/worker-vocab.js';
import { Nullable, RegionCode, StrEnum } from '../../schemas.js';

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const MemberParams = Type.Object({ id: Type.Integer({ minimum: 1 }), memberId: Type.Integer({ minimum: 1 }) });
export const ListQuery = Type.Object(
  { region: Type.Optional(RegionCode), workerId: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false },
);
export const CreateBody = Type.Object(
  {
    regionCode: RegionCode,
    termNumber: Type.Integer({ description: '第N届' }),
    electedOn: Type.String({ format: 'date' }),
  },
  { additionalProperties: false },
);
export const CloseBody = Type.Object(
  {
    closedOn: Type.String({ format: 'date' }),
    reason: StrEnum(['election', 'early'] as const),
    note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);
export const MemberBody = Type.Object(
  { workerId: Type.Integer({ minimum: 1 }), position: StrEnum(ELECTED_POSITIONS) },
  { additionalProperties: false },
);

export const TermSchema = Type.Object({
  id: Type.Integer(),
  regionCode: Type.String(),
  regionName: Type.String(),
  termNumber: Type.Integer(),
  termName: Type.String(),
  electedOn: Type.String(),
  endsOn: Type.String({ description: '选举日期 + 政策届期（lifecycle.incentiveRules.fullTermYears）' }),
  closedOn: Nullable(Type.String()),
  closeReason: Nullable(StrEnum(['election', 'early'] as const)),
  closeReasonName: Nullable(Type.String()),
  closeNote: Nullable(Type.String()),
  completed: Type.Boolean({ description: '换届届满' }),
  createdBy: Type.String(),
  members: Type.Array(
    Type.Object({
      id: Type.Integer(),
      workerId: Type.Integer(),
      name: Type.String(),
      position: Type.String(),
      positionName: Type.String(),
      workerStatus: Type.String(),
    }),
  ),
});
export const TermListSchema = Type.Object({
  regionCode: Type.String(),
  regionName: Type.String(),
  items: Type.Array(TermSchema),
});
