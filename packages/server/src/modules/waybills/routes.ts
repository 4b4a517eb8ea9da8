/**
 * Waybill routes: list and detail in scope (regulators read, carriers read and write their own),
 * create and edit drafts, the dry-run check, submit, the carrier's steps and cancel, and the
 * check-code catalogue. Thin: schema → permission (hook) → scoped service call → present.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';
import type { Actor } from '../../platform/auth.js';
import type { App } from '../../platform/http/app.js';
import type { RequestContext } from '../accounts/audit.js';
import { waybillStatuses } from './lifecycle.js';
import {
  CheckCodeSchema,
  checkCodeList,
  CheckResultSchema,
  EventSchema,
  WaybillBody,
  WaybillSchema,
  type WaybillBodyT,
} from './schemas.js';
import type { WaybillService } from './service.js';
import type { WaybillInput } from './validation.js';

const tags = ['waybills'];
const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Params = Type.Object({ waybillId: Type.String({ format: 'uuid' }) });

function acting(req: FastifyRequest): RequestContext & { actor: Actor } {
  if (!req.actor) throw new AppError('UNAUTHENTICATED');
  return { actor: req.actor, id: req.id, ip: req.ip };
}

const WaybillList = Type.Object({ items: Type.Array(WaybillSchema), total: Type.Integer() });
const input = (b: WaybillBodyT): WaybillInput => b as WaybillInput;

export function waybillRoutes(app: App, service: WaybillService): void {
  app.get(
    '/api/waybills',
    {
      config: { permission: 'waybills:read' },
      schema: {
        tags,
        summary: 'List waybills in scope, newest first (运单列表)',
        querystring: Type.Object({
          status: Type.Optional(lit(waybillStatuses)),
          plate: Type.Optional(Type.String({ maxLength: 20 })),
          number: Type.Optional(Type.String({ maxLength: 20 })),
          enterpriseId: Type.Optional(Type.String({ format: 'uuid' })),
          districtCode: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
          vehicleId: Type.Optional(Type.String({ format: 'uuid' })),
          from: Type.Optional(Type.String({ format: 'date-time', description: 'planned departure from' })),
          to: Type.Optional(Type.String({ format: 'date-time', description: 'planned departure before' })),
          page: Type.Integer({ minimum: 1, default: 1 }),
          pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
        }),
        response: { 200: WaybillList },
      },
    },
    async (req) => {
      const q = req.query as Parameters<WaybillService['list']>[1];
      return service.list(acting(req).actor, q);
    },
  );

  app.get(
    '/api/waybills/check-codes',
    {
      config: { permission: 'waybills:read' },
      schema: {
        tags,
        summary: 'The automatic checks’ reason codes with zh/en text (运单核查项)',
        response: { 200: Type.Object({ items: Type.Array(CheckCodeSchema) }) },
      },
    },
    async () => ({ items: checkCodeList() }),
  );

  app.get(
    '/api/waybills/:waybillId',
    {
      config: { permission: 'waybills:read' },
      schema: {
        tags,
        summary: 'One waybill with its goods lines, last check results and history (运单详情)',
        params: Params,
        response: { 200: Type.Object({ waybill: WaybillSchema, events: Type.Array(EventSchema) }) },
      },
    },
    async (req) => service.detail(acting(req).actor, req.params.waybillId),
  );

  app.post(
    '/api/waybills',
    {
      config: { permission: 'waybills:write' },
      schema: {
        tags,
        summary: 'Create a draft waybill for your company (新建运单)',
        body: WaybillBody,
        response: { 201: WaybillSchema },
      },
    },
    async (req, reply) => {
      const out = await service.create(acting(req), input(req.body));
      return reply.status(201).send(out);
    },
  );

  app.put(
    '/api/waybills/:waybillId',
    {
      config: { permission: 'waybills:write' },
      schema: {
        tags,
        summary: 'Change a draft or a waybill that failed its checks (修改运单)',
        params: Params,
        querystring: Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) }),
        body: WaybillBody,
        response: { 200: WaybillSchema },
      },
    },
    async (req) => service.update(acting(req), req.params.waybillId, input(req.body), req.query.version),
  );

  app.post(
    '/api/waybills/check',
    {
      config: { permission: 'waybills:write' },
      schema: {
        tags,
        summary: 'Run the automatic checks on a waybill body without saving it (核查预览)',
        body: WaybillBody,
        response: { 200: Type.Object({ passed: Type.Boolean(), results: Type.Array(CheckResultSchema) }) },
      },
    },
    async (req) => service.dryRun(acting(req).actor, input(req.body)),
  );

  app.post(
    '/api/waybills/:waybillId/submit',
    {
      config: { permission: 'waybills:write' },
      schema: {
        tags,
        summary:
          'Submit: the automatic checks run and the waybill becomes checked or check_failed (提交核查)',
        params: Params,
        response: { 200: WaybillSchema },
      },
    },
    async (req) => service.submit(acting(req), req.params.waybillId),
  );

  app.post(
    '/api/waybills/:waybillId/steps',
    {
      config: { permission: 'waybills:write' },
      schema: {
        tags,
        summary: 'A lifecycle step: start loading, depart, arrive, close (装货、起运、到达、完结)',
        params: Params,
        body: Type.Object(
          {
            action: lit(['start_loading', 'depart', 'arrive', 'close'] as const),
            note: Type.Optional(Type.String({ maxLength: 2000 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: WaybillSchema },
      },
    },
    async (req) => service.step(acting(req), req.params.waybillId, req.body.action, req.body.note ?? null),
  );

  app.post(
    '/api/waybills/:waybillId/cancel',
    {
      config: { permission: 'waybills:write' },
      schema: {
        tags,
        summary: 'Cancel a waybill that is not closed, with a reason (作废运单)',
        params: Params,
        body: Type.Object(
          { reason: Type.String({ minLength: 1, maxLength: 2000 }) },
          { additionalProperties: false },
        ),
        response: { 200: WaybillSchema },
      },
    },
    async (req) =>
      service.step(acting(req), req.params.waybillId, 'cancel', req.body.reason.trim() || req.body.reason),
  );
}
