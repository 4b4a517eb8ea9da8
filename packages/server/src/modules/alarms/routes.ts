/**
 * Alarm routes: list, detail with history, the workflow steps per level (company handle, county
 * review, city supervise), bulk steps, inbox, statistics, and the push stream. Thin: schema →
 * permission (hook) → scoped service call → present.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';
import type { Db, Queryable } from '../../platform/db/db.js';
import type { App } from '../../platform/http/app.js';
import type { AlarmHub } from './hub.js';
import { markRead, unread } from './inbox.js';
import { AlarmSchema, presentAlarm, presentStep, StepSchema } from './present.js';
import { findAlarm, listAlarms, stepsOf, type AlarmRow } from './repository.js';
import type { Acting, ActionInput, AlarmService } from './service.js';
import {
  alarmCounts,
  chinaDayRange,
  chinaMonth,
  handlingRates,
  HANDLING_RATE_TARGET,
  isCalendarDay,
  monthsRange,
  type GroupBy,
} from './stats.js';
import { alarmStatuses, levels } from './workflow.js';
import { alarmSeverities } from './deadlines.js';
import { presentOrder, type SupervisionOrders } from './orders.js';

const tags = ['alarms'];

export function acting(req: FastifyRequest): Acting {
  if (!req.actor) throw new AppError('UNAUTHENTICATED');
  return { actor: req.actor, id: req.id, ip: req.ip };
}

const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Note = Type.Optional(Type.String({ maxLength: 2000 }));
const Attachments = Type.Optional(
  Type.Array(Type.Object({ name: Type.String({ maxLength: 200 }), url: Type.String({ maxLength: 1000 }) }), {
    maxItems: 20,
  }),
);
const AlarmParams = Type.Object({ alarmId: Type.String({ format: 'uuid' }) });
const Month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' });
const HandleBody = Type.Object(
  {
    action: lit(['contact_driver', 'correct', 'false_alarm', 'escalate'] as const),
    note: Note,
    text: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: 'Text to the terminal (0x8300)' }),
    ),
    attachments: Attachments,
  },
  { additionalProperties: false },
);
const ReviewBody = Type.Object(
  { action: lit(['accept', 'return', 'resolve', 'escalate'] as const), note: Note, attachments: Attachments },
  { additionalProperties: false },
);
const SuperviseBody = Type.Object(
  { action: lit(['resolve', 'return'] as const), note: Note, attachments: Attachments },
  { additionalProperties: false },
);
/** A text to the driver: sent (the gateway command to follow) or not, with the reason (e.g. GATEWAY_TERMINAL_OFFLINE). */
const TextOutcomeSchema = Type.Object({
  sent: Type.Boolean(),
  commandId: Type.Optional(Type.String()),
  reason: Type.Optional(Type.String()),
});
const BulkResult = Type.Object({
  results: Type.Array(
    Type.Object({ id: Type.String(), ok: Type.Boolean(), code: Type.Optional(Type.String()) }),
  ),
});
const RateRow = Type.Object({
  key: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
  total: Type.Integer(),
  handled: Type.Integer(),
  handledOnTime: Type.Integer(),
  handlingRate: Type.Union([Type.Number(), Type.Null()]),
  handledRate: Type.Union([Type.Number(), Type.Null()]),
  onTimeRate: Type.Union([Type.Number(), Type.Null()]),
  averageResponseSeconds: Type.Union([Type.Number(), Type.Null()]),
  meetsTarget: Type.Union([Type.Boolean(), Type.Null()]),
});
const Count = Type.Object({ key: Type.String(), count: Type.Integer() });

export interface AlarmRouteDeps {
  service: AlarmService;
  orders: SupervisionOrders;
  hub: AlarmHub;
  now: () => Date;
  db: Db;
}

