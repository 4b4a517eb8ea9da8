/**
 * Test support for the rules module: a filed enterprise and tractors made through the archive
 * repository, waybills with lines inserted directly into the waybill tables (the contract of
 * migration 0710), and regulator geofences and bans.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../platform/auth.js';
import type { Db } from '../../platform/db/db.js';
import { enterpriseSpec } from '../archives/entities/enterprise.js';
import { vehicleSpec } from '../archives/entities/vehicle.js';
import { createRecord } from '../archives/resource/repository.js';
import { validateInput } from '../archives/resource/validate.js';
import { makeUscc } from '../archives/validation/uscc.js';
import { withVinCheck } from '../archives/validation/vin.js';

const admin: Actor = {
  id: 'a',
  name: 'admin',
  role: 'system_admin',
  scope: { kind: 'city' },
  via: 'session',
};

const make = (db: Db, spec: typeof enterpriseSpec, input: Record<string, unknown>) =>
  db.transaction((tx) =>
    createRecord(tx, spec, admin, validateInput(spec, input, 'create').values, { filingStatus: 'filed' }),
  );

/** A filed transport company in the district; `n` (1–99) keeps codes unique. */
export function makeEnterprise(
  db: Db,
  n: number,
  districtCode = '211103',
  name = `盘锦规则测试运输${n}有限公司`,
) {
  const k = String(n).padStart(2, '0');
  return make(db, enterpriseSpec, {
    name,
    uscc: makeUscc('91', districtCode, `MA000R${k}`),
    districtCode,
    address: '兴隆台区',
    permitNo: `P-R${k}`,
    permitValidUntil: '2028-01-01',
    scopeClasses: [2, 3, 6],
    legalRepresentative: '甲乙',
    safetyManager: '丙丁',
    phone: '0427-1111111',
  });
}

/** A filed tractor; `n` (1–999) keeps the plate and VIN unique. */
export function makeTractor(db: Db, enterpriseId: string, n: number) {
  const k = String(n).padStart(3, '0');
  return make(db, vehicleSpec, {
    enterpriseId,
    vehicleType: 'tractor',
    plate: `辽L96${k}`,
    plateColour: 2,
    vin: withVinCheck(`LFWADRJF0B1960${k}`),
    scopeClasses: [2, 3, 6],
    technicalGrade: 1,
    ratedLoadKg: 0,
    roadCertNo: 'R',
    roadCertValidUntil: '2028-01-01',
    annualReviewValidUntil: '2028-01-01',
  });
}

export interface WaybillSpec {
  vehicleId: string;
  enterpriseId: string;
  status?: string;
  lines: { unNumber: string; hazardClass: string }[];
  route?: [number, number][];
  corridorM?: number;
  origin?: [number, number];
  destination?: [number, number];
  driverId?: string;
  escortId?: string;
}

export async function insertWaybill(db: Db, w: WaybillSpec): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO waybills (id, number, enterprise_id, district_code, status, consignor_name, consignor_phone,
       consignee_name, consignee_phone, vehicle_id, origin_name, origin_lon, origin_lat, destination_name,
       destination_lon, destination_lat, route, route_corridor_m, driver_id, escort_id, planned_departure)
     VALUES ($1, $2, $3, '211103', $4, '托运人', '13800000000', '收货人', '13900000000', $5, '起运地', $6, $7,
       '目的地', $8, $9, $10::jsonb, $11, $12, $13, now())`,
    [
      id,
      `YD${id.slice(0, 8)}`,
      w.enterpriseId,
      w.status ?? 'in_transit',
      w.vehicleId,
      w.origin?.[0] ?? null,
      w.origin?.[1] ?? null,
      w.destination?.[0] ?? null,
      w.destination?.[1] ?? null,
      w.route ? JSON.stringify({ type: 'LineString', coordinates: w.route }) : null,
      w.corridorM ?? null,
      w.driverId ?? null,
      w.escortId ?? null,
    ],
  );
  let n = 0;
  for (const l of w.lines) {
    await db.query(
      `INSERT INTO waybill_lines (waybill_id, line_no, un_number, name, hazard_class, packaging, quantity, unit)
       VALUES ($1, $2, $3, '货物', $4, 'tank', 10000, 'kg')`,
      [id, ++n, l.unNumber, l.hazardClass],
    );
  }
  return id;
}

/** A ban zone (circle) and, when `ban` is given, a ban window naming it. Returns their ids. */
export async function insertBan(
  db: Db,
  zone: { center: [number, number]; radiusM: number },
  ban?: { goodsClasses?: string[]; daily?: { start: string; end: string }[]; weekdays?: number[] },
): Promise<{ zoneId: string; banId: string | null }> {
  const zoneId = randomUUID();
  await db.query(
    `INSERT INTO geofences (id, kind, name, district_code, shape) VALUES ($1, 'ban_zone', '市中心限行区', NULL, $2::jsonb)`,
    [zoneId, JSON.stringify({ type: 'circle', ...zone })],
  );
  if (!ban) return { zoneId, banId: null };
  const banId = randomUUID();
  await db.query(
    `INSERT INTO ban_windows (id, name, zone_ids, goods_classes, daily, weekdays)
     VALUES ($1, '夜间限行', $2::uuid[], $3, $4::jsonb, $5::smallint[])`,
    [banId, [zoneId], ban.goodsClasses ?? null, JSON.stringify(ban.daily ?? []), ban.weekdays ?? null],
  );
  return { zoneId, banId };
}
