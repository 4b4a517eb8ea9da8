/**
 * The JT/T 808 terminal gateway: a TCP server, one session per connection.
 *
 *   register 0x0100 → archive check → 0x8100 (+ auth code)     authenticate 0x0102 → 0x8001
 *   0x0200 / 0x0201 / 0x0704 → Position → ingest() → (durable) → 0x8001
 *   0x0001 / 0x0104 / 0x0201 → the pending platform command they answer (commands.ts)
 *
 * Until a session authenticates, everything but 0x0100/0x0102 is refused with 0x8001 result 1.
 * Protection: connection cap, per-IP connection rate, authentication deadline, idle timeout,
 * frame size limit (framer), bad-frame limit, first byte must be a 0x7E flag (HTTP and other
 * protocols are closed at once), and back-pressure: while too many positions await durability,
 * every socket is paused.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import {
  createFramer,
  createReassembler,
  decodeBody,
  decodePacket,
  encode,
  generalResponse,
  registerResponse,
  RegisterResult,
  resendRequest,
  serverTimeResponse,
  toHex,
  type Framer,
  type DriverIdentity,
  type Header,
  type Message,
  type Reassembler,
} from '@weiyun/jt808';
import type { FastifyBaseLogger as Logger } from 'fastify';
import { driverByCard, terminalAccess, type TerminalRefusal } from '../modules/archives/lookup.js';
import type { Position } from '../modules/positions/position.js';
import type { Queryable } from '../platform/db/db.js';
import { GatewayMetrics, hexId } from './metrics.js';
import { toPosition } from './to-position.js';

export interface GatewayOptions {
  host: string;
  port: number;
  maxConnections: number;
  connectionsPerIpPerMinute: number;
  /** Addresses exempt from the per-IP rate (the simulator on loopback). */
  rateExemptIps: readonly string[];
  authTimeoutMs: number;
  heartbeatMs: number;
  maxFrameBytes: number;
  badFrameLimit: number;
  maxIngestPending: number;
}

export interface GatewayDeps {
  db: Queryable;
  ingest(positions: readonly Position[]): Promise<void>;
  logger: Logger;
  options: GatewayOptions;
  now?: () => number;
}

/** Something the rest of the platform may want to know (alarms, audit). */
export type GatewayEvent =
  | { type: 'unfiled_terminal'; phone: string; remote: string; reason: TerminalRefusal }
  | { type: 'session_online'; sessionId: string; vehicleId: string; terminalId: string }
  | { type: 'session_offline'; sessionId: string; vehicleId: string; reason: string };

export interface SessionInfo {
  sessionId: string;
  remote: string;
  phone: string;
  edition: 2013 | 2019;
  terminalId: string;
  vehicleId: string;
  enterpriseId: string;
  districtCode: string;
  plate: string | null;
  connectedAt: Date;
  authenticatedAt: Date;
  lastFrameAt: Date;
  framesIn: number;
  framesOut: number;
  positions: number;
}

/** A message the session hands to the command service (replies to platform commands). */
export type CommandReplyHandler = (session: Session, header: Header, message: Message) => void;

const LOOPBACK = ['127.0.0.1', '::1', '::ffff:127.0.0.1'];
export const defaultRateExempt: readonly string[] = LOOPBACK;

/** Messages a session may send before it has authenticated. */
const BEFORE_AUTH = new Set([0x0100, 0x0102, 0x0003]);

interface Identity {
  terminalId: string;
  vehicleId: string;
  enterpriseId: string;
  districtCode: string;
  plate: string | null;
}

let sessionCounter = 0;

export class Session {
  readonly id = `s${(++sessionCounter).toString(36)}`;
  readonly connectedAt: number;
  lastFrameAt: number;
  phone = '';
  edition: 2013 | 2019 = 2013;
  protocolVersion = 1;
  identity: Identity | null = null;
  authenticatedAt = 0;
  framesIn = 0;
  framesOut = 0;
  positions = 0;
  badFrames = 0;
  closed = false;
  private serial = 0;
  private bytesSinceFrame = 0;
  private sawFirstByte = false;
  /**
   * The archive person whose IC card the terminal last reported (0x0702): undefined until the
   * terminal says anything about a card on this connection, null after the card was pulled or
   * when its person is not on file. Stamped on every position that follows.
   */
  cardDriverId: string | null | undefined = undefined;
  /** Frames held while a register/authenticate lookup runs, so order is kept. */
  private held: { header: Header; message: Message; at: number }[] | null = null;
  private readonly framer: Framer;
  private reassembler: Reassembler | undefined;
  private lastHexLog = 0;

