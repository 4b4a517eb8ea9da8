/**
 * The archives module's data for the route walker: a tenant's enterprise, vehicle (with tank),
 * terminal, person, parking lot, filling site and checkpoint, all filed and carrying the
 * tenant's marker, and valid bodies for every archive route that takes one.
 */
import type { Actor } from '../../platform/auth.js';
import type { ScopeFixture, Tenant } from '../../testing/scope-walk.js';
import { archiveEntities } from './entities/index.js';
import { enterpriseSpec } from './entities/enterprise.js';
import { personSpec } from './entities/person.js';
import { placeSpec } from './entities/place.js';
import { terminalSpec } from './entities/terminal.js';
import { vehicleSpec } from './entities/vehicle.js';
import { createRecord } from './resource/repository.js';
import { validateInput } from './resource/validate.js';
import { idCheckChar } from './validation/id-number.js';
import { makeUscc } from './validation/uscc.js';
import { withVinCheck } from './validation/vin.js';

const city: Actor = {
  id: 'fixture',
  name: 'fixture',
  role: 'system_admin',
  scope: { kind: 'city' },
  via: 'session',
};

function square(lon: number, lat: number): { type: 'Polygon'; coordinates: [number, number][][] } {
  const d = 0.002;
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lon, lat],
        [lon + d, lat],
        [lon + d, lat + d],
        [lon, lat + d],
        [lon, lat],
      ],
    ],
  };
}

/** The plate of a tenant's vehicle (n = 1: the fixture's own, which other modules' fixtures may name). */
export function tenantPlate(t: Tenant, n = 1): string {
  const k = t.key === 'A' ? 1 : 2;
  return `辽L${k}${n}${k}${n}${k}`;
}

/** Bodies of one tenant: n distinguishes the created records from the fixture's own. */
function bodies(t: Tenant, n: number) {
  const k = t.key === 'A' ? 1 : 2;
  const first17 = `2111031980010${k}${n}0${k}`.slice(0, 17);
  return {
    enterprise: {
      name: `盘锦${t.marker}运输有限公司${n}`,
      uscc: makeUscc('91', t.districtCode, `MA${k}${n}0000`.slice(0, 8)),
      districtCode: t.districtCode,
      address: `盘锦市 ${t.marker}`,
      permitNo: `PERMIT-${t.marker}-${n}`,
      permitValidUntil: '2028-01-01',
      scopeClasses: [3],
      legalRepresentative: '王法人',
      safetyManager: '李安全',
      phone: '0427-1234567',
    },
    vehicle: {
      enterpriseId: t.enterpriseId,
      vehicleType: 'rigid_tank',
      plate: tenantPlate(t, n),
      plateColour: 2,
      vin: withVinCheck(`LZZ5CLSB0NA${k}${n}${k}${n}${k}${n}`),
      scopeClasses: [3],
      transportClass: 3,
      technicalGrade: 1,
      ratedLoadKg: 15000,
      roadCertNo: `ROAD-${t.marker}-${n}`,
      roadCertValidUntil: '2028-01-01',
      annualReviewValidUntil: '2028-01-01',
      tankNo: `TANK-${t.marker}-${n}`,
      tankVolumeM3: 20,
    },
    terminal: {
      enterpriseId: t.enterpriseId,
      phone: `01${k}${n}000${k}${n}000`,
      terminalCode: `T${k}${n}`,
      maker: `maker ${t.marker}`,
      model: 'M1',
      protocolVersion: '2019',
    },
    person: {
      enterpriseId: t.enterpriseId,
      name: `张${t.key}${n}`,
      idNumber: first17 + idCheckChar(first17),
      roles: ['escort'],
      qualificationNo: `Q-${t.marker}-${n}`,
      qualificationCategory: '道路危险货物运输押运人员',
      qualificationValidUntil: '2028-01-01',
    },
    place: {
      kind: 'parking_lot',
      enterpriseId: t.enterpriseId,
      districtCode: t.districtCode,
      name: `停车场 ${t.marker} ${n}`,
      polygon: square(122 + k * 0.01 + n * 0.003, 41.1),
      spaces: 30,
    },
  };
}

