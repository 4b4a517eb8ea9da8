import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../platform/auth.js';
import type { Db } from '../../../platform/db/db.js';
import { loadMigrations, migrate } from '../../../platform/db/migrate.js';
import { testDatabases } from '../../../platform/db/testing.js';
import { enterpriseSpec } from '../entities/enterprise.js';
import { personSpec } from '../entities/person.js';
import { vehicleSpec } from '../entities/vehicle.js';
import { idCheckChar } from '../validation/id-number.js';
import { makeUscc } from '../validation/uscc.js';
import { withVinCheck } from '../validation/vin.js';
import {
  createRecord,
  deleteRecord,
  getRecord,
  InvalidRecordError,
  listRecords,
  StaleVersionError,
  updateRecord,
  WrongStateError,
} from './repository.js';
import { validateInput } from './validate.js';

const city: Actor = {
  id: 'c',
  name: 'city',
  role: 'city_regulator',
  scope: { kind: 'city' },
  via: 'session',
};

function enterpriseInput(n: number, district: string): Record<string, unknown> {
  return {
    name: `盘锦测试${n}危险品运输有限公司`,
    uscc: makeUscc('91', district, `MA${String(100000 + n)}`),
    districtCode: district,
    address: '辽宁省盘锦市兴隆台区石油大街1号',
    permitNo: `辽交运管许可盘字21110000${n}号`,
    permitValidUntil: '2027-06-30',
    scopeClasses: '2,3',
    legalRepresentative: '王建国',
    safetyManager: '李安全',
    phone: '0427-2888888',
  };
}

function vehicleInput(enterpriseId: string, n: number): Record<string, unknown> {
  return {
    enterpriseId,
    vehicleType: 'rigid_tank',
    plate: `辽L${String(80000 + n)}`,
    plateColour: 2,
    vin: withVinCheck(`LZZ5CLSB0NA${String(200000 + n)}`),
    scopeClasses: [3],
    transportClass: 3,
    technicalGrade: 1,
    ratedLoadKg: 15000,
    roadCertNo: `辽交运管盘字21110${n}号`,
    roadCertValidUntil: '2026-12-01',
    annualReviewValidUntil: '2027-03-01',
    tankNo: `TK-${n}`,
    tankVolumeM3: 24.5,
    tankInspectionNo: `LNTJ${n}`,
    tankInspectionValidUntil: '2027-01-15',
  };
}

