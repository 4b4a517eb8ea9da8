/**
 * The verification module's data for the route walker: per tenant a company with a vehicle and
 * a checked waybill (its own, so the archives' fixture running at the same time is not needed),
 * a filling record at the tenant's filling site and a pass at its checkpoint, carrying the marker,
 * and valid bodies aimed at them. The sites themselves come from the archives' fixture.
 */
import { randomUUID } from 'node:crypto';
import type { ScopeFixture } from '../../testing/scope-walk.js';
import { insertFleet, insertWaybill } from './testing.js';

export const verificationScopeFixture: ScopeFixture = {
  module: 'verification',
  async create(db, t) {
    const fleet = await insertFleet(db, { districtCode: t.districtCode, marker: t.marker });
    const waybill = await insertWaybill(db, fleet, {
      districtCode: t.districtCode,
      number: `YD-${t.marker}`,
    });
    await db.query(
      `INSERT INTO filling_records (id, site_id, site_district_code, waybill_id, waybill_number, vehicle_id,
         enterprise_id, district_code, plate, plate_colour, gross_kg, tare_kg, net_kg, verdict, reasons, note,
         operator_id, operator_name, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $3, $8, 2, 29000, 15000, 14000, 'filled', '[]', $9, 'fixture', $9,
         '2026-11-01T00:00:00Z')`,
      [
        randomUUID(),
        t.fillingSiteId,
        t.districtCode,
        waybill.id,
        waybill.number,
        fleet.vehicleId,
        fleet.enterpriseId,
        fleet.plate,
        t.marker,
      ],
    );
    await db.query(
      `INSERT INTO checkpoint_passes (id, checkpoint_id, checkpoint_district_code, source, plate, plate_colour,
         passed_at, vehicle_id, enterprise_id, district_code, waybill_id, waybill_number, result, flags, note,
         recorded_by, recorded_by_name, received_at)
       VALUES ($1, $2, $3, 'camera', $4, 2, '2026-11-01T00:00:00Z', $5, $6, $3, $7, $8, 'passed', '[]', $9, 'fixture',
         $9, '2026-11-01T00:00:00Z')`,
      [
        randomUUID(),
        t.checkpointId,
        t.districtCode,
        fleet.plate,
        fleet.vehicleId,
        fleet.enterpriseId,
        waybill.id,
        waybill.number,
        t.marker,
      ],
    );
    return {
      params: { fillingSiteId: t.fillingSiteId, checkpointId: t.checkpointId },
      bodies: {
        'POST /api/filling-sites/:fillingSiteId/weighings': {
          plate: fleet.plate,
          grossKg: 29000,
          tareKg: 15000,
        },
        'POST /api/checkpoints/:checkpointId/manual-passes': {
          plate: fleet.plate,
          result: 'flagged',
          flags: ['no_waybill'],
          note: `walker ${t.marker}`,
        },
        'POST /api/checkpoints/:checkpointId/passes': {
          passes: [{ plate: fleet.plate, passedAt: new Date().toISOString() }],
        },
      },
      async snapshot() {
        const q = async (sql: string, args: unknown[]) => (await db.query(sql, args)).rows;
        return {
          records: await q(
            'SELECT * FROM filling_records WHERE site_id = $1 OR enterprise_id = $2 ORDER BY id',
            [t.fillingSiteId, fleet.enterpriseId],
          ),
          passes: await q(
            'SELECT * FROM checkpoint_passes WHERE checkpoint_id = $1 OR enterprise_id = $2 ORDER BY id',
            [t.checkpointId, fleet.enterpriseId],
          ),
          waybill: await q('SELECT id, status, version FROM waybills WHERE id = $1', [waybill.id]),
          events: await q('SELECT * FROM waybill_events WHERE waybill_id = $1 ORDER BY id', [waybill.id]),
        };
      },
    };
  },
};
