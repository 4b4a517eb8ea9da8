import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../platform/db/db.js';
import { testDatabases } from '../../platform/db/testing.js';
import type { App, ModulePlugin } from '../../platform/http/app.js';
import type { PositionPipeline } from '../positions/pipeline.js';
import { accountsModule } from '../accounts/routes.js';
import { bearer, makeSession, makeUser, migratedApp, testConfig } from '../accounts/testing.js';
import { archivesModule } from '../archives/routes.js';
import { goodsModule } from '../goods/index.js';
import { positionsModule } from '../positions/index.js';
import { eventually, makePosition } from '../positions/testing.js';
import { createWaybillsModule, type WaybillsModule } from './index.js';
import { testCarrier, waybillBody, type TestCarrier } from './testing.js';
import { stepWatch, type Watch } from './track-steps.js';

const params = { departureRadiusM: 500, arrivalRadiusM: 300, arrivalDwellMs: 120_000 };
// A 0.01° square (about 840 m × 1110 m) around the loading place, as a filed place's polygon.
const ring = [122.0, 41.1, 122.01, 41.1, 122.01, 41.11, 122.0, 41.11, 122.0, 41.1];

function watch(over: Partial<Watch> = {}): Watch {
  return {
    waybillId: 'w1',
    vehicleId: 'v1',
    status: 'checked',
    origin: { ring, lon: 122.005, lat: 41.105 },
    destination: { ring: null, lon: 122.1, lat: 41.0 },
    seenAtOrigin: false,
    atDestinationSince: null,
    lastFixAt: 0,
    pending: false,
    ...over,
  };
}

describe('track-driven steps (pure)', () => {
  it('departs once the vehicle was at the loading place and is then outside it', () => {
    const w = watch();
    // On its way to the loading place: far away, but never there yet, so no departure.
    expect(stepWatch(w, { lat: 41.2, lon: 122.2, at: 1000 }, params)).toBeNull();
    // Inside the polygon, at its corner (over 500 m from the centre).
    expect(stepWatch(w, { lat: 41.1095, lon: 122.0095, at: 2000 }, params)).toBeNull();
    expect(w.seenAtOrigin).toBe(true);
    // A late fix from before is ignored.
    expect(stepWatch(w, { lat: 41.2, lon: 122.2, at: 1500 }, params)).toBeNull();
    expect(stepWatch(w, { lat: 41.13, lon: 122.005, at: 3000 }, params)).toBe('depart');
    // Once taken, the step waits for the database.
    expect(stepWatch(w, { lat: 41.14, lon: 122.005, at: 4000 }, params)).toBeNull();
  });

  it('counts a loading waybill as at the loading place, and bare coordinates by the radius', () => {
    const w = watch({
      status: 'loading',
      seenAtOrigin: true,
      origin: { ring: null, lon: 122.05, lat: 41.1 },
    });
    expect(stepWatch(w, { lat: 41.1036, lon: 122.05, at: 1000 }, params)).toBeNull(); // 400 m away
    expect(stepWatch(w, { lat: 41.1054, lon: 122.05, at: 2000 }, params)).toBe('depart'); // 600 m away
  });

  it('arrives after the dwell time at the destination, starting again when it leaves', () => {
    const w = watch({ status: 'in_transit' });
    const at = (lat: number, t: number) => stepWatch(w, { lat, lon: 122.1, at: t }, params);
    expect(at(41.0, 0)).toBeNull();
    expect(at(41.0, 60_000)).toBeNull();
    expect(at(41.01, 90_000)).toBeNull(); // 1.1 km away: the stay ends
    expect(at(41.001, 100_000)).toBeNull();
    expect(at(41.001, 219_999)).toBeNull();
    expect(at(41.001, 220_000)).toBe('arrive');
  });

  it('does nothing without a place to compare with', () => {
    const w = watch({ origin: null, seenAtOrigin: true });
    expect(stepWatch(w, { lat: 45, lon: 125, at: 1 }, params)).toBeNull();
  });
});