export function alarmRoutes(app: App, deps: AlarmRouteDeps): void {
  const { service, orders, hub, now } = deps;
  const db = () => deps.db;

  app.get(
    '/api/alarms',
    {
      config: { permission: 'alarms:read' },
      schema: {
        tags,
        summary: 'List alarms in scope, newest first (报警列表)',
        querystring: Type.Object({
          status: Type.Optional(lit(alarmStatuses)),
          level: Type.Optional(lit(levels)),
          type: Type.Optional(Type.String({ maxLength: 40 })),
          severity: Type.Optional(lit(alarmSeverities)),
          enterpriseId: Type.Optional(Type.String({ format: 'uuid' })),
          districtCode: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
          vehicleId: Type.Optional(Type.String({ format: 'uuid' })),
          plate: Type.Optional(Type.String({ pattern: '^[\\u4e00-\\u9fa5A-Za-z0-9 ]{1,12}$' })),
          overdue: Type.Optional(Type.Boolean()),
          from: Type.Optional(Type.String({ format: 'date-time' })),
          to: Type.Optional(Type.String({ format: 'date-time' })),
          page: Type.Integer({ minimum: 1, default: 1 }),
          pageSize: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
        }),
        response: { 200: Type.Object({ items: Type.Array(AlarmSchema), total: Type.Integer() }) },
      },
    },
    async (req) => {
      const out = await listAlarms(db(), acting(req).actor, req.query as Parameters<typeof listAlarms>[2]);
      return { items: out.items.map(presentAlarm), total: out.total };
    },
  );

  app.get(
    '/api/alarms/:alarmId',
    {
      config: { permission: 'alarms:read' },
      schema: {
        tags,
        summary: 'One alarm with its handling history and supervision orders (报警详情)',
        params: AlarmParams,
        response: {
          200: Type.Object({
            alarm: AlarmSchema,
            steps: Type.Array(StepSchema),
            orders: Type.Array(Type.Record(Type.String(), Type.Unknown())),
            people: Type.Record(Type.String(), Type.String(), {
              description:
                'Names by person id of the people the alarm names (人员姓名): its driver, and for driver_mismatch the IC card’s person and the waybill’s driver',
            }),
          }),
        },
      },
    },
    async (req) => {
      const ctx = acting(req);
      const row = await findAlarm(db(), ctx.actor, req.params.alarmId);
      if (!row) throw new AppError('NOT_FOUND');
      const list = (await orders.list(ctx)).filter((o) => o.alarm_id === row.id);
      return {
        alarm: presentAlarm(row),
        steps: (await stepsOf(db(), row.id)).map(presentStep),
        orders: list.map(presentOrder),
        people: await peopleOf(db(), row),
      };
    },
  );

  const step = (
    path: string,
    permission: string,
    summary: string,
    body: typeof HandleBody | typeof ReviewBody | typeof SuperviseBody,
  ) => {
    app.post(
      `/api/alarms/:alarmId/${path}`,
      {
        config: { permission },
        schema: {
          tags,
          summary,
          params: AlarmParams,
          body,
          response: { 200: Type.Object({ alarm: AlarmSchema, text: Type.Optional(TextOutcomeSchema) }) },
        },
      },
      async (req) => {
        const b = req.body as { action: ActionInput['kind'] } & Omit<ActionInput, 'kind'>;
        const done = await service.act(acting(req), (req.params as { alarmId: string }).alarmId, {
          kind: b.action,
          note: b.note,
          text: b.text,
          attachments: b.attachments,
        });
        return done.text
          ? { alarm: presentAlarm(done.alarm), text: done.text }
          : { alarm: presentAlarm(done.alarm) };
      },
    );
    app.post(
      `/api/alarms/bulk/${path}`,
      {
        config: { permission },
        schema: {
          tags,
          summary: `${summary}, for many alarms at once (批量处置)`,
          body: Type.Composite([
            Type.Object({
              alarmIds: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 500 }),
            }),
            body,
          ]),
          response: { 200: BulkResult },
        },
      },
      async (req) => {
        const b = req.body as { alarmIds: string[]; action: ActionInput['kind'] } & Omit<ActionInput, 'kind'>;
        const results = await service.bulk(acting(req), b.alarmIds, {
          kind: b.action,
          note: b.note,
          text: b.text,
          attachments: b.attachments,
        });
        return { results };
      },
    );
  };
  step(
    'handle',
    'alarms:handle',
    'Company step: contacted driver, corrected, false alarm, escalate (企业处置)',
    HandleBody,
  );
  step(
    'review',
    'alarms:review',
    'County step: accept, return to company, resolve, escalate to city (县区监督)',
    ReviewBody,
  );
  step(
    'supervise',
    'alarms:supervise',
    'City step on an alarm escalated to the city: resolve or return (市级督办)',
    SuperviseBody,
  );

  app.get(
    '/api/alarms/inbox',
    {
      config: { permission: 'alarms:read' },
      schema: {
        tags,
        summary: 'My unread alarms: open alarms in scope changed since I last read them (未读报警)',
        querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }) }),
        response: { 200: Type.Object({ unread: Type.Integer(), items: Type.Array(AlarmSchema) }) },
      },
    },
    async (req) => {
      const out = await unread(db(), acting(req).actor, (req.query as { limit: number }).limit);
      return { unread: out.unread, items: out.items.map(presentAlarm) };
    },
  );

  app.post(
    '/api/alarms/inbox/read',
    {
      config: { permission: 'alarms:read' },
      schema: {
        tags,
        summary: 'Mark alarms read at their current version',
        body: Type.Object({
          alarmIds: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 1000 }),
        }),
        response: { 200: Type.Object({ marked: Type.Integer() }) },
      },
    },
    async (req) => ({
      marked: await markRead(db(), acting(req).actor, (req.body as { alarmIds: string[] }).alarmIds),
    }),
  );

  const months = Type.Object({
    from: Type.Optional(Month),
    to: Type.Optional(Month),
  });
  const monthRange = (q: { from?: string; to?: string }): [string, string] => {
    const current = chinaMonth(now());
    const to = q.to ?? q.from ?? current;
    const from = q.from ?? to;
    if (from > to) throw new AppError('VALIDATION_FAILED', { field: 'from', reason: 'after to' });
    return [from, to];
  };

  app.get(
    '/api/alarms/stats/handling',
    {
      config: { permission: 'alarms:read' },
      schema: {
        tags,
        summary:
          'Handling rate, on-time rate and average response time by enterprise, district or month (处理率)',
        querystring: Type.Composite([
          Type.Object({ groupBy: lit(['enterprise', 'district', 'month'] as const) }),
          months,
        ]),
        response: {
          200: Type.Object({
            from: Type.String(),
            to: Type.String(),
            target: Type.Number({ description: 'Seed 000: handling rate ≥ 90 %' }),
            rows: Type.Array(RateRow),
            overall: RateRow,
          }),
        },
      },
    },
    async (req) => {
      const q = req.query as { groupBy: GroupBy; from?: string; to?: string };
      const [from, to] = monthRange(q);
      const out = await handlingRates(db(), acting(req).actor, q.groupBy, from, to);
      return { from, to, target: HANDLING_RATE_TARGET, ...out };
    },
  );

  app.get(
    '/api/alarms/stats/counts',
    {
      config: { permission: 'alarms:read' },
      schema: {
        tags,
        summary: 'Alarms by type, severity, status and district (报警统计)',
        description:
          'Over the months from..to (China time; default the current month), or over one China-time day with `day`.',
        querystring: Type.Object({
          ...months.properties,
          day: Type.Optional(
            Type.String({
              pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
              description: 'one day (China time) instead of months',
            }),
          ),
        }),
        response: {
          200: Type.Object({
            from: Type.String(),
            to: Type.String(),
            target: Type.Number(),
            byType: Type.Array(Count),
            bySeverity: Type.Array(Count),
            byStatus: Type.Array(Count),
            byDistrict: Type.Array(
              Type.Composite([Count, Type.Object({ name: Type.Union([Type.String(), Type.Null()]) })]),
            ),
          }),
        },
      },
    },
    async (req) => {
      const q = req.query as { from?: string; to?: string; day?: string };
      if (q.day !== undefined) {
        if (q.from !== undefined || q.to !== undefined)
          throw new AppError('VALIDATION_FAILED', { field: 'day', reason: 'day or months, not both' });
        if (!isCalendarDay(q.day))
          throw new AppError('VALIDATION_FAILED', { field: 'day', reason: 'no such date' });
        return {
          from: q.day,
          to: q.day,
          target: HANDLING_RATE_TARGET,
          ...(await alarmCounts(db(), acting(req).actor, chinaDayRange(q.day))),
        };
      }
      const [from, to] = monthRange(q);
      return {
        from,
        to,
        target: HANDLING_RATE_TARGET,
        ...(await alarmCounts(db(), acting(req).actor, monthsRange(from, to))),
      };
    },
  );

  app.get(
    '/api/alarms/stream',
    {
      websocket: true,
      config: { permission: 'alarms:read' },
      schema: {
        tags,
        summary:
          'Push over WebSocket: new and changed alarms, supervision orders and duty checks in scope (JSON messages)',
      },
      preValidation: async (req) => {
        acting(req);
      },
    },
    (socket, req) => {
      const actor = acting(req).actor;
      const stop = hub.subscribe(actor.scope, (text) => {
        // 1 MiB unsent: drop the client rather than buffer without bound; it reconnects and reloads.
        if (socket.bufferedAmount > 1_048_576) {
          socket.close(1013, 'too slow; reconnect and reload');
          throw new Error('client too slow');
        }
        socket.send(text);
      });
      socket.on('close', stop);
      socket.send(JSON.stringify({ type: 'hello', scope: actor.scope }));
    },
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The names of the people an alarm names: its driver, and the persons its evidence names by id. */
async function peopleOf(q: Queryable, row: AlarmRow): Promise<Record<string, string>> {
  const detail = (row.evidence['detail'] ?? {}) as Record<string, unknown>;
  const ids = [row.driver_id, detail['cardDriverId'], detail['waybillDriverId']].filter(
    (x): x is string => typeof x === 'string' && UUID.test(x),
  );
  if (ids.length === 0) return {};
  const { rows } = await q.query<{ id: string; name: string }>(
    'SELECT id, name FROM personnel WHERE id = ANY($1::uuid[])',
    [ids],
  );
  return Object.fromEntries(rows.map((r) => [r.id, r.name]));
}
