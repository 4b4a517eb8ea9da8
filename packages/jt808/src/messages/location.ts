// 位置基本信息 (JT/T 808-2019 §8.18 Table 23), 28 bytes, shared by 0x0200, 0x0201, 0x0704 and 0x0801.
// This is the hot path: direct byte reads, one object per report, no DataView, no string building.
import { readExtras, writeExtras, type LocationExtra } from '../location-extras/index.js';
import { bcdTime, DecodeError, type Reader } from '../reader.js';
import type { Writer } from '../writer.js';

export interface Location {
  /** 报警标志 DWORD; name the bits with `alarmNames(alarm, edition)`. */
  alarm: number;
  /** 状态 DWORD; name the bits with `statusFlags(status, edition)`. */
  status: number;
  /** Degrees, negative in the southern hemisphere (status bit 2). */
  latitude: number;
  /** Degrees, negative in the western hemisphere (status bit 3). */
  longitude: number;
  /** 高程, metres. */
  altitude: number;
  /** km/h (the wire carries 1/10 km/h). */
  speedKmh: number;
  /** 方向 0–359, 0 = north, clockwise. */
  heading: number;
  /** Device time as epoch ms UTC (the wire carries BCD YYMMDDhhmmss in GMT+8); null if not a valid date. */
  time: number | null;
  extras: LocationExtra[];
}

export const LOCATION_BASIC_LENGTH = 28;

/** Reads a location into a fresh object. */
export function readLocation(r: Reader, end: number, withExtras: boolean): Location {
  const l: Location = {
    alarm: 0,
    status: 0,
    latitude: 0,
    longitude: 0,
    altitude: 0,
    speedKmh: 0,
    heading: 0,
    time: null,
    extras: NO_EXTRAS,
  };
  fillLocation(r, end, withExtras, l);
  return l;
}

const NO_EXTRAS: LocationExtra[] = [];

/**
 * Reads the basic information (and items) into `l`. Callers create `l` with every field already in
 * place, so the object keeps one shape (0x0200 adds `type` first without a shape transition).
 */
export function fillLocation(r: Reader, end: number, withExtras: boolean, l: Location): void {
  const b = r.buf;
  const p = r.pos;
  if (p + LOCATION_BASIC_LENGTH > end) throw new DecodeError('truncated', 'location needs 28 bytes');
  const alarm = b[p]! * 0x1000000 + ((b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!);
  const status = b[p + 4]! * 0x1000000 + ((b[p + 5]! << 16) | (b[p + 6]! << 8) | b[p + 7]!);
  // JT/T 808 §8.18: latitude/longitude DWORD in 1e-6 degrees; hemisphere from status bits 2 and 3.
  const latRaw = b[p + 8]! * 0x1000000 + ((b[p + 9]! << 16) | (b[p + 10]! << 8) | b[p + 11]!);
  const lonRaw = b[p + 12]! * 0x1000000 + ((b[p + 13]! << 16) | (b[p + 14]! << 8) | b[p + 15]!);
  // Altitude is a WORD in metres; read signed, since devices below sea level send two's complement.
  const altRaw = (b[p + 16]! << 8) | b[p + 17]!;
  // §8.18: speed WORD in 1/10 km/h.
  const speedRaw = (b[p + 18]! << 8) | b[p + 19]!;
  l.alarm = alarm;
  l.status = status;
  l.latitude = latRaw === 0 ? 0 : (status & 4) !== 0 ? -latRaw / 1e6 : latRaw / 1e6;
  l.longitude = lonRaw === 0 ? 0 : (status & 8) !== 0 ? -lonRaw / 1e6 : lonRaw / 1e6;
  l.altitude = altRaw >= 0x8000 ? altRaw - 0x10000 : altRaw;
  l.speedKmh = speedRaw / 10;
  l.heading = (b[p + 20]! << 8) | b[p + 21]!;
  l.time = bcdTime(b, p + 22);
  r.pos = p + LOCATION_BASIC_LENGTH;
  l.extras = withExtras ? readExtras(r, end) : [];
}

export function writeLocation(w: Writer, l: Location, withExtras: boolean): void {
  let status = l.status;
  if (l.latitude < 0) status |= 4;
  if (l.longitude < 0) status |= 8;
  w.u32(l.alarm)
    .u32(status)
    .u32(Math.round(Math.abs(l.latitude) * 1e6))
    .u32(Math.round(Math.abs(l.longitude) * 1e6))
    .u16(l.altitude & 0xffff)
    .u16(Math.round(l.speedKmh * 10))
    .u16(l.heading)
    .time6(l.time);
  if (withExtras) writeExtras(w, l.extras);
}
