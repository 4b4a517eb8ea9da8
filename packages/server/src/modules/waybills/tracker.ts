/**
 * The waybill tracker: a durable consumer (`waybills`) of the position stream that moves active
 * waybills along from the tracks (track-steps.ts), with the system as actor. Only vehicles with
 * an active waybill are watched; the set is loaded from the database at start, again after every
 * status change the service makes, and every minute (changes made by another process).
 * Positions are acknowledged after the steps they caused are committed.
 */
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Bus, BusMessage, Subscription } from '../../platform/bus/bus.js';
import type { Db } from '../../platform/db/db.js';
import { decodePositions, PositionDecodeError } from '../positions/codec.js';
import type { PositionTopic } from '../positions/subjects.js';
import type { WaybillStatus } from './lifecycle.js';
import type { WaybillService } from './service.js';
import { stepWatch, type Area, type TrackParams, type Watch } from './track-steps.js';

interface ActiveRow {
  id: string;
  vehicle_id: string;
  status: WaybillStatus;
  origin_lon: number | null;
  origin_lat: number | null;
  op_polygon: { coordinates: number[][][] } | null;
  op_lon: number | null;
  op_lat: number | null;
  destination_lon: number | null;
  destination_lat: number | null;
  dp_polygon: { coordinates: number[][][] } | null;
  dp_lon: number | null;
  dp_lat: number | null;
}

function area(
  polygon: { coordinates: number[][][] } | null,
  placeLon: number | null,
  placeLat: number | null,
  lon: number | null,
  lat: number | null,
): Area | null {
  if (polygon && placeLon !== null && placeLat !== null) {
    const ring = polygon.coordinates[0];
    return { ring: ring && ring.length >= 4 ? ring.flat() : null, lon: placeLon, lat: placeLat };
  }
  if (lon !== null && lat !== null) return { ring: null, lon, lat };
  return null;
}

export interface TrackerOptions {
  db: Db;
  bus: Bus;
  topic: PositionTopic;
  service: WaybillService;
  params: TrackParams;
  logger: Logger;
  refreshEveryMs?: number;
}

export class WaybillTracker {
  private watches = new Map<string, Watch>();
  private sub: Subscription | undefined;
  private timer: NodeJS.Timeout | undefined;
  private refreshing: Promise<void> = Promise.resolve();
  private dirty = false;
  steps = 0;

  constructor(private readonly o: TrackerOptions) {}

  async start(): Promise<void> {
    await this.load();
    this.sub = await this.o.bus.subscribe(
      { stream: this.o.topic.stream, durable: 'waybills', maxAckPending: 200, ackWaitMs: 60_000 },
      (msg) => this.handle(msg),
    );
    this.timer = setInterval(() => this.refresh(), this.o.refreshEveryMs ?? 60_000);
    this.timer.unref();
  }

  /** Reloads the active set soon; positions wait for it. Called after every status change. */
  refresh(): void {
    if (this.dirty) return;
    this.dirty = true;
    this.refreshing = this.refreshing
      .then(() => {
        this.dirty = false;
        return this.load();
      })
      .catch((err: unknown) =>
        this.o.logger.error({ cat: 'waybills', err }, 'waybill tracker refresh failed'),
      );
  }

  /** How many vehicles are watched (for tests and health). */
  get watched(): number {
    return this.watches.size;
  }

  private async load(): Promise<void> {
    const { rows } = await this.o.db.query<ActiveRow>(
      `SELECT w.id, w.vehicle_id, w.status, w.origin_lon, w.origin_lat, op.polygon AS op_polygon,
              op.centre_lon AS op_lon, op.centre_lat AS op_lat, w.destination_lon, w.destination_lat,
              dp.polygon AS dp_polygon, dp.centre_lon AS dp_lon, dp.centre_lat AS dp_lat
         FROM waybills w
         LEFT JOIN places op ON op.id = w.origin_place_id
         LEFT JOIN places dp ON dp.id = w.destination_place_id
        WHERE w.status IN ('checked', 'loading', 'in_transit')`,
    );
    const next = new Map<string, Watch>();
    for (const r of rows) {
      const old = this.watches.get(r.vehicle_id);
      const same = old && old.waybillId === r.id && old.status === r.status;
      next.set(r.vehicle_id, {
        waybillId: r.id,
        vehicleId: r.vehicle_id,
        status: r.status,
        origin: area(r.op_polygon, r.op_lon, r.op_lat, r.origin_lon, r.origin_lat),
        destination: area(r.dp_polygon, r.dp_lon, r.dp_lat, r.destination_lon, r.destination_lat),
        seenAtOrigin: same ? old.seenAtOrigin : r.status === 'loading',
        atDestinationSince: same ? old.atDestinationSince : null,
        lastFixAt: old?.waybillId === r.id ? old.lastFixAt : 0,
        pending: false,
      });
    }
    this.watches = next;
  }

  private async handle(msg: BusMessage): Promise<void> {
    let positions;
    try {
      positions = decodePositions(msg.data);
    } catch (err) {
      if (err instanceof PositionDecodeError) {
        msg.term();
        return;
      }
      throw err;
    }
    await this.refreshing;
    for (const p of positions) {
      if (!p.valid) continue;
      const w = this.watches.get(p.vehicleId);
      if (!w) continue;
      const at = p.deviceTime.getTime();
      const step = stepWatch(w, { lat: p.lat, lon: p.lon, at }, this.o.params);
      if (!step) continue;
      let done: boolean;
      try {
        done = await this.o.service.systemStep(w.waybillId, step, p.deviceTime, {
          source: 'tracks',
          lat: p.lat,
          lon: p.lon,
        });
      } catch (err) {
        // The message comes again: let the fixes be judged afresh.
        w.pending = false;
        w.lastFixAt = 0;
        throw err;
      }
      if (done) this.steps++;
      else w.pending = false;
    }
    msg.ack();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.sub?.stop();
    await this.refreshing;
  }
}