for (const target of testDatabases()) {
  describe(`archive repository on ${target.name}`, () => {
    let db: Db;
    let cleanup: () => Promise<void>;
    let entA: string;
    let entB: string;
    let monitorA: Actor;
    beforeEach(async () => {
      ({ db, cleanup } = await target.open());
      await migrate(db, await loadMigrations());
      entA = await db.transaction((tx) =>
        createRecord(
          tx,
          enterpriseSpec,
          city,
          validateInput(enterpriseSpec, enterpriseInput(1, '211103'), 'create').values,
        ),
      );
      entB = await db.transaction((tx) =>
        createRecord(
          tx,
          enterpriseSpec,
          city,
          validateInput(enterpriseSpec, enterpriseInput(2, '211104'), 'create').values,
        ),
      );
      monitorA = {
        id: 'm',
        name: 'monitor',
        role: 'enterprise_monitor',
        scope: { kind: 'enterprise', enterpriseId: entA },
        via: 'session',
      };
    });
    afterEach(async () => {
      await cleanup();
    });

    it('creates a tank vehicle with its tank and certificates and reads it back whole', async () => {
      const { values, errors } = validateInput(vehicleSpec, vehicleInput(entA, 1), 'create');
      expect(errors).toEqual([]);
      const id = await db.transaction((tx) => createRecord(tx, vehicleSpec, city, values));
      const v = await getRecord(db, vehicleSpec, city, id);
      expect(v).toMatchObject({
        id,
        enterpriseId: entA,
        districtCode: '211103',
        plate: '辽L80001',
        vehicleType: 'rigid_tank',
        filingStatus: 'draft',
        version: 1,
        roadCertNo: '辽交运管盘字211101号',
        roadCertValidUntil: '2026-12-01',
        annualReviewValidUntil: '2027-03-01',
        tankNo: 'TK-1',
        tankVolumeM3: 24.5,
        tankInspectionValidUntil: '2027-01-15',
        scopeClasses: [3],
      });
      const e = await getRecord(db, enterpriseSpec, city, entA);
      expect(e).toMatchObject({
        permitNo: '辽交运管许可盘字211100001号',
        permitValidUntil: '2027-06-30',
        scopeClasses: [2, 3],
      });
    });

    it('keeps another enterprise out: reads, lists and references', async () => {
      const idB = await db.transaction((tx) =>
        createRecord(
          tx,
          vehicleSpec,
          city,
          validateInput(vehicleSpec, vehicleInput(entB, 2), 'create').values,
        ),
      );
      expect(await getRecord(db, vehicleSpec, monitorA, idB)).toBeNull();
      expect((await listRecords(db, vehicleSpec, monitorA, {})).total).toBe(0);
      expect((await listRecords(db, vehicleSpec, city, {})).total).toBe(1);
      // A company cannot file a vehicle under another company.
      await expect(
        db.transaction((tx) =>
          createRecord(
            tx,
            vehicleSpec,
            monitorA,
            validateInput(vehicleSpec, vehicleInput(entB, 3), 'create').values,
          ),
        ),
      ).rejects.toMatchObject({ fields: [{ field: 'enterpriseId', reason: 'not_found' }] });
    });

    it('reports a duplicate plate on the plate field and writes nothing', async () => {
      await db.transaction((tx) =>
        createRecord(
          tx,
          vehicleSpec,
          city,
          validateInput(vehicleSpec, vehicleInput(entA, 5), 'create').values,
        ),
      );
      const again = { ...vehicleInput(entA, 6), plate: '辽L80005' };
      const err = await db
        .transaction((tx) =>
          createRecord(tx, vehicleSpec, city, validateInput(vehicleSpec, again, 'create').values),
        )
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InvalidRecordError);
      expect((err as InvalidRecordError).fields).toEqual([{ field: 'plate', reason: 'duplicate' }]);
      expect((await listRecords(db, vehicleSpec, city, {})).total).toBe(1);
    });

    it('updates with optimistic concurrency and refuses a stale version', async () => {
      const id = await db.transaction((tx) =>
        createRecord(
          tx,
          vehicleSpec,
          city,
          validateInput(vehicleSpec, vehicleInput(entA, 7), 'create').values,
        ),
      );
      const v1 = (await getRecord(db, vehicleSpec, city, id))!;
      const change = validateInput(
        vehicleSpec,
        { ratedLoadKg: 16000, roadCertValidUntil: '2028-01-01' },
        'update',
        v1,
      );
      expect(change.errors).toEqual([]);
      await db.transaction((tx) => updateRecord(tx, vehicleSpec, city, v1, change.values, 1));
      const v2 = (await getRecord(db, vehicleSpec, city, id))!;
      expect(v2).toMatchObject({
        version: 2,
        ratedLoadKg: 16000,
        roadCertValidUntil: '2028-01-01',
        tankNo: 'TK-7',
      });
      await expect(
        db.transaction((tx) => updateRecord(tx, vehicleSpec, city, v2, { ratedLoadKg: 1 }, 1)),
      ).rejects.toBeInstanceOf(StaleVersionError);
    });

    it('filters, searches and finds records with certificates expiring by a day', async () => {
      for (let i = 10; i < 13; i++) {
        const input = {
          ...vehicleInput(entA, i),
          roadCertValidUntil: i === 12 ? '2026-11-30' : '2028-01-01',
          tankInspectionValidUntil: '2028-01-01',
        };
        await db.transaction((tx) =>
          createRecord(tx, vehicleSpec, city, validateInput(vehicleSpec, input, 'create').values),
        );
      }
      expect((await listRecords(db, vehicleSpec, city, { q: '80011' })).items.map((v) => v.plate)).toEqual([
        '辽L80011',
      ]);
      expect((await listRecords(db, vehicleSpec, city, { filters: { vehicleType: 'tractor' } })).total).toBe(
        0,
      );
      // Several exact values: any of them.
      expect(
        (await listRecords(db, vehicleSpec, city, { filters: { vehicleType: 'tractor,rigid_tank' } })).total,
      ).toBe(3);
      expect(
        (await listRecords(db, vehicleSpec, city, { filters: { vehicleType: 'tractor,van' } })).total,
      ).toBe(0);
      expect(
        (await listRecords(db, vehicleSpec, city, { certificateExpiresBy: '2026-12-31' })).items.map(
          (v) => v.plate,
        ),
      ).toEqual(['辽L80012']);
      const page = await listRecords(db, vehicleSpec, city, { pageSize: 2, page: 2 });
      expect(page).toMatchObject({ total: 3 });
      expect(page.items).toHaveLength(1);
    });

    it('derives birth date and sex of a person from the ID number', async () => {
      const first17 = '21110319700101003';
      const input = {
        enterpriseId: entA,
        name: '张押运',
        idNumber: first17 + idCheckChar(first17),
        roles: ['escort'],
        qualificationNo: 'Q123',
        qualificationCategory: '道路危险货物运输押运人员',
        qualificationValidUntil: '2027-01-01',
      };
      const { values, errors } = validateInput(personSpec, input, 'create');
      expect(errors).toEqual([]);
      const id = await db.transaction((tx) => createRecord(tx, personSpec, city, values));
      expect(await getRecord(db, personSpec, city, id)).toMatchObject({
        birthDate: '1970-01-01',
        sex: 'male',
        roles: ['escort'],
      });
    });

    it('deletes a draft but never a filed record', async () => {
      const id = await db.transaction((tx) =>
        createRecord(
          tx,
          vehicleSpec,
          city,
          validateInput(vehicleSpec, vehicleInput(entA, 20), 'create').values,
        ),
      );
      const draft = (await getRecord(db, vehicleSpec, city, id))!;
      await db.transaction((tx) => deleteRecord(tx, vehicleSpec, draft));
      expect(await getRecord(db, vehicleSpec, city, id)).toBeNull();
      const { rows } = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM certificates WHERE enterprise_id = $1 AND holder_type <> $2',
        [entA, 'enterprise'],
      );
      expect(rows[0]!.n).toBe(0);
      const filed = { ...draft, filingStatus: 'filed' };
      await expect(db.transaction((tx) => deleteRecord(tx, vehicleSpec, filed))).rejects.toBeInstanceOf(
        WrongStateError,
      );
    });
  });
}