  constructor(
    readonly gateway: Gateway,
    readonly socket: Socket,
    readonly remote: string,
  ) {
    this.connectedAt = gateway.now();
    this.lastFrameAt = this.connectedAt;
    this.framer = createFramer({
      maxFrameLength: gateway.options.maxFrameBytes,
      onFrame: (packet) => this.onPacket(packet),
      onProblem: (p) => this.bad(p.type),
    });
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.onData(chunk));
    socket.on('error', () => this.close('socket_error'));
    socket.on('close', () => this.close('peer_closed'));
  }

  get authenticated(): boolean {
    return this.identity !== null && this.authenticatedAt > 0;
  }

  nextSerial(): number {
    const s = this.serial;
    this.serial = (this.serial + 1) & 0xffff;
    return s;
  }

  /** Encodes and writes a message to the terminal; returns the platform serial used. */
  send(message: Message, serial = this.nextSerial()): number {
    if (this.closed) return serial;
    const frame = encode(message, {
      phone: this.phone,
      serial,
      edition: this.edition,
      protocolVersion: this.protocolVersion,
    });
    this.framesOut++;
    const id = frameId(frame);
    GatewayMetrics.inc(this.gateway.metrics.framesOut, hexId(id));
    // Replies come in bursts (a whole batch turns durable at once): a tick's frames leave as one
    // Buffer in one write (cheaper than cork/uncork, whose writev takes every frame apart).
    if (this.outbox === null) {
      this.outbox = [];
      process.nextTick(this.flushOutbox);
    }
    this.outbox.push(frame);
    return serial;
  }

  private outbox: Uint8Array[] | null = null;
  private readonly flushOutbox = (): void => {
    const frames = this.outbox;
    this.outbox = null;
    if (frames === null || this.closed) return;
    this.socket.write(frames.length === 1 ? frames[0]! : Buffer.concat(frames));
  };

  info(): SessionInfo | null {
    const who = this.identity;
    if (!who || !this.authenticated) return null;
    return {
      sessionId: this.id,
      remote: this.remote,
      phone: this.phone,
      edition: this.edition,
      ...who,
      connectedAt: new Date(this.connectedAt),
      authenticatedAt: new Date(this.authenticatedAt),
      lastFrameAt: new Date(this.lastFrameAt),
      framesIn: this.framesIn,
      framesOut: this.framesOut,
      positions: this.positions,
    };
  }

  /** Closes the session; `graceful` lets written replies reach the terminal first (logout). */
  close(reason: string, graceful = false): void {
    if (this.closed) return;
    if (graceful) this.flushOutbox(); // the logout's reply first
    this.closed = true;
    if (graceful) this.socket.end();
    else this.socket.destroy();
    this.gateway.detach(this, reason);
  }

  private onData(chunk: Buffer): void {
    if (this.closed) return;
    if (!this.sawFirstByte && chunk.length > 0) {
      this.sawFirstByte = true;
      // Every JT/T 808 stream starts with a flag; HTTP, TLS and the like never do.
      if (chunk[0] !== 0x7e) {
        GatewayMetrics.inc(this.gateway.metrics.decodeErrors, 'not_jt808');
        this.close('not_jt808');
        return;
      }
    }
    this.bytesSinceFrame += chunk.length;
    this.logHex(chunk);
    this.framer.push(chunk);
    // Bytes that never make a frame (a stream of noise without flags) count as bad input too.
    if (!this.closed && this.bytesSinceFrame > 4 * this.gateway.options.maxFrameBytes) {
      this.bytesSinceFrame = 0;
      this.bad('garbage');
    }
    const g = this.gateway;
    if (!this.closed && (g.saturated || g.pendingPositions >= g.options.maxIngestPending))
      g.pauseSession(this);
  }

  private logHex(chunk: Buffer): void {
    const log = this.gateway.logger;
    if (log.level !== 'debug' && log.level !== 'trace') return;
    const t = this.gateway.now();
    if (t - this.lastHexLog < 1000) return; // at most one hex line a second per session
    this.lastHexLog = t;
    log.debug({ session: this.id, phone: this.phone, hex: toHex(chunk.subarray(0, 256)) }, 'frame bytes');
  }

  private bad(kind: string): void {
    GatewayMetrics.inc(this.gateway.metrics.decodeErrors, kind);
    if (++this.badFrames >= this.gateway.options.badFrameLimit) this.close('bad_frames');
  }

  private onPacket(packet: Uint8Array): void {
    if (this.closed) return;
    const r = decodePacket(packet);
    if (!r.ok) {
      this.bad(r.error.code);
      // 消息有误: answer when the header was readable, so the terminal does not wait for nothing.
      if (r.error.header && this.phone === '') this.adopt(r.error.header);
      if (r.error.header) this.send(generalResponse(r.error.header, 2));
      return;
    }
    this.bytesSinceFrame = 0;
    this.framesIn++;
    this.lastFrameAt = this.gateway.now();
    GatewayMetrics.inc(this.gateway.metrics.framesIn, hexId(r.header.messageId));
    if (this.phone === '') this.adopt(r.header);
    else if (r.header.phone !== this.phone) {
      // One connection is one terminal: a second phone number on it is not a terminal's behaviour.
      this.bad('phone_changed');
      this.send(generalResponse(r.header, 1));
      return;
    }
    let { header, message } = r;
    if (message.type === 'fragment') {
      this.reassembler ??= createReassembler({ timeoutMs: 60_000, resendAfterMs: 5_000, maxBytes: 1 << 20 });
      const p = this.reassembler.push(header, message.body, this.lastFrameAt);
      if (p.status === 'rejected') this.bad(`fragment_${p.reason}`);
      if (p.status !== 'complete') return;
      const whole = decodeBody(p.header, p.body);
      if (!whole.ok) {
        this.bad(whole.error.code);
        this.send(generalResponse(p.header, 2));
        return;
      }
      ({ header, message } = whole);
    }
    const item = { header, message, at: this.lastFrameAt };
    if (this.held) this.held.push(item);
    else this.handle(item.header, item.message, item.at);
  }

  private adopt(h: Header): void {
    this.phone = h.phone;
    this.edition = h.edition;
    this.protocolVersion = h.protocolVersion || 1;
  }

  /** Runs an async step (archive lookup) with later frames held until it is done. */
  private hold(step: Promise<void>): void {
    this.held = [];
    step
      .catch((err: unknown) => this.gateway.logger.error({ err, session: this.id }, 'session step failed'))
      .finally(() => {
        const queue = this.held ?? [];
        this.held = null;
        for (const [i, f] of queue.entries()) {
          if (this.closed) return;
          this.handle(f.header, f.message, f.at);
          // A handled frame may start another hold: keep the rest for after it.
          if (this.held !== null) {
            (this.held as typeof queue).push(...queue.slice(i + 1));
            return;
          }
        }
      });
  }

  private handle(header: Header, message: Message, at: number): void {
    if (!this.authenticated && !BEFORE_AUTH.has(header.messageId)) {
      this.send(generalResponse(header, 1));
      return;
    }
    switch (message.type) {
      case 'register':
        this.hold(this.register(header));
        return;
      case 'authentication':
        this.hold(this.authenticate(header, message.authCode));
        return;
      case 'heartbeat':
        this.send(generalResponse(header, 0));
        return;
      case 'serverTimeQuery':
        // 2019 §8.8: 0x8004 answers with the platform's UTC time.
        this.send(serverTimeResponse(this.gateway.now()));
        return;
      case 'logout':
        this.send(generalResponse(header, 0));
        this.close('logout', true);
        return;
      case 'driverIdentity':
        // Positions after it wait for the card's lookup, so each names the driver it was taken with.
        this.hold(this.driverCard(header, message));
        return;
      case 'locationReport': {
        const p = toPosition(message, this.identity!, new Date(at));
        this.ingest([p], header, at);
        return;
      }
      case 'locationBatch': {
        const received = new Date(at);
        const list = message.items.map((l) => toPosition(l, this.identity!, received));
        this.ingest(list, header, at);
        return;
      }
      case 'locationQueryResponse': {
        // The answer to 0x8201: a position like any other, and the reply to a command. No 0x8001
        // is due for a response message.
        const p = toPosition(message.location, this.identity!, new Date(at));
        this.gateway.onCommandReply?.(this, header, message);
        this.ingest([p], header, at, false);
        return;
      }
      case 'terminalGeneralResponse':
      case 'parametersResponse':
        this.gateway.onCommandReply?.(this, header, message);
        return;
      default:
        // Understood by the codec but not handled here (multimedia, pass-through …): 0x8001 result 3
        // "not supported" tells the terminal not to retry.
        this.send(generalResponse(header, 3));
    }
  }

  private ingest(list: Position[], header: Header, at: number, reply = true): void {
    const g = this.gateway;
    // Every position of the session names the IC-card driver last reported, once it said any.
    if (this.cardDriverId !== undefined) for (const p of list) p.driverId = this.cardDriverId;
    g.pendingPositions += list.length;
    g.ingestFn(list).then(
      () => {
        g.pendingPositions -= list.length;
        g.metrics.positionsIngested += list.length;
        this.positions += list.length;
        if (reply) {
          this.send(generalResponse(header, 0));
          g.metrics.observeAck(g.now() - at);
        }
        g.maybeResume();
      },
      (err: unknown) => {
        g.pendingPositions -= list.length;
        g.logger.error({ err, session: this.id, count: list.length }, 'positions not stored');
        // Not durable: 失败, so the terminal keeps the fixes and sends them again.
        if (reply) this.send(generalResponse(header, 1));
        g.maybeResume();
      },
    );
  }

  /**
   * 0x0702 driver identity: a card read in (status 1, read result 0) names its person, looked up
   * in the archive by ID number or qualification certificate; a card pulled (status 2) or one that
   * could not be read names nobody. Each report is kept in `driver_card_events` (who drove when,
   * unknown cards included). Answered 0x8001 success once recorded; if the lookup or the write
   * fails (database down) there is no answer, and the terminal sends the report again.
   */
  private async driverCard(header: Header, m: DriverIdentity): Promise<void> {
    const read = m.status === 1 && m.readResult === 0;
    const person = read
      ? await driverByCard(this.gateway.db, { idNumber: m.idNumber, certificateNumber: m.certificateNumber })
      : null;
    if (read && person === null) {
      this.gateway.logger.info(
        { session: this.id, phone: this.phone, certificate: m.certificateNumber },
        'driver card not in the archive',
      );
    }
    const who = this.identity;
    if (who) {
      const text = (v: string | undefined) => (v ? v.replaceAll('\u0000', '').trim() || null : null);
      await this.gateway.db.query(
        `INSERT INTO driver_card_events (vehicle_id, terminal_id, enterprise_id, district_code, status,
           person_id, driver_name, certificate_number, issuing_authority, card_expiry, id_number, device_time)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT DO NOTHING`,
        [
          who.vehicleId,
          who.terminalId,
          who.enterpriseId,
          who.districtCode,
          read ? 'inserted' : m.status === 1 ? 'unreadable' : 'removed',
          person,
          text(m.driverName),
          text(m.certificateNumber),
          text(m.issuingAuthority),
          text(m.expiry),
          text(m.idNumber),
          m.time === null ? null : new Date(m.time),
        ],
      );
    }
    this.cardDriverId = person;
    this.send(generalResponse(header, 0));
  }

  private async register(header: Header): Promise<void> {
    const access = await terminalAccess(this.gateway.db, header.phone);
    if (access.refusal !== null) {
      const result =
        access.refusal === 'unknown_terminal' || access.refusal === 'terminal_not_filed'
          ? RegisterResult.terminalUnknown
          : RegisterResult.vehicleUnknown;
      this.gateway.refused(this, header.phone, access.refusal);
      this.send(registerResponse(header, result));
      return;
    }
    const code = randomBytes(12).toString('base64url');
    await this.gateway.db.query(
      `INSERT INTO gateway_auth_codes (terminal_id, auth_code) VALUES ($1, $2)
       ON CONFLICT (terminal_id) DO UPDATE SET auth_code = EXCLUDED.auth_code, issued_at = now()`,
      [access.terminalId, code],
    );
    this.send(registerResponse(header, RegisterResult.ok, code));
  }

  private async authenticate(header: Header, authCode: string): Promise<void> {
    const access = await terminalAccess(this.gateway.db, header.phone);
    if (access.refusal !== null || access.vehicleId === null) {
      this.gateway.refused(this, header.phone, access.refusal ?? 'no_vehicle');
      this.send(generalResponse(header, 1));
      return;
    }
    const { rows } = await this.gateway.db.query<{ auth_code: string }>(
      'SELECT auth_code FROM gateway_auth_codes WHERE terminal_id = $1',
      [access.terminalId],
    );
    if (rows[0]?.auth_code !== authCode) {
      GatewayMetrics.inc(this.gateway.metrics.connectionsRefused, 'bad_auth_code');
      this.send(generalResponse(header, 1));
      return;
    }
    this.identity = {
      terminalId: access.terminalId,
      vehicleId: access.vehicleId,
      enterpriseId: access.enterpriseId,
      districtCode: access.districtCode,
      plate: access.plate,
    };
    this.authenticatedAt = this.gateway.now();
    this.gateway.online(this);
    this.send(generalResponse(header, 0));
  }

  /** Called by the gateway's sweep. */
  sweep(now: number): void {
    const o = this.gateway.options;
    if (!this.authenticated && now - this.connectedAt > o.authTimeoutMs) this.close('auth_timeout');
    else if (now - this.lastFrameAt > 3 * o.heartbeatMs) this.close('idle');
    else if (this.reassembler) {
      for (const need of this.reassembler.poll(now).resend) {
        this.send(resendRequest(need.originalSerial, need.missing));
      }
    }
  }
}

