/**
 * Commands from the platform to a terminal (0x8300 text, 0x8103/0x8104 parameters, 0x8201
 * location query, 0x8202 temporary tracking), each with a record in `gateway_commands`:
 *
 *   pending → sent → acknowledged | failed | timed_out
 *
 * A command is answered by 0x0001 (its result: 0 acknowledged, 1–3 failed), by 0x0104 (0x8104)
 * or by 0x0201 (0x8201), matched by the platform serial on the terminal's session. Unanswered, it
 * is sent again with the same serial after T, then T × 2, T × 2 × 3 … (JT/T 808 §4.4.4:
 * T(n+1) = T(n) × (n + 1)) up to n resends, then it times out. A session that closes fails its
 * pending commands (failure 'disconnected').
 */
import { randomUUID } from 'node:crypto';
import type { Header, Message, TerminalParameter } from '@weiyun/jt808';
import type { FastifyBaseLogger as Logger } from 'fastify';
import { AppError } from '../errors.js';
import type { Queryable } from '../platform/db/db.js';
import type { Gateway, Session } from './gateway.js';

export const commandKinds = [
  'text',
  'set_parameters',
  'query_parameters',
  'location_query',
  'tracking',
] as const;
export type CommandKind = (typeof commandKinds)[number];
export const commandStatuses = ['pending', 'sent', 'acknowledged', 'failed', 'timed_out'] as const;
export type CommandStatus = (typeof commandStatuses)[number];

export type CommandRequest =
  | {
      kind: 'text';
      text: string;
      /** Defaults: normal urgency, shown on the display and read aloud (TTS). */
      urgency?: 'normal' | 'emergency';
      display?: boolean;
      tts?: boolean;
    }
  | { kind: 'set_parameters'; parameters: { id: number; value: number | string }[] }
  | { kind: 'query_parameters' }
  | { kind: 'location_query' }
  | { kind: 'tracking'; intervalS: number; validityS: number };

export interface CommandRecord {
  id: string;
  vehicleId: string;
  terminalId: string;
  kind: CommandKind;
  messageId: number;
  payload: CommandRequest;
  status: CommandStatus;
  serial: number | null;
  attempts: number;
  result: number | null;
  response: unknown;
  failure: string | null;
  requestedBy: string;
  createdAt: Date;
  sentAt: Date | null;
  answeredAt: Date | null;
}

export interface CommandOptions {
  timeoutMs: number;
  retries: number;
}

const FINAL: ReadonlySet<CommandStatus> = new Set(['acknowledged', 'failed', 'timed_out']);
const MESSAGE_ID: Record<CommandKind, number> = {
  text: 0x8300,
  set_parameters: 0x8103,
  query_parameters: 0x8104,
  location_query: 0x8201,
  tracking: 0x8202,
};
const GENERAL_RESULT = ['acknowledged', 'failed', 'bad_message', 'unsupported'] as const;

interface Pending {
  id: string;
  session: Session;
  message: Message;
  serial: number;
  attempts: number;
  waitMs: number;
  timer: NodeJS.Timeout | undefined;
  /** Database writes of this command, in order. */
  chain: Promise<void>;
}

/** The wire message of a request for a terminal of this edition. */
export function commandMessage(req: CommandRequest, edition: 2013 | 2019): Message {
  switch (req.kind) {
    case 'text': {
      const emergency = req.urgency === 'emergency';
      let flags = ((req.display ?? true) ? 4 : 0) | ((req.tts ?? true) ? 8 : 0);
      // 2013: bit 0 = emergency. 2019: bits 0–1 = 01 service, 10 emergency, 11 notice (00 = normal).
      if (emergency) flags |= edition === 2019 ? 2 : 1;
      return edition === 2019
        ? { type: 'textMessage', flags, textType: 1, text: req.text }
        : { type: 'textMessage', flags, text: req.text };
    }
    case 'set_parameters':
      return { type: 'setParameters', parameters: req.parameters as TerminalParameter[] };
    case 'query_parameters':
      return { type: 'queryParameters' };
    case 'location_query':
      return { type: 'locationQuery' };
    case 'tracking':
      return { type: 'trackingControl', intervalS: req.intervalS, validityS: req.validityS };
  }
}

