/**
 * A gateway process for the crash test (crash.test.ts): PostgreSQL in schema CRASH_SCHEMA, the
 * position pipeline and the gateway on CRASH_PORT; prints "ready" once listening. The test kills
 * it with SIGKILL mid-stream and starts it again.
 */
import { pino } from 'pino';
import { parseConfig } from '../config.js';
import { createPositionPipeline } from '../modules/positions/pipeline.js';
import { createInProcessBus } from '../platform/bus/inprocess.js';
import { openPostgres } from '../platform/db/postgres.js';
import { testGateway } from './testing.js';

async function main(): Promise<void> {
  const db = await openPostgres({
    connectionString: process.env.DATABASE_URL!,
    poolSize: 4,
    schema: process.env.CRASH_SCHEMA!,
  });
  const logger = pino({ level: 'silent' });
  const pipeline = createPositionPipeline({ config: parseConfig({}), db, bus: createInProcessBus(), logger });
  await pipeline.start();
  const gateway = testGateway(db, (p) => pipeline.ingest(p), { port: Number(process.env.CRASH_PORT) });
  await gateway.start();
  process.stdout.write('ready\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
