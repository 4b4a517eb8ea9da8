import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../platform/db/db.js';
import { testDatabases } from '../../platform/db/testing.js';
import type { App } from '../../platform/http/app.js';
import { createAccountsModule } from '../accounts/routes.js';
import {
  apiKey,
  bearer,
  makeApiKey,
  makeSession,
  makeUser,
  migratedApp,
  testConfig,
} from '../accounts/testing.js';
import { positionsModule } from './index.js';
import { insertEnterprise, insertVehicle } from './testing.js';

const ENT_A = '0a000000-0000-4000-8000-00000000000a';
const ENT_B = '0b000000-0000-4000-8000-00000000000b';
const CP_A = '0c000000-0000-4000-8000-00000000000a';

/** Whole seconds, set before each test: every time of a test counts back from it. */
let base = 0;

/** `minutesAgo` before the test's start, in China time (+08:00) as a platform would send it. */
function chinaTime(minutesAgo: number): { iso: string; utc: string } {
  const t = new Date(base - minutesAgo * 60_000);
  const local = new Date(t.getTime() + 8 * 3_600_000).toISOString().slice(0, 19);
  return { iso: `${local}+08:00`, utc: t.toISOString() };
}

const fix = (who: Record<string, unknown>, minutesAgo: number, extra: Record<string, unknown> = {}) => ({
  ...who,
  deviceTime: chinaTime(minutesAgo).iso,
  lat: 41.1197,
  lon: Number((122.0709 + minutesAgo * 1e-4).toFixed(4)),
  speed: 52.5,
  heading: 90,
  altitude: 4,
  ...extra,
});

