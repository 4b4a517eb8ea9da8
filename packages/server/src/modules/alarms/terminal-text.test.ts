// "Contacted driver" with a text, end to end: the alarm step → the gateway's 0x8300 → a simulated
// terminal over TCP → its 0x0001 marks the command acknowledged. And a terminal that is offline.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileTerminal, freePort, makeEnterprise, simTerminalFor } from '../../gateway/testing.js';
import { modules } from '../../modules.js';
import type { Db } from '../../platform/db/db.js';
import { testDatabases } from '../../platform/db/testing.js';
import type { App } from '../../platform/http/app.js';
import type { SimTerminal } from '../../sim/terminal.js';
import { bearer, makeSession, makeUser, migratedApp, testConfig } from '../accounts/testing.js';
import { alarmsModule } from './index.js';
import { fromRuleEvent } from './events.js';
import { ruleEvent } from './testing.js';

for (const target of testDatabases()) {
  describe(`alarm text to the terminal through the gateway (${target.name})`, () => {
    let db: Db;
    let cleanup: () => Promise<void>;
    let app: App;
    let sim: SimTerminal | undefined;
    let port: number;
    let enterpriseId: string;
    let monitor: Record<string, string>;

    beforeEach(async () => {
      ({ db, cleanup } = await target.open());
      port = await freePort();
      app = await migratedApp(
        db,
        modules,
        testConfig({ GATEWAY_PORT: String(port), SIM_VEHICLES: '0', ALARM_TICK_INTERVAL_MS: '0' }),
      );
      await app.listen({ host: '127.0.0.1', port: 0 }); // the gateway opens with the HTTP server
      enterpriseId = await makeEnterprise(db, '211102');
      const user = await makeUser(db, 'enterprise_monitor', { kind: 'enterprise', enterpriseId });
      monitor = bearer((await makeSession(db, user.id)).token);
    });
    afterEach(async () => {
      sim?.dropConnection();
      sim = undefined;
      await app.close();
      await cleanup();
    });

    const raise = async (vehicleId: string): Promise<string> => {
      const signal = fromRuleEvent(ruleEvent({ enterpriseId, vehicleId }));
      if (typeof signal === 'string') throw new Error(signal);
      // The module list's own alarms plugin: its parts live in the modules' encapsulated context.
      const raised = await alarmsModule.instance!.service.ingest(signal);
      return raised!.id;
    };
    const handle = (id: string, payload: Record<string, unknown>) =>
      app.inject({ method: 'POST', url: `/api/alarms/${id}/handle`, headers: monitor, payload });
    const steps = async (id: string) =>
      (await app.inject({ url: `/api/alarms/${id}`, headers: monitor })).json().steps as {
        action: string;
        detail: Record<string, unknown>;
      }[];

    it('sends the handler’s text as 0x8300; the terminal’s 0x0001 acknowledges the command', async () => {
      const t = await fileTerminal(db, enterpriseId, 301, { edition: 2019 });
      sim = simTerminalFor(port, t, 2019, 'T0301');
      await sim.connect();
      expect(sim.state).toBe('online');
      const id = await raise(t.vehicleId);

      const r = await handle(id, {
        action: 'contact_driver',
        note: '平台下发提醒',
        text: '您已超速，请立即减速慢行',
      });
      expect(r.statusCode).toBe(200);
      const body = r.json() as { alarm: { status: string }; text: { sent: boolean; commandId: string } };
      expect(body.alarm.status).toBe('processing');
      expect(body.text.sent).toBe(true);

      await sim.until(() => sim!.texts.length === 1);
      expect(sim.texts).toEqual(['您已超速，请立即减速慢行']);
      const read = () =>
        app.inject({ url: `/api/gateway/commands/${body.text.commandId}`, headers: monitor });
      for (let i = 0; i < 100 && (await read()).json().status === 'sent'; i++)
        await new Promise((r) => setTimeout(r, 50));
      expect((await read()).json()).toMatchObject({
        vehicleId: t.vehicleId,
        kind: 'text',
        messageId: 0x8300,
        status: 'acknowledged',
        result: 0,
        payload: { kind: 'text', text: '您已超速，请立即减速慢行' },
      });
      const contact = (await steps(id)).find((s) => s.action === 'contact_driver');
      expect(contact?.detail).toEqual({
        text: '您已超速，请立即减速慢行',
        delivery: 'sent',
        commandId: body.text.commandId,
      });
    });

    it('records the step with a clear outcome when the vehicle’s terminal is offline', async () => {
      const t = await fileTerminal(db, enterpriseId, 302);
      const id = await raise(t.vehicleId);

      const r = await handle(id, { action: 'contact_driver', note: '电话未接通', text: '请立即停车休息' });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({
        alarm: { status: 'processing' },
        text: { sent: false, reason: 'GATEWAY_TERMINAL_OFFLINE' },
      });
      const contact = (await steps(id)).find((s) => s.action === 'contact_driver');
      expect(contact?.detail).toEqual({
        text: '请立即停车休息',
        delivery: 'not_sent',
        reason: 'GATEWAY_TERMINAL_OFFLINE',
      });
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM gateway_commands WHERE vehicle_id = $1`,
        [t.vehicleId],
      );
      expect(rows[0]!.n).toBe(0);
    });
  });
}
