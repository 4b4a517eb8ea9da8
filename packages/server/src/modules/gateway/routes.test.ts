// The gateway API: sessions and commands through HTTP, with a simulated terminal over TCP.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, makeSession, makeUser, migratedApp, testConfig } from '../accounts/testing.js';
import { modules } from '../../modules.js';
import { fileTerminal, freePort, makeEnterprise } from '../../gateway/testing.js';
import type { Db } from '../../platform/db/db.js';
import { testDatabases } from '../../platform/db/testing.js';
import type { App } from '../../platform/http/app.js';
import { SimTerminal } from '../../sim/terminal.js';

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
      sim = new SimTerminal({
        host: '127.0.0.1',
        port,
        phone: t.phone,
        edition: 2013,
        plate: t.plate,
        plateColor: 2,
        terminalCode: 'R1',
      });
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
  });
}
