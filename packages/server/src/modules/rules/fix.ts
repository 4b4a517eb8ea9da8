/** Converts the pipeline's position into the rule engine's input, at the edge between them. */
import { alarmNames } from '../../rules/alarm-codes.js';
import type { ActiveSafetyEvent, ActiveSafetySource, RuleFix } from '../../rules/types.js';
import type { CheckedPosition } from '../positions/position.js';

const SOURCES: ReadonlySet<string> = new Set(['adas', 'dsm', 'tpms', 'bsd']);

/** 'forward_collision' → 'forwardCollision' (the codec's spelling, which the rules use). */
function camel(s: string): string {
  return s.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** Shared by every fix without alarm bits (the engine only reads it). */
const NO_ALARMS: readonly string[] = Object.freeze([]);

/**
 * One object literal naming every field, absent ones as `undefined`: every fix has the same
 * shape, so the engine's property reads stay monomorphic. (It used `...(cond ? {} : { x })` for
 * the optional fields; on Node 20's V8 such a spread before more properties takes a slow path.)
 */
export function toRuleFix(p: CheckedPosition): RuleFix {
  let safety: ActiveSafetyEvent[] | undefined;
  for (const e of p.safetyEvents) {
    const dot = e.kind.indexOf('.');
    const source = dot > 0 ? e.kind.slice(0, dot) : '';
    if (!SOURCES.has(source)) continue;
    const event: ActiveSafetyEvent = {
      source: source as ActiveSafetySource,
      type: camel(e.kind.slice(dot + 1)),
    };
    if (e.level !== undefined) event.level = e.level;
    (safety ??= []).push(event);
  }
  return {
    vehicleId: p.vehicleId,
    deviceTime: p.deviceTime.getTime(),
    receivedTime: p.receivedAt.getTime(),
    lat: p.lat,
    lon: p.lon,
    speed: p.speed,
    heading: p.heading,
    altitude: p.altitude,
    alarms: p.alarmBits === 0 ? NO_ALARMS : alarmNames(p.alarmBits),
    // JT/T 808 table 25: status bit 0 ACC on, bit 1 positioned.
    acc: (p.statusBits & 1) !== 0,
    fixed: (p.statusBits & 2) !== 0,
    mileage: p.mileage === null ? undefined : p.mileage,
    serial: p.serial,
    activeSafety: safety,
    valid: p.valid,
    invalidReasons: p.invalidReasons.length > 0 ? p.invalidReasons : undefined,
    driverId: p.driverId,
  };
}
