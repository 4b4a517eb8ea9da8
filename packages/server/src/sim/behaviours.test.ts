// Simulator behaviours end to end: the server in-process (gateway on a free port, position
// pipeline, rule worker, alarms), simulated vehicles connecting over TCP as JT/T 808 terminals
// with injected behaviours on an accelerated device clock; each behaviour's rule event appears on
// `events.rules.<type>` for that vehicle and an alarm is raised for it.
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { fileDriver, fileTerminal, freePort, makeEnterprise } from '../gateway/testing.js';
import { testConfig } from '../modules/accounts/testing.js';
import { eventually } from '../modules/positions/testing.js';
import { insertWaybill } from '../modules/rules/testing.js';
import { modules } from '../modules.js';
import { createInProcessBus } from '../platform/bus/inprocess.js';
import type { Bus } from '../platform/bus/bus.js';
import type { Db } from '../platform/db/db.js';
import { loadMigrations, migrate } from '../platform/db/migrate.js';
import { testDatabases } from '../platform/db/testing.js';
import { buildApp, type App } from '../platform/http/app.js';
import { acceleratedClock, parseBehaviours, type BehaviourName } from './behaviours.js';
import { Fleet, loadDriverCards, loadFleet, loadPlaces } from './fleet.js';
import { ruleEventsByVehicle } from './testing.js';

describe('parseBehaviours', () => {
  it('expands counts in order and refuses unknown names', () => {
    expect(parseBehaviours('overspeed, fatigue:2,offline')).toEqual([
      'overspeed',
      'fatigue',
      'fatigue',
      'offline',
    ]);
    expect(parseBehaviours('none')).toEqual([]);
    expect(() => parseBehaviours('overspeed,teleport')).toThrow(/teleport/);
    expect(() => parseBehaviours('overspeed:0')).toThrow(/count/);
  });

  it('accelerated clock starts behind the wall clock and never passes it', () => {
    let wall = Date.parse('2026-11-23T02:00:00Z');
    const clock = acceleratedClock(600, 3_600_000, () => wall);
    expect(clock()).toBe(wall - 3_600_000);
    wall += 1000; // one wall second = ten device minutes
    expect(clock()).toBe(wall - 3_600_000 + 599_000);
    wall += 10_000;
    expect(clock()).toBe(wall);
  });
});

/** The rule event each behaviour must cause. */
const expected: Record<BehaviourName, string[]> = {
  overspeed: ['overspeed'],
  fatigue: ['fatigue_continuous'],
  parking: ['parking_outside'],
  adas: ['active_safety'],
  dsm: ['active_safety'],
  emergency: ['device_alarm'],
  offline: ['offline', 'offline_displacement'],
  deviation: ['route_deviation'],
  zone: ['restricted_zone'],
  invalid: ['invalid_data', 'drift'],
  escort: ['driver_mismatch', 'driver_unqualified'],
};

/** The deviation vehicle's active waybill: a planned route 18 km north from Xinglongtai, 200 m wide. */
async function waybillWithRoute(db: Db, enterpriseId: string, vehicleId: string): Promise<void> {
  await db.query(
    `INSERT INTO waybills (id, number, enterprise_id, district_code, status, consignor_name, consignor_phone,
       consignee_name, consignee_phone, vehicle_id, origin_name, destination_name, planned_departure,
       route, route_corridor_m)
     VALUES (gen_random_uuid(), 'YD-SIM-DEVIATION', $1, '211102', 'checked', '盘锦石化', '0427-2800000',
       '盘山化工园', '0427-2900000', $2, '兴隆台', '盘山', now(), $3::jsonb, 200)`,
    [
      enterpriseId,
      vehicleId,
      JSON.stringify({
        type: 'LineString',
        coordinates: [
          [122.07, 41.12],
          [122.07, 41.28],
        ],
      }),
    ],
  );
}

/** A restricted zone (禁行区) for all hazardous goods, 1.5 km around a point south-east of the city. */
async function restrictedZone(db: Db): Promise<void> {
  await db.query(
    `INSERT INTO geofences (id, kind, name, district_code, shape)
     VALUES (gen_random_uuid(), 'restricted_zone', '测试禁行区', '211102', $1::jsonb)`,
    [JSON.stringify({ type: 'circle', center: [122.12, 41.08], radiusM: 1500 })],
  );
}

