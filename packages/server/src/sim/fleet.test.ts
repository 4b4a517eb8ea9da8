// A small simulated fleet of archive vehicles against a real gateway over loopback.
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileTerminal, makeEnterprise, testGateway } from '../gateway/testing.js';
import type { Gateway } from '../gateway/gateway.js';
import { testConfig } from '../modules/accounts/testing.js';
import { createPositionPipeline, type PositionPipeline } from '../modules/positions/pipeline.js';
import { eventually } from '../modules/positions/testing.js';
import { createInProcessBus } from '../platform/bus/inprocess.js';
import type { Db } from '../platform/db/db.js';
import { loadMigrations, migrate } from '../platform/db/migrate.js';
import { testDatabases } from '../platform/db/testing.js';
import { Fleet, loadFleet, PANJIN, type Place } from './fleet.js';

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
    beforeEach(async () => {
      ({ db, cleanup } = await target.open());
      await migrate(db, await loadMigrations());
      pipeline = createPositionPipeline(
        { config: testConfig(), db, bus: createInProcessBus(), logger: pino({ level: 'silent' }) },
        { durability: 'store' },
      );
      await pipeline.start();
      gateway = testGateway(db, (p) => pipeline.ingest(p));
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
  });
}
