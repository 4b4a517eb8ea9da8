/**
 * Demo mode only: one clearly labelled demo ban, so the ban rule has something to act on in the
 * Panjin demo. Hazmat time bans are local police notices (regulations.md Appendix 5), so none is
 * shipped as a fact: this one is named and based "演示数据" and is loaded with the demo archives.
 */
import type { Queryable } from '../../platform/db/db.js';

export const DEMO_ZONE_ID = 'd3d0ba00-0000-4000-8000-000000000001';
export const DEMO_BAN_ID = 'd3d0ba00-0000-4000-8000-000000000002';

/** The centre of Xinglongtai (兴隆台区, Panjin's city centre), about 4 km × 3 km. */
const CITY_CENTRE: [number, number][] = [
  [122.045, 41.105],
  [122.095, 41.105],
  [122.095, 41.135],
  [122.045, 41.135],
  [122.045, 41.105],
];

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
