/**
 * The positions module: starts the position pipeline with the app, stops it on close, exposes
 * it as `app.positions` (for the gateway, registered after this module) and adds the track and
 * live routes and the company platforms' HTTP intake (`POST /api/ingest/positions`).
 */
import websocket from '@fastify/websocket';
import type { App, AppDeps, ModulePlugin } from '../../platform/http/app.js';
import { archiveVehicleDirectory } from '../archives/lookup.js';
import type { VehicleDirectory } from './directory.js';
import { httpIntakeRoutes } from './http-intake-routes.js';
import { createPositionPipeline, type PipelineOptions, type PositionPipeline } from './pipeline.js';
import { positionRoutes } from './routes.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The position pipeline: `app.positions.ingest(positions)` resolves once they are durable. */
    positions: PositionPipeline;
  }
}

export interface PositionsModuleOptions extends PipelineOptions {
  /** Who owns each vehicle; defaults to the archive (vehicle → enterprise → district). */
  directory?: VehicleDirectory;
}

export function positionsModule(options: PositionsModuleOptions = {}): ModulePlugin {
  return async (app: App, deps: AppDeps) => {
    const pipeline = createPositionPipeline(deps, options);
    await pipeline.start();
    app.decorate('positions', pipeline);
    app.addHook('onClose', async () => {
      await pipeline.stop();
    });
    // Other modules (alarms) may push over WebSocket too: register the plugin once.
    if (!app.hasDecorator('websocketServer')) await app.register(websocket);
    positionRoutes(app, {
      config: deps.config,
      store: pipeline.store,
      live: pipeline.live,
      directory: options.directory ?? archiveVehicleDirectory(deps.db),
    });
    httpIntakeRoutes(app, { config: deps.config, db: deps.db, pipeline });
  };
}
