/**
 * Behind a reverse proxy without SHEQU_TRUST_PROXY=true every request seems to come from the proxy's
 * address, so the per-address sign-in limit (30 failures in 15 minutes) would lock everybody out at
 * once. When a request carries X-Forwarded-For from a loopback or private peer while the proxy is not
 * trusted, this logs one clear warning and remembers it for the administrator's warnings.
 */
import type { FastifyInstance } from 'fastify';
import { PROXY_WARNING, type SecurityState } from '../../services/security.service.js';

/** Loopback and private (RFC 1918, unique local) addresses, also IPv4-mapped IPv6. */
export function isPrivateAddress(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.toLowerCase().replace(/^::ffff:/, '');
  if (a === '::1' || a.startsWith('127.') || a.startsWith('10.') || a.startsWith('192.168.')) return true;
  const m = /^172\.(\d+)\./.exec(a);
  if (m && Number(m[1]) >= 16 && Number(m[1]) <= 31) return true;
  return /^f[cd][0-9a-f]{2}:/.test(a);
}

export function installProxyCheck(app: FastifyInstance, state: SecurityState, trustProxy: boolean): void {
  if (trustProxy) return;
  app.addHook('onRequest', async (request) => {
    if (state.proxyWithoutTrust || request.headers['x-forwarded-for'] === undefined) return;
    const peer = request.socket?.remoteAddress;
    if (!isPrivateAddress(peer)) return;
    state.proxyWithoutTrust = { at: new Date().toISOString(), peer: peer ?? '' };
    request.log.warn({ peer }, PROXY_WARNING);
  });
}
