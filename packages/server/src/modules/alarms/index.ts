/**
 * The alarms module: consumes rule and certificate events into alarms, runs the deadline clock,
 * serves the workflow, statistics, supervision orders and duty checks, and pushes changes over
 * WebSocket. `app.alarms` exposes the service (tests drive `tick(now)` with their own clock).
 */
import websocket from '@fastify/websocket';
import type { App, AppDeps, ModulePlugin } from '../../platform/http/app.js';
import type { Subscription } from '../../platform/bus/bus.js';
import { startAlarmConsumers } from './consumer.js';
import { deadlinesFromConfig } from './deadlines.js';
import { DutyChecks } from './duty-checks.js';
import { AlarmHub } from './hub.js';
import { gatewayMessenger, noTerminalMessenger, type TerminalMessenger } from './messenger.js';
import { SupervisionOrders } from './orders.js';
import { orderRoutes } from './routes-orders.js';
import { alarmRoutes } from './routes.js';
import { AlarmService } from './service.js';

export interface AlarmsModule {
  service: AlarmService;
  orders: SupervisionOrders;
  dutyChecks: DutyChecks;
  hub: AlarmHub;
  /** One run of the deadline clock: escalates alarms and marks orders overdue. */
  tick(now?: Date): Promise<{ escalated: number; ordersOverdue: number }>;
}

declare module 'fastify' {
  interface FastifyInstance {
    alarms: AlarmsModule;
  }
}

export interface AlarmsModuleOptions {
  now?: () => Date;
  /** Defaults to the gateway's command service when the gateway module was registered before. */
  messenger?: TerminalMessenger;
}

/** The plugin, and once registered the module's parts (modules are registered in an encapsulated context). */
export type AlarmsPlugin = ModulePlugin & { instance?: AlarmsModule };

export function createAlarmsModule(opts: AlarmsModuleOptions = {}): AlarmsPlugin {
  const now = opts.now ?? (() => new Date());
  const plugin: AlarmsPlugin = async (app: App, deps: AppDeps) => {
    const hub = new AlarmHub();
    const service = new AlarmService({
      db: deps.db,
      deadlines: deadlinesFromConfig(deps.config),
      now,
      messenger:
        opts.messenger ??
        (app.hasDecorator('gateway') ? gatewayMessenger(app.gateway.commands) : noTerminalMessenger),
      hub,
      logger: deps.logger,
    });
    const orders = new SupervisionOrders(deps.db, hub, now, (row, event) => service.notify(row, event));
    const dutyChecks = new DutyChecks(deps.db, hub, now);
    const tick = async (at = now()) => ({
      escalated: await service.tick(at),
      ordersOverdue: await orders.tick(at),
    });
    plugin.instance = { service, orders, dutyChecks, hub, tick };
    app.decorate('alarms', plugin.instance);

    let subs: Subscription[] = [];
    let timer: NodeJS.Timeout | undefined;
    app.addHook('onReady', async () => {
      subs = await startAlarmConsumers(deps.bus, service, deps.logger, now);
      const every = deps.config.ALARM_TICK_INTERVAL_MS;
      if (every > 0) {
        timer = setInterval(() => {
          tick().catch((err: unknown) =>
            deps.logger.error({ cat: 'alarms', err }, 'alarm deadline job failed'),
          );
        }, every);
        timer.unref();
      }
    });
    app.addHook('onClose', async () => {
      if (timer) clearInterval(timer);
      for (const s of subs) await s.stop();
    });

    // The positions module may have registered it already: one registration per app.
    if (!app.hasDecorator('websocketServer')) await app.register(websocket);
    alarmRoutes(app, { service, orders, hub, now, db: deps.db });
    orderRoutes(app, orders, dutyChecks);
  };
  return plugin;
}

export const alarmsModule: AlarmsPlugin = createAlarmsModule();
