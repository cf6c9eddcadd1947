import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { userCreator, userSearcher, userUpdater } from '../../../services/user.service.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses, Page, RegionCode, RoleSchema, UserSchema } from '../../schemas.js';
import { Version, versionOf, withEtag } from '../../versioning.js';

const Query = Type.Composite(
  [
    Page,
    Type.Object({
      region: Type.Optional(RegionCode),
      q: Type.Optional(Type.String({ maxLength: 50 })),
      role: Type.Optional(RoleSchema),
    }),
  ],
  {
    additionalProperties: false,
  },
);
const CreateBody = Type.Object(
  {
    username: Type.String({ minLength: 3, maxLength: 40 }),
    displayName: Type.String({ minLength: 1, maxLength: 50 }),
    role: RoleSchema,
    regionCode: RegionCode,
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);
const PatchBody = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    role: Type.Optional(RoleSchema),
    regionCode: Type.Optional(RegionCode),
    disabled: Type.Optional(Type.Boolean()),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    version: Type.Optional(Version),
  },
  { additionalProperties: false, minProperties: 1 },
);
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export default async function userRoutes(app: FastifyInstance, { db, ctx }: AppContext) {
  app.get<{ Querystring: Static<typeof Query> }>('/api/users', {
    config: { access: 'user.manage' },
    schema: {
      tags: ['users'],
      summary: '用户列表（本辖区）',
      querystring: Query,
      response: { 200: Type.Object({ items: Type.Array(UserSchema), total: Type.Integer() }), ...errorResponses },
    },
    handler: (request) => userSearcher(db, actorOf(request), request.query),
  });

  app.post<{ Body: Static<typeof CreateBody> }>('/api/users', {
    config: { access: 'user.manage' },
    schema: {
      tags: ['users'],
      summary: '创建用户',
      body: CreateBody,
      response: { 200: Type.Object({ user: UserSchema }), ...errorResponses },
    },
    handler: (request) => userCreator(db, actorOf(request), request.body, ctx(request)),
  });

  app.patch<{ Params: Static<typeof IdParams>; Body: Static<typeof PatchBody> }>('/api/users/:id', {
    config: { access: 'user.manage' },
    schema: {
      tags: ['users'],
      summary: '修改用户（含重置密码）',
      params: IdParams,
      body: PatchBody,
      response: { 200: Type.Object({ user: UserSchema }), ...errorResponses },
    },
    handler: (request, reply) =>
      withEtag(
        reply,
        userUpdater(
          db,
          actorOf(request),
          request.params.id,
          { ...request.body, version: versionOf(request) },
          ctx(request),
        ),
        (r) => r.user.version,
      ),
  });
}
