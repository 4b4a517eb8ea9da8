// Shared pieces of 0x8600–0x8607 区域/路线 (JT/T 808-2013 §8.37–8.44, 2019 §8.40–8.47).
// Area attribute bit0: time window present (start/end BCD[6]); bit1: speed limit present (max speed WORD
// km/h + overspeed duration BYTE s; 2019 adds night max speed WORD). 2019 also appends name length WORD + name.
import type { Edition } from '../header.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

/** Optional fields every area and route can carry. Times stay BCD text 'YYMMDDhhmmss' (00 fields mean "every"). */
export interface AreaLimits {
  startTime?: string;
  endTime?: string;
  maxSpeedKmh?: number;
  overspeedDurationS?: number;
  /** 2019 only. */
  nightMaxSpeedKmh?: number;
}

export interface LatLon {
  latitude: number;
  longitude: number;
}

export function readTimeWindow(r: Reader, attributes: number, out: AreaLimits): void {
  if (attributes & 1) {
    out.startTime = r.bcd(6);
    out.endTime = r.bcd(6);
  }
}

export function writeTimeWindow(w: Writer, attributes: number, a: AreaLimits): void {
  if (attributes & 1) w.bcd(a.startTime ?? '', 6).bcd(a.endTime ?? '', 6);
}

export function readSpeed(r: Reader, attributes: number, edition: Edition, out: AreaLimits): void {
  if (attributes & 2) {
    out.maxSpeedKmh = r.u16();
    out.overspeedDurationS = r.u8();
    if (edition === 2019) out.nightMaxSpeedKmh = r.u16();
  }
}

export function writeSpeed(w: Writer, attributes: number, edition: Edition, a: AreaLimits): void {
  if (attributes & 2) {
    w.u16(a.maxSpeedKmh ?? 0).u8(a.overspeedDurationS ?? 0);
    if (edition === 2019) w.u16(a.nightMaxSpeedKmh ?? 0);
  }
}

/** Points are unsigned 1e-6 degrees on the wire (the area messages carry no hemisphere bits). */
export function readPoint(r: Reader): LatLon {
  return { latitude: r.u32() / 1e6, longitude: r.u32() / 1e6 };
}

export function writePoint(w: Writer, p: LatLon): void {
  w.u32(Math.round(p.latitude * 1e6)).u32(Math.round(p.longitude * 1e6));
}

/** 设置属性: 0 update (replace all), 1 append, 2 modify. */
export type AreaAction = number;

export function readIds(r: Reader): number[] {
  const n = r.u8();
  const ids: number[] = [];
  for (let i = 0; i < n; i++) ids.push(r.u32());
  return ids;
}

export function writeIds(w: Writer, ids: readonly number[]): void {
  w.u8(ids.length);
  for (const id of ids) w.u32(id);
}
