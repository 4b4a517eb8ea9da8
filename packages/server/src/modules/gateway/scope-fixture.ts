/**
 * The gateway module's data for the route walker: a terminal command record of the tenant (its
 * text carries the tenant's marker) and a valid command body. Vehicle ids come from the archives
 * fixture (`:vehicleId`).
 */
import { randomUUID } from 'node:crypto';
import type { ScopeFixture } from '../../testing/scope-walk.js';

export const gatewayScopeFixture: ScopeFixture = {
  module: 'gateway',
  async create(db, t) {
    const commandId = randomUUID();
    await db.query(
      `INSERT INTO gateway_commands (id, vehicle_id, terminal_id, enterprise_id, district_code, kind, message_id,
         payload, status, serial, attempts, requested_by, sent_at)
       VALUES ($1, $2, $3, $4, $5, 'text', 33536, $6, 'sent', 1, 1, $7, now())`,
      [
        commandId,
        randomUUID(),
        randomUUID(),
        t.enterpriseId,
        t.districtCode,
        JSON.stringify({ kind: 'text', text: `请减速 ${t.marker}` }),
        `walker ${t.marker}`,
      ],
    );
    return {
      params: { commandId },
      bodies: {
        'POST /api/gateway/vehicles/:vehicleId/commands': { kind: 'text', text: `注意安全 ${t.marker}` },
      },
      async snapshot() {
        return (
          await db.query('SELECT * FROM gateway_commands WHERE enterprise_id = $1 ORDER BY id', [
            t.enterpriseId,
          ])
        ).rows;
      },
    };
  },
};
