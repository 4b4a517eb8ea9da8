import { Type } from '@sinclair/typebox';
import type { App, AppDeps } from './app.js';

const Check = Type.Object({ ok: Type.Boolean(), error: Type.Optional(Type.String()) });

/** /healthz: the process is up. /readyz: the database and the bus answer. */
export async function healthRoutes(app: App, deps: AppDeps): Promise<void> {
  app.get(
    '/healthz',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['platform'],
        summary: 'Liveness: the process is up',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['platform'],
        summary: 'Readiness: database and bus reachable',
        response: {
          200: Type.Object({ status: Type.Literal('ready'), database: Check, bus: Check }),
          503: Type.Object({ status: Type.Literal('not_ready'), database: Check, bus: Check }),
        },
      },
    },
    async (_req, reply) => {
      const probe = async (fn: () => Promise<void>): Promise<{ ok: boolean; error?: string }> => {
        try {
          await withTimeout(fn(), 2000);
          return { ok: true };
        } catch (err) {
          return { ok: false, error: (err as Error).message };
        }
      };
      const [database, bus] = await Promise.all([probe(() => deps.db.ping()), probe(() => deps.bus.ping())]);
      if (database.ok && bus.ok) return { status: 'ready' as const, database, bus };
      return reply.status(503).send({ status: 'not_ready' as const, database, bus });
    },
  );
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
