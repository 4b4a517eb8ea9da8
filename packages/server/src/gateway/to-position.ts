/**
 * A JT/T 808 location (0x0200, 0x0201, one item of 0x0704) → the pipeline's normalized Position.
 * Units are already converted by the codec (degrees, km/h, metres, epoch ms UTC).
 */
import type { Location } from '@weiyun/jt808';
import type { Position, SafetyEvent } from '../modules/positions/position.js';

export interface SessionVehicle {
  vehicleId: string;
  terminalId: string;
}

/**
 * The `serial` of a JT/T 808 position. The store is idempotent on (vehicle, device time, serial),
 * but a terminal resends an unacknowledged fix in a new message (a 0x0704 blind-area batch) with a
 * new message serial, so the carrying serial would store a resent fix twice. A 16-bit digest of
 * the fix itself (position, speed, heading, alarm and status words) is the same in every resend
 * and still tells apart two different fixes that share a device time (a stuck terminal clock).
 */
export function fixDigest(loc: Location): number {
  let h = 0x811c9dc5;
  h = mix(h, Math.round(loc.latitude * 1e6));
  h = mix(h, Math.round(loc.longitude * 1e6));
  h = mix(h, Math.round(loc.speedKmh * 10));
  h = mix(h, loc.heading);
  h = mix(h, loc.alarm);
  h = mix(h, loc.status);
  return ((h >>> 16) ^ h) & 0xffff;
}

/** FNV-1a step over the two 16-bit halves of v (a module function: no closure per fix). */
function mix(h: number, v: number): number {
  h = Math.imul(h ^ (v & 0xffff), 16777619);
  return Math.imul(h ^ ((v >>> 16) & 0xffff), 16777619);
}

export function toPosition(loc: Location, who: SessionVehicle, receivedAt: Date): Position {
  let mileage: number | null = null;
  let signal: number | null = null;
  let satellites: number | null = null;
  let safetyEvents: SafetyEvent[] | undefined;
  for (const e of loc.extras) {
    switch (e.kind) {
      case 'mileage':
        mileage = e.km;
        break;
      case 'signalStrength':
        signal = e.value;
        break;
      case 'satellites':
        satellites = e.count;
        break;
      case 'adas':
      case 'dsm':
        (safetyEvents ??= []).push({ kind: `${e.kind}.${e.alarmName}`, level: e.level });
        break;
      default:
        break;
    }
  }
  return {
    vehicleId: who.vehicleId,
    terminalId: who.terminalId,
    // A time whose BCD is not a date: keep the fix (it is still evidence) at its arrival time.
    deviceTime: loc.time === null ? receivedAt : new Date(loc.time),
    receivedAt,
    lat: loc.latitude,
    lon: loc.longitude,
    speed: loc.speedKmh,
    heading: loc.heading,
    altitude: loc.altitude,
    alarmBits: loc.alarm,
    statusBits: loc.status,
    mileage,
    signal,
    satellites,
    safetyEvents: safetyEvents ?? [],
    source: 'jt808',
    serial: fixDigest(loc),
  };
}