for (const target of testDatabases()) {
  describe(`waybill tracker on ${target.name}`, { timeout: 120_000 }, () => {
    let db: Db;
    let cleanup: () => Promise<void>;
    let app: App;
    let a: TestCarrier;
    let waybills: WaybillsModule;
    let positions: PositionPipeline;
    // Modules live in an encapsulated context: reach the pipeline from a plugin beside them.
    const grab: ModulePlugin = (scoped) => {
      positions = scoped.positions;
    };

    beforeEach(async () => {
      ({ db, cleanup } = await target.open());
      const plugin = createWaybillsModule();
      app = await migratedApp(
        db,
        [accountsModule, positionsModule(), grab, archivesModule, goodsModule, plugin],
        testConfig({ WAYBILL_ARRIVAL_DWELL_S: '120', WAYBILL_ARRIVAL_RADIUS_M: '300' }),
      );
      waybills = plugin.instance!;
      a = await testCarrier(db, '211102');
    });
    afterEach(async () => {
      await app.close();
      await cleanup();
    });

    const status = async (id: string) =>
      (await db.query<{ status: string }>('SELECT status FROM waybills WHERE id = $1', [id])).rows[0]!.status;

    it('moves an active waybill to in transit and unloaded from the positions, as the system', async () => {
      const admin = bearer(
        (
          await makeSession(
            db,
            (await makeUser(db, 'enterprise_admin', { kind: 'enterprise', enterpriseId: a.enterpriseId })).id,
          )
        ).token,
      );
      const created = await app.inject({
        method: 'POST',
        url: '/api/waybills',
        headers: admin,
        payload: waybillBody(a),
      });
      const id = created.json<{ id: string }>().id;
      const submitted = await app.inject({
        method: 'POST',
        url: `/api/waybills/${id}/submit`,
        headers: admin,
      });
      expect(submitted.json().status).toBe('checked');
      await eventually(() => waybills.tracker.watched === 1);

      // Origin 122.05, 41.1; destination 122.1, 41.0 (waybillBody).
      const base = Date.now() - 3_600_000;
      let serial = 0;
      const fix = (minutes: number, lon: number, lat: number) =>
        makePosition({
          vehicleId: a.tractorId,
          terminalId: a.terminalId,
          deviceTime: new Date(base + minutes * 60_000),
          lon,
          lat,
          serial: serial++,
        });
      await positions.ingest([fix(0, 122.05, 41.1), fix(1, 122.0501, 41.1001)]);
      // Another vehicle's positions change nothing.
      await positions.ingest([makePosition({ vehicleId: a.trailerId, deviceTime: new Date(base) })]);
      await positions.ingest([fix(2, 122.07, 41.09)]);
      await eventually(async () => (await status(id)) === 'in_transit');

      await positions.ingest([fix(30, 122.1, 41.0), fix(31, 122.1005, 41.0005)]);
      expect(await status(id)).toBe('in_transit'); // not yet the dwell time
      await positions.ingest([fix(32, 122.1, 41.0)]);
      await eventually(async () => (await status(id)) === 'unloaded');

      const events = (await app.inject({ url: `/api/waybills/${id}`, headers: admin })).json();
      expect(events.waybill).toMatchObject({
        departedAt: new Date(base + 2 * 60_000).toISOString(),
        arrivedAt: new Date(base + 32 * 60_000).toISOString(),
        actions: ['close', 'cancel'],
      });
      expect(events.events.slice(-2)).toMatchObject([
        {
          action: 'depart',
          fromStatus: 'checked',
          toStatus: 'in_transit',
          actorId: null,
          actorRole: 'system',
          detail: { source: 'tracks' },
        },
        { action: 'arrive', fromStatus: 'in_transit', toStatus: 'unloaded', actorRole: 'system' },
      ]);
      const audit = await db.query<{ action: string; actor_id: string | null }>(
        `SELECT action, actor_id FROM audit_log WHERE target_id = $1 AND action IN ('waybill.depart', 'waybill.arrive') ORDER BY id`,
        [id],
      );
      expect(audit.rows).toEqual([
        { action: 'waybill.depart', actor_id: null },
        { action: 'waybill.arrive', actor_id: null },
      ]);
      // No longer active: the tracker lets the vehicle go.
      await eventually(() => waybills.tracker.watched === 0);
    });
  });
}
