/**
 * Gateway routes: the live terminal sessions (scoped), commands to a vehicle's terminal and their
 * records (scoped: a company only to its own vehicles; out of scope answers 404), /metrics.
 */
import { Type, type Static } from '@sinclair/typebox';
import { PARAMETERS } from '@weiyun/jt808';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';
import type {
  CommandKind,
  CommandRecord,
  CommandRequest,
  CommandService,
  CommandStatus,
} from '../../gateway/commands.js';
import { COMMAND_COLUMNS, commandKinds, commandStatuses, toRecord } from '../../gateway/commands.js';
import type { Gateway } from '../../gateway/gateway.js';
import type { Actor, Scope } from '../../platform/auth.js';
import type { Db } from '../../platform/db/db.js';
import type { App } from '../../platform/http/app.js';
import { recordAudit } from '../accounts/audit.js';
import { scopeAllows } from '../positions/directory.js';

interface Deps {
  db: Db;
  server: Gateway;
  commands: CommandService;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function actorOf(req: FastifyRequest): Actor {
  const actor = req.actor ?? null;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  return actor;
}

const SessionSchema = Type.Object({
  sessionId: Type.String(),
  remote: Type.String(),
  phone: Type.String(),
  edition: Type.Union([Type.Literal(2013), Type.Literal(2019)]),
  terminalId: Type.String(),
  vehicleId: Type.String(),
  enterpriseId: Type.String(),
  districtCode: Type.String(),
  plate: Type.Union([Type.String(), Type.Null()]),
  connectedAt: Type.String({ format: 'date-time' }),
  authenticatedAt: Type.String({ format: 'date-time' }),
  lastFrameAt: Type.String({ format: 'date-time' }),
  framesIn: Type.Integer(),
  framesOut: Type.Integer(),
  positions: Type.Integer(),
});

const CommandBody = Type.Union([
  Type.Object(
    {
      kind: Type.Literal('text'),
      text: Type.String({
        minLength: 1,
        maxLength: 400,
        description: 'Shown and/or read aloud (TTS) in the cab',
      }),
      urgency: Type.Optional(Type.Union([Type.Literal('normal'), Type.Literal('emergency')])),
      display: Type.Optional(Type.Boolean()),
      tts: Type.Optional(Type.Boolean()),
    },
    { additionalProperties: false, title: '0x8300 text message' },
  ),
  Type.Object(
    {
      kind: Type.Literal('set_parameters'),
      parameters: Type.Array(
        Type.Object(
          {
            id: Type.Integer({ minimum: 1, maximum: 0xffffffff }),
            value: Type.Union([Type.Integer(), Type.String({ maxLength: 100 })]),
          },
          { additionalProperties: false },
        ),
        { minItems: 1, maxItems: 50 },
      ),
    },
    { additionalProperties: false, title: '0x8103 set terminal parameters' },
  ),
  Type.Object({ kind: Type.Literal('query_parameters') }, { additionalProperties: false, title: '0x8104' }),
  Type.Object({ kind: Type.Literal('location_query') }, { additionalProperties: false, title: '0x8201' }),
  Type.Object(
    {
      kind: Type.Literal('tracking'),
      intervalS: Type.Integer({ minimum: 0, maximum: 65535, description: '0 stops tracking' }),
      validityS: Type.Integer({ minimum: 0, maximum: 86_400 }),
    },
    { additionalProperties: false, title: '0x8202 temporary tracking' },
  ),
]);

const CommandSchema = Type.Object({
  id: Type.String(),
  vehicleId: Type.String(),
  terminalId: Type.String(),
  kind: Type.Unsafe<CommandKind>({ type: 'string', enum: [...commandKinds] }),
  messageId: Type.Integer(),
  payload: Type.Unknown(),
  status: Type.Unsafe<CommandStatus>({ type: 'string', enum: [...commandStatuses] }),
  serial: Type.Union([Type.Integer(), Type.Null()]),
  attempts: Type.Integer(),
  result: Type.Union([Type.Integer(), Type.Null()]),
  response: Type.Unknown(),
  failure: Type.Union([Type.String(), Type.Null()]),
  requestedBy: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  sentAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  answeredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

/** 0x8103 values must fit the parameter's type (text or an unsigned integer of its width). */
function checkParameters(params: readonly { id: number; value: number | string }[]): void {
  const problems: string[] = [];
  for (const p of params) {
    const def = PARAMETERS[p.id];
    if (!def) problems.push(`parameter 0x${p.id.toString(16)} is not one the platform sets`);
    else if (def.kind === 'text') {
      if (typeof p.value !== 'string') problems.push(`${def.name} takes text`);
    } else {
      const max = def.kind === 'u8' ? 0xff : def.kind === 'u16' ? 0xffff : 0xffffffff;
      if (typeof p.value !== 'number' || p.value < 0 || p.value > max)
        problems.push(`${def.name} takes an integer 0–${max}`);
    }
  }
  if (problems.length > 0) throw new AppError('GATEWAY_COMMAND_INVALID', { problems });
}

/** The scope as a condition on a table's own enterprise_id / district_code (of `alias`, if given). */
function scopeSql(scope: Scope, first: number, alias = ''): { sql: string; args: unknown[] } {
  const col = alias ? `${alias}.` : '';
  switch (scope.kind) {
    case 'city':
      return { sql: 'true', args: [] };
    case 'district':
      return { sql: `${col}district_code = $${first}`, args: [scope.districtCode] };
    case 'enterprise':
      return { sql: `${col}enterprise_id = $${first}`, args: [scope.enterpriseId] };
    case 'filling_site':
    case 'checkpoint':
      return { sql: 'false', args: [] };
  }
}

interface DriverCardRow {
  id: string;
  status: 'inserted' | 'removed' | 'unreadable';
  person_id: string | null;
  person_name: string | null;
  driver_name: string | null;
  certificate_number: string | null;
  issuing_authority: string | null;
  card_expiry: string | null;
  id_number: string | null;
  device_time: Date | string | null;
  received_at: Date | string;
}

const NullableText = Type.Union([Type.String(), Type.Null()]);
const DriverCardSchema = Type.Object({
  id: Type.String(),
  status: Type.Union([Type.Literal('inserted'), Type.Literal('removed'), Type.Literal('unreadable')]),
  personId: Type.Union([Type.String(), Type.Null()], {
    description: 'The archive person the card names; null: pulled, unreadable, or not on file',
  }),
  personName: NullableText,
  driverName: Type.Union([Type.String(), Type.Null()], { description: 'The name on the card' }),
  certificateNumber: NullableText,
  issuingAuthority: NullableText,
  cardExpiry: Type.Union([Type.String(), Type.Null()], { description: 'YYYYMMDD, as on the card' }),
  idNumber: NullableText,
  deviceTime: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  receivedAt: Type.String({ format: 'date-time' }),
});

const present = (r: CommandRecord) => ({
  ...r,
  createdAt: r.createdAt.toISOString(),
  sentAt: r.sentAt?.toISOString() ?? null,
  answeredAt: r.answeredAt?.toISOString() ?? null,
});

export function gatewayRoutes(app: App, { db, server, commands }: Deps): void {
  /** The vehicle's owner, when the caller may see the vehicle; else 404. */
  async function vehicleInScope(actor: Actor, vehicleId: string) {
    if (!UUID.test(vehicleId)) throw new AppError('NOT_FOUND');
    const { rows } = await db.query<{ enterprise_id: string; district_code: string }>(
      'SELECT v.enterprise_id, e.district_code FROM vehicles v JOIN enterprises e ON e.id = v.enterprise_id WHERE v.id = $1',
      [vehicleId],
    );
    const r = rows[0];
    const info = r && { vehicleId, enterpriseId: r.enterprise_id, districtCode: r.district_code };
    if (!info || !scopeAllows(actor.scope, info)) throw new AppError('NOT_FOUND');
    return { enterpriseId: info.enterpriseId, districtCode: info.districtCode };
  }

  app.get(
    '/api/gateway/sessions',
    {
      config: { permission: 'gateway:read' },
      schema: {
        tags: ['gateway'],
        summary: 'Live JT/T 808 terminal sessions (authenticated connections) in scope',
        response: { 200: Type.Object({ items: Type.Array(SessionSchema), total: Type.Integer() }) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const items = server
        .list()
        .filter((s) => scopeAllows(actor.scope, s))
        .sort((a, b) => (a.plate ?? '').localeCompare(b.plate ?? ''))
        .map((s) => ({
          ...s,
          connectedAt: s.connectedAt.toISOString(),
          authenticatedAt: s.authenticatedAt.toISOString(),
          lastFrameAt: s.lastFrameAt.toISOString(),
        }));
      return { items, total: items.length };
    },
  );

  app.post(
    '/api/gateway/vehicles/:vehicleId/commands',
    {
      config: { permission: 'gateway:command' },
      schema: {
        tags: ['gateway'],
        summary: "Send a command to the vehicle's terminal (0x8300, 0x8103, 0x8104, 0x8201, 0x8202)",
        params: Type.Object({ vehicleId: Type.String() }),
        body: CommandBody,
        response: { 201: CommandSchema },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const owner = await vehicleInScope(actor, req.params.vehicleId);
      const body = req.body as CommandRequest;
      if (body.kind === 'set_parameters') checkParameters(body.parameters);
      const record = await commands.send(req.params.vehicleId, owner, body, actor.id);
      await recordAudit(
        db,
        { actor, id: req.id, ip: req.ip },
        {
          action: 'terminal_command.send',
          targetType: 'vehicle',
          targetId: req.params.vehicleId,
          after: { commandId: record.id, kind: record.kind, payload: record.payload },
        },
      );
      return reply.status(201).send(present(record));
    },
  );

  app.get(
    '/api/gateway/vehicles/:vehicleId/commands',
    {
      config: { permission: 'gateway:read' },
      schema: {
        tags: ['gateway'],
        summary: "The latest commands sent to the vehicle's terminal, newest first",
        params: Type.Object({ vehicleId: Type.String() }),
        querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }) }),
        response: { 200: Type.Object({ items: Type.Array(CommandSchema) }) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await vehicleInScope(actor, req.params.vehicleId);
      const { rows } = await db.query<Parameters<typeof toRecord>[0]>(
        `SELECT ${COMMAND_COLUMNS} FROM gateway_commands WHERE vehicle_id = $1 ORDER BY created_at DESC, id LIMIT $2`,
        [req.params.vehicleId, req.query.limit],
      );
      return { items: rows.map((r) => present(toRecord(r))) };
    },
  );

  app.get(
    '/api/gateway/vehicles/:vehicleId/driver-cards',
    {
      config: { permission: 'gateway:read' },
      schema: {
        tags: ['gateway'],
        summary:
          "IC-card reports of the vehicle's terminal (0x0702, 插拔卡记录), newest first: who drove when, unknown cards included. With `from`, the reports received in [from, to] and the last one before `from` (the card in the reader when the range begins)",
        params: Type.Object({ vehicleId: Type.String() }),
        querystring: Type.Object({
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
          from: Type.Optional(Type.String({ format: 'date-time' })),
          to: Type.Optional(Type.String({ format: 'date-time' })),
        }),
        response: { 200: Type.Object({ items: Type.Array(DriverCardSchema) }) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await vehicleInScope(actor, req.params.vehicleId);
      const { from, to } = req.query;
      if (from !== undefined && to !== undefined && Date.parse(from) > Date.parse(to))
        throw new AppError('VALIDATION_FAILED', { field: 'from', reason: 'after to' });
      // Rows keep the owner of their time: a company sees only what its own terminal reported.
      const scope = scopeSql(actor.scope, 3, 'c');
      const args: unknown[] = [req.params.vehicleId, req.query.limit, ...scope.args];
      const at = (v: string): string => `$${args.push(v)}::timestamptz`;
      const select = (where: string, limit: string) =>
        `(SELECT c.id, c.status, c.person_id, p.name AS person_name, c.driver_name, c.certificate_number,
                 c.issuing_authority, c.card_expiry, c.id_number, c.device_time, c.received_at
            FROM driver_card_events c LEFT JOIN personnel p ON p.id = c.person_id
           WHERE c.vehicle_id = $1 AND ${scope.sql}${where}
           ORDER BY c.received_at DESC, c.id DESC LIMIT ${limit})`;
      const range = `${from === undefined ? '' : ` AND c.received_at >= ${at(from)}`}${to === undefined ? '' : ` AND c.received_at <= ${at(to)}`}`;
      // With a start, the report in force at it too: the card already in the reader then.
      const before =
        from === undefined ? '' : ` UNION ALL ${select(` AND c.received_at < ${at(from)}`, '1')}`;
      const { rows } = await db.query<DriverCardRow>(
        `SELECT id::text, status, person_id, person_name, driver_name, certificate_number, issuing_authority,
                card_expiry, id_number, device_time, received_at
           FROM (${select(range, '$2')}${before}) r
          ORDER BY received_at DESC, id DESC`,
        args,
      );
      return {
        items: rows.map((r) => ({
          id: r.id,
          status: r.status,
          personId: r.person_id,
          personName: r.person_name,
          driverName: r.driver_name,
          certificateNumber: r.certificate_number,
          issuingAuthority: r.issuing_authority,
          cardExpiry: r.card_expiry,
          idNumber: r.id_number,
          deviceTime: r.device_time === null ? null : new Date(r.device_time).toISOString(),
          receivedAt: new Date(r.received_at).toISOString(),
        })),
      };
    },
  );

  app.get(
    '/api/gateway/commands/:commandId',
    {
      config: { permission: 'gateway:read' },
      schema: {
        tags: ['gateway'],
        summary: 'One command and its state (pending, sent, acknowledged, failed, timed out)',
        params: Type.Object({ commandId: Type.String() }),
        response: { 200: CommandSchema },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      if (!UUID.test(req.params.commandId)) throw new AppError('NOT_FOUND');
      const scope = scopeSql(actor.scope, 2);
      const { rows } = await db.query<Parameters<typeof toRecord>[0]>(
        `SELECT ${COMMAND_COLUMNS} FROM gateway_commands WHERE id = $1 AND ${scope.sql}`,
        [req.params.commandId, ...scope.args],
      );
      if (!rows[0]) throw new AppError('NOT_FOUND');
      return present(toRecord(rows[0]));
    },
  );

  app.get(
    '/metrics',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['gateway'],
        summary: 'Prometheus metrics of the terminal gateway (text format)',
        hide: true,
      },
    },
    async (_req, reply) => reply.type('text/plain; version=0.0.4').send(server.metrics.render()),
  );
}

export type CommandBodyType = Static<typeof CommandBody>;
