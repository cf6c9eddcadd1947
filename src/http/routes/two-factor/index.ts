/**
 * Two-factor sign-in (两步验证, RFC 6238): the signed-in user's own setup, confirmation, recovery codes and
 * turning it off; an administrator's reset of a user they manage; the platform administrator's security
 * warnings (demo passwords, an untrusted proxy, unsealed secrets).
 */
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { securityWarnings } from '../../../services/security.service.js';
import {
  recoveryCodesRenewer,
  twoFactorConfirmer,
  twoFactorDisabler,
  twoFactorResetter,
  twoFactorSetupStarter,
  twoFactorStatus,
} from '../../../services/two-factor.service.js';
import type { AppContext } from '../../context.js';
import { actorOf, authOf } from '../../plugins/auth.js';
import { errorResponses, Ok } from '../../schemas.js';
import { CodeBody, PasswordAndCodeBody, RecoveryCodes, Setup, Status, UserIdParams, Warnings } from './schema.js';

export default async function twoFactorRoutes(app: FastifyInstance, { db, config, ctx, security }: AppContext) {
  app.get('/api/auth/two-factor', {
    config: { access: 'session', signInStep: true },
    schema: { tags: ['auth'], summary: '两步验证状态', response: { 200: Status, ...errorResponses } },
    handler: (request) => twoFactorStatus(db, authOf(request), config.requireTwoFactor),
  });

  app.post('/api/auth/two-factor/setup', {
    config: { access: 'session', signInStep: true },
    schema: {
      tags: ['auth'],
      summary: '开始设置两步验证（密钥只在此返回一次）',
      response: { 200: Setup, ...errorResponses },
    },
    handler: (request) => twoFactorSetupStarter(db, authOf(request), config.secretKey, ctx(request)),
  });

  app.post<{ Body: Static<typeof CodeBody> }>('/api/auth/two-factor/confirm', {
    config: { access: 'session', signInStep: true },
    schema: {
      tags: ['auth'],
      summary: '用验证码确认并开启两步验证（恢复码只在此返回一次）',
      body: CodeBody,
      response: { 200: RecoveryCodes, ...errorResponses },
    },
    handler: (request) => twoFactorConfirmer(db, authOf(request), request.body, config.secretKey, ctx(request)),
  });

  app.post<{ Body: Static<typeof PasswordAndCodeBody> }>('/api/auth/two-factor/recovery-codes', {
    config: { access: 'session' },
    schema: {
      tags: ['auth'],
      summary: '重新生成恢复码（旧恢复码作废）',
      body: PasswordAndCodeBody,
      response: { 200: RecoveryCodes, ...errorResponses },
    },
    handler: (request) => recoveryCodesRenewer(db, authOf(request), request.body, config.secretKey, ctx(request)),
  });

  app.post<{ Body: Static<typeof PasswordAndCodeBody> }>('/api/auth/two-factor/disable', {
    config: { access: 'session' },
    schema: {
      tags: ['auth'],
      summary: '停用两步验证（需要密码和验证码）',
      body: PasswordAndCodeBody,
      response: { 200: Ok, ...errorResponses },
    },
    handler: (request) => twoFactorDisabler(db, authOf(request), request.body, config.secretKey, ctx(request)),
  });

  app.delete<{ Params: Static<typeof UserIdParams> }>('/api/users/:id/two-factor', {
    config: { access: 'user.manage' },
    schema: {
      tags: ['users'],
      summary: '重置用户的两步验证（手机丢失时；结束该用户的所有会话）',
      params: UserIdParams,
      response: { 200: Ok, ...errorResponses },
    },
    handler: (request) => twoFactorResetter(db, actorOf(request), request.params.id, ctx(request)),
  });

  app.get('/api/system/security-warnings', {
    config: { access: 'user.manage' },
    schema: {
      tags: ['system'],
      summary: '系统安全提示（仅系统管理员）',
      response: { 200: Warnings, ...errorResponses },
    },
    handler: (request) => securityWarnings(db, actorOf(request), security, config.secretKey),
  });
}
