// The demo as `npm start` runs it, end to end: the Panjin demo archive (with its restricted zone),
// the server in-process (gateway, position pipeline, rule worker, waybill tracker), the fleet as
// the gateway module starts it (`startFleet`, with `deviation` and `zone` injected into its first
// two vehicles) on an accelerated device clock, and the demo waybills dispatched through the
// service once the terminals report. The deviation vehicle picks up its waybill's planned route
// from the database and leaves it, the zone vehicle drives into the restricted zone, and every
// other vehicle drives its planned route with its waybill watched and raises neither alarm.
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../gateway/testing.js';
import { testConfig } from '../modules/accounts/testing.js';
import { bootstrapArchives } from '../modules/archives/bootstrap.js';
import { DEMO_RESTRICTED_ZONE_ID } from '../modules/rules/demo.js';
import { checkParamsFromConfig, createWaybillsModule, waybillsModule } from '../modules/waybills/index.js';
import { dispatchDemoWaybills } from '../modules/waybills/demo.js';
import { modules } from '../modules.js';
import { createInProcessBus } from '../platform/bus/inprocess.js';
import type { Bus } from '../platform/bus/bus.js';
import type { Db } from '../platform/db/db.js';
import { loadMigrations, migrate } from '../platform/db/migrate.js';
import { testDatabases } from '../platform/db/testing.js';
import { buildApp, type App } from '../platform/http/app.js';
import { distanceToPolylineM } from '../rules/geo.js';
import { acceleratedClock, parseBehaviours } from './behaviours.js';
import type { Fleet } from './fleet.js';
import { startFleet } from './run.js';
import { ruleEventsByVehicle } from './testing.js';

const VEHICLES = 24;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A seeded random source (mulberry32), so a failure can be replayed. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

