/**
 * Routes of the filling-site check and checkpoint verification. Thin: schema → permission (hook)
 * → the place in the caller's scope (404 otherwise) → service → present.
 *   filling operator (waybills:fill):     /api/filling-sites/:fillingSiteId/{lookup,weighings}
 *   checkpoint officer (waybills:verify): /api/checkpoints/:checkpointId/{lookup,manual-passes,passes}
 *   checkpoint camera (ingest:checkpoint_passes, API key): POST /api/checkpoints/:checkpointId/passes
 *   regulators and companies (waybills:read): /api/filling-records, /api/checkpoint-passes
 */
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { AppError } from '../../errors.js';
import type { Db } from '../../platform/db/db.js';
import type { App } from '../../platform/http/app.js';
import { checkpointFlags, listPasses, presentPass, type CheckpointService } from './checkpoints.js';
import type { Acting } from './common.js';
import { listFillingRecords, presentFillingRecord, type FillingService } from './filling.js';

const tags = ['verification'];
const Obj = Type.Record(Type.String(), Type.Unknown());
const Colour = Type.Union(
  [1, 2, 3, 4, 9].map((c) => Type.Literal(c)),
  {
    description: 'Plate colour (JT/T 415): 1 blue, 2 yellow (hazmat, default), 3 black, 4 white, 9 other',
  },
);
const Plate = Type.String({ minLength: 2, maxLength: 16, description: '车牌号, e.g. 辽L12345' });
const Lookup = Type.Object({
  plate: Type.Optional(Plate),
  plateColour: Type.Optional(Colour),
  waybillNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
});
const Page = {
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
};
const SiteParams = Type.Object({ fillingSiteId: Type.String({ format: 'uuid' }) });
const CheckpointParams = Type.Object({ checkpointId: Type.String({ format: 'uuid' }) });
const Lookedup = Type.Object({
  plate: Type.String(),
  plateColour: Type.Integer(),
  vehicle: Type.Union([Obj, Type.Null()]),
  trailer: Type.Union([Obj, Type.Null()]),
  tank: Type.Union([Obj, Type.Null()]),
  driver: Type.Union([Obj, Type.Null()]),
  escort: Type.Union([Obj, Type.Null()]),
  waybill: Type.Union([Obj, Type.Null()]),
  verdict: Obj,
});
const List = Type.Object({ items: Type.Array(Obj), total: Type.Integer() });

function acting(req: FastifyRequest): Acting {
  if (!req.actor) throw new AppError('UNAUTHENTICATED');
  return { actor: req.actor, id: req.id, ip: req.ip };
}
const pageOf = (q: { page: number; pageSize: number }) => ({
  limit: q.pageSize,
  offset: (q.page - 1) * q.pageSize,
});

export interface VerificationRouteDeps {
  db: Db;
  config: Config;
  filling: FillingService;
  checkpoints: CheckpointService;
}

