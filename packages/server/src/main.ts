/**
 * Weiyun server entry point: reads config once, wires the adapters, migrates the database,
 * starts the HTTP server, and shuts down gracefully (stop accepting, drain, close bus and DB).
 */
import { ConfigInvalidError, loadConfig, type Config } from './config.js';
import { openBus } from './platform/bus/open.js';
import { loadMigrations, migrate } from './platform/db/migrate.js';
import { openDatabase } from './platform/db/open.js';
import { buildApp } from './platform/http/app.js';
import { createLogger } from './platform/logger.js';
import { bootstrapAccounts } from './modules/accounts/bootstrap.js';
import { bootstrapArchives } from './modules/archives/bootstrap.js';
import { modules } from './modules.js';

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigInvalidError) {
      process.stderr.write(`${err.message}\nSee docs/config.md for every key.\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config);
  const db = await openDatabase(config);
  const migrated = await migrate(db, await loadMigrations());
  logger.info(
    {
      cat: 'db',
      database: db.kind,
      applied: migrated.applied.map((m) => m.file),
      already: migrated.alreadyApplied,
    },
    'database ready',
  );
  // Stops the server; until it is up, exits (nothing to close gracefully yet).
  let stop = (_reason: string, code: number): void => process.exit(code);
  // Before the demo data: a second server refused by the in-process bus's claim writes nothing.
  // Should another server take the claim later (this one's connection dropped), this one stops.
  const bus = await openBus(config, logger, db, { onClaimLost: () => stop('in-process bus claim lost', 1) });
  const archives = await bootstrapArchives(db, config);
  if (archives.loaded)
    logger.info({ cat: 'db', rows: archives.rows, ms: archives.ms }, 'loaded the Panjin demo archives');
  await bootstrapAccounts(db, config, (text) => process.stdout.write(text));
  const app = await buildApp({ config, db, bus, logger }, modules);
  await app.listen({ host: config.HOST, port: config.PORT });
  const shown = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
  logger.info({ cat: 'app', url: `http://${shown}:${config.PORT}` }, 'Weiyun is up');
  process.stdout.write(
    `\n  Weiyun (危运) console: http://${shown}:${config.PORT}\n  API docs: http://${shown}:${config.PORT}/api/docs\n\n`,
  );

  let stopping = false;
  const shutdown = (signal: string, code = 0): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ cat: 'app', signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error({ cat: 'app' }, 'graceful shutdown timed out; exiting');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    force.unref();
    void (async () => {
      try {
        await app.close();
        await bus.close();
        await db.close();
        logger.info({ cat: 'app' }, 'stopped');
        process.exit(code);
      } catch (err) {
        logger.error({ cat: 'app', err }, 'error during shutdown');
        process.exit(1);
      }
    })();
  };
  stop = shutdown;
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(
    `Weiyun failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