interface Row {
  id: string;
  vehicle_id: string;
  terminal_id: string;
  kind: CommandKind;
  message_id: number;
  payload: CommandRequest;
  status: CommandStatus;
  serial: number | null;
  attempts: number;
  result: number | null;
  response: unknown;
  failure: string | null;
  requested_by: string;
  created_at: Date;
  sent_at: Date | null;
  answered_at: Date | null;
}

export function toRecord(r: Row): CommandRecord {
  return {
    id: r.id,
    vehicleId: r.vehicle_id,
    terminalId: r.terminal_id,
    kind: r.kind,
    messageId: r.message_id,
    payload: r.payload,
    status: r.status,
    serial: r.serial,
    attempts: r.attempts,
    result: r.result,
    response: r.response,
    failure: r.failure,
    requestedBy: r.requested_by,
    createdAt: new Date(r.created_at),
    sentAt: r.sent_at ? new Date(r.sent_at) : null,
    answeredAt: r.answered_at ? new Date(r.answered_at) : null,
  };
}

export const COMMAND_COLUMNS = `id, vehicle_id, terminal_id, kind, message_id, payload, status, serial, attempts, result,
  response, failure, requested_by, created_at, sent_at, answered_at`;

export class CommandService {
  private readonly pending = new Map<string, Pending>();
  private readonly waiters = new Map<string, (() => void)[]>();

  constructor(
    private readonly gateway: Gateway,
    private readonly db: Queryable,
    private readonly logger: Logger,
    private readonly options: CommandOptions,
  ) {
    gateway.onCommandReply = (session, header, message) => this.onReply(session, header, message);
    gateway.onSessionClosed = (session) => this.onClosed(session);
  }

  /**
   * Records and sends a command to the vehicle's connected terminal. The caller has checked the
   * data scope; `owner` is written on the record for later reads.
   */
  async send(
    vehicleId: string,
    owner: { enterpriseId: string; districtCode: string },
    req: CommandRequest,
    requestedBy: string,
  ): Promise<CommandRecord> {
    const session = this.gateway.sessionOfVehicle(vehicleId);
    if (!session || session.closed || !session.identity)
      throw new AppError('GATEWAY_TERMINAL_OFFLINE', { vehicleId });
    const message = commandMessage(req, session.edition);
    const id = randomUUID();
    await this.db.query(
      `INSERT INTO gateway_commands (id, vehicle_id, terminal_id, enterprise_id, district_code, kind, message_id,
         payload, status, requested_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9)`,
      [
        id,
        vehicleId,
        session.identity.terminalId,
        owner.enterpriseId,
        owner.districtCode,
        req.kind,
        MESSAGE_ID[req.kind],
        JSON.stringify(req),
        requestedBy,
      ],
    );
    if (session.closed) {
      await this.update(id, { status: 'failed', failure: 'disconnected' });
    } else {
      const serial = session.send(message);
      const p: Pending = {
        id,
        session,
        message,
        serial,
        attempts: 1,
        waitMs: this.options.timeoutMs,
        timer: undefined,
        chain: Promise.resolve(),
      };
      this.pending.set(key(session, serial), p);
      this.arm(p);
      await this.write(p, { status: 'sent', serial, attempts: 1, sent_at: new Date() });
    }
    return (await this.get(id))!;
  }

