/**
 * Rule-context routes: regulators' geofences and ban windows (read: archives:read, scoped;
 * write: rules:write — the city for the whole city, a county for its district), the trips
 * detected from the tracks and the e-waybill usage rate (waybills:read, scoped).
 */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';
import type { Actor } from '../../platform/auth.js';
import type { Db } from '../../platform/db/db.js';
import type { App } from '../../platform/http/app.js';
import { Nullable } from '../../platform/http/nullable.js';
import type { RequestContext } from '../accounts/audit.js';
import { listTrips, waybillUsage } from './trips.js';
import { geofenceKinds, specialGoodsCategories } from './zones.js';
import {
  presentBan,
  presentGeofence,
  ZoneService,
  type BanInput,
  type GeofenceInput,
} from './zones-service.js';

function acting(req: FastifyRequest): RequestContext & { actor: Actor } {
  if (!req.actor) throw new AppError('UNAUTHENTICATED');
  return { actor: req.actor, id: req.id, ip: req.ip };
}

const District = Type.String({
  pattern: '^[0-9]{6}$',
  description: '县区 code; null = city-wide (city only)',
});
const LonLat = Type.Tuple([
  Type.Number({ minimum: -180, maximum: 180 }),
  Type.Number({ minimum: -90, maximum: 90 }),
]);
const Shape = Type.Union([
  Type.Object(
    {
      type: Type.Literal('circle'),
      center: LonLat,
      radiusM: Type.Number({ exclusiveMinimum: 0, maximum: 200_000 }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { type: Type.Literal('polygon'), coordinates: Type.Array(LonLat, { minItems: 3, maxItems: 20_000 }) },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      type: Type.Literal('corridor'),
      coordinates: Type.Array(LonLat, { minItems: 2, maxItems: 20_000 }),
      widthM: Type.Number({ exclusiveMinimum: 0, maximum: 10_000 }),
    },
    { additionalProperties: false },
  ),
]);
const GoodsClasses = Type.Array(Type.String({ minLength: 1, maxLength: 30 }), {
  maxItems: 30,
  description: `GB 6944 classes or divisions ("3", "2.1") or special categories (${specialGoodsCategories.join(', ')}); null = all hazmat`,
});
const Kind = Type.Unsafe<(typeof geofenceKinds)[number]>({ type: 'string', enum: [...geofenceKinds] });
const RoadClass = Type.Union([Type.Literal('expressway'), Type.Literal('other'), Type.Null()]);

const GeofenceFields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  districtCode: Type.Optional(Nullable(District)),
  shape: Shape,
  roadClass: Type.Optional(RoadClass),
  postedLimitKmh: Type.Optional(Nullable(Type.Integer({ minimum: 5, maximum: 120 }))),
  priority: Type.Optional(Type.Integer({ minimum: -1000, maximum: 1000 })),
  goodsClasses: Type.Optional(Nullable(GoodsClasses)),
  active: Type.Optional(Type.Boolean()),
  remarks: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
};
const GeofenceCreate = Type.Object({ kind: Kind, ...GeofenceFields }, { additionalProperties: false });
const GeofencePatch = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    kind: Type.Optional(Kind),
    ...Object.fromEntries(Object.entries(GeofenceFields).map(([k, v]) => [k, Type.Optional(v)])),
  },
  { additionalProperties: false },
);
const GeofenceSchema = Type.Object({
  id: Type.String(),
  kind: Kind,
  name: Type.String(),
  districtCode: Type.Union([Type.String(), Type.Null()]),
  shape: Type.Unknown(),
  roadClass: Type.Union([Type.String(), Type.Null()]),
  postedLimitKmh: Type.Union([Type.Integer(), Type.Null()]),
  priority: Type.Integer(),
  goodsClasses: Type.Union([Type.Array(Type.String()), Type.Null()]),
  active: Type.Boolean(),
  remarks: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

const Period = Type.Object(
  { from: Type.String({ format: 'date-time' }), to: Type.String({ format: 'date-time' }) },
  { additionalProperties: false },
);
const Daily = Type.Object(
  {
    start: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM local time' }),
    end: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM; may wrap midnight' }),
  },
  { additionalProperties: false },
);
const BanFields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  districtCode: Type.Optional(Nullable(District)),
  zoneIds: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 200 }),
  goodsClasses: Type.Optional(Nullable(GoodsClasses)),
  periods: Type.Optional(Type.Array(Period, { maxItems: 100 })),
  daily: Type.Optional(Type.Array(Daily, { maxItems: 10 })),
  weekdays: Type.Optional(
    Nullable(
      Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), {
        minItems: 1,
        maxItems: 7,
        description: 'ISO 1 = Mon',
      }),
    ),
  ),
  enterpriseId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))),
  basis: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  active: Type.Optional(Type.Boolean()),
};
const BanCreate = Type.Object(BanFields, { additionalProperties: false });
const BanPatch = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    ...Object.fromEntries(Object.entries(BanFields).map(([k, v]) => [k, Type.Optional(v)])),
  },
  { additionalProperties: false },
);
const BanSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  districtCode: Type.Union([Type.String(), Type.Null()]),
  zoneIds: Type.Array(Type.String()),
  goodsClasses: Type.Union([Type.Array(Type.String()), Type.Null()]),
  periods: Type.Array(Type.Object({ from: Type.String(), to: Type.String() })),
  daily: Type.Array(Type.Object({ start: Type.String(), end: Type.String() })),
  weekdays: Type.Union([Type.Array(Type.Integer()), Type.Null()]),
  enterpriseId: Type.Union([Type.String(), Type.Null()]),
  basis: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
  version: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

