import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedApp } from '../accounts/testing.js';
import { bootstrapArchives } from '../archives/bootstrap.js';
import { modules } from '../../modules.js';
import type { Db } from '../../platform/db/db.js';
import { testDatabases } from '../../platform/db/testing.js';
import type { App } from '../../platform/http/app.js';
import { demoPlan, demoTrip, loadFleet, loadPlaces, planRoute } from '../../sim/fleet.js';
import { checkParamsFromConfig, createWaybillsModule, waybillsModule } from './index.js';
import { testConfig } from '../accounts/testing.js';
import { DEMO_REMARK, dispatchDemoWaybills, msUntilNextDemoDispatch, UNWAYBILLED_EVERY } from './demo.js';

describe('the daily demo dispatch', () => {
  it('runs one minute past the next midnight in China, whatever the UTC date', () => {
    // 10:00 UTC = 18:00 in Beijing: 6 h 1 min to go.
    expect(msUntilNextDemoDispatch(new Date('2026-12-05T10:00:00Z'))).toBe((6 * 60 + 1) * 60_000);
    // 16:00:30 UTC = 00:00:30 on the 6th in Beijing: 30 s to go, not a day.
    expect(msUntilNextDemoDispatch(new Date('2026-12-05T16:00:30Z'))).toBe(30_000);
    // Right after the dispatch: the next one is a day away.
    expect(msUntilNextDemoDispatch(new Date('2026-12-05T16:01:00Z'))).toBe(86_400_000);
  });
});

const VEHICLES = 40;

for (const target of testDatabases()) {
  describe(`demo waybills (${target.name})`, () => {
    let db: Db;
    let cleanup: () => Promise<void>;
    let app: App;
    const waybills = createWaybillsModule();
    const now = new Date();
    const dispatch = (at = now) =>
      dispatchDemoWaybills({
        db,
        service: waybills.instance!.service,
        params: checkParamsFromConfig(testConfig()),
        vehicles: VEHICLES,
        now: at,
      });
    /** The simulated terminals reported (what the fleet does once it has connected). */
    const report = (vehicleIds: string[], at = now) =>
      db.query(
        `INSERT INTO vehicle_live (vehicle_id, terminal_id, device_time, received_at, lat, lon, speed, heading,
           altitude, alarm_bits, status_bits, last_seen_at)
         SELECT t.vehicle_id::text, t.id, $2, $2, 41.12, 122.07, 0, 0, 0, 0, 3, $2
           FROM terminals t WHERE t.vehicle_id = ANY($1::uuid[])
         ON CONFLICT (vehicle_id) DO UPDATE SET last_seen_at = EXCLUDED.last_seen_at`,
        [vehicleIds, at],
      );

    beforeAll(async () => {
      ({ db, cleanup } = await target.open());
      app = await migratedApp(
        db,
        modules.map((m) => (m === waybillsModule ? waybills : m)),
      );
      await bootstrapArchives(db, { WEIYUN_MODE: 'demo' }, now);
    }, 600_000);
    afterAll(async () => {
      await app?.close();
      await cleanup();
    });

    it('gives most of the simulated fleet a checked waybill for today through the service, and leaves a documented few without', async () => {
      const fleet = await loadFleet(db, VEHICLES);
      const places = await loadPlaces(db);
      // Terminals not reported yet: nothing is dispatched, the vehicles wait.
      const early = await dispatch();
      expect(early.created).toBe(0);
      expect(early.waiting).toBeGreaterThan(VEHICLES / 2);

      await report(fleet.map((v) => v.vehicleId));
      const r = await dispatch();
      expect(r.waiting).toBe(0);
      expect(r.created).toBeGreaterThanOrEqual(VEHICLES * 0.7);
      expect(r.passed).toBe(r.created);
      expect(r.created + r.left.length).toBe(VEHICLES);
      const onPurpose = r.left.filter((l) => l.reason.startsWith('on purpose'));
      expect(onPurpose.map((l) => l.plate)).toEqual(
        fleet.filter((_, i) => i % UNWAYBILLED_EVERY === UNWAYBILLED_EVERY - 1).map((v) => v.plate),
      );

      const { rows } = await db.query<{
        vehicle_id: string;
        status: string;
        check_results: { passed: boolean }[];
        origin_place_id: string;
        destination_place_id: string;
        planned_departure: Date;
        route: { type: string; coordinates: number[][] } | null;
        n: number;
      }>(
        `SELECT w.vehicle_id, w.status, w.check_results, w.origin_place_id, w.destination_place_id, w.planned_departure, w.route,
                (SELECT count(*)::int FROM waybill_events e WHERE e.waybill_id = w.id) AS n
           FROM waybills w WHERE w.remarks LIKE $1`,
        [`${DEMO_REMARK}%`],
      );
      expect(rows).toHaveLength(r.created);
      for (const w of rows) {
        expect(w.status).toBe('checked');
        expect(w.check_results.length).toBeGreaterThan(20);
        expect(w.check_results.every((c) => c.passed)).toBe(true);
        expect(w.n).toBe(3); // create, submit, check_pass: the service's own steps
        // Loaded and unloaded where the simulator drives this vehicle.
        const trip = demoTrip(w.vehicle_id, places)!;
        expect([w.origin_place_id, w.destination_place_id]).toEqual([trip.loading.id, trip.unloading.id]);
        // The planned route is the way it drives there from its lot, by the loading place.
        const fv = fleet.find((v) => v.vehicleId === w.vehicle_id)!;
        const plan = demoPlan(fv, places)!;
        expect(w.route).toEqual({ type: 'LineString', coordinates: planRoute(plan) });
        expect(plan.home.kind).toBe('parking_lot');
        expect(plan.way[0]).toMatchObject({ lon: plan.home.lon, lat: plan.home.lat });
        expect(plan.way[plan.loadingAt]).toMatchObject({ lon: trip.loading.lon, lat: trip.loading.lat });
        expect(plan.way.at(-1)).toMatchObject({ lon: trip.unloading.lon, lat: trip.unloading.lat });
        expect(new Date(w.planned_departure).getTime()).toBeGreaterThan(now.getTime());
      }
      // One vehicle, one driver, one escort per waybill.
      const people = await db.query<{ n: number; d: number; e: number }>(
        `SELECT count(*)::int AS n, count(DISTINCT driver_id)::int AS d, count(DISTINCT escort_id)::int AS e
           FROM waybills WHERE remarks LIKE $1`,
        [`${DEMO_REMARK}%`],
      );
      expect(people.rows[0]).toEqual({ n: r.created, d: r.created, e: r.created });
    });

    it('is idempotent on a restart the same day, and re-dispatches the next day', async () => {
      const before = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM waybills')).rows[0]!.n;
      const again = await dispatch();
      expect(again.created).toBe(0);
      expect(again.existing).toBe(before);
      expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM waybills')).rows[0]!.n).toBe(
        before,
      );

      const tomorrow = new Date(now.getTime() + 86_400_000);
      await report(
        (await loadFleet(db, VEHICLES)).map((v) => v.vehicleId),
        tomorrow,
      );
      const next = await dispatch(tomorrow);
      expect(next.cancelled).toBe(before);
      expect(next.created).toBeGreaterThanOrEqual(before * 0.9);
      expect(next.passed).toBe(next.created);
      const stale = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM waybills WHERE status = 'cancelled' AND planned_departure < $1`,
        [tomorrow],
      );
      expect(stale.rows[0]!.n).toBe(before);
    });
  });
}
