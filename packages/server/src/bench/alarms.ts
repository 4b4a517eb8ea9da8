/**
 * Alarms benchmark on PGlite: rule events turned into alarms through the service (a started event
 * opens an alarm: lookup, insert, step, push; an updated event locks and updates it), a workflow
 * step over HTTP, the deadline clock over many due alarms, and the handling-rate query.
 * Run: npm run bench:alarms
 */
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { createInProcessBus } from '../platform/bus/inprocess.js';
import { loadMigrations, migrate } from '../platform/db/migrate.js';
import { openPglite } from '../platform/db/pglite.js';
import { buildApp } from '../platform/http/app.js';
import { accountsModule } from '../modules/accounts/routes.js';
import { bearer, makeSession, makeUser, testConfig } from '../modules/accounts/testing.js';
import { fromRuleEvent } from '../modules/alarms/events.js';
import { createAlarmsModule } from '../modules/alarms/index.js';
import { handlingRates } from '../modules/alarms/stats.js';
import { company, manualClock, ruleEvent } from '../modules/alarms/testing.js';

const N = Number(process.argv[2] ?? 2000);
const clock = manualClock('2026-11-02T01:00:00Z');
const db = await openPglite({ dataDir: 'memory://' });
await migrate(db, await loadMigrations());
const plugin = createAlarmsModule({ now: clock.now });
const app = await buildApp(
  {
    config: testConfig({ ALARM_TICK_INTERVAL_MS: '0' }),
    db,
    bus: createInProcessBus(),
    logger: pino({ level: 'silent' }),
  },
  [accountsModule, plugin],
);
await app.ready();
const alarms = plugin.instance!;
// The city's hub with ten listeners, so a push is part of each opening.
for (let i = 0; i < 10; i++) alarms.hub.subscribe({ kind: 'city' }, () => undefined);

const companies: Awaited<ReturnType<typeof company>>[] = [];
for (let i = 0; i < 20; i++)
  companies.push(await company(db, i % 2 ? '211102' : '211103', `盘锦危运${i}有限公司`));

const signal = (i: number, phase: 'started' | 'updated') => {
  const c = companies[i % companies.length]!;
  const s = fromRuleEvent(
    ruleEvent(c, {
      id: `bench-${i}`,
      phase,
      at: Date.parse('2026-11-02T01:00:00Z') + (phase === 'updated' ? 1000 : 0),
    }),
  );
  if (typeof s === 'string') throw new Error(s);
  return s;
};

let t = performance.now();
for (let i = 0; i < N; i++) await alarms.service.ingest(signal(i, 'started'));
let ms = performance.now() - t;
console.log(
  `open ${N} alarms (started events): ${((N / ms) * 1000).toFixed(0)} alarms/s, ${(ms / N).toFixed(2)} ms each`,
);

t = performance.now();
for (let i = 0; i < N; i++) await alarms.service.ingest(signal(i, 'updated'));
ms = performance.now() - t;
console.log(`update ${N} alarms (updated events): ${((N / ms) * 1000).toFixed(0)} events/s`);

const monitor = bearer(
  (
    await makeSession(
      db,
      (
        await makeUser(db, 'enterprise_monitor', {
          kind: 'enterprise',
          enterpriseId: companies[0]!.enterpriseId,
        })
      ).id,
    )
  ).token,
);
const mine = (await app.inject({ url: '/api/alarms?pageSize=500', headers: monitor })).json<{
  items: { id: string }[];
}>();
const steps = Math.min(200, mine.items.length);
t = performance.now();
for (let i = 0; i < steps; i++) {
  await app.inject({
    method: 'POST',
    url: `/api/alarms/${mine.items[i]!.id}/handle`,
    headers: monitor,
    payload: { action: 'contact_driver', note: '电话提醒' },
  });
}
ms = performance.now() - t;
console.log(
  `workflow step over HTTP (auth, lock, step, audit, push): ${(ms / steps).toFixed(2)} ms each (n=${steps})`,
);

clock.advance(11);
t = performance.now();
const { escalated } = await alarms.tick();
ms = performance.now() - t;
console.log(
  `deadline tick: ${escalated} alarms escalated in ${ms.toFixed(0)} ms (${((escalated / ms) * 1000).toFixed(0)}/s)`,
);

t = performance.now();
const rates = await handlingRates(
  db,
  { id: 'b', name: 'b', role: 'city_regulator', scope: { kind: 'city' }, via: 'session' },
  'enterprise',
  '2026-11',
  '2026-11',
);
console.log(
  `handling rate by enterprise over ${rates.overall.total} alarms: ${(performance.now() - t).toFixed(1)} ms`,
);

await app.close();
await db.close();
