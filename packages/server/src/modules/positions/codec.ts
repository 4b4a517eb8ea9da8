/**
 * Wire encoding of a batch of checked positions on the bus: JSON of positional arrays (no
 * repeated keys), about 200 bytes a fix, for JetStream. On the in-process bus a batch is not
 * encoded at all (carryPositions): the JSON round trip was a tenth of the gateway process's CPU
 * in bench:ingest. On JetStream the batch is encoded for the stream (other processes, and this one
 * after a restart, read the JSON) and also kept here for a while under a key written into the
 * JSON (encodeAndKeep): this process's own consumers — store, live state, rules, waybill tracker,
 * each reading every batch — take the fixes from memory instead of parsing them four times.
 */
import { randomBytes } from 'node:crypto';
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

export function encodePositions(batch: readonly CheckedPosition[], key?: string): Uint8Array {
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
  // The key first, so a consumer reads it without parsing the rest (`keyOf`).
  return Buffer.from(
    JSON.stringify(key === undefined ? { v: VERSION, p: rows } : { v: VERSION, k: key, p: rows }),
  );
}

/** Batches this process published to a bus between processes, by key, oldest first (see encodeAndKeep). */
const kept = new Map<string, { at: number; batch: readonly CheckedPosition[] }>();
/** Long enough for this process's consumers to read a batch (they are milliseconds behind). */
export const KEEP_MS = 10_000;
/** Bounds the memory kept whatever the rate: about 2,000 batches × their fixes. */
const KEEP_MAX = 2048;
/** This process's key prefix: a batch kept by another process, or before a restart, never matches. */
const PROCESS_KEY = randomBytes(6).toString('hex');
let keySeq = 0;

/**
 * Encodes a batch for a bus between processes (as encodePositions, with a key) and keeps the fixes
 * here for KEEP_MS, so that `decodePositions` in this process returns them without parsing. A
 * consumer that reads the batch later, or in another process, parses the JSON as before.
 */
export function encodeAndKeep(batch: readonly CheckedPosition[], now = Date.now()): Uint8Array {
  for (const [k, e] of kept) {
    if (kept.size < KEEP_MAX && now - e.at <= KEEP_MS) break;
    kept.delete(k);
  }
  const key = `${PROCESS_KEY}:${(keySeq = (keySeq + 1) % Number.MAX_SAFE_INTEGER)}`;
  kept.set(key, { at: now, batch });
  return encodePositions(batch, key);
}

const KEY_PREFIX = Buffer.from(`{"v":${VERSION},"k":"`);
const QUOTE = 0x22;

/** The key of an encoded batch (encodeAndKeep), read from its first bytes; undefined when it has none. */
function keyOf(data: Uint8Array): string | undefined {
  const n = KEY_PREFIX.length;
  if (data.length < n + 2) return undefined;
  for (let i = 0; i < n; i++) if (data[i] !== KEY_PREFIX[i]) return undefined;
  const end = data.indexOf(QUOTE, n);
  if (end < 0 || end - n > 64) return undefined;
  return Buffer.from(data.buffer, data.byteOffset + n, end - n).toString('latin1');
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
  const key = keyOf(data);
  if (key !== undefined) {
    const mine = kept.get(key);
    if (mine) return mine.batch.slice();
  }
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
