// The gateway API: sessions and commands through HTTP, with a simulated terminal over TCP.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, makeSession, makeUser, migratedApp, testConfig } from '../accounts/testing.js';
import { modules } from '../../modules.js';
import { fileDriver, fileTerminal, freePort, makeEnterprise, simTerminalFor } from '../../gateway/testing.js';
import type { Db } from '../../platform/db/db.js';
import { testDatabases } from '../../platform/db/testing.js';
import type { App } from '../../platform/http/app.js';
import type { SimTerminal } from '../../sim/terminal.js';

async function until<T>(get: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await get();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

for (const target of testDatabases()) {
  describe(`gateway routes (${target.name})`, () => {
    let db: Db;
    let cleanup: () => Promise<void>;
    let app: App;
    let sim: SimTerminal | undefined;
    beforeEach(async () => {
      ({ db, cleanup } = await target.open());
    });
    afterEach(async () => {
      sim?.dropConnection();
      await app?.close();
      await cleanup();
    });

    it('lists sessions in scope and sends a text message the terminal acknowledges; other companies get 404', async () => {
      const port = await freePort();
      app = await migratedApp(db, modules, testConfig({ GATEWAY_PORT: String(port), SIM_VEHICLES: '0' }));
      await app.listen({ host: '127.0.0.1', port: 0 }); // the gateway opens when the HTTP server listens
      const own = await makeEnterprise(db, '211102');
      const other = await makeEnterprise(db, '211103');
      const t = await fileTerminal(db, own, 11);
      sim = simTerminalFor(port, t, 2013, 'R1');
      await sim.connect();
      const admin = await makeUser(db, 'enterprise_monitor', { kind: 'enterprise', enterpriseId: own });
      const stranger = await makeUser(db, 'enterprise_admin', { kind: 'enterprise', enterpriseId: other });
      const mine = bearer((await makeSession(db, admin.id)).token);
      const theirs = bearer((await makeSession(db, stranger.id)).token);

      const sessions = await app.inject({ method: 'GET', url: '/api/gateway/sessions', headers: mine });
      expect(sessions.statusCode).toBe(200);
      expect(sessions.json()).toMatchObject({
        total: 1,
        items: [{ vehicleId: t.vehicleId, plate: t.plate }],
      });
      const none = await app.inject({ method: 'GET', url: '/api/gateway/sessions', headers: theirs });
      expect(none.json()).toEqual({ items: [], total: 0 });

      const url = `/api/gateway/vehicles/${t.vehicleId}/commands`;
      const denied = await app.inject({
        method: 'POST',
        url,
        headers: theirs,
        payload: { kind: 'text', text: 'x' },
      });
      expect(denied.statusCode).toBe(404);
      const bad = await app.inject({
        method: 'POST',
        url,
        headers: mine,
        payload: { kind: 'set_parameters', parameters: [{ id: 0x0055, value: 'fast' }] },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ code: 'GATEWAY_COMMAND_INVALID' });

      const sent = await app.inject({
        method: 'POST',
        url,
        headers: mine,
        payload: { kind: 'text', text: '请按规定路线行驶' },
      });
      expect(sent.statusCode).toBe(201);
      const id = (sent.json() as { id: string }).id;
      await sim.until(() => sim!.texts.length === 1);
      const read = await until(
        () => app.inject({ method: 'GET', url: `/api/gateway/commands/${id}`, headers: mine }),
        (r) => (r.json() as { status: string }).status !== 'sent',
      );
      expect(read.json()).toMatchObject({
        id,
        status: 'acknowledged',
        kind: 'text',
        messageId: 0x8300,
        result: 0,
      });
      expect(
        (await app.inject({ method: 'GET', url: `/api/gateway/commands/${id}`, headers: theirs })).statusCode,
      ).toBe(404);
      const list = await app.inject({ method: 'GET', url, headers: mine });
      expect(list.json()).toMatchObject({ items: [{ id }] });

      sim.dropConnection();
      await new Promise((r) => setTimeout(r, 100));
      const offline = await app.inject({
        method: 'POST',
        url,
        headers: mine,
        payload: { kind: 'location_query' },
      });
      expect(offline.statusCode).toBe(409);
      expect(offline.json()).toMatchObject({ code: 'GATEWAY_TERMINAL_OFFLINE' });

      const metrics = await app.inject({ method: 'GET', url: '/metrics' });
      expect(metrics.body).toContain('weiyun_gateway_frames_out_total{id="0x8300"} 1');
    });

    it("lists the vehicle's IC-card reports, newest first, in scope; other companies get 404", async () => {
      const port = await freePort();
      app = await migratedApp(db, modules, testConfig({ GATEWAY_PORT: String(port), SIM_VEHICLES: '0' }));
      await app.listen({ host: '127.0.0.1', port: 0 });
      const own = await makeEnterprise(db, '211102');
      const other = await makeEnterprise(db, '211103');
      const t = await fileTerminal(db, own, 12, { edition: 2019 });
      const driver = await fileDriver(db, own, 12, '钱驾驶');
      sim = simTerminalFor(port, t, 2019, 'R2');
      await sim.connect();
      sim.setDriverCard({
        driverName: '钱驾驶',
        certificateNumber: driver.qualificationNo,
        issuingAuthority: '盘锦市交通运输局',
        expiry: '20280101',
        idNumber: driver.idNumber,
      });
      // A report from when the vehicle was another company's: not that company's history to show.
      await db.query(
        `INSERT INTO driver_card_events (vehicle_id, terminal_id, enterprise_id, district_code, status, driver_name, device_time, received_at)
         VALUES ($1, $2, $3, '211103', 'inserted', '前车主的司机', now() - interval '1 day', now() - interval '1 day')`,
        [t.vehicleId, t.terminalId, other],
      );
      const token = async (role: Parameters<typeof makeUser>[1], scope: Parameters<typeof makeUser>[2]) =>
        bearer((await makeSession(db, (await makeUser(db, role, scope)).id)).token);
      const mine = await token('enterprise_monitor', { kind: 'enterprise', enterpriseId: own });
      const theirs = await token('enterprise_monitor', { kind: 'enterprise', enterpriseId: other });
      const county = await token('county_regulator', { kind: 'district', districtCode: '211102' });
      const url = `/api/gateway/vehicles/${t.vehicleId}/driver-cards`;
      const list = await until(
        async () => (await app.inject({ url, headers: mine })).json(),
        (b: { items?: unknown[] }) => (b.items?.length ?? 0) === 1,
      );
      expect(list.items).toEqual([
        {
          id: expect.any(String),
          status: 'inserted',
          personId: driver.personId,
          personName: '钱驾驶',
          driverName: '钱驾驶',
          certificateNumber: driver.qualificationNo,
          issuingAuthority: '盘锦市交通运输局',
          cardExpiry: '20280101',
          idNumber: driver.idNumber,
          deviceTime: expect.any(String),
          receivedAt: expect.any(String),
        },
      ]);
      expect((await app.inject({ url, headers: county })).json().items).toHaveLength(1);
      expect((await app.inject({ url, headers: theirs })).statusCode).toBe(404);
      sim.setDriverCard(null); // pulled
      const after = await until(
        async () => (await app.inject({ url, headers: mine })).json(),
        (b: { items?: { status: string }[] }) => (b.items?.length ?? 0) === 2,
      );
      expect(after.items!.map((i) => i.status)).toEqual(['removed', 'inserted']);

      // A range (the track page's): the reports in it, and the one in force when it begins.
      const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
      for (const [h, status, name] of [
        [5, 'inserted', '甲'],
        [3, 'inserted', '乙'],
        [2, 'removed', null],
        [1.5, 'inserted', '丙'],
      ] as const) {
        await db.query(
          `INSERT INTO driver_card_events (vehicle_id, terminal_id, enterprise_id, district_code, status, driver_name, received_at)
           VALUES ($1, $2, $3, '211102', $4, $5, $6)`,
          [t.vehicleId, t.terminalId, own, status, name, hoursAgo(h)],
        );
      }
      const ranged = (from: number, to: number) =>
        app.inject({
          url: `${url}?from=${encodeURIComponent(hoursAgo(from))}&to=${encodeURIComponent(hoursAgo(to))}`,
          headers: mine,
        });
      const r = await ranged(4, 1.75);
      expect(r.statusCode).toBe(200);
      expect(
        r.json().items.map((i: { status: string; driverName: string | null }) => [i.status, i.driverName]),
      ).toEqual([
        ['removed', null],
        ['inserted', '乙'],
        ['inserted', '甲'], // in the reader at the start
      ]);
      // The earlier owner's report (a day ago) is the last before this range, but not this company's to show.
      expect((await ranged(23, 22)).json().items).toEqual([]);
      expect((await ranged(1, 2)).statusCode).toBe(400); // from after to
      expect((await app.inject({ url: `${url}?from=yesterday`, headers: mine })).statusCode).toBe(400);
    });
  });
}
