import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../config.js';
import type { Actor, Scope } from '../../platform/auth.js';
import { createInProcessBus } from '../../platform/bus/inprocess.js';
import type { Db } from '../../platform/db/db.js';
import { loadMigrations, migrate } from '../../platform/db/migrate.js';
import { testDatabases } from '../../platform/db/testing.js';
import { buildApp, type App, type ModulePlugin } from '../../platform/http/app.js';
import { memoryDirectory, type VehicleDirectory } from './directory.js';
import type { FeedMessage } from './feed.js';
import { positionsModule } from './index.js';
import type { Position } from './position.js';
import { eventually, makePosition } from './testing.js';

const hourAgo = Date.now() - 3_600_000;
const at = (s: number): Date => new Date(hourAgo + s * 1000);

const directory = memoryDirectory([
  { vehicleId: 'veh-1', enterpriseId: 'ent-a', districtCode: '211103' },
  { vehicleId: 'veh-2', enterpriseId: 'ent-b', districtCode: '211122' },
]);

/** Stands in for the accounts module's authentication hook. */
let actor: Actor | null = null;
const actAs = (scope: Scope | null): void => {
  actor = scope && { id: 'u1', name: 'Test', role: 'city_regulator', scope, via: 'session' };
};
const testAuth: ModulePlugin = (app) => {
  app.addHook('onRequest', async (req) => {
    req.actor = actor;
  });
};

