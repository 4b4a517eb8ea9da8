import { Type } from '@sinclair/typebox';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../config.js';
import { AppError, FieldsInvalidError } from '../../errors.js';
import { createInProcessBus } from '../bus/inprocess.js';
import type { Db } from '../db/db.js';
import { openPglite } from '../db/pglite.js';
import { buildApp, type App, type ModulePlugin } from './app.js';

const demoRoutes: ModulePlugin = (app) => {
  app.post(
    '/api/echo',
    {
      config: { permission: 'public' },
      schema: {
        body: Type.Object(
          { plate: Type.String({ minLength: 7 }), tons: Type.Integer({ minimum: 0 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => req.body,
  );
  app.get('/api/missing', { config: { permission: 'public' } }, async () => {
    throw new AppError('NOT_FOUND', { id: '42' });
  });
  app.get('/api/refused', { config: { permission: 'public' } }, async () => {
    throw new FieldsInvalidError(
      [
        {
          field: 'overrides.nightEndMinute',
          reason: 'emptyNight',
          zh: '夜间不能为空',
          en: 'the night is empty',
        },
      ],
      'refused',
    );
  });
  app.get('/api/broken', { config: { permission: 'public' } }, async () => {
    throw new Error('secret internal detail');
  });
};

let app: App | undefined;
let db: Db | undefined;
afterEach(async () => {
  await app?.close();
  await db?.close();
});

async function makeApp(overrides: Record<string, string> = {}, dbOverride?: Db): Promise<App> {
  const config = parseConfig({ HTTP_BODY_LIMIT: '2048', ...overrides });
  db = dbOverride ?? (await openPglite({ dataDir: 'memory://' }));
  app = await buildApp({ config, db, bus: createInProcessBus(), logger: pino({ level: 'silent' }) }, [
    demoRoutes,
  ]);
  return app;
}

describe('http app', () => {
  it('answers /healthz and /readyz when database and bus are up', async () => {
    const a = await makeApp();
    expect((await a.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await a.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', database: { ok: true }, bus: { ok: true } });
  });

  it('answers 503 on /readyz when the database is gone', async () => {
    const broken = await openPglite({ dataDir: 'memory://' });
    await broken.close();
    const a = await makeApp({}, broken);
    const ready = await a.inject('/readyz');
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ status: 'not_ready', database: { ok: false }, bus: { ok: true } });
  });

  it('serves the OpenAPI document with the registered routes', async () => {
    const a = await makeApp();
    const res = await a.inject('/api/docs/json');
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toBe('3.0.3');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/healthz', '/readyz', '/api/echo']));
    expect((await a.inject('/api/docs')).statusCode).toBeLessThan(400);
    expect(a.routeTable).toEqual(
      expect.arrayContaining([expect.objectContaining({ method: 'POST', url: '/api/echo', hasBody: true })]),
    );
  });

  it('names every failing field in a validation error, in Chinese by default', async () => {
    const a = await makeApp();
    const res = await a.inject({ method: 'POST', url: '/api/echo', payload: { plate: 'L1', extra: 1 } });
    expect(res.statusCode).toBe(400);
    const body = res.json<{ code: string; message: string; details: { fields: { field: string }[] } }>();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.message).toBe('请求数据校验失败');
    expect(body.details.fields.map((f) => f.field).sort()).toEqual(['body.extra', 'body.plate', 'body.tons']);
  });

  it('answers in English when the caller prefers it', async () => {
    const a = await makeApp();
    const res = await a.inject({ url: '/api/missing', headers: { 'accept-language': 'en-GB' } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ code: 'NOT_FOUND', message: 'Not found', details: { id: '42' } });
  });

  it("a module's own field refusals leave as VALIDATION_FAILED, each message in the caller's language", async () => {
    const a = await makeApp();
    const zh = await a.inject('/api/refused');
    expect(zh.statusCode).toBe(400);
    expect(zh.json()).toEqual({
      code: 'VALIDATION_FAILED',
      message: '请求数据校验失败',
      details: {
        fields: [{ field: 'overrides.nightEndMinute', reason: 'emptyNight', message: '夜间不能为空' }],
      },
    });
    const en = await a.inject({ url: '/api/refused', headers: { 'accept-language': 'en-US' } });
    expect(en.json().details.fields[0].message).toBe('the night is empty');
  });

  it('hides internal errors behind INTERNAL', async () => {
    const a = await makeApp();
    const res = await a.inject('/api/broken');
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ code: 'INTERNAL', message: '服务器内部错误' });
    expect(res.body).not.toContain('secret');
  });

  it('rejects an oversized body and malformed JSON with their codes', async () => {
    const a = await makeApp();
    const big = await a.inject({
      method: 'POST',
      url: '/api/echo',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ plate: 'x'.repeat(5000), tons: 1 }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('PAYLOAD_TOO_LARGE');
    const bad = await a.inject({
      method: 'POST',
      url: '/api/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"plate":',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('MALFORMED_REQUEST');
  });

  it('answers unknown routes with ROUTE_NOT_FOUND', async () => {
    const a = await makeApp();
    const res = await a.inject('/api/nope');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('ROUTE_NOT_FOUND');
  });

  it('gives every response a request id and keeps a sane one the client sent', async () => {
    const a = await makeApp();
    const own = await a.inject('/healthz');
    expect(own.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const given = await a.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers['x-request-id']).toBe('abc-123');
    const hostile = await a.inject({ url: '/healthz', headers: { 'x-request-id': '<script>' } });
    expect(hostile.headers['x-request-id']).not.toBe('<script>');
  });

  it('sends security headers', async () => {
    const a = await makeApp();
    const res = await a.inject('/healthz');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });
});
