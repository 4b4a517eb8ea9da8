/**
 * Live state (实时位置): the last valid fix of every vehicle, held in memory and written to the
 * `vehicle_live` table in batches, with online/offline status by the time since the vehicle was
 * last heard from (any fix, valid or not). A durable bus consumer (`live`) feeds it; messages are
 * acknowledged once the table write that covers them has committed, so a restart loses nothing:
 * it loads the table and the bus redelivers what came after.
 *
 * A late fix (a 0x0704 blind-area supplement) never moves a vehicle back in time: only a fix
 * newer than the one held replaces it.
 */
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Bus, BusMessage, Subscription } from '../../platform/bus/bus.js';
import type { Db } from '../../platform/db/db.js';
import { decodePositions } from './codec.js';
import type { CheckedPosition } from './position.js';
import type { PositionTopic } from './subjects.js';

export type LiveStatus = 'online' | 'offline';

export interface LiveFix {
  vehicleId: string;
  terminalId: string;
  deviceTime: Date;
  receivedAt: Date;
  lat: number;
  lon: number;
  speed: number;
  heading: number;
  altitude: number;
  alarmBits: number;
  statusBits: number;
  mileage: number | null;
  /** Latest receipt of any fix of this vehicle, valid or not. */
  lastSeenAt: Date;
}

export interface LiveVehicle extends LiveFix {
  status: LiveStatus;
}

/**
 * A fix with its status, as a literal: V8 (Node 20) takes a slow path, about a microsecond per
 * object here, for `{ ...fix, status }`, and this runs for every position announced.
 */
function withStatus(f: LiveFix, status: LiveStatus): LiveVehicle {
  return {
    vehicleId: f.vehicleId,
    terminalId: f.terminalId,
    deviceTime: f.deviceTime,
    receivedAt: f.receivedAt,
    lat: f.lat,
    lon: f.lon,
    speed: f.speed,
    heading: f.heading,
    altitude: f.altitude,
    alarmBits: f.alarmBits,
    statusBits: f.statusBits,
    mileage: f.mileage,
    lastSeenAt: f.lastSeenAt,
    status,
  };
}

export type LiveListener = (changes: readonly LiveVehicle[]) => void;

export interface LiveStateOptions {
  db: Db;
  bus: Bus;
  topic: PositionTopic;
  logger: Logger;
  offlineAfterMs: number;
  flushIntervalMs: number;
  now?: () => Date;
}

const STAGE_DDL = `CREATE TEMP TABLE IF NOT EXISTS vehicle_live_stage (
  vehicle_id text, terminal_id text, device_time timestamptz, received_at timestamptz,
  lat double precision, lon double precision, speed real, heading smallint, altitude integer,
  alarm_bits bigint, status_bits bigint, mileage real, last_seen_at timestamptz
) ON COMMIT DELETE ROWS`;

const STAGE_COLUMNS = [
  'vehicle_id',
  'terminal_id',
  'device_time',
  'received_at',
  'lat',
  'lon',
  'speed',
  'heading',
  'altitude',
  'alarm_bits',
  'status_bits',
  'mileage',
  'last_seen_at',
] as const;

// Another process (or an older write) may hold a newer fix: a fix only replaces an older one,
// and last_seen_at only moves forward, each on its own.
const UPSERT = `INSERT INTO vehicle_live (${STAGE_COLUMNS.join(', ')})
  SELECT ${STAGE_COLUMNS.join(', ')} FROM vehicle_live_stage
  ON CONFLICT (vehicle_id) DO UPDATE SET
    terminal_id = excluded.terminal_id, device_time = excluded.device_time, received_at = excluded.received_at,
    lat = excluded.lat, lon = excluded.lon, speed = excluded.speed, heading = excluded.heading,
    altitude = excluded.altitude, alarm_bits = excluded.alarm_bits, status_bits = excluded.status_bits,
    mileage = excluded.mileage,
    last_seen_at = greatest(vehicle_live.last_seen_at, excluded.last_seen_at), updated_at = now()
  WHERE vehicle_live.device_time <= excluded.device_time`;

const TOUCH = `UPDATE vehicle_live v SET last_seen_at = s.last_seen_at, updated_at = now()
  FROM vehicle_live_stage s WHERE v.vehicle_id = s.vehicle_id AND v.last_seen_at < s.last_seen_at`;

interface LiveRow {
  vehicle_id: string;
  terminal_id: string;
  device_time: Date;
  received_at: Date;
  lat: number;
  lon: number;
  speed: number;
  heading: number;
  altitude: number;
  alarm_bits: number;
  status_bits: number;
  mileage: number | null;
  last_seen_at: Date;
}

export class LiveState {
  private readonly fixes = new Map<string, LiveFix>();
  /** The status last announced for each vehicle, so a transition is announced once. */
  private readonly announced = new Map<string, LiveStatus>();
  private readonly dirty = new Set<string>();
  private unacked: BusMessage[] = [];
  private readonly listeners = new Set<LiveListener>();
  private sub: Subscription | undefined;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private readonly now: () => Date;