describe('validateInput', () => {
  it('names every bad field with a reason code', () => {
    const { errors } = validateInput(
      vehicleSpec,
      {
        ...vehicleInput('7e000000-0000-4000-8000-000000000001', 1),
        vin: 'LZZ5CLSB1NA200001',
        plate: '辽L8000',
        plateColour: 1,
        technicalGrade: 2,
        extra: 1,
      },
      'create',
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        { field: 'extra', reason: 'unknown_field' },
        { field: 'plate', reason: 'plate.format' },
        { field: 'vin', reason: 'vin.check' },
      ]),
    );
  });

  it('applies the hazmat rules to a well-formed vehicle: yellow plate, grade 1, tank for tank vehicles', () => {
    const { errors } = validateInput(
      vehicleSpec,
      {
        ...vehicleInput('7e000000-0000-4000-8000-000000000001', 1),
        plateColour: 1,
        technicalGrade: 2,
        tankNo: '',
      },
      'create',
    );
    expect(errors).toEqual([
      { field: 'plateColour', reason: 'plate.colour_hazmat' },
      { field: 'technicalGrade', reason: 'technical_grade.not_first' },
      { field: 'tankNo', reason: 'tank.required' },
    ]);
  });

  it('coerces spreadsheet text the way a form would send it', () => {
    const { values, errors } = validateInput(
      enterpriseSpec,
      {
        ...enterpriseInput(3, '211102'),
        scopeClasses: '2、3，8',
        highlyToxic: '是',
        permitValidUntil: '2027/2/30',
      },
      'create',
    );
    expect(errors).toEqual([{ field: 'permitValidUntil', reason: 'date' }]);
    expect(values).toMatchObject({ scopeClasses: [2, 3, 8], highlyToxic: true });
    expect(
      validateInput(
        enterpriseSpec,
        { ...enterpriseInput(3, '211102'), permitValidUntil: '2027/6/30' },
        'create',
      ).values.permitValidUntil,
    ).toBe('2027-06-30');
  });
});
