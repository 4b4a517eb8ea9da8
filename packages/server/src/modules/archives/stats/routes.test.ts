import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../platform/db/db.js';
import { testDatabases } from '../../../platform/db/testing.js';
import type { App } from '../../../platform/http/app.js';
import { modules } from '../../../modules.js';
import { bearer, makeSession, makeUser, migratedApp } from '../../accounts/testing.js';
import { bootstrapArchives } from '../bootstrap.js';
import { enterprisesAndVehicles2020, parkingLots2020, transportClasses2020 } from '../demo/panjin-2020.js';

for (const target of testDatabases()) {
  describe(`statistics endpoints on the Panjin demo data (${target.name})`, () => {
    let db: Db;
    let cleanup: () => Promise<void>;
    let app: App;
    let city: Record<string, string>;
    beforeAll(async () => {
      ({ db, cleanup } = await target.open());
      app = await migratedApp(db, modules);
      expect(await bootstrapArchives(db, { WEIYUN_MODE: 'demo' })).toMatchObject({ loaded: true });
      expect(await bootstrapArchives(db, { WEIYUN_MODE: 'demo' })).toEqual({ loaded: false }); // only once
      city = bearer(
        (await makeSession(db, (await makeUser(db, 'city_regulator', { kind: 'city' })).id)).token,
      );
    }, 180_000);
    afterAll(async () => {
      await app.close();
      await cleanup();
    });

    it('reproduces the seed tables number for number', async () => {
      const fleet = (await app.inject({ url: '/api/archives/stats/fleet-by-district', headers: city })).json<
        {
          districtCode: string;
          enterprises: number;
          tractors: number;
          rigid: number;
          trailers: number;
          powered: number;
        }[]
      >();
      expect(
        Object.fromEntries(
          fleet.map((r) => [
            r.districtCode,
            { enterprises: r.enterprises, tractors: r.tractors, rigid: r.rigid, trailers: r.trailers },
          ]),
        ),
      ).toEqual(enterprisesAndVehicles2020);
      expect(fleet.reduce((s, r) => s + r.enterprises, 0)).toBe(249);
      expect(fleet.reduce((s, r) => s + r.powered, 0)).toBe(5879);

      const parking = (
        await app.inject({ url: '/api/archives/stats/parking-by-district', headers: city })
      ).json<{ districtCode: string; lots: number; area10kM2: number; spaces: number }[]>();
      expect(
        Object.fromEntries(
          parking.map((r) => [r.districtCode, { lots: r.lots, area10kM2: r.area10kM2, spaces: r.spaces }]),
        ),
      ).toEqual(parkingLots2020);

      const classes = (await app.inject({ url: '/api/archives/stats/fleet-by-class', headers: city })).json<
        { transportClass: number; enterprises: number; vehicles: number; sharePercent: number }[]
      >();
      expect(
        Object.fromEntries(
          classes.map((r) => [r.transportClass, { enterprises: r.enterprises, vehicles: r.vehicles }]),
        ),
      ).toEqual(transportClasses2020);
      expect(classes.map((r) => r.sharePercent)).toEqual([0.66, 15.77, 82.09, 0, 0, 0.09, 0.31, 0.94, 0.15]);
    });

    it('gives the demo company accounts their own enterprise', async () => {
      const { rows } = await db.query<{ name: string; district_code: string }>(
        "SELECT name, district_code FROM enterprises WHERE id = '7e000000-0000-4000-8000-000000000001'",
      );
      expect(rows).toEqual([{ name: '盘锦华运危货运输有限公司', district_code: '211103' }]);
    });
  });
}
