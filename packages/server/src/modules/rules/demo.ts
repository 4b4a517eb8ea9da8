/**
 * Demo mode only: one clearly labelled demo ban and one demo restricted zone (禁行区), so the ban
 * and restricted-zone rules have something to act on in the Panjin demo. Hazmat time bans and
 * restricted zones are local police notices (regulations.md Appendix 5), so none is shipped as a
 * fact: these are named and based "演示数据" and are loaded with the demo archives.
 */
import type { Queryable } from '../../platform/db/db.js';
import { checkGeofence, type GeofenceFields, type ShapeInput } from './zones.js';

export const DEMO_ZONE_ID = 'd3d0ba00-0000-4000-8000-000000000001';
export const DEMO_BAN_ID = 'd3d0ba00-0000-4000-8000-000000000002';
export const DEMO_RESTRICTED_ZONE_ID = 'd3d0ba00-0000-4000-8000-000000000003';

/**
 * The core of Xinglongtai's city centre, east of the municipal offices, about 1.6 km × 1.2 km:
 * closed to every vehicle carrying dangerous goods (no goods classes: all of them). No demo place
 * (lot, filling site, chemical park, checkpoint) lies within 2 km of it, and the simulated fleet
 * plans its trips around it (sim/fleet.ts `demoPlan`); the `zone` behaviour drives into it.
 */
export const demoRestrictedZone: GeofenceFields & { shape: ShapeInput } = {
  kind: 'restricted_zone',
  name: '兴隆台区中心城区禁行区（演示）',
  shape: {
    type: 'polygon',
    coordinates: [
      [122.0805, 41.1146],
      [122.0995, 41.1146],
      [122.0995, 41.1254],
      [122.0805, 41.1254],
      [122.0805, 41.1146],
    ],
  },
  goodsClasses: null,
};

/** The centre of Xinglongtai (兴隆台区, Panjin's city centre), about 4 km × 3 km. */
const CITY_CENTRE: [number, number][] = [
  [122.045, 41.105],
  [122.095, 41.105],
  [122.095, 41.135],
  [122.045, 41.135],
  [122.045, 41.105],
];

/** The demo restricted zone, checked as the geofence API checks a new one. */
export async function loadDemoRestrictedZone(db: Queryable): Promise<void> {
  const problems = checkGeofence(demoRestrictedZone);
  if (problems.length > 0) throw new Error(`demo restricted zone: ${JSON.stringify(problems)}`);
  await db.query(
    `INSERT INTO geofences (id, kind, name, district_code, shape, goods_classes, remarks)
     VALUES ($1, 'restricted_zone', $2, '211103', $3::jsonb, NULL, '演示数据 demo data')
     ON CONFLICT (id) DO NOTHING`,
    [DEMO_RESTRICTED_ZONE_ID, demoRestrictedZone.name, JSON.stringify(demoRestrictedZone.shape)],
  );
}

export async function loadDemoBans(db: Queryable): Promise<void> {
  await db.query(
    `INSERT INTO geofences (id, kind, name, district_code, shape, remarks)
     VALUES ($1, 'ban_zone', '兴隆台城区（演示）', '211103', $2::jsonb, '演示数据 demo data')
     ON CONFLICT (id) DO NOTHING`,
    [DEMO_ZONE_ID, JSON.stringify({ type: 'polygon', coordinates: CITY_CENTRE })],
  );
  await db.query(
    `INSERT INTO ban_windows (id, name, district_code, zone_ids, goods_classes, daily, basis)
     VALUES ($1, '城区夜间限行：易燃气体、剧毒化学品（演示）', '211103', $2::uuid[], '{2.1,2.3,highly_toxic}',
       '[{"start":"22:00","end":"06:00"}]', '演示数据，非真实通告 / demo data, not a real notice')
     ON CONFLICT (id) DO NOTHING`,
    [DEMO_BAN_ID, [DEMO_ZONE_ID]],
  );
}
