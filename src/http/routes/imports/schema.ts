import { Type } from '@sinclair/typebox';
import { Nullable, RegionCode, StrEnum } from '../../schemas.js';
import { SearchQuery } from '../workers/schema.js';

/** A spreadsheet answer: the body is the file itself (the serializer is not used for streams). */
export const XlsxFile = Type.Unsafe<unknown>({ type: 'string', format: 'binary', description: '.xlsx 文件' });

export const ImportQuery = Type.Object(
  {
    dryRun: Type.Optional(Type.Boolean({ description: '只校验，不写入' })),
    mode: Type.Optional(
      StrEnum(['all', 'valid-only'] as const, {
        description: 'all：任何一行有错则全部不写入（默认）；valid-only：只写入正确的行',
      }),
    ),
    update: Type.Optional(Type.Boolean({ description: '身份证号码与本辖区在岗人员相同的行更新其基本信息' })),
    region: Type.Optional(RegionCode),
  },
  { additionalProperties: false },
);

export const ImportResult = Type.Object({
  total: Type.Integer({ description: '数据行数（不含空行）' }),
  valid: Type.Integer({ description: '没有错误的行数' }),
  errors: Type.Array(
    Type.Object({ row: Type.Integer(), column: Type.String(), field: Type.String(), message: Type.String() }),
  ),
  committed: Type.Boolean(),
  created: Type.Integer(),
  updated: Type.Integer(),
  reportId: Nullable(
    Type.String({
      description: '有错误时：标注了错误的表格，GET /api/imports/workers/{reportId}/errors.xlsx 下载，保留 1 小时',
    }),
  ),
});

export const ReportParams = Type.Object({ reportId: Type.String({ pattern: '^[0-9a-f]{32}$' }) });

const { page: _p, pageSize: _s, sort: _o, desc: _d, ...filters } = SearchQuery.properties;
export const ExportQuery = Type.Object(
  {
    ...filters,
    reveal: Type.Optional(Type.Boolean({ description: '导出完整身份证号码和手机号码（需权限，记入审计）' })),
  },
  { additionalProperties: false },
);