export function verificationRoutes(app: App, deps: VerificationRouteDeps): void {
  const { filling, checkpoints, db } = deps;

  app.get(
    '/api/filling-sites/:fillingSiteId/lookup',
    {
      config: { permission: 'waybills:fill' },
      schema: {
        tags,
        summary: 'Filling-site check: the vehicle, waybill, people, certificates and verdict (充装查验)',
        params: SiteParams,
        querystring: Lookup,
        response: { 200: Type.Intersect([Lookedup, Type.Object({ site: Obj })]) },
      },
    },
    async (req) => filling.lookup(acting(req).actor, req.params.fillingSiteId, req.query),
  );

  app.post(
    '/api/filling-sites/:fillingSiteId/weighings',
    {
      config: { permission: 'waybills:fill' },
      schema: {
        tags,
        summary: 'Record the weighbridge figures; over-filling or no valid waybill is refused (过磅充装)',
        params: SiteParams,
        body: Type.Object(
          {
            plate: Plate,
            plateColour: Type.Optional(Colour),
            grossKg: Type.Integer({ minimum: 1, maximum: 1_000_000, description: '毛重 kg' }),
            tareKg: Type.Integer({ minimum: 1, maximum: 1_000_000, description: '皮重 kg' }),
            note: Type.Optional(Type.String({ maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Obj },
      },
    },
    async (req, reply) => {
      const row = await filling.record(acting(req), req.params.fillingSiteId, req.body);
      return reply.code(201).send(presentFillingRecord(row));
    },
  );

  app.get(
    '/api/filling-sites/:fillingSiteId/weighings',
    {
      config: { permission: 'waybills:fill' },
      schema: {
        tags,
        summary: 'The filling site’s weighings, newest first',
        params: SiteParams,
        querystring: Type.Object(Page),
        response: { 200: List },
      },
    },
    async (req) => {
      const out = await filling.listAtSite(acting(req).actor, req.params.fillingSiteId, pageOf(req.query));
      return { items: out.items.map(presentFillingRecord), total: out.total };
    },
  );

  app.get(
    '/api/filling-records',
    {
      config: { permission: 'waybills:read' },
      schema: {
        tags,
        summary: 'Filling records of the vehicles in scope (充装记录)',
        querystring: Type.Object({
          verdict: Type.Optional(Type.Union([Type.Literal('filled'), Type.Literal('refused')])),
          plate: Type.Optional(Plate),
          ...Page,
        }),
        response: { 200: List },
      },
    },
    async (req) => {
      const q = req.query;
      const out = await listFillingRecords(
        db,
        acting(req).actor,
        { verdict: q.verdict, plate: q.plate },
        pageOf(q),
      );
      return { items: out.items.map(presentFillingRecord), total: out.total };
    },
  );

  app.get(
    '/api/checkpoints/:checkpointId/lookup',
    {
      config: { permission: 'waybills:verify' },
      schema: {
        tags,
        summary: 'Checkpoint verification screen: the vehicle, waybill, certificates and flags (登记点查验)',
        params: CheckpointParams,
        querystring: Lookup,
        response: { 200: Type.Intersect([Lookedup, Type.Object({ checkpoint: Obj })]) },
      },
    },
    async (req) => checkpoints.lookup(acting(req).actor, req.params.checkpointId, req.query),
  );

  app.post(
    '/api/checkpoints/:checkpointId/manual-passes',
    {
      config: { permission: 'waybills:verify' },
      schema: {
        tags,
        summary: 'Record a manual verification: passed, or flagged (each flag raises an alarm)',
        params: CheckpointParams,
        body: Type.Object(
          {
            plate: Plate,
            plateColour: Type.Optional(Colour),
            result: Type.Union([Type.Literal('passed'), Type.Literal('flagged')]),
            flags: Type.Optional(
              Type.Array(Type.Union(checkpointFlags.map((f) => Type.Literal(f))), { maxItems: 4 }),
            ),
            note: Type.String({ minLength: 2, maxLength: 500 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Obj },
      },
    },
    async (req, reply) => {
      const row = await checkpoints.manual(acting(req), req.params.checkpointId, req.body);
      return reply.code(201).send(presentPass(row));
    },
  );

  app.post(
    '/api/checkpoints/:checkpointId/passes',
    {
      config: { permission: 'ingest:checkpoint_passes' },
      schema: {
        tags,
        summary: 'Plate-recognition events of the checkpoint’s cameras (API key), with a result per event',
        params: CheckpointParams,
        body: Type.Object(
          {
            passes: Type.Array(
              Type.Object(
                {
                  plate: Type.String({ minLength: 1, maxLength: 16 }),
                  plateColour: Type.Optional(Colour),
                  passedAt: Type.String({ format: 'date-time' }),
                  photoUrl: Type.Optional(Type.String({ maxLength: 1000 })),
                  lane: Type.Optional(Type.String({ maxLength: 20 })),
                  direction: Type.Optional(Type.Union([Type.Literal('in'), Type.Literal('out')])),
                },
                { additionalProperties: false },
              ),
              { minItems: 1, maxItems: deps.config.CHECKPOINT_BATCH_MAX },
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ results: Type.Array(Obj) }) },
      },
    },
    async (req) => ({
      results: await checkpoints.ingest(acting(req), req.params.checkpointId, req.body.passes),
    }),
  );

  app.get(
    '/api/checkpoints/:checkpointId/passes',
    {
      config: { permission: 'waybills:verify' },
      schema: {
        tags,
        summary: 'The checkpoint’s passes, newest first',
        params: CheckpointParams,
        querystring: Type.Object(Page),
        response: { 200: List },
      },
    },
    async (req) => {
      const out = await checkpoints.listAtCheckpoint(
        acting(req).actor,
        req.params.checkpointId,
        pageOf(req.query),
      );
      return { items: out.items.map(presentPass), total: out.total };
    },
  );

  app.get(
    '/api/checkpoint-passes',
    {
      config: { permission: 'waybills:read' },
      schema: {
        tags,
        summary: 'Checkpoint passes of the vehicles in scope (登记点通行记录)',
        querystring: Type.Object({
          result: Type.Optional(Type.Union([Type.Literal('passed'), Type.Literal('flagged')])),
          plate: Type.Optional(Plate),
          ...Page,
        }),
        response: { 200: List },
      },
    },
    async (req) => {
      const q = req.query;
      const out = await listPasses(db, acting(req).actor, { result: q.result, plate: q.plate }, pageOf(q));
      return { items: out.items.map(presentPass), total: out.total };
    },
  );
}
