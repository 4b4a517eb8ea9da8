/**
 * Catching up after a restart on the in-process bus. Its position stream lives in memory, so a
 * crash loses every position the rule worker had taken since the last state save (up to
 * RULES_SNAPSHOT_INTERVAL_S of each vehicle's fixes: an overspeed in them never raised, a driver's
 * continuous driving short by that much) and every one published and not yet taken. They are all
 * in the position store, committed before they were published. At start the worker reads again
 * the positions received after the mark of the last completed save round (`rule_rounds`: the
 * round's start, or the receive time the rules had reached if they lagged behind the store),
 * less a margin for the spread between receive order and the stream's order, and drives each through the engine unless the vehicle's
 * restored state already holds it (received no later than the last fix the state took). The IC
 * card each fix was taken with is rebuilt from the gateway's card log, as the gateway stamped it.
 * The events made again carry their first making's ids: the bus and the alarms drop copies.
 * JetStream keeps the stream and redelivers what was not acknowledged, so it needs none of this.
 */
import type { Queryable } from '../../platform/db/db.js';
import type { RuleEngine } from '../../rules/engine.js';
import type { RuleEvent } from '../../rules/types.js';
import type { CheckedPosition, InvalidReason, PositionSource, SafetyEvent } from '../positions/position.js';
import type { TrackRow } from '../positions/store.js';
import { toRuleFix } from './fix.js';

/** The start of the last snapshot round that completed (epoch ms), or null before the first. */
export async function lastRoundStart(db: Queryable): Promise<number | null> {
  const { rows } = await db.query<{ at: number }>(
    'SELECT (extract(epoch FROM started_at) * 1000)::float8 AS at FROM rule_rounds',
  );
  return rows[0] ? Number(rows[0].at) : null;
}

export async function saveRoundStart(db: Queryable, at: number): Promise<void> {
  await db.query(
    `INSERT INTO rule_rounds (id, started_at) VALUES (true, $1::timestamptz)
     ON CONFLICT (id) DO UPDATE SET started_at = EXCLUDED.started_at`,
    [new Date(at).toISOString()],
  );
}

export interface ReplayOptions {
  /** Positions received after this (epoch ms) are read. */
  receivedAfter: number;
  /**
   * …and with a device time after this: older blind-area supplements would only be counted as late
   * in closed days' metrics, and the bound keeps the read to the recent days' partitions.
   */
  deviceAfter: number;
  /** Receive time read per query (ms): each is a BRIN range scan of its own slice. */
  sliceMs?: number;
}

export interface ReplayResult {
  /** Positions read from the store. */
  read: number;
  /** Of them, those the restored state did not hold, driven through the engine. */
  driven: number;
  events: number;
}

/** A stored fix as read back: the track's columns (device time as epoch ms instead) and the rest. */
interface Row extends Omit<TrackRow, 'device_time'> {
  vehicle_id: string;
  terminal_id: string;
  source: string;
  safety_events: SafetyEvent[] | string | null;
  device_ms: number;
  received_ms: number;
  status_bits: number;
  mileage: number | null;
  signal: number | null;
  satellites: number | null;
}

const SLICE = `SELECT vehicle_id, terminal_id, serial, source, valid, invalid_reasons, safety_events,
       (extract(epoch FROM device_time) * 1000)::float8 AS device_ms,
       (extract(epoch FROM received_at) * 1000)::float8 AS received_ms,
       lat, lon, speed::text::float8 AS speed, heading, altitude, alarm_bits::float8 AS alarm_bits,
       status_bits::float8 AS status_bits, mileage::text::float8 AS mileage, signal, satellites
  FROM positions
 WHERE received_at > $1::timestamptz AND received_at <= $2::timestamptz AND device_time > $3::timestamptz
 ORDER BY received_at, vehicle_id, device_time, serial`;

/**
 * Reads the positions received since `receivedAfter` in receive order, slice by slice, and drives
 * those the engine's state does not hold yet through it; `onEvents` gets each page's events.
 */