for (const target of testDatabases()) {
  describe(`the demo's route deviation and restricted zone (${target.name})`, () => {
    let db: Db;
    let cleanup: (() => Promise<void>) | undefined;
    let app: App | undefined;
    let bus: Bus | undefined;
    let fleet: Fleet | undefined;
    afterAll(async () => {
      await fleet?.stop();
      await app?.close();
      await bus?.close();
      await cleanup?.();
    });

    it('the deviation vehicle leaves its planned route, the zone vehicle enters the 禁行区, no other vehicle raises either', async () => {
      ({ db, cleanup } = await target.open());
      await migrate(db, await loadMigrations());
      await bootstrapArchives(db, { WEIYUN_MODE: 'demo' });
      const zone = await db.query<{ kind: string; goods_classes: string[] | null }>(
        'SELECT kind, goods_classes FROM geofences WHERE id = $1 AND active',
        [DEMO_RESTRICTED_ZONE_ID],
      );
      expect(zone.rows).toEqual([{ kind: 'restricted_zone', goods_classes: null }]);

      const port = await freePort();
      bus = createInProcessBus();
      // The fleet is started here (on a fast clock), not by the gateway module; the rule engine
      // reads changed waybills every second.
      const config = testConfig({
        GATEWAY_PORT: String(port),
        SIM_VEHICLES: '0',
        ALARM_TICK_INTERVAL_MS: '0',
        RULES_WAYBILL_REFRESH_S: '1',
      });
      const waybillsPlugin = createWaybillsModule();
      app = await buildApp(
        { config, db, bus, logger: pino({ level: 'silent' }) },
        modules.map((m) => (m === waybillsModule ? waybillsPlugin : m)),
      );
      await app.listen({ host: '127.0.0.1', port: 0 });

      const seen = await ruleEventsByVehicle(bus, 'demo-test');

      // Device time 5 h back, 120 × faster (12 s of driving per 100 ms tick), as `npm start`
      // starts the fleet otherwise: the gateway module's call, the same behaviour list syntax.
      const behaviours = 'deviation,zone';
      fleet = await startFleet(db, VEHICLES, {
        host: '127.0.0.1',
        port,
        reportEveryS: 10,
        behaviourList: behaviours,
        tickMs: 100,
        routeRefreshMs: 500,
        random: seeded(808),
        now: acceleratedClock(120, 5 * 3_600_000),
      });
      const injected = fleet.injected;
      expect(injected.map((v) => v.behaviour)).toEqual(['deviation', 'zone']);
      const [deviating, intruding] = injected.map((v) => v.vehicleId) as [string, string];

      // The waybills module's demo dispatch, retried while terminals have not reported yet (on a
      // loaded CI machine the last terminals take longer than 30 s to connect and report).
      const service = waybillsPlugin.instance!.service;
      const dispatchUntil = Date.now() + 180_000;
      let dispatched: Awaited<ReturnType<typeof dispatchDemoWaybills>>;
      for (;;) {
        dispatched = await dispatchDemoWaybills({
          db,
          service,
          params: checkParamsFromConfig(config),
          vehicles: VEHICLES,
          behaviours: parseBehaviours(behaviours),
          now: new Date(),
        });
        if (dispatched.waiting === 0 || Date.now() > dispatchUntil) break;
        await sleep(500);
      }
      expect(dispatched.waiting, JSON.stringify(dispatched)).toBe(0);
      const { rows: waybills } = await db.query<{
        vehicle_id: string;
        route: { type: string; coordinates: [number, number][] } | null;
      }>(
        // Active, not only checked: a vehicle dispatched in an early round of the loop above may
        // have left its loading place (in_transit) by now on the fast clock.
        `SELECT vehicle_id, route FROM waybills WHERE status IN ('checked', 'loading', 'in_transit')`,
      );
      const routeOf = new Map(waybills.map((w) => [w.vehicle_id, w.route]));
      // The deviation vehicle's waybill plans a route from its lot by the loading place; the zone
      // vehicle (which does not drive its plan) gets a waybill without one.
      expect(routeOf.get(deviating)?.type).toBe('LineString');
      expect(routeOf.has(intruding)).toBe(true);
      expect(routeOf.get(intruding)).toBeNull();
      const normal = waybills.filter((w) => w.vehicle_id !== deviating && w.vehicle_id !== intruding);
      expect(normal.length).toBeGreaterThanOrEqual(VEHICLES * 0.6);
      expect(normal.every((w) => w.route?.type === 'LineString' && w.route.coordinates.length >= 5)).toBe(
        true,
      );
      // The zone lies in the way of ordinary traffic: some planned routes pass within 3 km of a
      // corner of it (around it).
      const shape = await db.query<{ shape: { coordinates: [number, number][] } }>(
        'SELECT shape FROM geofences WHERE id = $1',
        [DEMO_RESTRICTED_ZONE_ID],
      );
      const corners = shape.rows[0]!.shape.coordinates;
      const nearZone = normal.filter((w) =>
        corners.some(([lon, lat]) => distanceToPolylineM(lat, lon, w.route!.coordinates.flat()) < 3_000),
      ).length;

      // Run until both injected vehicles raised their alarm and most of the others have driven
      // their loaded leg under their waybill (unloaded at the destination).
      const unloaded = async () =>
        (
          await db.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM waybills WHERE status = 'unloaded' AND vehicle_id <> ALL($1::uuid[])`,
            [[deviating, intruding]],
          )
        ).rows[0]!.n;
      const done = async () =>
        seen.get(deviating)?.has('route_deviation') === true &&
        seen.get(intruding)?.has('restricted_zone') === true &&
        (await unloaded()) >= normal.length * 0.5;
      for (let waited = 0; waited < 240_000 && !(await done()); waited += 1000) await sleep(1000);

      expect(seen.get(deviating)?.has('route_deviation')).toBe(true);
      expect(seen.get(intruding)?.has('restricted_zone')).toBe(true);
      const falseAlarms = [...seen].flatMap(([vehicleId, types]) =>
        vehicleId === deviating || vehicleId === intruding
          ? []
          : [...types]
              .filter((t) => t === 'route_deviation' || t === 'restricted_zone')
              .map((t) => `${vehicleId}/${t}`),
      );
      expect(falseAlarms).toEqual([]);
      expect(await unloaded()).toBeGreaterThanOrEqual(normal.length * 0.5);
      // Not vacuous: the others drove (their fixes went through the rules), some near the zone.
      const drove = await db.query<{ n: number }>(
        `SELECT count(DISTINCT vehicle_id)::int AS n FROM positions WHERE vehicle_id <> ALL($1::text[])`,
        [[deviating, intruding]],
      );
      expect(drove.rows[0]!.n).toBeGreaterThanOrEqual(normal.length);
      expect(nearZone).toBeGreaterThan(0);
    }, 600_000);
  });
}
