/**
 * The waybills module: the service, the routes and the tracker on the position stream (after the
 * positions module). `app.waybills` exposes the service and the tracker.
 */
import type { Config } from '../../config.js';
import type { App, AppDeps, ModulePlugin } from '../../platform/http/app.js';
import type { CheckParams } from './checks/context.js';
import { parseBehaviours } from '../../sim/behaviours.js';
import { dispatchDemoWaybills, msUntilNextDemoDispatch } from './demo.js';
import { waybillRoutes } from './routes.js';
import { noSanctionSource, type SanctionSource } from './sanctions.js';
import { WaybillService } from './service.js';
import { WaybillTracker } from './tracker.js';
import type { TrackParams } from './track-steps.js';

export interface WaybillsModule {
  service: WaybillService;
  tracker: WaybillTracker;
}

declare module 'fastify' {
  interface FastifyInstance {
    waybills: WaybillsModule;
  }
}

export interface WaybillsModuleOptions {
  now?: () => Date;
  /** The assessment's sanctions; none until the assessment module provides them. */
  sanctions?: SanctionSource;
}

export function checkParamsFromConfig(c: Config): CheckParams {
  return {
    terminalOnlineMinutes: c.WAYBILL_TERMINAL_ONLINE_MINUTES,
    maxAgeYears: c.WAYBILL_PERSON_MAX_AGE,
    driverCertCategory: c.WAYBILL_DRIVER_CERT_CATEGORY,
    escortCertCategory: c.WAYBILL_ESCORT_CERT_CATEGORY,
    tankMaxM3HighlyToxic: c.WAYBILL_TANK_MAX_M3_HIGHLY_TOXIC,
    tankMaxM3Restricted: c.WAYBILL_TANK_MAX_M3_RESTRICTED,
  };
}

export function trackParamsFromConfig(c: Config): TrackParams {
  return {
    departureRadiusM: c.WAYBILL_DEPARTURE_RADIUS_M,
    arrivalRadiusM: c.WAYBILL_ARRIVAL_RADIUS_M,
    arrivalDwellMs: c.WAYBILL_ARRIVAL_DWELL_S * 1000,
  };
}

/** The plugin, and once registered the module's parts (modules are registered in an encapsulated context). */
export type WaybillsPlugin = ModulePlugin & { instance?: WaybillsModule };

export function createWaybillsModule(opts: WaybillsModuleOptions = {}): WaybillsPlugin {
  const plugin: WaybillsPlugin = async (app: App, deps: AppDeps) => {
    const service = new WaybillService({
      db: deps.db,
      params: checkParamsFromConfig(deps.config),
      sanctions: opts.sanctions ?? noSanctionSource,
      now: opts.now ?? (() => new Date()),
      // Status changes only happen once the module is up, after `tracker` below exists.
      onChange: () => tracker.refresh(),
    });
    const tracker = new WaybillTracker({
      db: deps.db,
      bus: deps.bus,
      topic: app.positions.topic,
      service,
      params: trackParamsFromConfig(deps.config),
      logger: deps.logger,
    });
    await tracker.start();
    plugin.instance = { service, tracker };
    app.decorate('waybills', plugin.instance);
    app.addHook('onClose', async () => {
      await tracker.stop();
    });
    waybillRoutes(app, service);
    const { config } = deps;
    if (config.WEIYUN_MODE === 'demo' && config.SIM_VEHICLES > 0 && config.GATEWAY_PORT > 0) {
      // The simulated fleet starts when the server listens; its waybills follow once it reports,
      // and a new day's waybills just after each midnight (China time).
      let timer: NodeJS.Timeout | undefined;
      let daily: NodeJS.Timeout | undefined;
      let attempts = 0;
      const now = opts.now ?? (() => new Date());
      const log = deps.logger.child({ cat: 'waybills' });
      const run = (): void => {
        attempts++;
        dispatchDemoWaybills({
          db: deps.db,
          service,
          params: checkParamsFromConfig(config),
          vehicles: config.SIM_VEHICLES,
          behaviours: parseBehaviours(config.SIM_BEHAVIOURS),
          now: now(),
        }).then(
          (r) => {
            log.info({ ...r, left: r.left.length }, 'demo waybills dispatched');
            for (const l of r.left) log.debug(l, 'demo vehicle left without a waybill');
            if (r.waiting > 0 && attempts < 20) timer = setTimeout(run, 15_000);
          },
          (err: unknown) => log.error({ err }, 'demo waybills could not be dispatched'),
        );
      };
      const nextDay = (): void => {
        daily = setTimeout(() => {
          clearTimeout(timer);
          attempts = 0;
          run();
          nextDay();
        }, msUntilNextDemoDispatch(now()));
      };
      app.addHook('onListen', async () => {
        timer = setTimeout(run, 20_000);
        nextDay();
      });
      app.addHook('preClose', async () => {
        clearTimeout(timer);
        clearTimeout(daily);
      });
    }
  };
  return plugin;
}

export const waybillsModule = createWaybillsModule();
