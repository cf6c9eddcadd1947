import { Type } from '@sinclair/typebox';
import { EXIT_DOCUMENT_KINDS } from '../../../domain/exit.js';
import { EXIT_TYPES } from '../../../domain/worker-vocab.js';
import { Nullable, RegionCode, StrEnum } from '../../schemas.js';

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const DocParams = Type.Object({ id: Type.Integer({ minimum: 1 }), documentId: Type.Integer({ minimum: 1 }) });
const States = ['pending', 'approved', 'returned'] as const;
const Kinds = Object.keys(EXIT_DOCUMENT_KINDS) as (keyof typeof EXIT_DOCUMENT_KINDS)[];

export const ListQuery = Type.Object(
  {
    region: Type.Optional(RegionCode),
    state: Type.Optional(StrEnum(States)),
    workerId: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

// Kinds and lengths are checked by the service so a bad document is reported as `documents[i].kind`.
export const DocumentInput = Type.Object(
  {
    kind: Type.String({ description: Kinds.join(' | ') }),
    title: Type.String(),
    number: Type.Optional(Nullable(Type.String())),
    date: Type.String({ description: 'YYYY-MM-DD' }),
  },
  { additionalProperties: false },
);
export const CreateBody = Type.Object(
  {
    type: StrEnum(EXIT_TYPES),
    date: Type.String({ format: 'date' }),
    reason: Type.String({ maxLength: 500 }),
    earlyRetirementReason: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    documents: Type.Array(DocumentInput, { maxItems: 20 }),
    approve: Type.Optional(Type.Boolean({ description: '县级社会工作部提交时直接批准' })),
  },
  { additionalProperties: false },
);
export const ApproveBody = Type.Object(
  { note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))) },
  { additionalProperties: false },
);
export const ReturnBody = Type.Object({ reason: Type.String({ maxLength: 500 }) }, { additionalProperties: false });

export const DocumentSchema = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  kindName: Type.String(),
  title: Type.String(),
  number: Nullable(Type.String()),
  date: Type.String(),
  file: Nullable(
    Type.Object({
      name: Type.String(),
      mime: Type.String(),
      size: Type.Integer(),
      sha256: Type.String(),
      uploadedBy: Type.String(),
      uploadedAt: Type.String(),
    }),
  ),
});

export const RequestSchema = Type.Object({
  id: Type.Integer(),
  workerId: Type.Integer(),
  name: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  streetName: Nullable(Type.String()),
  position: Type.String(),
  positionName: Type.String(),
  workerStatus: Type.String(),
  type: StrEnum(EXIT_TYPES),
  typeName: Type.String(),
  date: Type.String(),
  reason: Type.String(),
  statutoryRetirementDate: Nullable(Type.String()),
  earlyRetirementReason: Nullable(Type.String()),
  state: StrEnum(States),
  stateName: Type.String(),
  proposedOn: Type.String(),
  proposedBy: Type.String(),
  decidedOn: Nullable(Type.String()),
  decidedBy: Nullable(Type.String()),
  decisionNote: Nullable(Type.String()),
  documentCount: Type.Integer(),
  requiredDocuments: Type.Array(Type.String()),
  abilities: Type.Object({ decide: Type.Boolean() }),
  documents: Type.Array(DocumentSchema),
});

export const ListSchema = Type.Object({
  regionCode: Type.String(),
  regionName: Type.String(),
  counts: Type.Object({ pending: Type.Integer(), approved: Type.Integer(), returned: Type.Integer() }),
  items: Type.Array(RequestSchema, { description: '待审批在前，各含材料（不含文件内容）' }),
});

export const BinaryFile = Type.Unsafe<unknown>({ type: 'string', format: 'binary', description: '材料文件' });
