/**
 * The positions module's data for the route walker: a body for the company platforms' intake
 * naming the tenant's archived vehicle (the archives fixture's plate), and the tenant's stored
 * and live positions as the snapshot, so a post by another tenant's key that reached them shows.
 * Track and live routes take `:vehicleId` from the archives fixture.
 */
import type { ScopeFixture } from '../../testing/scope-walk.js';
import { tenantPlate } from '../archives/scope-fixture.js';

export const positionsScopeFixture: ScopeFixture = {
  module: 'positions',
  async create(db, t) {
    return {
      params: {},
      bodies: {
        'POST /api/ingest/positions': {
          positions: [
            {
              plateNumber: tenantPlate(t),
              deviceTime: new Date(Date.now() - 60_000).toISOString(),
              lat: 41.1197,
              lon: 122.0709,
              speed: 40,
              heading: 90,
              altitude: 4,
            },
          ],
        },
      },
      async snapshot() {
        const q = async (table: string) =>
          (
            await db.query(
              `SELECT p.* FROM ${table} p JOIN vehicles v ON v.id::text = p.vehicle_id
                WHERE v.enterprise_id = $1 ORDER BY p.vehicle_id, p.device_time`,
              [t.enterpriseId],
            )
          ).rows;
        return { positions: await q('positions'), live: await q('vehicle_live') };
      },
    };
  },
};
