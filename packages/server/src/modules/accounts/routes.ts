/**
 * The accounts module: the authentication hook (registered first, for every route), cookie
 * parsing, rate limits, and the routes for sessions, accounts, API keys and the audit log.
 * Routes are thin: validate (schemas) → authorize (hook + scoped service) → present.
 */
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';
import type { Actor } from '../../platform/auth.js';
import type { App, AppDeps, ModulePlugin } from '../../platform/http/app.js';
import { queryAudit, type RequestContext } from './audit.js';
import { authHook, credentialOf, holds, SESSION_COOKIE } from './auth-hook.js';
import { permissionCatalog, type Permission } from './permissions.js';
import * as S from './schemas.js';
import { ApiKeyService, presentApiKey } from './api-keys.js';
import { AccountsService, presentUser } from './service.js';
import { SessionService } from './sessions.js';
import { sha256 } from './tokens.js';

export interface AccountsModuleOptions {
  /** The clock (tests move it to expire sessions and keys). */
  now?: () => Date;
}

type Acting = RequestContext & { actor: Actor };

/** The request as an acting context; the hook guarantees an actor on non-public routes. */
function acting(req: FastifyRequest): Acting {
  if (!req.actor) throw new AppError('UNAUTHENTICATED');
  return { actor: req.actor, id: req.id, ip: req.ip };
}

const tags = ['accounts'];

