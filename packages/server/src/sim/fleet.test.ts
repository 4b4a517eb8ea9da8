// A small simulated fleet of archive vehicles against a real gateway over loopback.
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileDriver, fileTerminal, makeEnterprise, testGateway } from '../gateway/testing.js';
import type { Gateway } from '../gateway/gateway.js';
import { testConfig } from '../modules/accounts/testing.js';
import type { Position } from '../modules/positions/position.js';
import { createPositionPipeline, type PositionPipeline } from '../modules/positions/pipeline.js';
import { eventually } from '../modules/positions/testing.js';
import { insertWaybill } from '../modules/rules/testing.js';
import { createInProcessBus } from '../platform/bus/inprocess.js';
import type { Db } from '../platform/db/db.js';
import { loadMigrations, migrate } from '../platform/db/migrate.js';
import { testDatabases } from '../platform/db/testing.js';
import { Fleet, loadDriverCards, loadFleet, PANJIN, type Place } from './fleet.js';

const places: Place[] = [
  { kind: 'parking_lot', name: '兴隆台停车场', lon: 122.07, lat: 41.12, enterpriseId: null },
  { kind: 'chemical_park', name: '辽滨化工园', lon: 121.98, lat: 40.76, enterpriseId: null },
  { kind: 'filling_site', name: '双台子充装站', lon: 122.05, lat: 41.2, enterpriseId: null },
  { kind: 'checkpoint', name: '大洼检查站', lon: 122.03, lat: 40.95, enterpriseId: null },
];

for (const target of testDatabases()) {
  describe(`simulated fleet (${target.name})`, () => {
    let db: Db;
    let cleanup: () => Promise<void>;
    let pipeline: PositionPipeline;
    let gateway: Gateway;
    let fleet: Fleet | undefined;
    const received: Position[] = [];
    beforeEach(async () => {
      ({ db, cleanup } = await target.open());
      await migrate(db, await loadMigrations());
      pipeline = createPositionPipeline(
        { config: testConfig(), db, bus: createInProcessBus(), logger: pino({ level: 'silent' }) },
        { durability: 'store' },
      );
      await pipeline.start();
      received.length = 0;
      gateway = testGateway(db, (p) => {
        received.push(...p);
        return pipeline.ingest(p);
      });
    });
    afterEach(async () => {
      await fleet?.stop();
      await gateway.stop();
      await pipeline.stop();
      await cleanup();
    });

    it('drives archive vehicles (2013 and 2019) that connect, report inside Panjin and get every fix stored', async () => {
      const e = await makeEnterprise(db);
      for (let i = 0; i < 6; i++) await fileTerminal(db, e, 100 + i, { edition: i % 2 === 0 ? 2013 : 2019 });
      await fileTerminal(db, e, 200, { terminalFiling: 'draft' }); // not filed: not in the fleet
      const vehicles = await loadFleet(db, 100);
      expect(vehicles).toHaveLength(6);
      expect(vehicles.map((v) => v.edition).sort()).toEqual([2013, 2013, 2013, 2019, 2019, 2019]);
      const port = await gateway.start();
      fleet = new Fleet(vehicles, places, { host: '127.0.0.1', port, reportEveryS: 1 });
      fleet.start();
      await eventually(() => fleet!.stats().acknowledged >= 12, 15_000);
      expect(gateway.list()).toHaveLength(6);
      const { rows } = await db.query<{
        n: number;
        lon_min: number;
        lon_max: number;
        lat_min: number;
        lat_max: number;
      }>(
        'SELECT count(*)::int AS n, min(lon) AS lon_min, max(lon) AS lon_max, min(lat) AS lat_min, max(lat) AS lat_max FROM positions',
      );
      const r = rows[0]!;
      expect(r.n).toBeGreaterThanOrEqual(12);
      expect(r.lon_min).toBeGreaterThanOrEqual(PANJIN.lonMin);
      expect(r.lon_max).toBeLessThanOrEqual(PANJIN.lonMax);
      expect(r.lat_min).toBeGreaterThanOrEqual(PANJIN.latMin);
      expect(r.lat_max).toBeLessThanOrEqual(PANJIN.latMax);
      const { rows: speeds } = await db.query<{ max: number }>('SELECT max(speed) AS max FROM positions');
      expect(speeds[0]!.max).toBeLessThan(90);
    });

    it("puts the waybill driver's IC card in the reader (0x0702) and pulls it when the waybill ends", async () => {
      const e = await makeEnterprise(db, '211102');
      await fileTerminal(db, e, 300, { edition: 2013 }); // the card is found by its 从业资格证 number
      await fileTerminal(db, e, 301, { edition: 2019 }); // … and by the ID number it carries
      const [a, b] = await loadFleet(db, 10);
      expect([a!.edition, b!.edition]).toEqual([2013, 2019]);
      const d1 = await fileDriver(db, e, 1);
      const d2 = await fileDriver(db, e, 2);
      const active = (vehicleId: string, driverId: string) =>
        insertWaybill(db, { enterpriseId: e, vehicleId, driverId, status: 'checked', lines: [] });
      const first = await active(a!.vehicleId, d1.personId);
      expect((await loadDriverCards(db, [a!.vehicleId, b!.vehicleId])).get(a!.vehicleId)).toMatchObject({
        personId: d1.personId,
        idNumber: d1.idNumber,
        certificateNumber: d1.qualificationNo,
        expiry: '20280101',
      });
      const port = await gateway.start();
      fleet = new Fleet([a!, b!], places, {
        host: '127.0.0.1',
        port,
        reportEveryS: 1,
        tickMs: 50,
        driverCards: (ids) => loadDriverCards(db, ids),
        cardRefreshMs: 100,
      });
      fleet.start();
      const driversOf = (vehicleId: string, from = 0) =>
        received
          .slice(from)
          .filter((p) => p.vehicleId === vehicleId)
          .map((p) => p.driverId);
      await eventually(() => driversOf(a!.vehicleId).includes(d1.personId), 15_000);
      // Once the card is read, every later fix of the vehicle names its driver; the other has no card.
      const since = received.findIndex((p) => p.driverId === d1.personId);
      await eventually(
        () => driversOf(a!.vehicleId, since).length >= 3 && driversOf(b!.vehicleId).length >= 3,
        15_000,
      );
      expect(new Set(driversOf(a!.vehicleId, since))).toEqual(new Set([d1.personId]));
      expect(new Set(driversOf(b!.vehicleId))).toEqual(new Set([undefined]));

      // The waybill is done: the card comes out (null on the fixes after); the other vehicle's begins.
      await db.query(`UPDATE waybills SET status = 'closed' WHERE id = $1`, [first]);
      await active(b!.vehicleId, d2.personId);
      await eventually(() => driversOf(a!.vehicleId, since).includes(null), 15_000);
      await eventually(() => driversOf(b!.vehicleId).includes(d2.personId), 15_000);
      expect(fleet.cards()).toEqual(new Map([[b!.vehicleId, d2.personId]]));
    });
  });
}
