/**
 * Position routes: a vehicle's track, the live list, and the live WebSocket stream. Thin:
 * validate → authorize (data scope via the VehicleDirectory) → read → present.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../platform/auth.js';
import type { App } from '../../platform/http/app.js';
import { scopeAllows, type VehicleDirectory } from './directory.js';
import { inScope, LiveFeed } from './feed.js';
import type { LiveState } from './live.js';
import { LiveVehicleSchema, presentLive } from './present.js';
import type { PositionStore } from './store.js';
import { buildTrack } from './track.js';

const PERMISSION = 'positions:read';
/** Longest track one request may ask for. */
const MAX_TRACK_SPAN_MS = 7 * 86_400_000;
/** Most stored fixes one track response reads (a week at one fix every 10 s is 60,480). */
const MAX_TRACK_ROWS = 100_000;

export interface PositionRouteDeps {
  config: Config;
  store: PositionStore;
  live: LiveState;
  directory: VehicleDirectory;
}

function actorOf(req: FastifyRequest): Actor {
  const actor = req.actor ?? null;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  return actor;
}

const TrackPointSchema = Type.Object({
  t: Type.String({ format: 'date-time', description: 'Device time (UTC)' }),
  lat: Type.Number(),
  lon: Type.Number(),
  speed: Type.Number({ description: 'km/h' }),
  heading: Type.Number(),
  altitude: Type.Number(),
  alarms: Type.Array(Type.String()),
  valid: Type.Boolean(),
  invalidReasons: Type.Array(Type.String()),
  gapBefore: Type.Boolean({ description: 'A gap in the track ends at this point' }),
});

const GapSchema = Type.Object({
  from: Type.String({ format: 'date-time' }),
  to: Type.String({ format: 'date-time' }),
  seconds: Type.Integer(),
});

export function positionRoutes(app: App, deps: PositionRouteDeps): void {
  const { store, live, directory, config } = deps;
  const feed = new LiveFeed(live, directory);

  app.get(
    '/api/vehicles/:vehicleId/track',
    {
      config: { permission: PERMISSION },
      schema: {
        tags: ['positions'],
        summary: 'Track of a vehicle (轨迹回放): stored fixes in time order, gaps marked',
        params: Type.Object({ vehicleId: Type.String({ minLength: 1, maxLength: 64 }) }),
        querystring: Type.Object({
          from: Type.Optional(Type.String({ format: 'date-time', description: 'Default: 24 h before `to`' })),
          to: Type.Optional(Type.String({ format: 'date-time', description: 'Default: now' })),
          zoom: Type.Optional(
            Type.Integer({ minimum: 0, maximum: 22, description: 'Simplify for this web-map zoom level' }),
          ),
        }),
        response: {
          200: Type.Object({
            vehicleId: Type.String(),
            from: Type.String({ format: 'date-time' }),
            to: Type.String({ format: 'date-time' }),
            gapSeconds: Type.Integer(),
            points: Type.Array(TrackPointSchema),
            gaps: Type.Array(GapSchema),
            omitted: Type.Integer({ description: 'Points left out by the simplification' }),
            truncated: Type.Boolean({ description: 'More fixes exist than one response returns' }),
          }),
        },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      // The last 24 hours unless the caller names a range (轨迹回放 opens on the last day).
      const to = req.query.to === undefined ? new Date() : new Date(req.query.to);
      const from =
        req.query.from === undefined ? new Date(to.getTime() - 86_400_000) : new Date(req.query.from);
      const span = to.getTime() - from.getTime();
      if (!(span > 0 && span <= MAX_TRACK_SPAN_MS)) {
        throw new AppError('TRACK_RANGE_INVALID', { from: req.query.from, to: req.query.to, maxDays: 7 });
      }
      const vehicleId = req.params.vehicleId;
      if (actor.scope.kind !== 'city') {
        const info = await directory.lookup([vehicleId]);
        if (!scopeAllows(actor.scope, info.get(vehicleId))) throw new AppError('NOT_FOUND', { vehicleId });
      }
      const rows = await store.track(vehicleId, from, to, MAX_TRACK_ROWS + 1);
      const truncated = rows.length > MAX_TRACK_ROWS;
      if (truncated) rows.length = MAX_TRACK_ROWS;
      const gapMs = config.TRACK_GAP_S * 1000;
      const track = buildTrack(rows, {
        from,
        to,
        gapMs,
        now: new Date(),
        ...(req.query.zoom === undefined ? {} : { zoom: req.query.zoom }),
      });
      return {
        vehicleId,
        from: from.toISOString(),
        to: to.toISOString(),
        gapSeconds: config.TRACK_GAP_S,
        ...track,
        truncated,
      };
    },
  );

  app.get(
    '/api/live',
    {
      config: { permission: PERMISSION },
      schema: {
        tags: ['positions'],
        summary: 'Live positions (实时监控): last valid fix and online status of each vehicle in scope',
        querystring: Type.Object({
          enterpriseId: Type.Optional(Type.String({ minLength: 1 })),
          districtCode: Type.Optional(Type.String({ minLength: 1 })),
          status: Type.Optional(Type.Union([Type.Literal('online'), Type.Literal('offline')])),
        }),
        response: {
          200: Type.Object({ total: Type.Integer(), vehicles: Type.Array(LiveVehicleSchema) }),
        },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const { enterpriseId, districtCode, status } = req.query;
      let vehicles = live.list();
      if (status) vehicles = vehicles.filter((v) => v.status === status);
      vehicles = await inScope(directory, actor.scope, vehicles);
      if (enterpriseId !== undefined || districtCode !== undefined) {
        const info = await directory.lookup(vehicles.map((v) => v.vehicleId));
        vehicles = vehicles.filter((v) => {
          const i = info.get(v.vehicleId);
          return (
            (enterpriseId === undefined || i?.enterpriseId === enterpriseId) &&
            (districtCode === undefined || i?.districtCode === districtCode)
          );
        });
      }
      vehicles.sort((a, b) => (a.vehicleId < b.vehicleId ? -1 : a.vehicleId > b.vehicleId ? 1 : 0));
      return { total: vehicles.length, vehicles: vehicles.map(presentLive) };
    },
  );

  app.get(
    '/api/live/stream',
    {
      websocket: true,
      config: { permission: PERMISSION },
      schema: {
        tags: ['positions'],
        summary:
          'Live changes over WebSocket (format v2, compact rows): a snapshot, then deltas of the changed vehicles at most once per throttleMs',
        querystring: Type.Object({
          throttleMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 60_000 })),
        }),
      },
      // Refuse before the upgrade, with the usual error body.
      preValidation: async (req) => {
        actorOf(req);
      },
    },
    (socket, req) => {
      const actor = actorOf(req);
      const asked = (req.query as { throttleMs?: number }).throttleMs ?? config.LIVE_STREAM_THROTTLE_MS;
      let disconnect: (() => void) | undefined;
      let closed = false;
      socket.on('close', () => {
        closed = true;
        disconnect?.();
      });
      void feed
        .connect({
          scope: actor.scope,
          throttleMs: Math.max(asked, config.LIVE_STREAM_THROTTLE_MS),
          send: (text) => socket.send(text),
          // 1 MiB unsent: the client is not keeping up; its changes coalesce until it does.
          ready: () => socket.bufferedAmount < 1_048_576,
        })
        .then((stop) => {
          if (closed) stop();
          else disconnect = stop;
        })
        .catch((err: unknown) => {
          req.log.error({ cat: 'pipeline', err }, 'live stream failed');
          socket.close(1011);
        });
    },
  );
}
