/**
 * Test support for rule scenarios: timestamped fix sequences around Panjin, and an engine with
 * an in-memory context. Used by the tests and the benchmark; no I/O.
 */
import { StaticRuleContext, type BanWindow, type VehicleContext } from './context.js';
import { RuleEngine, type EngineOptions } from './engine.js';
import { M_PER_DEG } from './geo.js';
import { GeofenceIndex, type Geofence } from './geofences.js';
import type { RuleParamOverrides } from './params.js';
import type { RuleEvent, RuleFix } from './types.js';

/** 2026-11-23 09:00 China Standard Time. */
export const T0 = Date.parse('2026-11-23T09:00:00+08:00');
export const MIN = 60_000;
export const HOUR = 3_600_000;
/** A point in Xinglongtai district, Panjin. */
export const PANJIN = { lat: 41.12, lon: 122.07 };

export function fixAt(t: number, o: Partial<RuleFix> = {}): RuleFix {
  return {
    vehicleId: 'v1',
    deviceTime: t,
    receivedTime: t + 1000,
    lat: PANJIN.lat,
    lon: PANJIN.lon,
    speed: 0,
    heading: 90,
    altitude: 5,
    alarms: [],
    acc: true,
    fixed: true,
    valid: true,
    ...o,
  };
}

export interface DriveOptions {
  start: number;
  /** Duration in seconds; a fix every `every` seconds from start to start + seconds inclusive. */
  seconds: number;
  every: number;
  /** km/h, constant or as a function of the elapsed seconds. */
  speed: number | ((elapsed: number) => number);
  lat?: number;
  lon?: number;
  /** Direction of travel: east (default) or north. */
  towards?: 'east' | 'north';
  vehicleId?: string;
}

/** A straight drive at the given speed, positions integrated from the speed. */
export function drive(o: DriveOptions): RuleFix[] {
  const out: RuleFix[] = [];
  let lat = o.lat ?? PANJIN.lat;
  let lon = o.lon ?? PANJIN.lon;
  const speedAt = typeof o.speed === 'number' ? () => o.speed as number : o.speed;
  for (let s = 0; s <= o.seconds; s += o.every) {
    const v = speedAt(s);
    out.push(fixAt(o.start + s * 1000, { lat, lon, speed: v, vehicleId: o.vehicleId ?? 'v1' }));
    const metres = (v / 3.6) * o.every;
    if (o.towards === 'north') lat += metres / M_PER_DEG;
    else lon += metres / (M_PER_DEG * Math.cos((lat * Math.PI) / 180));
  }
  return out;
}

export interface Scenario {
  engine: RuleEngine;
  ctx: StaticRuleContext;
  run(fixes: readonly RuleFix[]): RuleEvent[];
}

export function scenario(
  o: {
    fences?: Geofence[];
    bans?: BanWindow[];
    vehicle?: Partial<VehicleContext>;
    params?: RuleParamOverrides;
    engine?: EngineOptions;
  } = {},
): Scenario {
  const ctx = new StaticRuleContext(new GeofenceIndex(o.fences ?? []), o.bans ?? []);
  ctx.setVehicle({
    vehicleId: 'v1',
    enterpriseId: 'e1',
    goodsClasses: ['3'],
    // A waybill by default, so the driving-without-waybill rule stays quiet unless a test wants it.
    waybill: { id: 'w1', places: [] },
    ...o.vehicle,
  });
  if (o.params) ctx.setGlobalParams(o.params);
  const engine = new RuleEngine(ctx, { reorderWindowMs: 0, ...o.engine });
  return {
    engine,
    ctx,
    run(fixes) {
      const out: RuleEvent[] = [];
      for (const f of fixes) engine.ingest(f, out);
      return out;
    },
  };
}

/** `phase:type` of each event, for compact assertions. */
export function kinds(events: readonly RuleEvent[], type?: RuleEvent['type']): string[] {
  return events.filter((e) => !type || e.type === type).map((e) => `${e.phase}:${e.type}`);
}

/** A multi-leg trip whose positions continue from leg to leg. */
export class Journey {
  readonly fixes: RuleFix[] = [];
  lat = PANJIN.lat;
  lon = PANJIN.lon;
  constructor(
    public t: number,
    private readonly vehicleId = 'v1',
  ) {}

  /** Fixes at t, t + every, … while < t + seconds; the clock then stands at t + seconds. */
  drive(seconds: number, every: number, speed: number, extra: Partial<RuleFix> = {}): this {
    for (let s = 0; s < seconds; s += every) {
      this.fixes.push(
        fixAt(this.t + s * 1000, {
          vehicleId: this.vehicleId,
          lat: this.lat,
          lon: this.lon,
          speed,
          ...extra,
        }),
      );
      this.move((speed / 3.6) * Math.min(every, seconds - s));
    }
    this.t += seconds * 1000;
    return this;
  }

  stop(seconds: number, every: number, extra: Partial<RuleFix> = {}): this {
    return this.drive(seconds, every, 0, extra);
  }

  /** Silence: no fixes for `seconds`, while moving `metres` east. */
  silence(seconds: number, metres = 0): this {
    this.move(metres);
    this.t += seconds * 1000;
    return this;
  }

  private move(metres: number): void {
    this.lon += metres / (M_PER_DEG * Math.cos((this.lat * Math.PI) / 180));
  }
}
