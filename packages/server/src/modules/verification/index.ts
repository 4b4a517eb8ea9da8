/**
 * The verification module: the filling-site check with the weighbridge and checkpoint
 * verification (issue #10 parts 5–6). Findings become alarm events through the outbox
 * (`verification_outbox`), published after each record commits and at start-up.
 * `app.verification` exposes the services and `flush()` (publish what is pending).
 */
import type { App, AppDeps, ModulePlugin } from '../../platform/http/app.js';
import { EVENTS_STREAM } from '../alarms/events.js';
import { CheckpointService } from './checkpoints.js';
import { publishPendingEvents } from './events.js';
import { FillingService } from './filling.js';
import { verificationRoutes } from './routes.js';

export interface VerificationModule {
  filling: FillingService;
  checkpoints: CheckpointService;
  /** Publishes every pending outbox event; resolves when the bus has them. */
  flush(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    verification: VerificationModule;
  }
}

export type VerificationPlugin = ModulePlugin & { instance?: VerificationModule };

export function createVerificationModule(opts: { now?: () => Date } = {}): VerificationPlugin {
  const now = opts.now ?? (() => new Date());
  const plugin: VerificationPlugin = async (app: App, deps: AppDeps) => {
    // One publishing run at a time; a request during a run asks for one more run after it.
    let running: Promise<void> | null = null;
    let again = false;
    let ready = false;
    const flush = (): Promise<void> => {
      if (!ready) return Promise.resolve(); // the stream exists from onReady on; start-up publishes
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        try {
          do {
            again = false;
            await publishPendingEvents(deps.db, deps.bus);
          } while (again);
        } catch (err) {
          deps.logger.error(
            { cat: 'alarms', err },
            'verification events not published; retried on the next record',
          );
        } finally {
          running = null;
        }
      })();
      return running;
    };
    const afterCommit = () => void flush();
    const filling = new FillingService(
      deps.db,
      {
        toleranceKg: deps.config.FILLING_OVERFILL_TOLERANCE_KG,
        maxGrossKg: deps.config.FILLING_MAX_GROSS_KG,
      },
      now,
      afterCommit,
    );
    const checkpoints = new CheckpointService(deps.db, now, afterCommit);
    plugin.instance = { filling, checkpoints, flush };
    app.decorate('verification', plugin.instance);
    app.addHook('onReady', async () => {
      await deps.bus.ensureStream({ name: EVENTS_STREAM, subjects: ['events.>'] });
      ready = true;
      await flush();
    });
    app.addHook('onClose', async () => {
      ready = false;
      await running;
    });
    verificationRoutes(app, { db: deps.db, config: deps.config, filling, checkpoints });
  };
  return plugin;
}

export const verificationModule = createVerificationModule();
