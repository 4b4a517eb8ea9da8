import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../platform/auth.js';
import type { Db } from '../../../platform/db/db.js';
import { loadMigrations, migrate } from '../../../platform/db/migrate.js';
import { testDatabases } from '../../../platform/db/testing.js';
import { loadPanjinDemo } from '../demo/load.js';
import { enterprisesAndVehicles2020, parkingLots2020, transportClasses2020 } from '../demo/panjin-2020.js';
import { fleetByClass, fleetByDistrict, parkingByDistrict } from './repository.js';

const city: Actor = {
  id: 'u1',
  name: 'city',
  role: 'city_regulator',
  scope: { kind: 'city' },
  via: 'session',
};
const county: Actor = {
  id: 'u2',
  name: 'county',
  role: 'county_regulator',
  scope: { kind: 'district', districtCode: '211103' },
  via: 'session',
};

for (const target of testDatabases()) {
  describe(`archive statistics on the Panjin demo data (${target.name})`, () => {
    let db: Db;
    let cleanup: () => Promise<void>;
    let firstEnterprise: string;
    beforeAll(async () => {
      ({ db, cleanup } = await target.open());
      await migrate(db, await loadMigrations());
      const loaded = await db.transaction((tx) => loadPanjinDemo(tx, { today: '2026-11-22' }));
      firstEnterprise = loaded.dataset.enterprises[0]!.id;
    }, 120_000);
    afterAll(async () => {
      await cleanup();
    });

    it('equals the seed table of enterprises and vehicles by district, number for number', async () => {
      const rows = await fleetByDistrict(db, city);
      for (const r of rows) {
        const seed = enterprisesAndVehicles2020[r.districtCode]!;
        expect({ code: r.districtCode, e: r.enterprises, t: r.tractors, r: r.rigid, tr: r.trailers }).toEqual(
          {
            code: r.districtCode,
            e: seed.enterprises,
            t: seed.tractors,
            r: seed.rigid,
            tr: seed.trailers,
          },
        );
      }
      expect(rows.reduce((s, r) => s + r.powered, 0)).toBe(5879);
      expect(rows.map((r) => r.districtName)).toEqual([
        '盘山县',
        '双台子区',
        '兴隆台区',
        '大洼区',
        '辽东湾新区',
      ]);
    });

    it('equals the seed table of parking lots by district', async () => {
      const rows = await parkingByDistrict(db, city);
      for (const r of rows) {
        expect({ lots: r.lots, area10kM2: r.area10kM2, spaces: r.spaces }).toEqual(
          parkingLots2020[r.districtCode],
        );
      }
      expect(rows.reduce((s, r) => s + r.spaces, 0)).toBe(11_955);
    });

    it('equals the seed table of enterprises and vehicles by transport class', async () => {
      const rows = await fleetByClass(db, city);
      for (const r of rows) {
        expect({ e: r.enterprises, v: r.vehicles }).toEqual({
          e: transportClasses2020[r.transportClass]!.enterprises,
          v: transportClasses2020[r.transportClass]!.vehicles,
        });
      }
      expect(rows.find((r) => r.transportClass === 3)!.sharePercent).toBe(82.09);
    });

    it('limits a county to its own district and a company to its own fleet', async () => {
      const rows = await fleetByDistrict(db, county);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ districtCode: '211103', enterprises: 52, tractors: 433, rigid: 438 });
      const company: Actor = {
        id: 'u3',
        name: 'monitor',
        role: 'enterprise_monitor',
        scope: { kind: 'enterprise', enterpriseId: firstEnterprise },
        via: 'session',
      };
      const own = await fleetByDistrict(db, company);
      expect(own).toHaveLength(1);
      expect(own[0]!.enterprises).toBe(1);
      const classes = await fleetByClass(db, company);
      expect(classes.reduce((s, r) => s + r.enterprises, 0)).toBeGreaterThanOrEqual(1);
      expect(classes.reduce((s, r) => s + r.vehicles, 0)).toBe(own[0]!.powered);
    });
  });
}
