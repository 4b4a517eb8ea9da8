/**
 * The rules module's data for the route walker: per tenant a ban zone and a ban window in the
 * tenant's district, a trip of the tenant's company and thresholds for it (all carrying the
 * tenant's marker where there is text), and valid bodies aimed at them. Rows are inserted directly.
 */
import { randomUUID } from 'node:crypto';
import type { ScopeFixture } from '../../testing/scope-walk.js';

const circle = { type: 'circle', center: [122.07, 41.12], radiusM: 800 };

export const rulesScopeFixture: ScopeFixture = {
  module: 'rules',
  async create(db, t) {
    const geofenceId = randomUUID();
    await db.query(
      `INSERT INTO geofences (id, kind, name, district_code, shape) VALUES ($1, 'ban_zone', $2, $3, $4::jsonb)`,
      [geofenceId, `限行区 ${t.marker}`, t.districtCode, JSON.stringify(circle)],
    );
    const banId = randomUUID();
    await db.query(
      `INSERT INTO ban_windows (id, name, district_code, zone_ids, goods_classes, daily, basis)
       VALUES ($1, $2, $3, $4::uuid[], '{3}', '[{"start":"22:00","end":"06:00"}]', $5)`,
      [banId, `夜间限行 ${t.marker}`, t.districtCode, [geofenceId], `通告 ${t.marker}`],
    );
    await db.query(
      `INSERT INTO trips (id, vehicle_id, enterprise_id, district_code, started_at, ended_at, start_lat, start_lon,
         end_lat, end_lon, distance_m, moving_s, ending, waybill_id)
       VALUES ($1, $2, $3, $4, '2026-11-02T01:00:00Z', '2026-11-02T02:00:00Z', 41.1, 122.0, 41.2, 122.1, 12000,
         3000, $5, NULL)`,
      [`${randomUUID()}:trip:trip:1`, randomUUID(), t.enterpriseId, t.districtCode, `stop ${t.marker}`],
    );
    // The company's thresholds, set by its county (the enterprise and vehicle ids come from the archives' fixture).
    await db.query(
      `INSERT INTO rule_params (scope_type, scope_id, overrides, basis) VALUES ('enterprise', $1, '{"parkingMinSec": 1200}', $2)`,
      [t.enterpriseId, `通告 ${t.marker}`],
    );
    const thresholds = { overrides: { parkingMinSec: 900 }, basis: `阈值 ${t.marker}` };
    return {
      params: { geofenceId, banId },
      bodies: {
        'POST /api/rules/geofences': {
          kind: 'ban_zone',
          name: `新区 ${t.marker}`,
          districtCode: t.districtCode,
          shape: circle,
        },
        'PATCH /api/rules/geofences/:geofenceId': { version: 1, name: `改名 ${t.marker}` },
        'POST /api/rules/bans': {
          name: `限行 ${t.marker}`,
          districtCode: t.districtCode,
          zoneIds: [geofenceId],
          daily: [{ start: '22:00', end: '06:00' }],
        },
        'PATCH /api/rules/bans/:banId': { version: 1, name: `改名 ${t.marker}` },
        'PUT /api/rules/params/city': thresholds,
        'PUT /api/rules/params/enterprises/:enterpriseId': thresholds,
        'PUT /api/rules/params/vehicles/:vehicleId': thresholds,
      },
      async snapshot() {
        const q = async (sql: string) => (await db.query(sql, [t.districtCode])).rows;
        return {
          geofences: await q('SELECT * FROM geofences WHERE district_code = $1 ORDER BY id'),
          bans: await q('SELECT * FROM ban_windows WHERE district_code = $1 ORDER BY id'),
          trips: await q('SELECT * FROM trips WHERE district_code = $1 ORDER BY id'),
          // The city's layer too: no tenant's actor may set it.
          thresholds: await q(
            `SELECT p.* FROM rule_params p LEFT JOIN vehicles v ON v.id = p.scope_id
              LEFT JOIN enterprises e ON e.id = coalesce(v.enterprise_id, p.scope_id)
              WHERE e.district_code = $1 OR (p.scope_type = 'city' AND $1 IS NOT NULL) ORDER BY p.scope_type, p.scope_id`,
          ),
        };
      },
    };
  },
};
