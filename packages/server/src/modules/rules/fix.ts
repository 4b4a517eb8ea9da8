/** Converts the pipeline's position into the rule engine's input, at the edge between them. */
import { alarmNames } from '../../rules/alarm-codes.js';
import type { ActiveSafetyEvent, ActiveSafetySource, RuleFix } from '../../rules/types.js';
import type { CheckedPosition } from '../positions/position.js';

const SOURCES: ReadonlySet<string> = new Set(['adas', 'dsm', 'tpms', 'bsd']);

/** 'forward_collision' → 'forwardCollision' (the codec's spelling, which the rules use). */
function camel(s: string): string {
  return s.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

export function toRuleFix(p: CheckedPosition): RuleFix {
  const safety: ActiveSafetyEvent[] = [];
  for (const e of p.safetyEvents) {
    const dot = e.kind.indexOf('.');
    const source = dot > 0 ? e.kind.slice(0, dot) : '';
    if (!SOURCES.has(source)) continue;
    safety.push({
      source: source as ActiveSafetySource,
      type: camel(e.kind.slice(dot + 1)),
      ...(e.level === undefined ? {} : { level: e.level }),
    });
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
    alarms: alarmNames(p.alarmBits),
    // JT/T 808 table 25: status bit 0 ACC on, bit 1 positioned.
    acc: (p.statusBits & 1) !== 0,
    fixed: (p.statusBits & 2) !== 0,
    ...(p.mileage === null ? {} : { mileage: p.mileage }),
    serial: p.serial,
    ...(safety.length > 0 ? { activeSafety: safety } : {}),
    valid: p.valid,
    ...(p.invalidReasons.length > 0 ? { invalidReasons: p.invalidReasons } : {}),
  };
}