for (const target of testDatabases()) {
  describe(`simulator behaviours through gateway, rules and alarms (${target.name})`, () => {
    let db: Db;
    let cleanup: () => Promise<void>;
    let app: App | undefined;
    let bus: Bus | undefined;
    let fleet: Fleet | undefined;
    afterEach(async () => {
      await fleet?.stop();
      await app?.close();
      await bus?.close();
      await cleanup();
    });

    it('every injected behaviour produces its rule event and an alarm for its vehicle', async () => {
      ({ db, cleanup } = await target.open());
      await migrate(db, await loadMigrations());
      const enterprise = await makeEnterprise(db, '211102');
      const behaviours = parseBehaviours(
        'overspeed,fatigue,parking,adas,dsm,emergency,offline,deviation,zone,invalid,escort',
      );
      for (let i = 0; i < behaviours.length; i++)
        await fileTerminal(db, enterprise, 400 + i, { edition: i % 2 === 0 ? 2013 : 2019 });
      const vehicles = await loadFleet(db, behaviours.length);
      await waybillWithRoute(db, enterprise, vehicles[behaviours.indexOf('deviation')]!.vehicleId);
      await restrictedZone(db);
      // The escort vehicle's waybill names its driver and its escort; the escort's card goes in.
      const [driver, escort] = [await fileDriver(db, enterprise, 1), await fileDriver(db, enterprise, 2)];
      // A real escort: the escort's role and qualification, not a driver's.
      await db.query("UPDATE personnel SET roles = '{escort}' WHERE id = $1", [escort.personId]);
      await db.query(
        "UPDATE certificates SET category = '道路危险货物运输押运人员' WHERE holder_id = $1 AND kind = 'qualification'",
        [escort.personId],
      );
      await insertWaybill(db, {
        vehicleId: vehicles[behaviours.indexOf('escort')]!.vehicleId,
        enterpriseId: enterprise,
        lines: [],
        driverId: driver.personId,
        escortId: escort.personId,
      });
      const port = await freePort();
      bus = createInProcessBus();
      app = await buildApp(
        {
          config: testConfig({ GATEWAY_PORT: String(port), SIM_VEHICLES: '0', ALARM_TICK_INTERVAL_MS: '0' }),
          db,
          bus,
          logger: pino({ level: 'silent' }),
        },
        modules,
      );
      await app.listen({ host: '127.0.0.1', port: 0 }); // the gateway opens with the HTTP server

      const seen = await ruleEventsByVehicle(bus, 'behaviours-test');

      // Device time starts 6 h back and runs 300 × faster: 4 h of driving in 48 s, 30 s of device
      // time per 100 ms tick (a tick may run 2 s late before fixes are further apart than the rules allow).
      // The fleet reads the deviation vehicle's route and the restricted zone from the database.
      const places = await loadPlaces(db);
      expect(places.map((p) => p.kind)).toEqual(['restricted_zone']);
      fleet = new Fleet(await loadFleet(db, behaviours.length), places, {
        host: '127.0.0.1',
        port,
        reportEveryS: 10,
        behaviours,
        driverCards: (ids, escorts) => loadDriverCards(db, ids, escorts),
        tickMs: 100,
        now: acceleratedClock(300, 6 * 3_600_000),
      });
      expect(fleet.injected.map((v) => v.behaviour)).toEqual(behaviours);
      fleet.start();

      const missing = (): string[] =>
        fleet!.injected.flatMap((v) =>
          expected[v.behaviour]
            .filter((type) => !seen.get(v.vehicleId)?.has(type))
            .map((type) => `${v.behaviour}→${type}`),
        );
      await eventually(() => missing().length === 0, 150_000).catch(() => undefined); // the next line names what is missing
      expect(missing()).toEqual([]);

      // The alarms module consumed the same events: one alarm per episode, for the right vehicle.
      const alarmTypes = async () => {
        const { rows } = await db.query<{ vehicle_id: string; type: string }>(
          'SELECT DISTINCT vehicle_id, type FROM alarms',
        );
        return new Set(rows.map((r) => `${r.vehicle_id}/${r.type}`));
      };
      const wanted = fleet.injected.flatMap((v) => expected[v.behaviour].map((t) => `${v.vehicleId}/${t}`));
      await eventually(async () => {
        const have = await alarmTypes();
        return wanted.every((w) => have.has(w));
      }, 30_000).catch(() => undefined);
      const have = await alarmTypes();
      expect(wanted.filter((w) => !have.has(w))).toEqual([]);
    }, 300_000);
  });
}
