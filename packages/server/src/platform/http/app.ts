/**
 * The Fastify application: schema-validated routes (TypeBox), OpenAPI 3 at /api/docs, request
 * ids, security headers, body limits, one error shape. Modules add their routes as plugins.
 */
import { randomUUID } from 'node:crypto';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
  type RouteOptions,
} from 'fastify';
import type { Config } from '../../config.js';
import { AppError } from '../../errors.js';
import type { Bus } from '../bus/bus.js';
import type { Db } from '../db/db.js';
import { handleError, handleNotFound } from './errors.js';
import { healthRoutes } from './health.js';
import { registerWebConsole, resolveWebRoot } from './web.js';
import { nullableUnions } from './nullable.js';

export interface AppDeps {
  config: Config;
  db: Db;
  bus: Bus;
  logger: FastifyBaseLogger;
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** A module's routes: registered under the app with the shared dependencies. */
export type ModulePlugin = (app: App, deps: AppDeps) => Promise<void> | void;

export interface RouteEntry {
  method: string;
  url: string;
  /** The permission the route declares (`config.permission`); undefined = none declared. */
  permission?: string;
  /** True when the route validates a request body (the route walker must send one). */
  hasBody?: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered, for the route-walking tests and the docs. */
    routeTable: RouteEntry[];
  }
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export async function buildApp(deps: AppDeps, modules: readonly ModulePlugin[] = []): Promise<App> {
  const app = Fastify({
    loggerInstance: deps.logger,
    bodyLimit: deps.config.HTTP_BODY_LIMIT,
    trustProxy: deps.config.HTTP_TRUST_PROXY,
    // A client may pass its own request id (for tracing across systems) if it is sane.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    ajv: {
      customOptions: { allErrors: true, removeAdditional: false, coerceTypes: 'array', useDefaults: true },
    },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;

  app.decorate('routeTable', [] as RouteEntry[]);
  app.addHook('onRoute', (route: RouteOptions) => {
    // Nullable request fields as one schema, so the validator's coercion cannot turn null into 0.
    if (route.schema) {
      for (const part of ['body', 'querystring', 'params', 'headers'] as const) {
        if (route.schema[part] !== undefined) route.schema[part] = nullableUnions(route.schema[part]);
      }
    }
    // The OpenAPI document and its UI are public; every other route declares its own permission.
    if (route.url.startsWith('/api/docs') && route.config?.permission === undefined) {
      route.config = { ...route.config, permission: 'public' };
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const permission = route.config?.permission;
    const hasBody = route.schema?.body !== undefined;
    for (const method of methods) {
      if (method !== 'HEAD') app.routeTable.push({ method, url: route.url, permission, hasBody });
    }
  });
  app.addHook('onRequest', async (req, reply) => {
    void reply.header('x-request-id', req.id);
  });
  // Defence in depth: the accounts module's hook authenticates and authorizes every request;
  // should it ever be missing, a route that is not public is still served to nobody.
  app.decorateRequest('actor', null);
  app.addHook('preHandler', async (req) => {
    if (req.routeOptions.url === undefined) return; // no such route: the not-found handler answers
    const permission = req.routeOptions.config.permission;
    if (permission === undefined) {
      throw new AppError('FORBIDDEN', { reason: 'route has no permission declared' });
    }
    if (permission !== 'public' && !req.actor) throw new AppError('UNAUTHENTICATED');
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Ant Design injects styles at run time; MapLibre needs blob: workers and remote tiles.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', 'https:', 'http:'],
        workerSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'", 'ws:', 'wss:', 'https:', 'http:'],
        scriptSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        // Helmet's default would send every console asset to https:// and break the console served
        // over plain http (a demo on a LAN address); the bureau's TLS proxy may add it.
        upgradeInsecureRequests: null,
      },
    },
    hsts: false, // TLS terminates at the bureau's proxy, which sets HSTS.
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Weiyun (危运) API',
        description:
          'Smart supervision of hazardous-goods road transport. 危险货物道路运输智能监管平台接口。',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'weiyun_session' },
          apiKey: {
            type: 'apiKey',
            in: 'header',
            name: 'Authorization',
            description: 'Machine clients: `ApiKey <id>.<secret>`',
          },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: false });

  app.setErrorHandler(handleError);
  // The console (when built) answers non-/api GETs that no route matched; otherwise JSON 404s.
  const webConsole = await registerWebConsole(app, resolveWebRoot(deps.config.WEB_DIST_DIR));
  if (!webConsole) app.setNotFoundHandler(handleNotFound);

  await app.register(async (scoped) => {
    await healthRoutes(scoped as unknown as App, deps);
    for (const mod of modules) await mod(scoped as unknown as App, deps);
  });
  return app;
}
