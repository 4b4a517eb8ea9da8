/**
 * The server the console's browser tests start when they need to raise events themselves: the
 * same wiring as main.ts (config, migrations, demo archives and accounts, bus, every module),
 * plus one line protocol on standard input for the test — `{"publish":{"subject","data"}}`
 * publishes a JSON message on the bus (e.g. a rule-engine `RuleEvent` on `events.rules.overspeed`,
 * which the alarms module turns into an alarm exactly as in production) and answers
 * `published <n>` on standard output. Not used by `npm start`.
 */
import { createInterface } from 'node:readline';
import { loadConfig } from '../config.js';
import { bootstrapAccounts } from '../modules/accounts/bootstrap.js';
import { bootstrapArchives } from '../modules/archives/bootstrap.js';
import { modules } from '../modules.js';
import { openBus } from '../platform/bus/open.js';
import { loadMigrations, migrate } from '../platform/db/migrate.js';
import { openDatabase } from '../platform/db/open.js';
import { buildApp } from '../platform/http/app.js';
import { createLogger } from '../platform/logger.js';

async function start(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config);
  const db = await openDatabase(config);
  await migrate(db, await loadMigrations());
  await bootstrapArchives(db, config);
  await bootstrapAccounts(db, config, () => undefined);
  const bus = await openBus(config, logger, db);
  const app = await buildApp({ config, db, bus, logger }, modules);
  await app.listen({ host: config.HOST, port: config.PORT });

  let published = 0;
  createInterface({ input: process.stdin }).on('line', (line) => {
    void (async () => {
      try {
        const cmd = JSON.parse(line) as { publish?: { subject: string; data: unknown; msgId?: string } };
        if (!cmd.publish) throw new Error('unknown command');
        const { subject, data, msgId } = cmd.publish;
        await bus.publish(subject, new TextEncoder().encode(JSON.stringify(data)), msgId ? { msgId } : {});
        process.stdout.write(`published ${++published}\n`);
      } catch (err) {
        process.stdout.write(`error ${err instanceof Error ? err.message : String(err)}\n`);
      }
    })();
  });

  const stop = (): void => {
    void (async () => {
      await app.close();
      await bus.close();
      await db.close();
      process.exit(0);
    })();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

start().catch((err: unknown) => {
  process.stderr.write(
    `console test server failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
