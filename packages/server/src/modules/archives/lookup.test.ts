import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth.js';
import type { Db } from '../../platform/db/db.js';
import { loadMigrations, migrate } from '../../platform/db/migrate.js';
import { testDatabases } from '../../platform/db/testing.js';
import { enterpriseSpec } from './entities/enterprise.js';
import { terminalSpec } from './entities/terminal.js';
import { vehicleSpec } from './entities/vehicle.js';
import { fileDriver } from '../../gateway/testing.js';
import { archiveVehicleDirectory, driverByCard, terminalAccess } from './lookup.js';
import { createRecord } from './resource/repository.js';
import { validateInput } from './resource/validate.js';
import { makeUscc } from './validation/uscc.js';
import { withVinCheck } from './validation/vin.js';

const city: Actor = {
  id: 'c',
  name: 'city',
  role: 'city_regulator',
  scope: { kind: 'city' },
  via: 'session',
};

for (const target of testDatabases()) {
  describe(`archive lookups on ${target.name}`, () => {
    let db: Db;
    let cleanup: () => Promise<void>;
    let enterpriseId: string;
    let vehicleId: string;
    beforeEach(async () => {
      ({ db, cleanup } = await target.open());
      await migrate(db, await loadMigrations());
      const make = (spec: typeof enterpriseSpec, input: Record<string, unknown>) =>
        db.transaction((tx) =>
          createRecord(tx, spec, city, validateInput(spec, input, 'create').values, {
            filingStatus: 'filed',
          }),
        );
      enterpriseId = await make(enterpriseSpec, {
        name: '盘锦终端测试运输有限公司',
        uscc: makeUscc('91', '211104', 'MA000T01'),
        districtCode: '211104',
        address: '大洼区',
        permitNo: 'P1',
        permitValidUntil: '2028-01-01',
        scopeClasses: [3],
        legalRepresentative: '甲乙',
        safetyManager: '丙丁',
        phone: '0427-1111111',
      });
      vehicleId = await make(vehicleSpec, {
        enterpriseId,
        vehicleType: 'tractor',
        plate: '辽L90001',
        plateColour: 2,
        vin: withVinCheck('LFWADRJF0B1900001'),
        scopeClasses: [3],
        technicalGrade: 1,
        ratedLoadKg: 0,
        roadCertNo: 'R1',
        roadCertValidUntil: '2028-01-01',
        annualReviewValidUntil: '2028-01-01',
      });
      await make(terminalSpec, {
        enterpriseId,
        vehicleId,
        phone: '13912345678',
        terminalCode: 'T0001',
        maker: 'WY',
        model: 'M1',
        protocolVersion: '2013',
      });
    });
    afterEach(async () => {
      await cleanup();
    });

    it('accepts a filed terminal on a filed vehicle, matching the zero-padded header phone', async () => {
      expect(await terminalAccess(db, '013912345678')).toMatchObject({
        enterpriseId,
        vehicleId,
        districtCode: '211104',
        plate: '辽L90001',
        plateColour: 2,
        refusal: null,
      });
      expect(await terminalAccess(db, '00000000013912345678')).toMatchObject({ refusal: null });
    });

    it('refuses unknown terminals, unfiled vehicles and suspended enterprises, saying why', async () => {
      expect(await terminalAccess(db, '013900000000')).toEqual({ refusal: 'unknown_terminal' });
      await db.query("UPDATE vehicles SET operating_status = 'suspended'");
      expect(await terminalAccess(db, '013912345678')).toMatchObject({ refusal: 'vehicle_not_in_service' });
      await db.query("UPDATE vehicles SET operating_status = 'active', filing_status = 'submitted'");
      expect(await terminalAccess(db, '013912345678')).toMatchObject({ refusal: 'vehicle_not_filed' });
      await db.query("UPDATE vehicles SET filing_status = 'filed'");
      await db.query("UPDATE enterprises SET operating_status = 'suspended'");
      expect(await terminalAccess(db, '013912345678')).toMatchObject({ refusal: 'enterprise_not_operating' });
      await db.query("UPDATE terminals SET filing_status = 'draft'");
      expect(await terminalAccess(db, '013912345678')).toMatchObject({ refusal: 'terminal_not_filed' });
    });

    it('tells the enterprise and district of vehicles, and caches the answer', async () => {
      let clock = 0;
      const dir = archiveVehicleDirectory(db, 1000, () => clock);
      const first = await dir.lookup([vehicleId, '00000000-0000-4000-8000-000000000000', 'not-a-uuid']);
      expect([...first.values()]).toEqual([{ vehicleId, enterpriseId, districtCode: '211104' }]);
      await db.query("UPDATE enterprises SET district_code = '211102'");
      expect((await dir.lookup([vehicleId])).get(vehicleId)?.districtCode).toBe('211104'); // cached
      clock = 2000;
      expect((await dir.lookup([vehicleId])).get(vehicleId)?.districtCode).toBe('211102');
    });

    it('finds the driver of an IC card by ID number (2019) or qualification certificate number', async () => {
      const { personId: driverId, idNumber } = await fileDriver(db, enterpriseId);
      expect(await driverByCard(db, { idNumber, certificateNumber: 'whatever' })).toBe(driverId);
      expect(await driverByCard(db, { idNumber: ` ${idNumber.toLowerCase()} ` })).toBe(driverId);
      // A 2013 card carries only the certificate number.
      expect(await driverByCard(db, { certificateNumber: 'QC-0702-001' })).toBe(driverId);
      // An ID number not on file falls back to the certificate number.
      expect(
        await driverByCard(db, { idNumber: '11010519491231002X', certificateNumber: 'QC-0702-001' }),
      ).toBe(driverId);
      expect(await driverByCard(db, { certificateNumber: 'QC-UNKNOWN' })).toBeNull();
      expect(await driverByCard(db, {})).toBeNull();
    });
  });
}