  constructor(private readonly options: LiveStateOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** Loads the table, then follows the bus. */
  async start(): Promise<void> {
    await this.load();
    const { topic } = this.options;
    this.sub = await this.options.bus.subscribe(
      {
        stream: topic.stream,
        durable: 'live',
        filter: `${topic.prefix}.>`,
        maxAckPending: 10_000,
        // Longer than a flush interval: messages wait for the table write before their ack.
        ackWaitMs: Math.max(30_000, this.options.flushIntervalMs * 5),
      },
      (msg) => this.receive(msg),
    );
    this.timer = setInterval(() => void this.tick(), this.options.flushIntervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.flush(); // acknowledges while the subscription still holds the messages
    await this.sub?.stop();
    this.sub = undefined;
    await this.flush();
  }

  /** Stops without writing or acknowledging anything more: what a crash does. */
  async abort(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.unacked = [];
    await this.sub?.stop();
    this.sub = undefined;
  }

  async load(): Promise<void> {
    const { rows } = await this.options.db.query<LiveRow>('SELECT * FROM vehicle_live');
    const now = this.now();
    for (const r of rows) {
      const fix: LiveFix = {
        vehicleId: r.vehicle_id,
        terminalId: r.terminal_id,
        deviceTime: r.device_time,
        receivedAt: r.received_at,
        lat: r.lat,
        lon: r.lon,
        speed: r.speed,
        heading: r.heading,
        altitude: r.altitude,
        alarmBits: Number(r.alarm_bits),
        statusBits: Number(r.status_bits),
        mileage: r.mileage,
        lastSeenAt: r.last_seen_at,
      };
      this.fixes.set(fix.vehicleId, fix);
      this.announced.set(fix.vehicleId, this.statusOf(fix, now));
    }
  }

  onChange(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  statusOf(fix: LiveFix, now = this.now()): LiveStatus {
    return now.getTime() - fix.lastSeenAt.getTime() <= this.options.offlineAfterMs ? 'online' : 'offline';
  }

  get(vehicleId: string): LiveVehicle | undefined {
    const fix = this.fixes.get(vehicleId);
    return fix && withStatus(fix, this.statusOf(fix));
  }

  list(): LiveVehicle[] {
    const now = this.now();
    return [...this.fixes.values()].map((f) => withStatus(f, this.statusOf(f, now)));
  }

  /** Applies fixes (any order); announces the vehicles whose fix or status changed. */
  apply(positions: readonly CheckedPosition[]): void {
    const now = this.now();
    const changed = new Set<string>();
    for (const p of positions) {
      const held = this.fixes.get(p.vehicleId);
      if (held && p.receivedAt > held.lastSeenAt) {
        held.lastSeenAt = p.receivedAt;
        this.dirty.add(p.vehicleId);
        if (this.announced.get(p.vehicleId) !== this.statusOf(held, now)) changed.add(p.vehicleId);
      }
      if (!p.valid || (held && p.deviceTime <= held.deviceTime)) continue;
      this.fixes.set(p.vehicleId, {
        vehicleId: p.vehicleId,
        terminalId: p.terminalId,
        deviceTime: p.deviceTime,
        receivedAt: p.receivedAt,
        lat: p.lat,
        lon: p.lon,
        speed: p.speed,
        heading: p.heading,
        altitude: p.altitude,
        alarmBits: p.alarmBits,
        statusBits: p.statusBits,
        mileage: p.mileage,
        lastSeenAt: held && held.lastSeenAt > p.receivedAt ? held.lastSeenAt : p.receivedAt,
      });
      this.dirty.add(p.vehicleId);
      changed.add(p.vehicleId);
    }
    this.announce(changed, now);
  }

  /** Announces vehicles that went offline since the last sweep. */
  sweep(): void {
    const now = this.now();
    const changed = new Set<string>();
    for (const [id, fix] of this.fixes) {
      if (this.announced.get(id) !== this.statusOf(fix, now)) changed.add(id);
    }
    this.announce(changed, now);
  }

  private announce(ids: Set<string>, now: Date): void {
    if (ids.size === 0) return;
    if (this.listeners.size === 0) {
      // Nobody to tell: keep the announced statuses, build no change list.
      for (const id of ids) this.announced.set(id, this.statusOf(this.fixes.get(id)!, now));
      return;
    }
    const changes: LiveVehicle[] = [];
    for (const id of ids) {
      const fix = this.fixes.get(id)!;
      const status = this.statusOf(fix, now);
      this.announced.set(id, status);
      changes.push(withStatus(fix, status));
    }
    for (const l of this.listeners) l(changes);
  }

  private receive(msg: BusMessage): void {
    let positions: CheckedPosition[];
    try {
      positions = decodePositions(msg.data);
    } catch (err) {
      this.options.logger.error(
        { cat: 'pipeline', subject: msg.subject, seq: msg.seq, err },
        'undecodable batch',
      );
      msg.term();
      return;
    }
    this.apply(positions);
    this.unacked.push(msg);
  }

  private async tick(): Promise<void> {
    this.sweep();
    try {
      await this.flush();
    } catch (err) {
      this.options.logger.error({ cat: 'pipeline', err }, 'vehicle_live not written; will retry');
    }
  }

  /** Writes the changed vehicles, then acknowledges the messages that changed them. */
  flush(): Promise<void> {
    this.flushing ??= this.write().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async write(): Promise<void> {
    const ids = [...this.dirty];
    const msgs = this.unacked;
    this.dirty.clear();
    this.unacked = [];
    const rows = ids.flatMap((id) => {
      const f = this.fixes.get(id);
      if (!f) return [];
      return [
        [
          f.vehicleId,
          f.terminalId,
          f.deviceTime,
          f.receivedAt,
          f.lat,
          f.lon,
          f.speed,
          Math.round(f.heading),
          Math.round(f.altitude),
          f.alarmBits >>> 0,
          f.statusBits >>> 0,
          f.mileage,
          f.lastSeenAt,
        ],
      ];
    });
    try {
      if (rows.length > 0) {
        await this.options.db.transaction(async (tx) => {
          await tx.exec(STAGE_DDL);
          await tx.copyInto('vehicle_live_stage', STAGE_COLUMNS, rows);
          await tx.query(UPSERT);
          await tx.query(TOUCH);
        });
      }
    } catch (err) {
      for (const id of ids) this.dirty.add(id);
      this.unacked.unshift(...msgs);
      throw err;
    }
    for (const m of msgs) m.ack();
  }
}
