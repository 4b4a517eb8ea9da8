/**
 * The rules module: runs the rule worker with the app (after the positions module, whose stream
 * it consumes) and stops it on close.
 */
import type { App, AppDeps, ModulePlugin } from '../../platform/http/app.js';
import { RuleWorker } from './worker.js';

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
      contiguousMs: deps.config.RULES_CONTIGUOUS_GAP_S * 1000,
    });
    await worker.start();
    app.decorate('rules', worker);
    app.addHook('onClose', async () => {
      await worker.stop();
    });
  };
}