function frameId(frame: Uint8Array): number {
  // The id is the first two bytes after the flag; neither byte of a platform id needs escaping
  // except 0x7E/0x7D, which no message id contains.
  return (frame[1]! << 8) | frame[2]!;
}

export class Gateway {
  readonly metrics = new GatewayMetrics();
  readonly options: GatewayOptions;
  readonly logger: Logger;
  readonly db: Queryable;
  readonly ingestFn: (positions: readonly Position[]) => Promise<void>;
  readonly now: () => number;
  pendingPositions = 0;
  saturated = false;
  onCommandReply: CommandReplyHandler | undefined;
  onSessionClosed: ((session: Session, reason: string) => void) | undefined;
  private readonly listeners = new Set<(e: GatewayEvent) => void>();
  private readonly sessions = new Set<Session>();
  private readonly byVehicle = new Map<string, Session>();
  private readonly paused = new Set<Session>();
  private readonly ipWindows = new Map<string, { start: number; count: number }>();
  private server: Server | undefined;
  private sweeper: NodeJS.Timeout | undefined;

  constructor(deps: GatewayDeps) {
    this.options = deps.options;
    this.logger = deps.logger;
    this.db = deps.db;
    this.ingestFn = (p) => deps.ingest(p);
    this.now = deps.now ?? Date.now;
  }

