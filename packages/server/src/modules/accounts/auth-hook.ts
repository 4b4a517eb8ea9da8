/**
 * The one authentication and authorization hook, run on every request before anything else:
 * who is calling (session cookie, `Authorization: Bearer <session token>` or
 * `Authorization: ApiKey <id>.<secret>`), is the CSRF token right for cookie writes, and does
 * the caller hold the permission the route declares. A route that declares none is refused.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';
import { isPermission, roleHas, type Permission } from './permissions.js';
import type { ApiKeyService } from './api-keys.js';
import type { Authenticated } from './service.js';
import type { SessionService } from './sessions.js';
import { safeEqual } from './tokens.js';

export const SESSION_COOKIE = 'weiyun_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    /** Details of the caller's credential (session, API-key permissions); null if anonymous. */
    auth: Authenticated | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The raw credential a request carries, for authentication and for per-token rate limits. */
export function credentialOf(
  req: FastifyRequest,
): { kind: 'bearer' | 'api_key' | 'cookie'; value: string } | { kind: 'invalid' } | null {
  const header = req.headers.authorization;
  if (header !== undefined) {
    const m = /^(Bearer|ApiKey) +([^\s]+)$/i.exec(header.trim());
    if (!m) return { kind: 'invalid' };
    return { kind: m[1]!.toLowerCase() === 'bearer' ? 'bearer' : 'api_key', value: m[2]! };
  }
  const cookie = req.cookies[SESSION_COOKIE];
  return cookie ? { kind: 'cookie', value: cookie } : null;
}

export interface Authenticators {
  sessions: SessionService;
  apiKeys: ApiKeyService;
}

async function authenticate(service: Authenticators, req: FastifyRequest): Promise<Authenticated | null> {
  const cred = credentialOf(req);
  if (!cred || cred.kind === 'invalid') return null;
  if (cred.kind === 'api_key') return service.apiKeys.authenticateApiKey(cred.value);
  return service.sessions.authenticateSession(cred.value, cred.kind === 'cookie' ? 'session' : 'bearer');
}

export function holds(auth: Authenticated, permission: Permission): boolean {
  if (auth.actor.role === 'machine') return auth.apiKeyPermissions?.includes(permission) ?? false;
  return roleHas(auth.actor.role, permission);
}

export function authHook(service: Authenticators) {
  return async function authorize(req: FastifyRequest, _reply: FastifyReply): Promise<void> {
    req.actor = null;
    req.auth = null;
    if (req.routeOptions.url === undefined) return; // no such route: the not-found handler answers
    const permission = req.routeOptions.config.permission;
    if (permission === undefined || !isPermission(permission)) {
      // Fail closed: a route that forgot to declare what it needs is served to nobody.
      req.log.error(
        { cat: 'http', url: req.routeOptions.url, permission },
        'route declares no valid permission',
      );
      throw new AppError('FORBIDDEN', { reason: 'route has no permission declared' });
    }
    const auth = await authenticate(service, req);
    if (auth) {
      req.auth = auth;
      req.actor = auth.actor;
    }
    if (permission === 'public') return;
    if (!auth) throw new AppError('UNAUTHENTICATED');
    if (auth.actor.via === 'session' && !SAFE_METHODS.has(req.method)) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !auth.session || !safeEqual(sent, auth.session.csrfToken)) {
        throw new AppError('AUTH_CSRF_INVALID');
      }
    }
    if (auth.mustChangePassword && permission !== 'self') throw new AppError('AUTH_PASSWORD_CHANGE_REQUIRED');
    if (!holds(auth, permission)) throw new AppError('FORBIDDEN', { permission });
  };
}