for (const target of testDatabases()) {
  describe(`position routes on ${target.name}`, () => {
    let db: Db;
    let cleanup: () => Promise<void>;
    let app: App;
    /** The module scope: where app.positions and injectWS live, as sibling modules see them. */
    let mod: App;
    const grab: ModulePlugin = (scoped) => {
      mod = scoped;
    };
    const open = async (dir?: VehicleDirectory): Promise<App> => {
      const config = parseConfig({ TRACK_GAP_S: '300', LIVE_FLUSH_INTERVAL_MS: '100000' });
      const bus = createInProcessBus();
      app = await buildApp({ config, db, bus, logger: pino({ level: 'silent' }) }, [
        testAuth,
        positionsModule(dir ? { directory: dir } : {}),
        grab,
      ]);
      app.addHook('onClose', () => bus.close());
      return app;
    };
    beforeEach(async () => {
      ({ db, cleanup } = await target.open());
      await migrate(db, await loadMigrations());
      actAs({ kind: 'city' });
    });
    afterEach(async () => {
      await app.close();
      await cleanup();
    });

    const fix = (vehicleId: string, s: number, extra: Partial<Position> = {}): Position =>
      makePosition({
        vehicleId,
        deviceTime: at(s),
        receivedAt: at(s + 1),
        serial: s,
        lon: 122 + s * 1e-5,
        ...extra,
      });
    const track = (id: string, fromS: number, toS: number, extra = '') =>
      app.inject(
        `/api/vehicles/${id}/track?from=${at(fromS).toISOString()}&to=${at(toS).toISOString()}${extra}`,
      );

    it('returns exactly the stored fixes in order, with gaps marked', async () => {
      await open(directory);
      // Two arrivals out of order (a blind-area batch after live fixes), a 20-minute hole.
      const live = [0, 30, 60, 90].map((s) => fix('veh-1', s));
      const later = [1290, 1320, 1350].map((s) => fix('veh-1', s));
      await mod.positions.ingest(later);
      await mod.positions.ingest([...live, fix('veh-2', 45), fix('veh-1', 60)]); // one resend
      const res = await track('veh-1', 0, 1800);
      expect(res.statusCode).toBe(200);
      const body = res.json<{ points: { t: string; lon: number; gapBefore: boolean }[]; gaps: unknown[] }>();
      expect(body.points.map((p) => p.t)).toEqual([...live, ...later].map((p) => p.deviceTime.toISOString()));
      expect(body.points.map((p) => p.lon)).toEqual([...live, ...later].map((p) => p.lon));
      expect(body.points.map((p) => p.gapBefore)).toEqual([false, false, false, false, true, false, false]);
      expect(body.gaps).toEqual([
        { from: at(90).toISOString(), to: at(1290).toISOString(), seconds: 1200 },
        { from: at(1350).toISOString(), to: at(1800).toISOString(), seconds: 450 },
      ]);
    });

    it('simplifies for a zoom level', async () => {
      await open(directory);
      await mod.positions.ingest(Array.from({ length: 50 }, (_, i) => fix('veh-1', i * 10)));
      const body = (await track('veh-1', 0, 600, '&zoom=12')).json<{ points: unknown[]; omitted: number }>();
      expect(body.points.length).toBe(2);
      expect(body.omitted).toBe(48);
    });

    it('applies the data scope: another company’s vehicle is 404, its own is served', async () => {
      await open(directory);
      await mod.positions.ingest([fix('veh-1', 0), fix('veh-2', 0)]);
      actAs({ kind: 'enterprise', enterpriseId: 'ent-a' });
      expect((await track('veh-1', 0, 60)).statusCode).toBe(200);
      const other = await track('veh-2', 0, 60);
      expect(other.statusCode).toBe(404);
      expect(other.json()).toMatchObject({ code: 'NOT_FOUND' });
      actAs({ kind: 'district', districtCode: '211122' });
      expect((await track('veh-2', 0, 60)).statusCode).toBe(200);
      expect((await track('veh-1', 0, 60)).statusCode).toBe(404);
      actAs(null);
      expect((await track('veh-1', 0, 60)).json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    });

    it('refuses a reversed or over-long range', async () => {
      await open(directory);
      const reversed = await track('veh-1', 60, 0);
      expect(reversed.statusCode).toBe(400);
      expect(reversed.json()).toMatchObject({ code: 'TRACK_RANGE_INVALID' });
      expect((await track('veh-1', 0, 8 * 86_400)).json()).toMatchObject({ code: 'TRACK_RANGE_INVALID' });
      expect((await app.inject('/api/vehicles/veh-1/track?from=yesterday&to=now')).statusCode).toBe(400);
    });

    it('lists live vehicles filtered by scope, company, district and status', async () => {
      await open(directory);
      await mod.positions.ingest([fix('veh-1', 0), fix('veh-2', 3500), fix('veh-3', 3500)]);
      await eventually(() => mod.positions.live.list().length === 3);
      const ids = async (q = '') =>
        (await app.inject(`/api/live${q}`))
          .json<{ vehicles: { vehicleId: string }[] }>()
          .vehicles.map((v) => v.vehicleId);
      expect(await ids()).toEqual(['veh-1', 'veh-2', 'veh-3']);
      expect(await ids('?status=offline')).toEqual(['veh-1']); // heard from an hour ago; offline after 10 min
      expect(await ids('?enterpriseId=ent-b')).toEqual(['veh-2']);
      expect(await ids('?districtCode=211103')).toEqual(['veh-1']);
      actAs({ kind: 'enterprise', enterpriseId: 'ent-a' });
      expect(await ids()).toEqual(['veh-1']);
      const one = (await app.inject('/api/live')).json<{ vehicles: Record<string, unknown>[] }>()
        .vehicles[0]!;
      expect(one).toMatchObject({
        vehicleId: 'veh-1',
        status: 'offline',
        flags: ['acc_on', 'positioned'],
        alarms: [],
      });
    });

    it('without a vehicle directory (archives not built), only the city scope sees positions', async () => {
      await open();
      await mod.positions.ingest([fix('veh-1', 0)]);
      await eventually(() => mod.positions.live.list().length === 1);
      expect((await track('veh-1', 0, 60)).json<{ points: unknown[] }>().points.length).toBe(1);
      actAs({ kind: 'district', districtCode: '211103' });
      expect((await track('veh-1', 0, 60)).statusCode).toBe(404);
      expect((await app.inject('/api/live')).json()).toEqual({ total: 0, vehicles: [] });
    });

    it('streams a snapshot, then deltas in scope, throttled per client', async () => {
      await open(directory);
      await mod.positions.ingest([fix('veh-1', 0)]);
      await eventually(() => mod.positions.live.list().length === 1);
      actAs({ kind: 'enterprise', enterpriseId: 'ent-a' });
      await app.ready();
      const got: FeedMessage[] = [];
      const ws = await mod.injectWS(
        '/api/live/stream?throttleMs=300',
        {},
        {
          onInit: (s) =>
            s.on('message', (data: Buffer) => got.push(JSON.parse(data.toString()) as FeedMessage)),
        },
      );
      await eventually(() => got.length === 1);
      expect(got[0]).toMatchObject({ v: 2, type: 'snapshot' });
      expect(got[0]!.rows.map((r) => r[0])).toEqual(['veh-1']);
      // Three fixes of veh-1 and one of another company's vehicle within one throttle interval.
      for (const s of [100, 110, 120]) await mod.positions.ingest([fix('veh-1', s)]);
      await mod.positions.ingest([fix('veh-2', 120)]);
      await eventually(() => got.length === 2, 3000);
      await new Promise((r) => setTimeout(r, 400));
      expect(got.length).toBe(2);
      expect(got[1]!.type).toBe('delta');
      // Only the company's own vehicle, in its latest state (the row's device time, epoch ms).
      expect(got[1]!.rows.map((r) => [r[0], r[6]])).toEqual([['veh-1', at(120).getTime()]]);
      ws.terminate();
    });

    it('refuses the stream to an anonymous caller', async () => {
      await open(directory);
      actAs(null);
      await app.ready();
      await expect(mod.injectWS('/api/live/stream')).rejects.toThrow();
    });
  });
}
