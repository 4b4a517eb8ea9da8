import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Scope } from '../../platform/auth.js';
import { createInProcessBus } from '../../platform/bus/inprocess.js';
import type { Db } from '../../platform/db/db.js';
import { loadMigrations, migrate } from '../../platform/db/migrate.js';
import { openPglite } from '../../platform/db/pglite.js';
import { buildApp, type App } from '../../platform/http/app.js';
import { accountsModule } from '../accounts/routes.js';
import { makeSession, makeUser, testConfig } from '../accounts/testing.js';
import { archivesModule } from '../archives/routes.js';
import { fromRuleEvent } from './events.js';
import { createAlarmsModule, type AlarmsModule } from './index.js';
import { company, ruleEvent } from './testing.js';

interface Pushed {
  type: string;
  event?: string;
  hint?: { sound: boolean; desktop: boolean };
  data?: { id: string; enterpriseId: string; plate: string };
}

describe('alarm push over WebSocket', () => {
  let db: Db;
  let app: App;
  let alarms: AlarmsModule;
  let url: string;
  const sockets: WebSocket[] = [];

  beforeEach(async () => {
    db = await openPglite({ dataDir: 'memory://' });
    await migrate(db, await loadMigrations());
    const plugin = createAlarmsModule();
    app = await buildApp(
      {
        config: testConfig({ ALARM_TICK_INTERVAL_MS: '0' }),
        db,
        bus: createInProcessBus(),
        logger: pino({ level: 'silent' }),
      },
      [accountsModule, archivesModule, plugin],
    );
    await app.listen({ host: '127.0.0.1', port: 0 });
    alarms = plugin.instance!;
    url = `ws://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/alarms/stream`;
  });
  afterEach(async () => {
    for (const s of sockets) s.terminate();
    sockets.length = 0;
    await app.close();
    await db.close();
  });

  /** A signed-in user's socket, open and greeted, collecting every message after the greeting. */
  async function connect(role: Parameters<typeof makeUser>[1], scope: Scope): Promise<Pushed[]> {
    const { token } = await makeSession(db, (await makeUser(db, role, scope)).id);
    const ws = new WebSocket(url, { headers: { authorization: `Bearer ${token}` } });
    sockets.push(ws);
    const got: Pushed[] = [];
    await new Promise<void>((resolve, reject) => {
      ws.on('message', (data: Buffer) => {
        const m = JSON.parse(data.toString()) as Pushed;
        if (m.type === 'hello') resolve();
        else got.push(m);
      });
      ws.on('error', reject);
    });
    return got;
  }

  async function until(f: () => boolean): Promise<void> {
    const end = Date.now() + 5000;
    while (!f()) {
      if (Date.now() > end) throw new Error('timed out waiting for a push');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  it("an alarm for company A reaches A's monitor, A's county and the city — never company B or another county", async () => {
    const a = await company(db, '211102', '盘锦甲危运有限公司');
    const b = await company(db, '211103', '盘锦乙危运有限公司');
    const sameDistrict = await company(db, '211102', '盘锦丙危运有限公司');
    const monitorA = await connect('enterprise_monitor', {
      kind: 'enterprise',
      enterpriseId: a.enterpriseId,
    });
    const monitorB = await connect('enterprise_monitor', {
      kind: 'enterprise',
      enterpriseId: b.enterpriseId,
    });
    const neighbour = await connect('enterprise_admin', {
      kind: 'enterprise',
      enterpriseId: sameDistrict.enterpriseId,
    });
    const countyA = await connect('county_regulator', { kind: 'district', districtCode: '211102' });
    const countyB = await connect('county_regulator', { kind: 'district', districtCode: '211103' });
    const city = await connect('city_regulator', { kind: 'city' });
    const site = await connect('system_admin', { kind: 'city' });

    const signal = fromRuleEvent(ruleEvent(a));
    if (typeof signal === 'string') throw new Error(signal);
    const raised = await alarms.service.ingest(signal);
    await until(
      () => monitorA.length === 1 && countyA.length === 1 && city.length === 1 && site.length === 1,
    );
    for (const got of [monitorA, countyA, city]) {
      expect(got[0]).toMatchObject({
        type: 'alarm',
        event: 'opened',
        hint: { sound: true, desktop: true },
        data: { id: raised!.id, enterpriseId: a.enterpriseId, plate: a.plate },
      });
    }

    // Then an alarm of B: B's monitor and county get it first and only it, so A's never came.
    const signalB = fromRuleEvent(ruleEvent(b, { severity: 'low' }));
    if (typeof signalB === 'string') throw new Error(signalB);
    const raisedB = await alarms.service.ingest(signalB);
    await until(() => monitorB.length === 1 && countyB.length === 1 && city.length === 2);
    expect(monitorB.map((m) => m.data?.id)).toEqual([raisedB!.id]);
    expect(countyB.map((m) => m.data?.id)).toEqual([raisedB!.id]);
    expect(monitorB[0]!.hint).toEqual({ sound: false, desktop: false });
    expect(monitorA).toHaveLength(1);
    expect(countyA).toHaveLength(1);
    expect(neighbour).toHaveLength(0); // same district, other company

    // A change (the company handles it) reaches the same three again.
    await alarms.service.act(
      {
        actor: {
          id: 'u',
          name: '监控员',
          role: 'enterprise_monitor',
          scope: { kind: 'enterprise', enterpriseId: a.enterpriseId },
          via: 'session',
        },
        id: 'req',
        ip: '127.0.0.1',
      },
      raised!.id,
      { kind: 'contact_driver', note: '已电话提醒' },
    );
    await until(() => monitorA.length === 2 && countyA.length === 2 && city.length === 3);
    expect(monitorA[1]).toMatchObject({ event: 'changed', data: { id: raised!.id } });
    expect(monitorB).toHaveLength(1);
    expect(countyB).toHaveLength(1);
    expect(neighbour).toHaveLength(0);
  });
});
