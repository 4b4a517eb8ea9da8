/**
 * The waybills module's data for the route walker: per tenant a carrier's vehicles, tank and
 * people (under the tenant's enterprise, which the archives fixture creates concurrently, so we
 * wait for it), a draft and a checked waybill carrying the tenant's marker, and valid bodies.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/db.js';
import type { ScopeFixture } from '../../testing/scope-walk.js';
import { testCarrier, waybillBody } from './testing.js';

async function enterpriseExists(db: Db, id: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if ((await db.query('SELECT 1 FROM enterprises WHERE id = $1', [id])).rows.length > 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('waybills fixture: the archives fixture did not create the enterprise');
}

export const waybillsScopeFixture: ScopeFixture = {
  module: 'waybills',
  async create(db, t) {
    await enterpriseExists(db, t.enterpriseId);
    const c = await testCarrier(db, t.districtCode, '', { enterpriseId: t.enterpriseId, marker: t.marker });
    const body = waybillBody(c, {
      consignorName: `托运人 ${t.marker}`,
      remarks: `walker ${t.marker}`,
      plannedDeparture: '2099-01-01T00:00:00Z',
      plannedArrival: '2099-01-01T06:00:00Z',
    });
    const insert = async (status: string) => {
      const id = randomUUID();
      await db.query(
        `INSERT INTO waybills (id, number, enterprise_id, district_code, status, consignor_name, consignor_phone,
           consignee_name, consignee_phone, vehicle_id, trailer_id, tank_id, driver_id, escort_id, origin_name,
           destination_name, planned_departure, planned_arrival, remarks)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
        [
          id,
          `YD${t.marker}${status}`.slice(0, 40),
          t.enterpriseId,
          t.districtCode,
          status,
          body.consignorName,
          body.consignorPhone,
          body.consigneeName,
          body.consigneePhone,
          c.tractorId,
          c.trailerId,
          c.tankId,
          c.driverId,
          c.escortId,
          body.originName,
          `目的地 ${t.marker}`,
          body.plannedDeparture,
          body.plannedArrival,
          body.remarks,
        ],
      );
      await db.query(
        `INSERT INTO waybill_lines (waybill_id, line_no, un_number, name, hazard_class, packing_group, packaging, quantity, unit)
         VALUES ($1, 1, '1203', $2, '3', 'II', 'tank', 20000, 'kg')`,
        [id, `汽油 ${t.marker}`],
      );
      await db.query(
        `INSERT INTO waybill_events (waybill_id, action, to_status, note) VALUES ($1, 'create', 'draft', $2)`,
        [id, t.marker],
      );
      return id;
    };
    const waybillId = await insert('draft');
    await insert('checked');
    return {
      params: { waybillId },
      bodies: {
        'POST /api/waybills': body,
        'PUT /api/waybills/:waybillId': body,
        'POST /api/waybills/check': body,
        'POST /api/waybills/:waybillId/steps': { action: 'start_loading' },
        'POST /api/waybills/:waybillId/cancel': { reason: `作废 ${t.marker}` },
      },
      async snapshot() {
        const q = async (sql: string) => (await db.query(sql, [t.enterpriseId])).rows;
        return {
          waybills: await q('SELECT * FROM waybills WHERE enterprise_id = $1 ORDER BY id'),
          lines: await q(
            'SELECT l.* FROM waybill_lines l JOIN waybills w ON w.id = l.waybill_id WHERE w.enterprise_id = $1 ORDER BY 1, 2',
          ),
          events: await q(
            'SELECT e.* FROM waybill_events e JOIN waybills w ON w.id = e.waybill_id WHERE w.enterprise_id = $1 ORDER BY e.id',
          ),
        };
      },
    };
  },
};
