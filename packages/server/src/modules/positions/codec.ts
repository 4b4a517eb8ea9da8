/**
 * Wire encoding of a batch of checked positions on the bus: JSON of positional arrays (no
 * repeated keys), about 200 bytes a fix, for JetStream. On the in-process bus a batch is not
 * encoded at all (carryPositions): the JSON round trip was a tenth of the gateway process's CPU
 * in bench:ingest.
 */
import {
  invalidReasons,
  positionSources,
  type CheckedPosition,
  type InvalidReason,
  type PositionSource,
  type SafetyEvent,
} from './position.js';

const VERSION = 1;

type Row = [
  string, // vehicleId
  string, // terminalId
  number, // deviceTime, ms since epoch
  number, // receivedAt, ms
  number, // lat
  number, // lon
  number, // speed
  number, // heading
  number, // altitude
  number, // alarmBits
  number, // statusBits
  number | null, // mileage
  number | null, // signal
  number | null, // satellites
  SafetyEvent[] | 0, // safetyEvents, 0 when none
  number, // source index
  number, // serial
  number, // invalid reasons as a bit set (0 = valid)
  // driverId (0x0702 card), only when the source said something about a card: a row without it
  // is the 18-column row of before, which this version still reads.
  (string | null)?,
];

function reasonBits(reasons: readonly InvalidReason[]): number {
  let bits = 0;
  for (const r of reasons) bits |= 1 << invalidReasons.indexOf(r);
  return bits;
}

export function encodePositions(batch: readonly CheckedPosition[]): Uint8Array {
  const rows: Row[] = batch.map((p) => {
    const row: Row = [
      p.vehicleId,
      p.terminalId,
      p.deviceTime.getTime(),
      p.receivedAt.getTime(),
      p.lat,
      p.lon,
      p.speed,
      p.heading,
      p.altitude,
      p.alarmBits,
      p.statusBits,
      p.mileage,
      p.signal,
      p.satellites,
      p.safetyEvents.length > 0 ? p.safetyEvents : 0,
      positionSources.indexOf(p.source),
      p.serial,
      reasonBits(p.invalidReasons),
    ];
    if (p.driverId !== undefined) row.push(p.driverId);
    return row;
  });
  return Buffer.from(JSON.stringify({ v: VERSION, p: rows }));
}

/**
 * Batches published on the in-process bus, by their message data. The in-process bus hands every
 * consumer the very `data` object that was published, so its consumers (live state, rules, the
 * waybill tracker) can read the fixes as they are, without the JSON round trip that only a bus
 * crossing a process boundary needs. Weak: an entry goes when the bus drops the message.
 */
const carried = new WeakMap<Uint8Array, readonly CheckedPosition[]>();

/** Marks a batch's message data as carried in process (never read, but kept meaningful). */
const CARRIED_MARK = Buffer.from(JSON.stringify({ v: VERSION, inProcess: true }));

/**
 * The message data of a batch for a bus in this process: a small marker object that stands for
 * the batch (each call a new object, since the batch is found by identity), no encoding.
 */
export function carryPositions(batch: readonly CheckedPosition[]): Uint8Array {
  const data = new Uint8Array(CARRIED_MARK);
  carried.set(data, batch);
  return data;
}

export class PositionDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PositionDecodeError';
  }
}

const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const numOrNull = (v: unknown): v is number | null => v === null || num(v);

/** Decodes a batch; a malformed message throws PositionDecodeError (the consumer terminates it). */
export function decodePositions(data: Uint8Array): CheckedPosition[] {
  // A consumer gets its own array; the fixes are shared, and no consumer changes a fix.
  const held = carried.get(data);
  if (held) return held.slice();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8'));
  } catch {
    throw new PositionDecodeError('not JSON');
  }
  const body = parsed as { v?: unknown; p?: unknown };
  if ((body as { inProcess?: unknown }).inProcess === true)
    throw new PositionDecodeError('in-process batch outside the process that published it');
  if (body.v !== VERSION || !Array.isArray(body.p)) throw new PositionDecodeError('unknown batch version');
  return (body.p as unknown[]).map((raw, i) => {
    const r = raw as Row;
    const ok =
      Array.isArray(r) &&
      (r.length === 18 || (r.length === 19 && (typeof r[18] === 'string' || r[18] === null))) &&
      typeof r[0] === 'string' &&
      typeof r[1] === 'string' &&
      [r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[15], r[16], r[17]].every(num) &&
      numOrNull(r[11]) &&
      numOrNull(r[12]) &&
      numOrNull(r[13]) &&
      (r[14] === 0 || Array.isArray(r[14])) &&
      positionSources[r[15]] !== undefined;
    if (!ok) throw new PositionDecodeError(`malformed position at index ${i}`);
    const reasons = invalidReasons.filter((_, bit) => ((r[17] >>> bit) & 1) === 1);
    return {
      vehicleId: r[0],
      terminalId: r[1],
      deviceTime: new Date(r[2]),
      receivedAt: new Date(r[3]),
      lat: r[4],
      lon: r[5],
      speed: r[6],
      heading: r[7],
      altitude: r[8],
      alarmBits: r[9],
      statusBits: r[10],
      mileage: r[11],
      signal: r[12],
      satellites: r[13],
      safetyEvents: r[14] === 0 ? [] : r[14],
      source: positionSources[r[15]] as PositionSource,
      serial: r[16],
      driverId: r[18],
      valid: reasons.length === 0,
      invalidReasons: reasons,
    };
  });
}
