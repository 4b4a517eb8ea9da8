/**
 * Archive statistics: the tables of the bureau's plans (seed 000), computed from the archive and
 * limited to the caller's scope. Counted: filed enterprises not withdrawn; filed vehicles in
 * service or suspended (报停 vehicles stay registered); filed parking lots in operation.
 */
import type { Actor } from '../../../platform/auth.js';
import type { Queryable } from '../../../platform/db/db.js';
import { scopeWhere } from '../../../platform/scope.js';
import { districts } from '../districts.js';

export interface DistrictFleetRow {
  districtCode: string;
  districtName: string;
  enterprises: number;
  /** Tractors plus rigid trucks (牵引车、一体车总数). */
  powered: number;
  tractors: number;
  rigid: number;
  trailers: number;
}

export interface DistrictParkingRow {
  districtCode: string;
  districtName: string;
  lots: number;
  areaM2: number;
  /** Area in 10,000 m² (万平方米), as the bureau's tables print it. */
  area10kM2: number;
  spaces: number;
}

export interface ClassRow {
  transportClass: number;
  enterprises: number;
  vehicles: number;
  /** Share of powered vehicles in scope, percent with two decimals. */
  sharePercent: number;
}

function visibleDistricts(actor: Actor): typeof districts {
  const s = actor.scope;
  return s.kind === 'district' ? districts.filter((d) => d.code === s.districtCode) : districts;
}

export async function fleetByDistrict(db: Queryable, actor: Actor): Promise<DistrictFleetRow[]> {
  const params: unknown[] = [];
  const scope = scopeWhere(actor, { enterpriseColumn: 'e.id', districtColumn: 'e.district_code' }, params);
  const { rows } = await db.query<{
    district_code: string;
    enterprises: number;
    tractors: number;
    rigid: number;
    trailers: number;
  }>(
    `SELECT e.district_code,
            count(DISTINCT e.id)::int AS enterprises,
            count(v.id) FILTER (WHERE v.vehicle_type = 'tractor')::int AS tractors,
            count(v.id) FILTER (WHERE v.vehicle_type IN ('rigid_tank', 'van'))::int AS rigid,
            count(v.id) FILTER (WHERE v.vehicle_type = 'trailer')::int AS trailers
       FROM enterprises e
       LEFT JOIN vehicles v ON v.enterprise_id = e.id AND v.filing_status = 'filed'
                           AND v.operating_status IN ('active', 'suspended')
      WHERE e.filing_status = 'filed' AND e.operating_status <> 'withdrawn' AND ${scope}
      GROUP BY e.district_code`,
    params,
  );
  const byCode = new Map(rows.map((r) => [r.district_code, r]));
  const list =
    actor.scope.kind === 'enterprise' ? districts.filter((d) => byCode.has(d.code)) : visibleDistricts(actor);
  return list.map((d) => {
    const r = byCode.get(d.code);
    const tractors = r?.tractors ?? 0;
    const rigid = r?.rigid ?? 0;
    return {
      districtCode: d.code,
      districtName: d.name,
      enterprises: r?.enterprises ?? 0,
      powered: tractors + rigid,
      tractors,
      rigid,
      trailers: r?.trailers ?? 0,
    };
  });
}

export async function parkingByDistrict(db: Queryable, actor: Actor): Promise<DistrictParkingRow[]> {
  const params: unknown[] = [];
  const scope = scopeWhere(
    actor,
    { enterpriseColumn: 'p.enterprise_id', districtColumn: 'p.district_code' },
    params,
  );
  const { rows } = await db.query<{ district_code: string; lots: number; area_m2: number; spaces: number }>(
    `SELECT p.district_code, count(*)::int AS lots, sum(p.area_m2)::bigint AS area_m2,
            coalesce(sum(p.spaces), 0)::int AS spaces
       FROM places p
      WHERE p.kind = 'parking_lot' AND p.filing_status = 'filed' AND p.operating_status = 'active' AND ${scope}
      GROUP BY p.district_code`,
    params,
  );
  const byCode = new Map(rows.map((r) => [r.district_code, r]));
  const list =
    actor.scope.kind === 'enterprise' ? districts.filter((d) => byCode.has(d.code)) : visibleDistricts(actor);
  return list.map((d) => {
    const r = byCode.get(d.code);
    const areaM2 = Number(r?.area_m2 ?? 0);
    return {
      districtCode: d.code,
      districtName: d.name,
      lots: r?.lots ?? 0,
      areaM2,
      area10kM2: Math.round(areaM2 / 100) / 100,
      spaces: r?.spaces ?? 0,
    };
  });
}

export async function fleetByClass(db: Queryable, actor: Actor): Promise<ClassRow[]> {
  const params: unknown[] = [];
  const scope = scopeWhere(actor, { enterpriseColumn: 'e.id', districtColumn: 'e.district_code' }, params);
  const { rows } = await db.query<{ cls: number; enterprises: number; vehicles: number }>(
    `SELECT v.transport_class AS cls, count(DISTINCT v.enterprise_id)::int AS enterprises, count(*)::int AS vehicles
       FROM vehicles v JOIN enterprises e ON e.id = v.enterprise_id
      WHERE v.vehicle_type <> 'trailer' AND v.transport_class IS NOT NULL
        AND v.filing_status = 'filed' AND v.operating_status IN ('active', 'suspended')
        AND e.filing_status = 'filed' AND e.operating_status <> 'withdrawn' AND ${scope}
      GROUP BY v.transport_class`,
    params,
  );
  const total = rows.reduce((s, r) => s + r.vehicles, 0);
  const byClass = new Map(rows.map((r) => [r.cls, r]));
  return [1, 2, 3, 4, 5, 6, 7, 8, 9].map((c) => {
    const r = byClass.get(c);
    const vehicles = r?.vehicles ?? 0;
    return {
      transportClass: c,
      enterprises: r?.enterprises ?? 0,
      vehicles,
      sharePercent: total > 0 ? Math.round((vehicles / total) * 10_000) / 100 : 0,
    };
  });
}
