/** Supervision-order (督办) and duty-check (查岗) routes. */
import { Type } from '@sinclair/typebox';
import type { App } from '../../platform/http/app.js';
import type { DutyChecks } from './duty-checks.js';
import { presentDutyCheck } from './duty-checks.js';
import { presentOrder, type NewOrder, type SupervisionOrders } from './orders.js';
import { acting } from './routes.js';

const Obj = Type.Record(Type.String(), Type.Unknown());
const OrderParams = Type.Object({ orderId: Type.String({ format: 'uuid' }) });
const CheckParams = Type.Object({ dutyCheckId: Type.String({ format: 'uuid' }) });
const Text = Type.String({ minLength: 2, maxLength: 2000 });

export function orderRoutes(app: App, orders: SupervisionOrders, checks: DutyChecks): void {
  const tags = ['supervision orders'];
  app.get(
    '/api/supervision-orders',
    {
      config: { permission: 'alarms:read' },
      schema: {
        tags,
        summary: 'Supervision orders in scope (督办单); a company sees those addressed to it',
        querystring: Type.Object({
          status: Type.Optional(
            Type.Union([Type.Literal('open'), Type.Literal('answered'), Type.Literal('closed')]),
          ),
        }),
        response: { 200: Type.Object({ items: Type.Array(Obj) }) },
      },
    },
    async (req) => ({
      items: (await orders.list(acting(req), (req.query as { status?: string }).status)).map(presentOrder),
    }),
  );
  app.post(
    '/api/supervision-orders',
    {
      config: { permission: 'alarms:supervise' },
      schema: {
        tags,
        summary:
          'Issue a supervision order to a county or a company, optionally about an alarm, with a deadline',
        body: Type.Object(
          {
            target: Type.Union([Type.Literal('county'), Type.Literal('company')]),
            alarmId: Type.Optional(Type.String({ format: 'uuid' })),
            enterpriseId: Type.Optional(Type.String({ format: 'uuid' })),
            districtCode: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
            content: Text,
            deadlineAt: Type.String({ format: 'date-time' }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ order: Obj }) },
      },
    },
    async (req, reply) => {
      const order = await orders.issue(acting(req), req.body as NewOrder);
      return reply.code(201).send({ order: presentOrder(order) });
    },
  );
  app.get(
    '/api/supervision-orders/:orderId',
    {
      config: { permission: 'alarms:read' },
      schema: {
        tags,
        summary: 'One supervision order',
        params: OrderParams,
        response: { 200: Type.Object({ order: Obj }) },
      },
    },
    async (req) => ({
      order: presentOrder(await orders.get(acting(req), (req.params as { orderId: string }).orderId)),
    }),
  );
  app.post(
    '/api/supervision-orders/:orderId/answer',
    {
      config: { permission: 'alarms:respond' },
      schema: {
        tags,
        summary: 'The addressed county or company answers the order',
        params: OrderParams,
        body: Type.Object({ answer: Text }, { additionalProperties: false }),
        response: { 200: Type.Object({ order: Obj }) },
      },
    },
    async (req) => {
      const { orderId } = req.params as { orderId: string };
      return {
        order: presentOrder(
          await orders.answer(acting(req), orderId, (req.body as { answer: string }).answer),
        ),
      };
    },
  );
  app.post(
    '/api/supervision-orders/:orderId/decision',
    {
      config: { permission: 'alarms:supervise' },
      schema: {
        tags,
        summary: 'The city closes an answered order, or re-opens it with a reason',
        params: OrderParams,
        body: Type.Object(
          {
            decision: Type.Union([Type.Literal('close'), Type.Literal('reopen')]),
            note: Type.Optional(Type.String({ maxLength: 2000 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ order: Obj }) },
      },
    },
    async (req) => {
      const { orderId } = req.params as { orderId: string };
      const b = req.body as { decision: 'close' | 'reopen'; note?: string };
      return { order: presentOrder(await orders.close(acting(req), orderId, b.decision, b.note)) };
    },
  );

  const dtags = ['duty checks'];
  app.get(
    '/api/duty-checks',
    {
      config: { permission: 'alarms:read' },
      schema: {
        tags: dtags,
        summary: 'Duty checks (查岗) in scope with the response rate (查岗响应率)',
        querystring: Type.Object({
          from: Type.Optional(Type.String({ format: 'date-time' })),
          to: Type.Optional(Type.String({ format: 'date-time' })),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(Obj),
            sent: Type.Integer(),
            answered: Type.Integer(),
            answeredInTime: Type.Integer(),
            responseRate: Type.Union([Type.Number(), Type.Null()]),
            averageResponseSeconds: Type.Union([Type.Number(), Type.Null()]),
          }),
        },
      },
    },
    async (req) => {
      const q = req.query as { from?: string; to?: string };
      return checks.list(acting(req), q.from, q.to);
    },
  );
  app.post(
    '/api/duty-checks',
    {
      config: { permission: 'duty_checks:send' },
      schema: {
        tags: dtags,
        summary: "Send a duty check to a company's monitoring desk",
        body: Type.Object(
          {
            enterpriseId: Type.String({ format: 'uuid' }),
            prompt: Type.String({ minLength: 2, maxLength: 500 }),
            answerWithinMinutes: Type.Integer({ minimum: 1, maximum: 1440, default: 10 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ dutyCheck: Obj }) },
      },
    },
    async (req, reply) => {
      const b = req.body as { enterpriseId: string; prompt: string; answerWithinMinutes: number };
      const row = await checks.send(acting(req), b.enterpriseId, b.prompt, b.answerWithinMinutes);
      return reply.code(201).send({ dutyCheck: presentDutyCheck(row) });
    },
  );
  app.get(
    '/api/duty-checks/:dutyCheckId',
    {
      config: { permission: 'alarms:read' },
      schema: {
        tags: dtags,
        summary: 'One duty check',
        params: CheckParams,
        response: { 200: Type.Object({ dutyCheck: Obj }) },
      },
    },
    async (req) => ({
      dutyCheck: presentDutyCheck(
        await checks.get(acting(req), (req.params as { dutyCheckId: string }).dutyCheckId),
      ),
    }),
  );
  app.post(
    '/api/duty-checks/:dutyCheckId/answer',
    {
      config: { permission: 'alarms:respond' },
      schema: {
        tags: dtags,
        summary: "The company's desk answers; the response time is recorded",
        params: CheckParams,
        body: Type.Object(
          { answer: Type.String({ minLength: 1, maxLength: 500 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ dutyCheck: Obj }) },
      },
    },
    async (req) => {
      const { dutyCheckId } = req.params as { dutyCheckId: string };
      const row = await checks.answer(acting(req), dutyCheckId, (req.body as { answer: string }).answer);
      return { dutyCheck: presentDutyCheck(row) };
    },
  );
}