export async function replayFromStore(
  db: Queryable,
  engine: RuleEngine,
  opts: ReplayOptions,
  onEvents: (events: RuleEvent[]) => void,
): Promise<ReplayResult> {
  const sliceMs = opts.sliceMs ?? 15_000;
  const after = new Date(opts.receivedAfter).toISOString();
  const deviceAfter = new Date(opts.deviceAfter).toISOString();
  const result: ReplayResult = { read: 0, driven: 0, events: 0 };
  // The newest receive time there is: after a long stop the slices stop there, not at the clock.
  const newest = await db.query<{ at: number | null }>(
    `SELECT (extract(epoch FROM max(received_at)) * 1000)::float8 AS at
       FROM positions WHERE received_at > $1::timestamptz AND device_time > $2::timestamptz`,
    [after, deviceAfter],
  );
  const until = newest.rows[0]?.at;
  if (until === null || until === undefined) return result;
  const cards = await cardsSince(db, after);
  /** Per vehicle, the state's own last receive time, as restored (it moves as fixes are driven). */
  const held = new Map<string, number>();
  for (let from = opts.receivedAfter; from < until; from += sliceMs) {
    const { rows } = await db.query<Row>(SLICE, [
      new Date(from).toISOString(),
      new Date(Math.min(from + sliceMs, until)).toISOString(),
      deviceAfter,
    ]);
    const out: RuleEvent[] = [];
    for (const r of rows) {
      result.read++;
      let h = held.get(r.vehicle_id);
      if (h === undefined) held.set(r.vehicle_id, (h = engine.lastReceivedOf(r.vehicle_id) ?? -Infinity));
      if (r.received_ms <= h) continue;
      const p = toPosition(r);
      const card = cards.get(r.vehicle_id);
      if (card) {
        // The card last reported before the fix was received, as the gateway stamped it.
        while (card.next < card.list.length && card.list[card.next]!.at <= r.received_ms)
          card.current = card.list[card.next++]!;
        if (card.current) p.driverId = card.current.personId;
      }
      engine.ingest(toRuleFix(p), out);
      result.driven++;
    }
    result.events += out.length;
    if (out.length > 0) onEvents(out);
  }
  return result;
}

interface CardReport {
  at: number;
  personId: string | null;
}

/** Each vehicle's IC-card reports since `after`, oldest first. */
async function cardsSince(
  db: Queryable,
  after: string,
): Promise<Map<string, { list: CardReport[]; next: number; current: CardReport | undefined }>> {
  const { rows } = await db.query<{ vehicle_id: string; person_id: string | null; at: number }>(
    `SELECT vehicle_id::text, person_id::text, (extract(epoch FROM received_at) * 1000)::float8 AS at
       FROM driver_card_events WHERE received_at > $1::timestamptz ORDER BY vehicle_id, received_at, id`,
    [after],
  );
  const out = new Map<string, { list: CardReport[]; next: number; current: CardReport | undefined }>();
  for (const r of rows) {
    let v = out.get(r.vehicle_id);
    if (!v) out.set(r.vehicle_id, (v = { list: [], next: 0, current: undefined }));
    v.list.push({ at: Number(r.at), personId: r.person_id });
  }
  return out;
}

function toPosition(r: Row): CheckedPosition {
  const safety =
    typeof r.safety_events === 'string' ? (JSON.parse(r.safety_events) as SafetyEvent[]) : r.safety_events;
  return {
    vehicleId: r.vehicle_id,
    terminalId: r.terminal_id,
    deviceTime: new Date(Number(r.device_ms)),
    receivedAt: new Date(Number(r.received_ms)),
    lat: r.lat,
    lon: r.lon,
    speed: Number(r.speed),
    heading: r.heading,
    altitude: r.altitude,
    alarmBits: Number(r.alarm_bits),
    statusBits: Number(r.status_bits),
    mileage: r.mileage === null ? null : Number(r.mileage),
    signal: r.signal,
    satellites: r.satellites,
    safetyEvents: safety ?? [],
    source: r.source as PositionSource,
    serial: r.serial,
    valid: r.valid,
    invalidReasons: (r.invalid_reasons ?? []) as InvalidReason[],
  };
}