const Month = Type.String({
  pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$',
  description: 'YYYY-MM (China Standard Time)',
});
const UsageRowSchema = Type.Object({
  enterpriseId: Type.String(),
  enterpriseName: Type.Union([Type.String(), Type.Null()]),
  trips: Type.Integer(),
  withWaybill: Type.Integer(),
  rate: Type.Number(),
});
const TripSchema = Type.Object({
  id: Type.String(),
  vehicleId: Type.String(),
  plate: Type.Union([Type.String(), Type.Null()]),
  enterpriseId: Type.Union([Type.String(), Type.Null()]),
  districtCode: Type.Union([Type.String(), Type.Null()]),
  startedAt: Type.String({ format: 'date-time' }),
  endedAt: Type.String({ format: 'date-time' }),
  start: Type.Object({ lat: Type.Number(), lon: Type.Number() }),
  end: Type.Object({ lat: Type.Number(), lon: Type.Number() }),
  distanceM: Type.Integer(),
  movingSec: Type.Integer(),
  ending: Type.String(),
  waybillId: Type.Union([Type.String(), Type.Null()]),
});

const geofenceTags = ['rules'];

export function ruleRoutes(app: App, db: Db, zones: ZoneService): void {
  const GeofenceParams = Type.Object({ geofenceId: Type.String() });
  const BanParams = Type.Object({ banId: Type.String() });

  app.get(
    '/api/rules/geofences',
    {
      config: { permission: 'archives:read' },
      schema: {
        tags: geofenceTags,
        summary:
          'Geofences drawn by regulators (禁行区 / 限行区 / 限速区 / 市界): city-wide ones and those of the caller’s district',
        querystring: Type.Object({ kind: Type.Optional(Kind) }),
        response: { 200: Type.Object({ items: Type.Array(GeofenceSchema), total: Type.Integer() }) },
      },
    },
    async (req) => {
      const { kind } = req.query as { kind?: string };
      const items = (await zones.listGeofences(acting(req).actor, kind)).map(presentGeofence);
      return { items, total: items.length };
    },
  );

  app.get(
    '/api/rules/geofences/:geofenceId',
    {
      config: { permission: 'archives:read' },
      schema: {
        tags: geofenceTags,
        summary: 'One geofence',
        params: GeofenceParams,
        response: { 200: GeofenceSchema },
      },
    },
    async (req) => {
      const { geofenceId } = req.params as Static<typeof GeofenceParams>;
      const row = await zones.getGeofence(db, acting(req).actor, geofenceId);
      if (!row) throw new AppError('NOT_FOUND');
      return presentGeofence(row);
    },
  );

  app.post(
    '/api/rules/geofences',
    {
      config: { permission: 'rules:write' },
      schema: {
        tags: geofenceTags,
        summary: 'Draw a geofence (新建区域): the city city-wide or for a district, a county for its own',
        body: GeofenceCreate,
        response: { 201: GeofenceSchema },
      },
    },
    async (req, reply) => {
      const row = await zones.createGeofence(acting(req), req.body as GeofenceInput);
      return reply.status(201).send(presentGeofence(row));
    },
  );

  app.patch(
    '/api/rules/geofences/:geofenceId',
    {
      config: { permission: 'rules:write' },
      schema: {
        tags: geofenceTags,
        summary: 'Change a geofence (version must match)',
        params: GeofenceParams,
        body: GeofencePatch,
        response: { 200: GeofenceSchema },
      },
    },
    async (req) => {
      const { geofenceId } = req.params as Static<typeof GeofenceParams>;
      const body = req.body as Partial<GeofenceInput> & { version: number };
      return presentGeofence(await zones.updateGeofence(acting(req), geofenceId, body));
    },
  );

  app.delete(
    '/api/rules/geofences/:geofenceId',
    {
      config: { permission: 'rules:write' },
      schema: {
        tags: geofenceTags,
        summary: 'Delete a geofence no ban window names',
        params: GeofenceParams,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      const { geofenceId } = req.params as Static<typeof GeofenceParams>;
      await zones.deleteGeofence(acting(req), geofenceId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/rules/bans',
    {
      config: { permission: 'archives:read' },
      schema: {
        tags: geofenceTags,
        summary:
          'Ban windows (限行: zones × goods × time): city-wide ones, the caller’s district’s, and those aimed at the caller’s company',
        response: { 200: Type.Object({ items: Type.Array(BanSchema), total: Type.Integer() }) },
      },
    },
    async (req) => {
      const items = (await zones.listBans(acting(req).actor)).map(presentBan);
      return { items, total: items.length };
    },
  );

  app.get(
    '/api/rules/bans/:banId',
    {
      config: { permission: 'archives:read' },
      schema: {
        tags: geofenceTags,
        summary: 'One ban window',
        params: BanParams,
        response: { 200: BanSchema },
      },
    },
    async (req) => {
      const { banId } = req.params as Static<typeof BanParams>;
      const row = await zones.getBan(db, acting(req).actor, banId);
      if (!row) throw new AppError('NOT_FOUND');
      return presentBan(row);
    },
  );

  app.post(
    '/api/rules/bans',
    {
      config: { permission: 'rules:write' },
      schema: {
        tags: geofenceTags,
        summary:
          'Create a ban window (新建限行规则) over ban or restricted zones of its district or the city',
        body: BanCreate,
        response: { 201: BanSchema },
      },
    },
    async (req, reply) => {
      const row = await zones.createBan(acting(req), req.body as BanInput);
      return reply.status(201).send(presentBan(row));
    },
  );

  app.patch(
    '/api/rules/bans/:banId',
    {
      config: { permission: 'rules:write' },
      schema: {
        tags: geofenceTags,
        summary: 'Change a ban window (version must match)',
        params: BanParams,
        body: BanPatch,
        response: { 200: BanSchema },
      },
    },
    async (req) => {
      const { banId } = req.params as Static<typeof BanParams>;
      const body = req.body as Partial<BanInput> & { version: number };
      return presentBan(await zones.updateBan(acting(req), banId, body));
    },
  );

  app.delete(
    '/api/rules/bans/:banId',
    {
      config: { permission: 'rules:write' },
      schema: {
        tags: geofenceTags,
        summary: 'Delete a ban window',
        params: BanParams,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      const { banId } = req.params as Static<typeof BanParams>;
      await zones.deleteBan(acting(req), banId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/waybills/usage',
    {
      config: { permission: 'waybills:read' },
      schema: {
        tags: ['waybills'],
        summary:
          'E-waybill usage rate (电子运单使用率) for a month: trips detected from the tracks that had an active waybill / all trips, per company in scope (lowest rate first) and in total',
        querystring: Type.Object({ month: Month }),
        response: {
          200: Type.Object({
            month: Type.String(),
            items: Type.Array(UsageRowSchema),
            total: Type.Object({
              trips: Type.Integer(),
              withWaybill: Type.Integer(),
              rate: Type.Union([Type.Number(), Type.Null()]),
            }),
          }),
        },
      },
    },
    async (req) => {
      const { month } = req.query as { month: string };
      return waybillUsage(db, acting(req).actor, month);
    },
  );

  app.get(
    '/api/trips',
    {
      config: { permission: 'waybills:read' },
      schema: {
        tags: ['waybills'],
        summary: 'Trips (运次) detected from the tracks in scope, newest first, with the waybill each had',
        querystring: Type.Object({
          month: Type.Optional(Month),
          vehicleId: Type.Optional(Type.String({ format: 'uuid' })),
          enterpriseId: Type.Optional(Type.String({ format: 'uuid' })),
          withWaybill: Type.Optional(Type.Boolean()),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
          offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
        }),
        response: { 200: Type.Object({ items: Type.Array(TripSchema), total: Type.Integer() }) },
      },
    },
    async (req) => {
      const q = req.query as Parameters<typeof listTrips>[2];
      return listTrips(db, acting(req).actor, q);
    },
  );
}
