import { Type } from '@sinclair/typebox';
import { TokenCreateBody } from '../../../services/token.schema.js';
import { tokenCreator, tokenLister, tokenRevoker } from '../../../services/token.service.js';
import type { App, AppContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses, Nullable, Ok, StrEnum } from '../../schemas.js';

const Token = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  access: StrEnum(['read', 'write'] as const),
  expiresAt: Type.String(),
  revokedAt: Nullable(Type.String()),
  lastUsedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  createdBy: Type.String(),
});
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export default async function tokenRoutes(app: App, { db, ctx }: AppContext) {
  app.get('/api/tokens', {
    config: { access: 'token.manage' },
    schema: {
      operationId: 'tokenLister',
      tags: ['tokens'],
      summary: '接口令牌列表',
      response: { 200: Type.Object({ items: Type.Array(Token) }), ...errorResponses },
    },
    handler: (request) => tokenLister(db, actorOf(request)),
  });
  app.post('/api/tokens', {
    config: { access: 'token.manage' },
    schema: {
      operationId: 'tokenCreator',
      tags: ['tokens'],
      summary: '创建接口令牌（密钥只显示一次）',
      body: TokenCreateBody,
      response: { 200: Type.Object({ token: Token, secret: Type.String() }), ...errorResponses },
    },
    handler: (request) => tokenCreator(db, actorOf(request), request.body, ctx(request)),
  });
  app.delete('/api/tokens/:id', {
    config: { access: 'token.manage' },
    schema: {
      operationId: 'tokenRevoker',
      tags: ['tokens'],
      summary: '吊销接口令牌',
      params: IdParams,
      response: { 200: Ok, ...errorResponses },
    },
    handler: (request) => tokenRevoker(db, actorOf(request), request.params.id, ctx(request)),
  });
}