for (const target of testDatabases()) {
  describe(`company platform position intake on ${target.name}`, () => {
    let db: Db;
    let cleanup: () => Promise<void>;
    let app: App;
    let keyA: string;
    let sessionA: string;
    let vehA: string;
    let vehB: string;
    let unfiled: string;

    const open = async (config = testConfig()) => {
      app = await migratedApp(db, [createAccountsModule(), positionsModule()], config);
      await insertEnterprise(db, ENT_A, '211103', 1);
      await insertEnterprise(db, ENT_B, '211122', 2);
      vehA = await insertVehicle(db, ENT_A, '辽L10001');
      unfiled = await insertVehicle(db, ENT_A, '辽L10002', { filing: 'submitted' });
      vehB = await insertVehicle(db, ENT_B, '辽L20001');
      const admin = await makeUser(db, 'enterprise_admin', { kind: 'enterprise', enterpriseId: ENT_A });
      keyA = await makeApiKey(
        db,
        { kind: 'enterprise', enterpriseId: ENT_A },
        ['ingest:positions'],
        admin.id,
      );
      sessionA = (await makeSession(db, admin.id)).token;
      return admin.id;
    };
    const post = (credential: Record<string, string>, positions: unknown[], lang = 'en') =>
      app.inject({
        method: 'POST',
        url: '/api/ingest/positions',
        headers: { ...credential, 'accept-language': lang },
        payload: { positions },
      });
    /** Stored rows of a vehicle, straight from the table. */
    const stored = async (vehicleId: string) =>
      (
        await db.query<{ device_time: Date; source: string; terminal_id: string; valid: boolean }>(
          'SELECT device_time, source, terminal_id, valid FROM positions WHERE vehicle_id = $1 ORDER BY device_time',
          [vehicleId],
        )
      ).rows;

    beforeEach(async () => {
      base = Math.floor(Date.now() / 1000) * 1000;
      ({ db, cleanup } = await target.open());
    });
    afterEach(async () => {
      await app.close();
      await cleanup();
    });

    it('stores accepted positions, answered after they are durable, and shows them on the track', async () => {
      await open();
      const res = await post(apiKey(keyA), [
        fix({ plateNumber: '辽L10001' }, 30, { alarms: ['overspeed'], acc: true, mileage: 1234.5 }),
        fix({ plateNumber: '辽l 10001', plateColour: 2 }, 20),
        fix({ vehicleId: vehA.toUpperCase() }, 10, { speed: 200 }),
      ]);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        accepted: 3,
        invalid: [{ index: 2, reasons: ['speed_out_of_range'] }],
        rejected: [],
      });
      // The answer came after the commit: the rows are there without waiting.
      const rows = await stored(vehA);
      expect(rows.map((r) => r.device_time.toISOString())).toEqual([30, 20, 10].map((m) => chinaTime(m).utc));
      const keyId = keyA.split('.')[0]!;
      expect(rows.map((r) => [r.source, r.terminal_id, r.valid])).toEqual([
        ['http', `api-key:${keyId}`, true],
        ['http', `api-key:${keyId}`, true],
        ['http', `api-key:${keyId}`, false],
      ]);
      const track = await app.inject({ url: `/api/vehicles/${vehA}/track`, headers: bearer(sessionA) });
      expect(track.statusCode).toBe(200);
      const points = track.json<{ points: { t: string; lon: number; speed: number; alarms: string[] }[] }>()
        .points;
      expect(points.map((p) => [p.t, p.lon, p.speed, p.alarms])).toEqual([
        [chinaTime(30).utc, 122.0739, 52.5, ['overspeed']],
        [chinaTime(20).utc, 122.0729, 52.5, []],
        [chinaTime(10).utc, 122.0719, 200, []],
      ]);
    });

    it('refuses another company’s, an unfiled and an unknown vehicle per item, storing nothing for them', async () => {
      await open();
      const res = await post(
        apiKey(keyA),
        [
          fix({ vehicleId: vehB }, 5),
          fix({ plateNumber: '辽L20001' }, 5),
          fix({ plateNumber: '辽L10002' }, 5),
          fix({ plateNumber: '辽L99999' }, 5),
          fix({ plateNumber: '辽L10001', plateColour: 1 }, 5),
          fix({ plateNumber: '辽L10001' }, 5),
        ],
        'zh-CN',
      );
      expect(res.statusCode).toBe(200);
      const unknown = { code: 'POSITION_VEHICLE_UNKNOWN', message: '本企业电子档案中没有该车辆' };
      expect(res.json()).toEqual({
        accepted: 1,
        invalid: [],
        rejected: [
          { index: 0, ...unknown },
          { index: 1, ...unknown },
          {
            index: 2,
            code: 'POSITION_VEHICLE_NOT_OPERATING',
            message: '车辆或所属企业未备案或未在营运，不能上报定位',
            reason: 'vehicle_not_filed',
          },
          { index: 3, ...unknown },
          { index: 4, ...unknown },
        ],
      });
      expect(await stored(vehB)).toEqual([]);
      expect(await stored(unfiled)).toEqual([]);
      expect((await stored(vehA)).length).toBe(1);
    });

    it('refuses a company whose filing lapsed, and a fix older than the retention', async () => {
      await open();
      await db.query(`UPDATE enterprises SET operating_status = 'suspended' WHERE id = $1`, [ENT_A]);
      const res = await post(apiKey(keyA), [fix({ vehicleId: vehA }, 5)]);
      expect(res.json().rejected).toEqual([
        {
          index: 0,
          code: 'POSITION_VEHICLE_NOT_OPERATING',
          message: 'The vehicle or its company is not filed or not in operation; its positions are refused',
          reason: 'enterprise_not_operating',
        },
      ]);
      await db.query(`UPDATE enterprises SET operating_status = 'active' WHERE id = $1`, [ENT_A]);
      const old = await post(apiKey(keyA), [fix({ vehicleId: vehA }, 200 * 24 * 60)]);
      expect(old.json()).toMatchObject({
        accepted: 0,
        rejected: [{ code: 'POSITION_TIME_OUTSIDE_RETENTION' }],
      });
      expect(await stored(vehA)).toEqual([]);
    });

    it('stores a repeated post once', async () => {
      await open();
      const batch = [fix({ plateNumber: '辽L10001' }, 3), fix({ plateNumber: '辽L10001' }, 2)];
      expect((await post(apiKey(keyA), batch)).json().accepted).toBe(2);
      // A retry after a lost answer, and the same fix twice in one request.
      expect((await post(apiKey(keyA), [...batch, batch[1]])).json().accepted).toBe(3);
      expect((await stored(vehA)).map((r) => r.device_time.toISOString())).toEqual([
        chinaTime(3).utc,
        chinaTime(2).utc,
      ]);
    });

    it('refuses a malformed item with 400 and stores nothing of the request', async () => {
      await open();
      const good = fix({ plateNumber: '辽L10001' }, 4);
      const cases: [unknown, string][] = [
        [fix({ plateNumber: '辽L10001' }, 3, { lat: 'north' }), 'body.positions.1.lat'],
        [fix({ plateNumber: '辽L10001' }, 3, { speed: -1 }), 'body.positions.1.speed'],
        [
          fix({ plateNumber: '辽L10001' }, 3, { deviceTime: '2026-12-06T08:00:00' }),
          'body.positions.1.deviceTime',
        ],
        [fix({ plateNumber: '辽L10001' }, 3, { alarms: ['on_fire'] }), 'body.positions.1.alarms.0'],
        [fix({ plateNumber: '辽L10001' }, 3, { colour: 'yellow' }), 'body.positions.1.colour'],
        [fix({}, 3), 'body.positions.1'],
        [fix({ plateNumber: '辽L10001', vehicleId: vehA }, 3), 'body.positions.1'],
      ];
      for (const [bad, field] of cases) {
        const res = await post(apiKey(keyA), [good, bad]);
        expect(res.statusCode, field).toBe(400);
        expect(res.json().code).toBe('VALIDATION_FAILED');
        expect(res.json().details.fields.map((f: { field: string }) => f.field)).toContain(field);
      }
      expect(await stored(vehA)).toEqual([]);
    });

    it('refuses an oversized batch or body with 413', async () => {
      await open(testConfig({ POSITION_HTTP_BATCH_MAX: '2' }));
      const three = [3, 2, 1].map((m) => fix({ plateNumber: '辽L10001' }, m));
      const many = await post(apiKey(keyA), three);
      expect(many.statusCode).toBe(413);
      expect(many.json()).toEqual({
        code: 'POSITION_BATCH_TOO_LARGE',
        message: 'Too many positions in one request; post them in smaller batches',
        details: { max: 2, received: 3 },
      });
      // 2 KiB of body for 2 positions.
      const big = await post(apiKey(keyA), [fix({ plateNumber: '辽L10001' }, 1, { pad: 'x'.repeat(3000) })]);
      expect(big.statusCode).toBe(413);
      expect(big.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { maxBytes: 2048 } });
      expect(await stored(vehA)).toEqual([]);
    });

    it('refuses a forged, expired or revoked key (401), a person or a checkpoint key (403)', async () => {
      const adminId = await open();
      const body = [fix({ plateNumber: '辽L10001' }, 1)];
      const [id] = keyA.split('.');
      expect((await post(apiKey(`${id}.forged-secret`), body)).statusCode).toBe(401);
      expect((await post({}, body)).statusCode).toBe(401);
      const expired = await makeApiKey(
        db,
        { kind: 'enterprise', enterpriseId: ENT_A },
        ['ingest:positions'],
        adminId,
        new Date(Date.now() - 1000),
      );
      expect((await post(apiKey(expired), body)).statusCode).toBe(401);
      await db.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1', [id]);
      expect((await post(apiKey(keyA), body)).statusCode).toBe(401);

      // A person of the company, even its admin: positions come from platforms, not sessions.
      expect((await post(bearer(sessionA), body)).json()).toMatchObject({ code: 'FORBIDDEN' });
      const checkpointKey = await makeApiKey(
        db,
        { kind: 'checkpoint', placeId: CP_A },
        ['ingest:positions'],
        adminId,
      );
      const cp = await post(apiKey(checkpointKey), body);
      expect(cp.statusCode).toBe(403);
      expect(cp.json().code).toBe('FORBIDDEN');
      const passesOnly = await makeApiKey(
        db,
        { kind: 'enterprise', enterpriseId: ENT_A },
        ['ingest:checkpoint_passes'],
        adminId,
      );
      expect((await post(apiKey(passesOnly), body)).statusCode).toBe(403);
      expect(await stored(vehA)).toEqual([]);
    });

    it('shows the route in the OpenAPI document', async () => {
      await open();
      const doc = (await app.inject('/api/docs/json')).json<{ paths: Record<string, { post?: unknown }> }>();
      expect(doc.paths['/api/ingest/positions']?.post).toMatchObject({ tags: ['positions'] });
    });
  });
}