  async get(id: string): Promise<CommandRecord | undefined> {
    const { rows } = await this.db.query<Row>(
      `SELECT ${COMMAND_COLUMNS} FROM gateway_commands WHERE id = $1`,
      [id],
    );
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  /** Resolves with the record once the command is acknowledged, failed or timed out. */
  async settled(id: string, timeoutMs = 60_000): Promise<CommandRecord> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const r = await this.get(id);
      if (!r) throw new Error(`no command ${id}`);
      if (FINAL.has(r.status)) return r;
      const left = deadline - Date.now();
      if (left <= 0) return r;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 1000));
        const list = this.waiters.get(id) ?? [];
        list.push(() => (clearTimeout(t), resolve()));
        this.waiters.set(id, list);
      });
    }
  }

  /** Stops the timers (server shutdown); unanswered commands stay 'sent'. */
  stop(): void {
    for (const p of this.pending.values()) if (p.timer) clearTimeout(p.timer);
    this.pending.clear();
  }

  private arm(p: Pending): void {
    p.timer = setTimeout(() => this.expire(p), p.waitMs);
    p.timer.unref();
  }

  private expire(p: Pending): void {
    if (this.pending.get(key(p.session, p.serial)) !== p) return;
    if (p.attempts > this.options.retries || p.session.closed) {
      this.pending.delete(key(p.session, p.serial));
      void this.write(p, { status: 'timed_out', failure: 'no_reply' });
      return;
    }
    p.session.send(p.message, p.serial);
    p.attempts++;
    p.waitMs *= p.attempts;
    this.arm(p);
    void this.write(p, { attempts: p.attempts });
  }

  private onReply(session: Session, header: Header, message: Message): void {
    let replySerial: number;
    let result = 0;
    let response: unknown = null;
    if (message.type === 'terminalGeneralResponse') {
      replySerial = message.replySerial;
      result = message.result;
    } else if (message.type === 'parametersResponse') {
      replySerial = message.replySerial;
      response = {
        parameters: message.parameters.map((x) => ({
          id: x.id,
          value: x.value instanceof Uint8Array ? Buffer.from(x.value).toString('hex') : x.value,
        })),
      };
    } else if (message.type === 'locationQueryResponse') {
      replySerial = message.replySerial;
      const l = message.location;
      response = {
        lat: l.latitude,
        lon: l.longitude,
        speed: l.speedKmh,
        heading: l.heading,
        time: l.time === null ? null : new Date(l.time).toISOString(),
      };
    } else return;
    const p = this.pending.get(key(session, replySerial));
    if (!p) {
      this.logger.debug(
        { session: session.id, replySerial, id: header.messageId },
        'reply to no pending command',
      );
      return;
    }
    this.pending.delete(key(session, replySerial));
    if (p.timer) clearTimeout(p.timer);
    const status: CommandStatus = result === 0 ? 'acknowledged' : 'failed';
    void this.write(p, {
      status,
      result,
      response: response === null ? null : JSON.stringify(response),
      failure: result === 0 ? null : (GENERAL_RESULT[result] ?? `result_${result}`),
      answered_at: new Date(),
    });
  }

  private onClosed(session: Session): void {
    for (const [k, p] of this.pending) {
      if (p.session !== session) continue;
      this.pending.delete(k);
      if (p.timer) clearTimeout(p.timer);
      void this.write(p, { status: 'failed', failure: 'disconnected' });
    }
  }

  private write(p: Pending, fields: Record<string, unknown>): Promise<void> {
    p.chain = p.chain.then(() => this.update(p.id, fields));
    return p.chain;
  }

  private async update(id: string, fields: Record<string, unknown>): Promise<void> {
    const names = Object.keys(fields);
    try {
      await this.db.query(
        `UPDATE gateway_commands SET ${names.map((n, i) => `${n} = $${i + 2}`).join(', ')} WHERE id = $1`,
        [id, ...names.map((n) => fields[n])],
      );
    } catch (err) {
      this.logger.error({ err, command: id }, 'command record not updated');
    }
    const list = this.waiters.get(id);
    if (list) {
      this.waiters.delete(id);
      for (const w of list) w();
    }
  }
}

const key = (s: Session, serial: number): string => `${s.id}:${serial}`;
