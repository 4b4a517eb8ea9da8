/**
 * The rules module: runs the rule worker with the app (after the positions module, whose stream
 * it consumes) and stops it on close; serves the regulators' geofences, ban windows and
 * thresholds, the detected trips and the e-waybill usage rate. Modules that change waybills call
 * `app.rules.waybillsChanged()` so the engine sees the change at once.
 */
import type { App, AppDeps, ModulePlugin } from '../../platform/http/app.js';
import { ruleParamRoutes } from './param-routes.js';
import { RuleParamService } from './params-service.js';
import { ruleRoutes } from './routes.js';
import { RuleWorker } from './worker.js';
import { ZoneService } from './zones-service.js';

declare module 'fastify' {
  interface FastifyInstance {
    rules: RuleWorker;
  }
}

export function rulesModule(): ModulePlugin {
  return async (app: App, deps: AppDeps) => {
    const worker = new RuleWorker({
      db: deps.db,
      bus: deps.bus,
      topic: app.positions.topic,
      logger: deps.logger,
      reorderWindowMs: deps.config.RULES_REORDER_WINDOW_S * 1000,
      contextRefreshMs: deps.config.RULES_CONTEXT_REFRESH_S * 1000,
      waybillRefreshMs: deps.config.RULES_WAYBILL_REFRESH_S * 1000,
      waybillPlaceRadiusM: deps.config.RULES_WAYBILL_PLACE_RADIUS_M,
      defaultCorridorM: deps.config.RULES_WAYBILL_CORRIDOR_M,
      // The same category the waybill check asks of a waybill's driver.
      driverCertCategory: deps.config.WAYBILL_DRIVER_CERT_CATEGORY,
      maxAgeYears: deps.config.WAYBILL_PERSON_MAX_AGE,
      contiguousMs: deps.config.RULES_CONTIGUOUS_GAP_S * 1000,
      snapshotEveryMs: deps.config.RULES_SNAPSHOT_INTERVAL_S * 1000,
      // JetStream redelivers what the rules had not acknowledged; the in-process stream is gone after a crash.
      replayMarginMs: deps.bus.kind === 'inprocess' ? deps.config.RULES_REPLAY_MARGIN_S * 1000 : 0,
    });
    await worker.start();
    app.decorate('rules', worker);
    ruleRoutes(app, deps.db, new ZoneService(deps.db, () => worker.context.refreshZones()));
    ruleParamRoutes(app, new RuleParamService(deps.db, () => worker.context.refreshParams()));
    app.addHook('onClose', async () => {
      await worker.stop();
    });
  };
}