async function create(
  db: Parameters<ScopeFixture['create']>[0],
  spec: typeof enterpriseSpec,
  input: Record<string, unknown>,
  id?: string,
) {
  const { values, errors } = validateInput(spec, input, 'create');
  if (errors.length > 0) throw new Error(`archives fixture: ${JSON.stringify(errors)}`);
  return db.transaction((tx) => createRecord(tx, spec, city, values, { id, filingStatus: 'filed' }));
}

export const archivesScopeFixture: ScopeFixture = {
  module: 'archives',
  async create(db, t) {
    const own = bodies(t, 1);
    await create(db, enterpriseSpec, own.enterprise, t.enterpriseId);
    const vehicleId = await create(db, vehicleSpec, own.vehicle);
    const terminalId = await create(db, terminalSpec, { ...own.terminal, vehicleId });
    // The vehicle's IC-card history (the gateway's, 0x0702), here because the vehicle is made here:
    // `/api/gateway/vehicles/:vehicleId/driver-cards` must not show it to another tenant.
    await db.query(
      `INSERT INTO driver_card_events (vehicle_id, terminal_id, enterprise_id, district_code, status, driver_name, device_time)
       VALUES ($1, $2, $3, $4, 'inserted', $5, now())`,
      [vehicleId, terminalId, t.enterpriseId, t.districtCode, `司机 ${t.marker}`],
    );
    const personId = await create(db, personSpec, own.person);
    const placeId = await create(db, placeSpec, own.place);
    const site = (kind: string, id: string, n: number) =>
      create(
        db,
        placeSpec,
        {
          kind,
          districtCode: t.districtCode,
          name: `${kind} ${t.marker}`,
          polygon: square(122.2 + n * 0.01, 41),
        },
        id,
      );
    await site('filling_site', t.fillingSiteId, t.key === 'A' ? 1 : 2);
    await site('checkpoint', t.checkpointId, t.key === 'A' ? 3 : 4);

    const fresh = bodies(t, 2);
    const out: Record<string, unknown> = {};
    const freshBody: Record<string, Record<string, unknown>> = {
      enterprise: fresh.enterprise,
      vehicle: fresh.vehicle,
      terminal: fresh.terminal,
      person: fresh.person,
      place: fresh.place,
    };
    const changes: Record<string, Record<string, unknown>> = {
      enterprise: { address: `taken over ${t.marker}` },
      vehicle: { ratedLoadKg: 1 },
      terminal: { model: `taken ${t.marker}` },
      person: { phone: '13900000000' },
      place: { spaces: 1 },
    };
    for (const { spec, idParam } of archiveEntities) {
      const base = `/api/archives/${spec.path}`;
      out[`POST ${base}`] = freshBody[spec.type];
      out[`PATCH ${base}/:${idParam}`] = { version: 1, ...changes[spec.type] };
      out[`POST ${base}/:${idParam}/submit`] = { action: 'submit' };
      out[`POST ${base}/:${idParam}/review`] = { action: 'reopen', reason: `walker ${t.marker}` };
    }
    const inTenant = `enterprise_id = $1`;
    return {
      params: { enterpriseId: t.enterpriseId, vehicleId, terminalId, personId, placeId },
      bodies: out,
      async snapshot() {
        const q = async (sql: string, args: unknown[]) => (await db.query(sql, args)).rows;
        return {
          enterprises: await q('SELECT * FROM enterprises WHERE id = $1', [t.enterpriseId]),
          vehicles: await q(`SELECT * FROM vehicles WHERE ${inTenant} ORDER BY id`, [t.enterpriseId]),
          tanks: await q(
            'SELECT t.* FROM tanks t JOIN vehicles v ON v.id = t.vehicle_id WHERE v.enterprise_id = $1 ORDER BY t.id',
            [t.enterpriseId],
          ),
          terminals: await q(`SELECT * FROM terminals WHERE ${inTenant} ORDER BY id`, [t.enterpriseId]),
          personnel: await q(`SELECT * FROM personnel WHERE ${inTenant} ORDER BY id`, [t.enterpriseId]),
          places: await q('SELECT * FROM places WHERE district_code = $1 ORDER BY id', [t.districtCode]),
          certificates: await q(`SELECT * FROM certificates WHERE ${inTenant} ORDER BY id`, [t.enterpriseId]),
          filing: await q(`SELECT * FROM filing_events WHERE ${inTenant} ORDER BY id`, [t.enterpriseId]),
        };
      },
    };
  },
};