  on(listener: (e: GatewayEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(e: GatewayEvent): void {
    for (const l of this.listeners) l(e);
  }

  /** Starts listening; resolves with the bound port. */
  async start(): Promise<number> {
    const server = createServer({ noDelay: true, keepAlive: true }, (socket) => this.accept(socket));
    this.server = server;
    server.on('error', (err) => this.logger.error({ err }, 'gateway server error'));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: this.options.host, port: this.options.port, backlog: 4096 }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const sweepMs = Math.max(100, Math.min(1000, Math.floor(this.options.authTimeoutMs / 4)));
    this.sweeper = setInterval(() => this.sweep(), sweepMs);
    this.sweeper.unref();
    const port = (server.address() as AddressInfo).port;
    this.logger.info({ port }, 'JT/T 808 gateway listening');
    return port;
  }

  async stop(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    const server = this.server;
    this.server = undefined;
    for (const s of [...this.sessions]) s.close('server_stopping');
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get port(): number | undefined {
    const a = this.server?.address();
    return a && typeof a === 'object' ? a.port : undefined;
  }

  /** The authenticated session of a vehicle, if it is connected. */
  sessionOfVehicle(vehicleId: string): Session | undefined {
    return this.byVehicle.get(vehicleId);
  }

  list(): SessionInfo[] {
    const out: SessionInfo[] = [];
    for (const s of this.byVehicle.values()) {
      const i = s.info();
      if (i) out.push(i);
    }
    return out;
  }

  /** Sessions paused by back-pressure. */
  get pausedCount(): number {
    return this.paused.size;
  }

  get connectionCount(): number {
    return this.sessions.size;
  }

  private accept(socket: Socket): void {
    const ip = socket.remoteAddress ?? 'unknown';
    const m = this.metrics;
    if (this.sessions.size >= this.options.maxConnections) {
      GatewayMetrics.inc(m.connectionsRefused, 'max_connections');
      socket.destroy();
      return;
    }
    if (!this.options.rateExemptIps.includes(ip)) {
      const t = this.now();
      let w = this.ipWindows.get(ip);
      if (!w || t - w.start >= 60_000) this.ipWindows.set(ip, (w = { start: t, count: 0 }));
      if (++w.count > this.options.connectionsPerIpPerMinute) {
        GatewayMetrics.inc(m.connectionsRefused, 'ip_rate');
        socket.destroy();
        return;
      }
    }
    m.connectionsOpen++;
    m.connectionsTotal++;
    const session = new Session(this, socket, `${ip}:${socket.remotePort ?? 0}`);
    this.sessions.add(session);
    if (this.saturated) this.pauseSession(session);
  }

  /** Called by a session when it closes. */
  detach(session: Session, reason: string): void {
    if (!this.sessions.delete(session)) return;
    this.paused.delete(session);
    this.metrics.connectionsOpen--;
    GatewayMetrics.inc(this.metrics.sessionsClosed, reason);
    const who = session.identity;
    if (who && this.byVehicle.get(who.vehicleId) === session) {
      this.byVehicle.delete(who.vehicleId);
      this.emit({ type: 'session_offline', sessionId: session.id, vehicleId: who.vehicleId, reason });
    }
    this.onSessionClosed?.(session, reason);
    this.logger.debug({ session: session.id, phone: session.phone, reason }, 'session closed');
  }

  online(session: Session): void {
    const who = session.identity!;
    const previous = this.byVehicle.get(who.vehicleId);
    // A terminal that reconnects before its old connection timed out: the new one wins.
    if (previous && previous !== session) previous.close('replaced');
    this.byVehicle.set(who.vehicleId, session);
    this.emit({
      type: 'session_online',
      sessionId: session.id,
      vehicleId: who.vehicleId,
      terminalId: who.terminalId,
    });
  }

  refused(session: Session, phone: string, reason: TerminalRefusal): void {
    GatewayMetrics.inc(this.metrics.connectionsRefused, reason);
    this.logger.warn(
      { phone, remote: session.remote, reason, event: 'unfiled_terminal' },
      'terminal refused',
    );
    this.emit({ type: 'unfiled_terminal', phone, remote: session.remote, reason });
  }

  pauseSession(session: Session): void {
    if (!this.saturated && this.pendingPositions >= this.options.maxIngestPending) this.saturated = true;
    if (!this.saturated) return;
    if (!this.paused.has(session)) {
      this.paused.add(session);
      session.socket.pause();
    }
  }

  maybeResume(): void {
    if (!this.saturated) {
      if (this.pendingPositions >= this.options.maxIngestPending) this.saturated = true;
      return;
    }
    if (this.pendingPositions > this.options.maxIngestPending / 2) return;
    this.saturated = false;
    for (const s of this.paused) if (!s.closed) s.socket.resume();
    this.paused.clear();
  }

  private sweep(): void {
    const t = this.now();
    for (const s of [...this.sessions]) s.sweep(t);
    for (const [ip, w] of this.ipWindows) if (t - w.start >= 60_000) this.ipWindows.delete(ip);
  }
}
