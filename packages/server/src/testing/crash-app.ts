/**
 * The whole server for the rules' crash test (modules/rules/crash.test.ts): every module as main.ts
 * wires them, on the in-process bus as the server runs it (the events' stream journaled), PostgreSQL
 * in schema CRASH_SCHEMA (migrated by the test), the gateway on CRASH_PORT and HTTP on
 * CRASH_HTTP_PORT. Prints "ready" once listening; the test kills it with SIGKILL mid-stream.
 * CRASH_NO_RECOVERY=1 runs it without the journal and the rules' replay (to show what they save).
 */
import { pino } from 'pino';
import { parseConfig } from '../config.js';
import { modules } from '../modules.js';
import { createInProcessBus } from '../platform/bus/inprocess.js';
import { serverInProcessBus } from '../platform/bus/open.js';
import { openPostgres } from '../platform/db/postgres.js';
import { buildApp } from '../platform/http/app.js';

async function main(): Promise<void> {
  const env = process.env;
  const db = await openPostgres({
    connectionString: env.DATABASE_URL!,
    poolSize: 4,
    schema: env.CRASH_SCHEMA!,
  });
  const bare = env.CRASH_NO_RECOVERY === '1';
  const config = parseConfig({
    HOST: '127.0.0.1',
    PORT: env.CRASH_HTTP_PORT,
    GATEWAY_PORT: env.CRASH_PORT,
    SIM_VEHICLES: '0',
    ARCHIVE_EXPIRY_CHECK_MINUTES: '0',
    RULES_REPLAY_MARGIN_S: bare ? '0' : '120',
    // Every fix waits out the reorder window: at any moment the engine holds each vehicle's last
    // minute in memory only, which is what a crash takes.
    RULES_REORDER_WINDOW_S: '60',
    RULES_CONTIGUOUS_GAP_S: '0',
    LOG_LEVEL: 'silent',
  });
  const logger = pino({ level: 'silent' });
  // As main (openBus), the restarted server first claims the database the killed one held.
  const bus = bare ? createInProcessBus() : await serverInProcessBus(db, logger);
  const app = await buildApp({ config, db, bus, logger }, modules);
  await app.listen({ host: config.HOST, port: config.PORT });
  process.stdout.write('ready\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