export function createAccountsModule(opts: AccountsModuleOptions = {}): ModulePlugin {
  return async (app: App, deps: AppDeps) => {
    const { config, db } = deps;
    const service = new AccountsService(db, config, opts.now);
    const sessions = new SessionService(db, config, service, opts.now);
    const apiKeys = new ApiKeyService(db, opts.now);
    const secureCookie =
      config.AUTH_COOKIE_SECURE === 'auto'
        ? config.WEIYUN_MODE === 'production'
        : config.AUTH_COOKIE_SECURE === 'true';

    app.decorateRequest('auth', null);
    await app.register(cookie);
    app.addHook('onRequest', authHook({ sessions, apiKeys }));
    await app.register(rateLimit, {
      global: true,
      max: config.RATE_LIMIT_API_PER_MINUTE,
      timeWindow: 60_000,
      // Per token: the hash of the credential (never the credential itself); per IP when anonymous.
      keyGenerator: (req) => {
        const cred = credentialOf(req);
        return cred && cred.kind !== 'invalid' ? `t:${sha256(cred.value)}` : `ip:${req.ip}`;
      },
    });

    app.post(
      '/api/auth/login',
      {
        config: {
          permission: 'public',
          rateLimit: {
            max: config.RATE_LIMIT_LOGIN_PER_MINUTE,
            timeWindow: 60_000,
            hook: 'preHandler', // after the body is parsed, so the key can hold the username
            keyGenerator: (req) => {
              const body = req.body as { username?: unknown } | undefined;
              const name = typeof body?.username === 'string' ? body.username.trim().toLowerCase() : '';
              return `login:${req.ip}:${name}`;
            },
          },
        },
        schema: {
          tags,
          summary: 'Log in (登录): sets the session cookie, or returns a bearer token',
          body: S.LoginBody,
          response: { 200: S.LoginResponse },
        },
      },
      async (req, reply) => {
        const { token, session, user } = await sessions.login(
          { actor: null, id: req.id, ip: req.ip },
          req.body.username,
          req.body.password,
          req.headers['user-agent'] ?? null,
        );
        const sessionView = {
          csrfToken: session.csrfToken,
          idleExpiresAt: session.idleExpiresAt.toISOString(),
          absoluteExpiresAt: session.absoluteExpiresAt.toISOString(),
        };
        if (req.body.tokenIn === 'body') return { user: presentUser(user), session: sessionView, token };
        void reply.setCookie(SESSION_COOKIE, token, {
          httpOnly: true,
          sameSite: 'strict',
          secure: secureCookie,
          path: '/',
          expires: session.absoluteExpiresAt,
        });
        return { user: presentUser(user), session: sessionView };
      },
    );

    app.post(
      '/api/auth/logout',
      {
        config: { permission: 'self' },
        schema: { tags, summary: 'Log out (退出): ends this session', response: { 204: { type: 'null' } } },
      },
      async (req, reply) => {
        const session = req.auth?.session;
        if (session) await sessions.logout(acting(req), session);
        void reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/auth/me',
      {
        config: { permission: 'self' },
        schema: {
          tags,
          summary: 'Who am I: account, permissions, CSRF token',
          response: { 200: S.MeResponse },
        },
      },
      async (req) => {
        const ctx = acting(req);
        const user = await service.getSelf(ctx.actor);
        const auth = req.auth!;
        const session = auth.session;
        return {
          user: presentUser(user),
          permissions: (Object.keys(permissionCatalog) as Permission[]).filter((p) => holds(auth, p)),
          session: session
            ? {
                csrfToken: session.csrfToken,
                idleExpiresAt: session.idleExpiresAt.toISOString(),
                absoluteExpiresAt: session.absoluteExpiresAt.toISOString(),
              }
            : null,
        };
      },
    );

    app.post(
      '/api/auth/password',
      {
        config: { permission: 'self' },
        schema: {
          tags,
          summary: 'Change own password (修改密码); ends the other sessions',
          body: S.PasswordChangeBody,
          response: { 204: { type: 'null' } },
        },
      },
      async (req, reply) => {
        await sessions.changeOwnPassword(
          acting(req),
          req.auth?.session,
          req.body.currentPassword,
          req.body.newPassword,
        );
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/users',
      {
        config: { permission: 'users:read' },
        schema: {
          tags,
          summary: 'List accounts in scope',
          querystring: S.UserListQuery,
          response: { 200: S.UserPage },
        },
      },
      async (req) => {
        const page = await service.listUsers(acting(req).actor, req.query);
        return { total: page.total, items: page.items.map(presentUser) };
      },
    );

    app.post(
      '/api/users',
      {
        config: { permission: 'users:write' },
        schema: {
          tags,
          summary: 'Create an account (must change its password at first login)',
          body: S.UserCreateBody,
          response: { 201: S.UserView },
        },
      },
      async (req, reply) => {
        const user = await service.createUser(acting(req), req.body);
        return reply.status(201).send(presentUser(user));
      },
    );

    app.get(
      '/api/users/:userId',
      {
        config: { permission: 'users:read' },
        schema: { tags, summary: 'One account', params: S.UserIdParams, response: { 200: S.UserView } },
      },
      async (req) => presentUser(await service.getUser(acting(req).actor, req.params.userId)),
    );

    app.patch(
      '/api/users/:userId',
      {
        config: { permission: 'users:write' },
        schema: {
          tags,
          summary: 'Change an account (name, disabled, role, scope)',
          params: S.UserIdParams,
          body: S.UserPatchBody,
          response: { 200: S.UserView },
        },
      },
      async (req) => presentUser(await service.updateUser(acting(req), req.params.userId, req.body)),
    );

    app.delete(
      '/api/users/:userId',
      {
        config: { permission: 'users:write' },
        schema: {
          tags,
          summary: 'Delete an account',
          params: S.UserIdParams,
          response: { 204: { type: 'null' } },
        },
      },
      async (req, reply) => {
        await service.deleteUser(acting(req), req.params.userId);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/users/:userId/password-reset',
      {
        config: { permission: 'users:write' },
        schema: {
          tags,
          summary: 'Reset a password (重置密码): one-time password, change forced at next login',
          params: S.UserIdParams,
          response: { 200: S.PasswordResetResponse },
        },
      },
      async (req) => ({ temporaryPassword: await service.resetPassword(acting(req), req.params.userId) }),
    );

    app.get(
      '/api/api-keys',
      {
        config: { permission: 'api_keys:read' },
        schema: {
          tags,
          summary: 'List API keys of machine clients in scope',
          querystring: S.PagingQuery,
          response: { 200: S.ApiKeyPage },
        },
      },
      async (req) => {
        const page = await apiKeys.listApiKeys(acting(req).actor, req.query.limit, req.query.offset);
        return { total: page.total, items: page.items.map(presentApiKey) };
      },
    );

    app.post(
      '/api/api-keys',
      {
        config: { permission: 'api_keys:write' },
        schema: {
          tags,
          summary: 'Create an API key for a company platform or checkpoint camera',
          body: S.ApiKeyCreateBody,
          response: { 201: S.ApiKeyCreated },
        },
      },
      async (req, reply) => {
        const { key, credential } = await apiKeys.createApiKey(acting(req), req.body);
        return reply.status(201).send({ apiKey: presentApiKey(key), credential });
      },
    );

    app.post(
      '/api/api-keys/:apiKeyId/revoke',
      {
        config: { permission: 'api_keys:write' },
        schema: {
          tags,
          summary: 'Revoke an API key',
          params: S.ApiKeyIdParams,
          response: { 200: S.ApiKeyView },
        },
      },
      async (req) => presentApiKey(await apiKeys.revokeApiKey(acting(req), req.params.apiKeyId)),
    );

    app.get(
      '/api/audit',
      {
        config: { permission: 'audit:read' },
        schema: {
          tags: ['audit'],
          summary: 'Query the audit log (审计日志), newest first',
          querystring: S.AuditQuery,
          response: { 200: S.AuditPage },
        },
      },
      async (req) => queryAudit(db, req.query),
    );
  };
}

export const accountsModule: ModulePlugin = createAccountsModule();
