/**
 * The gateway module: owns the JT/T 808 TCP gateway (src/gateway) and its command service, opens
 * the TCP port when the HTTP server starts listening (tests that only inject never bind it), and
 * adds the routes: live sessions, commands to a vehicle's terminal, their records, /metrics.
 * Registered after the positions module: positions go to `app.positions.ingest()`.
 */
import type { Config } from '../../config.js';
import { CommandService } from '../../gateway/commands.js';
import { defaultRateExempt, Gateway, type GatewayOptions } from '../../gateway/gateway.js';
import type { App, AppDeps, ModulePlugin } from '../../platform/http/app.js';
import type { Fleet } from '../../sim/fleet.js';
import { startFleet } from '../../sim/run.js';
import { dropOldCardReports } from './card-retention.js';
import { gatewayRoutes } from './routes.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The terminal gateway and the command service (alarm handling sends 0x8300 through it). */
    gateway: { server: Gateway; commands: CommandService };
  }
}

export function gatewayOptionsFrom(config: Config): GatewayOptions {
  return {
    host: config.HOST,
    port: config.GATEWAY_PORT,
    maxConnections: config.GATEWAY_MAX_CONNECTIONS,
    connectionsPerIpPerMinute: config.GATEWAY_CONNECTIONS_PER_IP_PER_MINUTE,
    rateExemptIps: defaultRateExempt,
    authTimeoutMs: config.GATEWAY_AUTH_TIMEOUT_S * 1000,
    heartbeatMs: config.GATEWAY_HEARTBEAT_S * 1000,
    maxFrameBytes: config.GATEWAY_MAX_FRAME_BYTES,
    badFrameLimit: config.GATEWAY_BAD_FRAME_LIMIT,
    maxIngestPending: config.GATEWAY_MAX_INGEST_PENDING,
  };
}

export const gatewayModule: ModulePlugin = (app: App, deps: AppDeps) => {
  const logger = deps.logger.child({ cat: 'gateway' });
  const server = new Gateway({
    db: deps.db,
    ingest: (p) => app.positions.ingest(p),
    logger,
    options: gatewayOptionsFrom(deps.config),
  });
  const commands = new CommandService(server, deps.db, logger, {
    timeoutMs: deps.config.GATEWAY_COMMAND_TIMEOUT_S * 1000,
    retries: deps.config.GATEWAY_COMMAND_RETRIES,
  });
  app.decorate('gateway', { server, commands });
  let fleet: Fleet | undefined;
  const { config } = deps;
  if (config.GATEWAY_PORT > 0) {
    app.addHook('onListen', async () => {
      const port = await server.start();
      // Demo mode: a simulated fleet of the demo archive's vehicles keeps the console alive.
      if (config.WEIYUN_MODE === 'demo' && config.SIM_VEHICLES > 0) {
        fleet = await startFleet(deps.db, config.SIM_VEHICLES, {
          host: '127.0.0.1',
          port,
          reportEveryS: config.SIM_REPORT_INTERVAL_S,
          behaviourList: config.SIM_BEHAVIOURS,
          onError: (err, plate) => logger.debug({ err, plate }, 'simulated terminal could not connect'),
        });
        logger.info({ vehicles: fleet.size }, 'simulated fleet started');
      }
    });
  }
  // The IC-card log lives as long as the tracks (POSITION_RETENTION_DAYS).
  let upkeep: NodeJS.Timeout | undefined;
  const dropOld = (): Promise<void> =>
    dropOldCardReports(deps.db, config.POSITION_RETENTION_DAYS).then(
      (n) => {
        if (n > 0) logger.info({ deleted: n }, 'IC-card reports past the retention deleted');
      },
      (err: unknown) => logger.error({ err }, 'IC-card retention failed'),
    );
  app.addHook('onReady', async () => {
    await dropOld();
    upkeep = setInterval(() => void dropOld(), 3_600_000);
    upkeep.unref();
  });
  // Close terminal sessions before the pipeline stops (onClose hooks run in reverse order).
  app.addHook('preClose', async () => {
    clearInterval(upkeep);
    await fleet?.stop();
    commands.stop();
    await server.stop();
  });
  gatewayRoutes(app, { db: deps.db, server, commands });
};
