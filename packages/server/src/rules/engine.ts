/**
 * The rule engine: per-vehicle state, fixes in device-time order, detectors in their fixed
 * order, episodes out. Pure and synchronous — no I/O, no clock: time comes from the fixes and
 * from `tick(now)`; persistence goes through `snapshot`/`restore` (see state-store.ts).
 *
 * Ordering: each vehicle's fixes wait in a small buffer until the newest device time seen is
 * `reorderWindowMs` past them (or, by `tick`, until they were received that long ago), so late
 * 0x0704 blind-area supplements within the window are driven through the rules in order. A fix
 * older than one already processed is late: it is counted in the metrics but not driven through
 * the rules (their state has moved on). A fix with the device time of one already seen is a
 * duplicate (terminals resend on a missing 0x8001) and is ignored.
 * The window delays events by up to its length: it is the price of in-order processing. With
 * `contiguousMs`, only fixes that follow a gap wait: a fix close behind the last processed one
 * (the normal stream of a connected terminal, and a blind-area batch resent in order after a
 * reconnection) goes through the rules at once, and a fix after a longer gap waits until the
 * gap is filled by late fixes (then all go at once), until the window has passed, or until the tick.
 */
import type { CardHolder, RuleContext, VehicleContext } from './context.js';
import { isMoving, type StepInput, type TickInput, type Verdict } from './detector.js';
import { invalidReasons } from './detectors/data-quality.js';
import { detectors as defaultDetectors, type AnyDetector } from './detectors/index.js';
import { distanceM } from './geo.js';
import type { FenceHits, Geofence } from './geofences.js';
import { emptyMetrics, type DailyMetrics } from './metrics.js';
import { localDay, type RuleParams } from './params.js';
import type { DetectorEvent, RuleEvent, RuleFix } from './types.js';

export interface EngineOptions {
  reorderWindowMs?: number;
  /**
   * A fix at most this long (device time) after the vehicle's last processed fix, and at most
   * 1.5 × the vehicle's last reporting interval after it, is processed at once instead of waiting
   * out the window: nothing is missing between the two. 0 (the default) holds every fix for the window.
   */
  contiguousMs?: number;
  detectors?: readonly AnyDetector[];
  /**
   * Skip a detector's step when its state is at rest and the fix is quiet for it (see
   * `Detector.atRest`): the same events and states, fewer cache misses. Default true; false runs
   * every step (the equivalence test compares the two).
   */
  skipAtRest?: boolean;
}

/** What survives a restart for one vehicle. Plain JSON. */
export interface VehicleSnapshot {
  version: 1;
  vehicleId: string;
  states: Record<string, unknown>;
  prev: RuleFix | null;
  /** null before the first fix was processed. */
  lastDeviceTime: number | null;
  lastReceived: number;
  lastDesignated: boolean;
  cardDriverId: string | null;
  /** See `Runtime.crew` (absent in older snapshots). */
  crew?: Crew[];
  pending: RuleFix[];
  recent: number[];
  metrics: DailyMetrics[];
}

interface Runtime {
  vehicleId: string;
  states: unknown[];
  /** Bit d set: detector d's state is at rest (its `atRest` said so after its last step or tick). */
  rest: number;
  /**
   * The tracked fences of the last accepted fix (the index's interned list; undefined since a
   * start or restore) and the context then: for `StepInput.sameTracked`, compared by identity
   * without reading any detector's state or the lists themselves.
   */
  tracked: readonly Geofence[] | undefined;
  trackCtx: VehicleContext | undefined;
  prev: RuleFix | undefined;
  /** The vehicle's row in `RuleEngine.hot` (its offset): its times and its current day's counters. */
  h: number;
  lastDesignated: boolean;
  cardDriverId: string | null;
  /**
   * Who drove on which waybill, from the vehicle's first processed fix on (since a start or
   * restore): the last `CREW_HISTORY` changes, oldest first. A late fix's events name the driver
   * and waybill of its device time, not those of now; before the oldest entry they are not known.
   */
  crew: Crew[];
  /** The context the last entry of `crew` was taken from (undefined: none since a start or restore). */
  crewCtx: VehicleContext | undefined;
  /** The context's card holder while it is the person of `cardDriverId` (set with `crew`), and `StepInput.cardClearThroughDay`. */
  holder: CardHolder | undefined;
  holderClear: number;
  pending: RuleFix[];
  /** Device times of the last processed fixes, for duplicate detection. */
  recent: number[];
  metrics: Map<string, DailyMetrics>;
  /** The metrics row of the current local day (its bounds in `hot`, to skip date formatting). */
  today: DailyMetrics | undefined;
  dirty: boolean;
  /** The vehicle's context and parameters as last read, and the context's revision then (NaN: none). */
  vctx: VehicleContext | undefined;
  vparams: RuleParams | undefined;
  rev: number;
}

const RECENT = 16;

/**
 * From a device time on: the IC card's driver (null: none), whether the reader held a card not on
 * file, the active waybill's id and its driver, and the vehicle's enterprise — what `publish`
 * names a vehicle's events by. (Snapshots before 2026-12-07's session 15 have no enterprise.)
 */
type Crew = [
  at: number,
  card: string | null,
  cardNotOnFile: boolean,
  waybillId: string | null,
  waybillDriver: string | null,
  enterpriseId?: string | null,
];
/** Crew changes kept per vehicle (a card reinserted at every stop of a day is a few dozen). */
const CREW_HISTORY = 32;

/**
 * Each vehicle's times and the counters of its current day in one row of `RuleEngine.hot` (a
 * Float64Array): two cache lines, where as fields of objects each double would be a boxed number
 * of its own somewhere in the heap, and the day's metrics object one more read per fix.
 */
const HOT = 16;
/** Device time of the last processed fix (-Infinity: none yet). */
const LAST_DEVICE = 0;
/** Receive time of the newest record of any kind (0: none). */
const LAST_RECEIVED = 1;
/** The newest device time seen, processed or waiting (-Infinity: none). */
const MAX_SEEN = 2;
/** Bounds (epoch ms) of the day of `Runtime.today`. */
const TODAY_FROM = 3;
const TODAY_TO = 4;
/**
 * The metrics of `Runtime.today`, kept here while it is the current day: the row holds the
 * values themselves (not deltas, so the sums add up in the same order whenever they are read),
 * written back to the object by `flush` and when the day changes.
 */
const METRIC_FIELDS = [
  'records',
  'validRecords',
  'lateRecords',
  'drift',
  'trackGaps',
  'overspeedEvents',
  'drivingMs',
  'mileageM',
  'completeMileageM',
  'fatigueMs',
  'onlineMs',
] as const satisfies readonly (keyof DailyMetrics)[];
const M0 = 5;
const RECORDS = M0;
const VALID_RECORDS = M0 + 1;
const LATE_RECORDS = M0 + 2;
const DRIFT = M0 + 3;
const TRACK_GAPS = M0 + 4;
const OVERSPEED_EVENTS = M0 + 5;
const DRIVING_MS = M0 + 6;
const MILEAGE_M = M0 + 7;
const COMPLETE_MILEAGE_M = M0 + 8;
const FATIGUE_MS = M0 + 9;
const ONLINE_MS = M0 + 10;

/** Whether a buffered fix has device time `t` (a loop, not `some`: no closure per fix). */
function pendingAt(q: readonly RuleFix[], t: number): boolean {
  for (let i = 0; i < q.length; i++) if (q[i]!.deviceTime === t) return true;
  return false;
}
/**
 * A vehicle that reported this recently needs no tick: its own fixes drive every time-based
 * rule (a merge window or a rest closes on the next fix). Ticks are for vehicles gone quiet.
 */
const TICK_QUIET_MS = 30_000;

export class RuleEngine {
  readonly reorderWindowMs: number;
  readonly contiguousMs: number;
  private readonly detectors: readonly AnyDetector[];
  /** Bit d set: detector d can be skipped at rest (it has `atRest` and `quiet`, and skipping is on). */
  private readonly skippable: number;
  /** The skippable detectors that have a tick (whose rest bit a tick may change). */
  private readonly tickable: number;
  /**
   * The detectors' at-rest tests by position (for `restOf`). Read from one array, not as a
   * property of thirteen objects of thirteen shapes (a megamorphic load). Detectors do not use
   * `this`: they are called without it. The per-fix loop calls them from `run`.
   */
  private readonly atRests: NonNullable<AnyDetector['atRest']>[];
  /** The detectors that act on late fixes, with their positions. */
  private readonly lates: [number, NonNullable<AnyDetector['late']>][];
  private readonly vehicles = new Map<string, Runtime>();
  /** The vehicles' rows (`HOT` numbers each, `Runtime.h` is the offset); rows are never freed. */
  private hot = new Float64Array(HOT * 256);
  private rows = 0;
  private readonly scratch: DetectorEvent[] = [];
  /** One step input, refilled for every fix (detectors must not keep it). */
  private readonly input: StepInput = {
    fix: undefined as unknown as RuleFix,
    prev: undefined,
    dt: 0,
    dist: 0,
    gap: 0,
    ctx: undefined as unknown as VehicleContext,
    hits: undefined as unknown as FenceHits,
    cardDriverId: null,
    cardHolder: undefined,
    cardClearThroughDay: Infinity,
    bans: [],
    params: undefined as unknown as StepInput['params'],
    sameTracked: false,
    verdict: 'ok',
    fatigueMs: 0,
  };
  /** Fixes ignored as duplicates, since start (for monitoring). */
  duplicates = 0;

  constructor(
    private readonly ctx: RuleContext,
    opts: EngineOptions = {},
  ) {
    this.reorderWindowMs = opts.reorderWindowMs ?? 60_000;
    this.contiguousMs = opts.contiguousMs ?? 0;
    this.detectors = opts.detectors ?? defaultDetectors;
    if (this.detectors.length > 30) throw new Error('the rule engine takes at most 30 detectors');
    let skippable = 0;
    if (opts.skipAtRest ?? true)
      this.detectors.forEach((d, i) => {
        if (d.atRest && d.quiet) skippable |= 1 << i;
      });
    this.skippable = skippable;
    let tickable = 0;
    this.detectors.forEach((d, i) => {
      if (d.tick) tickable |= 1 << i;
    });
    this.tickable = skippable & tickable;
    const never = () => false;
    this.atRests = this.detectors.map((d) => d.atRest ?? never);
    const lates: [number, NonNullable<AnyDetector['late']>][] = [];
    this.detectors.forEach((d, i) => {
      if (d.late) lates.push([i, d.late]);
    });
    this.lates = lates;
    this.run = compileRun(
      this.detectors.map((d) => d.step),
      this.detectors.map((d) => d.quiet ?? never),
      this.atRests,
      skippable,
    );
  }

  /** The detectors in order over one fix (`compileRun`); returns the vehicle's new rest bits. */
  private readonly run: Run;

  /** A new row in `hot`, in its initial state; the array doubles when full (offsets stay valid). */
  private newRow(): number {
    const h = this.rows * HOT;
    if (h + HOT > this.hot.length) {
      const grown = new Float64Array(this.hot.length * 2);
      grown.set(this.hot);
      this.hot = grown;
    }
    this.rows++;
    const hot = this.hot;
    hot[h + LAST_DEVICE] = -Infinity;
    hot[h + LAST_RECEIVED] = 0;
    hot[h + MAX_SEEN] = -Infinity;
    hot[h + TODAY_FROM] = 0;
    hot[h + TODAY_TO] = 0;
    return h;
  }

  /** Writes the current day's counters from the row back to its metrics object. */
  private flush(rt: Runtime): void {
    const m = rt.today;
    if (!m) return;
    const hot = this.hot;
    for (let k = 0; k < METRIC_FIELDS.length; k++) m[METRIC_FIELDS[k]!] = hot[rt.h + M0 + k]!;
  }

  /** `rest` with the bits of the detectors in `which` read again from the states themselves. */
  private restOf(states: readonly unknown[], which: number, rest = 0): number {
    for (let d = 0; d < this.detectors.length; d++) {
      const bit = 1 << d;
      if ((which & bit) === 0) continue;
      rest = this.atRests[d]!(states[d]) ? rest | bit : rest & ~bit;
    }
    return rest;
  }

  /** Accepts one fix; returns (appends to `out`) the events of every fix it releases. */
  ingest(fix: RuleFix, out: RuleEvent[] = []): RuleEvent[] {
    const rt = this.runtime(fix.vehicleId);
    const hot = this.hot;
    const h = rt.h;
    const t = fix.deviceTime;
    if (fix.receivedTime > hot[h + LAST_RECEIVED]!) hot[h + LAST_RECEIVED] = fix.receivedTime;
    if (rt.recent.includes(t) || pendingAt(rt.pending, t)) {
      this.duplicates++;
      return out;
    }
    if (t <= hot[h + LAST_DEVICE]!) {
      this.countLate(rt, fix);
      this.late(rt, fix, out);
      return out;
    }
    rt.dirty = true;
    const q = rt.pending;
    if (t > hot[h + MAX_SEEN]!) hot[h + MAX_SEEN] = t;
    const maxSeen = hot[h + MAX_SEEN]!;
    // The usual case, a connected terminal's next fix with nothing buffered: straight through.
    if (q.length === 0 && (t <= maxSeen - this.reorderWindowMs || this.contiguous(rt, t))) {
      this.process(rt, fix, out);
      return out;
    }
    let i = q.length;
    while (i > 0 && q[i - 1]!.deviceTime > t) i--;
    if (i === q.length) q.push(fix);
    else q.splice(i, 0, fix);
    const until = maxSeen - this.reorderWindowMs;
    while (q.length > 0) {
      const head = q[0]!.deviceTime;
      if (head > until && !this.contiguous(rt, head)) break;
      this.process(rt, q.shift()!, out);
    }
    return out;
  }

  /**
   * Whether a fix at `t` can go through the rules at once: it follows the last processed fix by at
   * most `contiguousMs` and by at most 1.5 × the interval before that one (the terminal's own
   * cadence: a 10 s reporter whose next fix comes 30 s later has two fixes missing, which may
   * still arrive). The first fix of a vehicle has no gap before it to wait for.
   */
  private contiguous(rt: Runtime, t: number): boolean {
    const near = this.contiguousMs;
    if (near <= 0) return false;
    const last = this.hot[rt.h + LAST_DEVICE]!;
    if (last === -Infinity) return true;
    const gap = t - last;
    if (gap > near) return false;
    const r = rt.recent;
    return r.length < 2 || gap <= 1.5 * (r[r.length - 1]! - r[r.length - 2]!);
  }

  /**
   * The engine's clock: releases fixes held longer than the window (by receive time) and lets
   * time-driven detectors (offline, parking, rest, merge windows) act. Call it every few seconds.
   */
  tick(now: number, out: RuleEvent[] = []): RuleEvent[] {
    for (const rt of this.vehicles.values()) {
      const q = rt.pending;
      while (q.length > 0 && q[0]!.receivedTime <= now - this.reorderWindowMs)
        this.process(rt, q.shift()!, out);
      const lastReceived = this.hot[rt.h + LAST_RECEIVED]!;
      if (!rt.prev || now - lastReceived < TICK_QUIET_MS) continue;
      this.refresh(rt);
      const ctx = rt.vctx!;
      const input: TickInput = {
        now,
        last: rt.prev,
        lastDesignated: rt.lastDesignated,
        lastReceived,
        ctx,
        params: rt.vparams!,
      };
      const events = this.scratch;
      events.length = 0;
      for (let d = 0; d < this.detectors.length; d++) this.detectors[d]!.tick?.(rt.states[d], input, events);
      rt.rest = this.restOf(rt.states, this.tickable, rt.rest);
      if (events.length > 0) {
        rt.dirty = true;
        this.publish(rt, ctx, events, out);
      }
    }
    return out;
  }

  /** Processes every buffered fix now (shutdown, end of a replay). */
  drain(out: RuleEvent[] = []): RuleEvent[] {
    for (const rt of this.vehicles.values())
      while (rt.pending.length > 0) this.process(rt, rt.pending.shift()!, out);
    return out;
  }

  /** A detached copy of one vehicle's state (for tests and callers that keep it as an object). */
  snapshot(vehicleId: string): VehicleSnapshot | undefined {
    const rt = this.vehicles.get(vehicleId);
    return rt ? structuredClone(this.snapshotOf(rt)) : undefined;
  }

  /**
   * The same snapshot as JSON text, which is what the state store keeps: `JSON.stringify` copies
   * the state once, where `snapshot` would copy it twice (a structured clone, then the text).
   * `JSON.parse(snapshotJson(id))` equals `JSON.parse(JSON.stringify(snapshot(id)))`.
   */
  snapshotJson(vehicleId: string): string | undefined {
    const rt = this.vehicles.get(vehicleId);
    return rt ? JSON.stringify(this.snapshotOf(rt)) : undefined;
  }

  /** The snapshot's fields, sharing the engine's objects: serialise or clone it before it leaves. */
  private snapshotOf(rt: Runtime): VehicleSnapshot {
    this.flush(rt);
    const states: Record<string, unknown> = {};
    for (let i = 0; i < this.detectors.length; i++) states[this.detectors[i]!.name] = rt.states[i];
    return {
      version: 1,
      vehicleId: rt.vehicleId,
      states,
      prev: rt.prev ?? null,
      lastDeviceTime: this.hot[rt.h + LAST_DEVICE] === -Infinity ? null : this.hot[rt.h + LAST_DEVICE]!,
      lastReceived: this.hot[rt.h + LAST_RECEIVED]!,
      lastDesignated: rt.lastDesignated,
      cardDriverId: rt.cardDriverId,
      crew: rt.crew,
      pending: rt.pending,
      recent: rt.recent,
      metrics: [...rt.metrics.values()],
    };
  }

  restore(snap: VehicleSnapshot): void {
    if (snap.version !== 1) throw new Error(`unknown rule state version ${String(snap.version)}`);
    const s = structuredClone(snap);
    const rt = this.runtime(s.vehicleId);
    // A detector added since the snapshot starts fresh; one removed is dropped.
    rt.states = this.detectors.map((d) => (d.name in s.states ? s.states[d.name] : d.init()));
    rt.rest = this.restOf(rt.states, this.skippable);
    rt.tracked = rt.trackCtx = undefined;
    rt.prev = s.prev ?? undefined;
    this.hot[rt.h + LAST_DEVICE] = s.lastDeviceTime ?? -Infinity;
    this.hot[rt.h + LAST_RECEIVED] = s.lastReceived;
    rt.lastDesignated = s.lastDesignated;
    rt.cardDriverId = s.cardDriverId;
    // An older snapshot knows the card at its last fix, not since when: nothing before is known.
    rt.crew = s.crew ?? [];
    rt.crewCtx = undefined;
    rt.pending = s.pending;
    this.hot[rt.h + MAX_SEEN] = Math.max(
      this.hot[rt.h + LAST_DEVICE]!,
      ...s.pending.map((f) => f.deviceTime),
    );
    rt.recent = s.recent;
    rt.metrics = new Map(s.metrics.map((m) => [m.day, m]));
    rt.today = undefined;
    this.hot[rt.h + TODAY_FROM] = this.hot[rt.h + TODAY_TO] = 0;
    rt.dirty = false;
    rt.vctx = rt.vparams = undefined;
  }

  /**
   * The latest receive time of the fixes the vehicle's state has taken (restored or ingested),
   * undefined for a vehicle the engine does not know: a fix received before it is in the state.
   */
  lastReceivedOf(vehicleId: string): number | undefined {
    const rt = this.vehicles.get(vehicleId);
    return rt ? this.hot[rt.h + LAST_RECEIVED] : undefined;
  }

  /** Vehicles whose state changed since the last call (to snapshot them). */
  takeDirty(): string[] {
    const ids: string[] = [];
    for (const rt of this.vehicles.values()) {
      if (rt.dirty) {
        ids.push(rt.vehicleId);
        rt.dirty = false;
      }
    }
    return ids;
  }

  metrics(vehicleId?: string): DailyMetrics[] {
    const out: DailyMetrics[] = [];
    for (const rt of this.vehicles.values()) {
      if (vehicleId && rt.vehicleId !== vehicleId) continue;
      this.flush(rt);
      for (const m of rt.metrics.values()) out.push({ ...m });
    }
    return out;
  }

  /** Removes and returns the metrics of days before `day` (closed days, ready to roll up). */
  takeMetricsBefore(day: string): DailyMetrics[] {
    const out: DailyMetrics[] = [];
    for (const rt of this.vehicles.values()) {
      this.flush(rt);
      for (const [d, m] of rt.metrics) {
        if (d < day) {
          out.push(m);
          rt.metrics.delete(d);
          if (rt.today === m) rt.today = undefined;
          rt.dirty = true;
        }
      }
    }
    return out;
  }

  private runtime(vehicleId: string): Runtime {
    let rt = this.vehicles.get(vehicleId);
    if (!rt) {
      const states = this.detectors.map((d) => d.init());
      const h = this.newRow();
      rt = {
        vehicleId,
        states,
        rest: this.restOf(states, this.skippable),
        tracked: undefined,
        trackCtx: undefined,
        prev: undefined,
        h,
        lastDesignated: false,
        cardDriverId: null,
        crew: [],
        crewCtx: undefined,
        holder: undefined,
        holderClear: Infinity,
        pending: [],
        recent: [],
        metrics: new Map(),
        today: undefined,
        dirty: true,
        vctx: undefined,
        vparams: undefined,
        rev: NaN,
      };
      this.vehicles.set(vehicleId, rt);
    }
    return rt;
  }

  /**
   * Reads the vehicle's context and parameters into `rt.vctx` / `rt.vparams`. A context with a
   * `revision()` is asked again only when its revision moved (two Map reads fewer per fix);
   * one without is asked on every call (NaN never equals itself).
   */
  private refresh(rt: Runtime): void {
    const rev = this.ctx.revision ? this.ctx.revision() : NaN;
    if (rt.vctx && rev === rt.rev) return;
    const id = rt.vehicleId;
    const ctx = this.ctx.vehicle(id) ?? {
      vehicleId: id,
      enterpriseId: null,
      goodsClasses: [],
      waybill: null,
    };
    rt.vctx = ctx;
    rt.vparams = this.ctx.params(id, ctx.enterpriseId);
    rt.rev = rev;
  }

  /** Makes the local day of `t` the vehicle's current day (its counters in the vehicle's row). */
  private day(rt: Runtime, t: number, offset: number): void {
    const hot = this.hot;
    const h = rt.h;
    if (rt.today && t >= hot[h + TODAY_FROM]! && t < hot[h + TODAY_TO]!) return;
    this.flush(rt);
    const day = localDay(t, offset);
    let m = rt.metrics.get(day);
    if (!m) {
      m = emptyMetrics(rt.vehicleId, day);
      rt.metrics.set(day, m);
    }
    rt.today = m;
    for (let k = 0; k < METRIC_FIELDS.length; k++) hot[h + M0 + k] = m[METRIC_FIELDS[k]!];
    hot[h + TODAY_FROM] = Date.parse(`${day}T00:00:00Z`) - offset * 60_000;
    hot[h + TODAY_TO] = hot[h + TODAY_FROM]! + 86_400_000;
  }

  /**
   * A late fix through the detectors that still raise what it reports (`Detector.late`), after
   * `countLate` read the vehicle's context and parameters. Their rest bits stay as they were.
   */
  private late(rt: Runtime, fix: RuleFix, out: RuleEvent[]): void {
    const events = this.scratch;
    events.length = 0;
    const latest = this.hot[rt.h + LAST_DEVICE]!;
    for (const [d, late] of this.lates) late(rt.states[d], fix, rt.vparams!, events, latest);
    if (events.length > 0) this.publish(rt, rt.vctx!, events, out, fix.deviceTime);
  }

  /** Records who drives on which waybill from device time `t` on, if that changed. */
  private noteCrew(rt: Runtime, ctx: VehicleContext, t: number): void {
    rt.crewCtx = ctx;
    const card = rt.cardDriverId;
    const holder = ctx.cardHolder;
    rt.holder = holder !== undefined && holder.personId === card ? holder : undefined;
    rt.holderClear =
      rt.holder === undefined ? Infinity : rt.holder.barred ? -Infinity : rt.holder.clearThroughDay;
    const unknown = !!ctx.unknownCard;
    const waybillId = ctx.waybill?.id ?? null;
    const waybillDriver = ctx.waybill?.driverId ?? null;
    const enterpriseId = ctx.enterpriseId;
    const crew = rt.crew;
    const last = crew[crew.length - 1];
    if (
      last &&
      last[1] === card &&
      last[2] === unknown &&
      last[3] === waybillId &&
      last[4] === waybillDriver &&
      last[5] === enterpriseId
    )
      return;
    if (crew.length >= CREW_HISTORY) crew.shift();
    crew.push([t, card, unknown, waybillId, waybillDriver, enterpriseId]);
  }

  /** Who drove on which waybill at device time `t`; undefined before the oldest entry kept. */
  private crewAt(rt: Runtime, t: number): Crew | undefined {
    const crew = rt.crew;
    for (let i = crew.length - 1; i >= 0; i--) if (crew[i]![0] <= t) return crew[i];
    return undefined;
  }

  private countLate(rt: Runtime, fix: RuleFix): void {
    this.refresh(rt);
    const p = rt.vparams!;
    this.day(rt, fix.deviceTime, p.utcOffsetMinutes);
    const hot = this.hot;
    const h = rt.h;
    hot[h + RECORDS]!++;
    hot[h + LATE_RECORDS]!++;
    if (invalidReasons(fix).length === 0) hot[h + VALID_RECORDS]!++;
    rt.dirty = true;
  }

  private process(rt: Runtime, fix: RuleFix, out: RuleEvent[]): void {
    this.refresh(rt);
    const ctx = rt.vctx!;
    const p = rt.vparams!;
    const t = fix.deviceTime;
    const prev = rt.prev;
    const hits = this.ctx.fences().at(fix.lat, fix.lon);
    const input = this.input;
    input.fix = fix;
    input.prev = prev;
    input.dt = prev ? t - prev.deviceTime : 0;
    input.dist = prev ? distanceM(prev.lat, prev.lon, fix.lat, fix.lon) : 0;
    const lastDevice = this.hot[rt.h + LAST_DEVICE]!;
    input.gap = lastDevice === -Infinity ? 0 : t - lastDevice;
    input.ctx = ctx;
    input.hits = hits;
    // The fix's own card report counts for its own step (a card put in with this fix).
    if (fix.driverId !== undefined && fix.driverId !== rt.cardDriverId) {
      rt.cardDriverId = fix.driverId;
      this.noteCrew(rt, ctx, t);
    } else if (ctx !== rt.crewCtx) this.noteCrew(rt, ctx, t);
    input.cardDriverId = rt.cardDriverId;
    input.cardHolder = rt.holder;
    input.cardClearThroughDay = rt.holderClear;
    input.bans = this.ctx.bans();
    input.params = p;
    // Interned lists: the same array is the same fences in the same order (not read here).
    const tracked = hits.tracked;
    input.sameTracked = tracked === rt.tracked && ctx === rt.trackCtx;
    input.verdict = 'ok' as Verdict;
    input.fatigueMs = 0;
    const events = this.scratch;
    events.length = 0;
    rt.rest = this.run(rt.states, input, events, rt.rest);

    this.day(rt, t, p.utcOffsetMinutes);
    const hot = this.hot;
    const h = rt.h;
    hot[h + RECORDS]!++;
    if (input.verdict !== 'invalid') hot[h + VALID_RECORDS]!++;
    if (input.verdict === 'drift') hot[h + DRIFT]!++;
    if (input.gap > 0 && input.gap <= p.offlineSec * 1000) hot[h + ONLINE_MS]! += input.gap;
    if (input.verdict === 'ok') {
      if (prev) {
        hot[h + MILEAGE_M]! += input.dist;
        if (input.dist <= p.trackGapMetres) hot[h + COMPLETE_MILEAGE_M]! += input.dist;
        else hot[h + TRACK_GAPS]!++;
        if (isMoving(prev, p) && input.dt <= p.maxIntervalSec * 1000) hot[h + DRIVING_MS]! += input.dt;
      }
      hot[h + FATIGUE_MS]! += input.fatigueMs;
      rt.prev = fix;
      rt.lastDesignated = hits.designated;
      rt.tracked = tracked;
      rt.trackCtx = ctx;
    }
    hot[h + LAST_DEVICE] = t;
    if (fix.receivedTime > hot[h + LAST_RECEIVED]!) hot[h + LAST_RECEIVED] = fix.receivedTime;
    if (rt.recent.length >= RECENT) rt.recent.shift();
    rt.recent.push(t);
    if (events.length > 0) {
      for (const e of events)
        if (e.type === 'overspeed' && e.phase === 'started') hot[h + OVERSPEED_EVENTS]!++;
      this.publish(rt, ctx, events, out);
    }
  }

  /**
   * Appends the events as the vehicle's. `lateAt`: the events are of a late fix at this device
   * time, and name the driver, the waybill and the enterprise of that moment.
   */
  private publish(
    rt: Runtime,
    ctx: VehicleContext,
    events: DetectorEvent[],
    out: RuleEvent[],
    lateAt?: number,
  ): void {
    let driverId: string | null;
    let waybillId: string | null;
    let enterpriseId = ctx.enterpriseId;
    if (lateAt === undefined) {
      driverId = driverOf(rt.cardDriverId, !!ctx.unknownCard, ctx.waybill?.driverId ?? null);
      waybillId = ctx.waybill?.id ?? null;
    } else {
      // Named as of then; nobody and no waybill when the history does not reach back. The
      // enterprise of then handles it; without one known, today's (someone must handle it).
      const then = this.crewAt(rt, lateAt);
      driverId = then ? driverOf(then[1], then[2], then[4]) : null;
      waybillId = then ? then[3] : null;
      if (then?.[5] !== undefined) enterpriseId = then[5];
    }
    for (const e of events) {
      // A literal, not `{ ...e, id, … }`: V8 (Node 20) takes a slow path, microseconds per
      // object, for a spread followed by more properties.
      const r: RuleEvent = {
        phase: e.phase,
        type: e.type,
        key: e.key,
        startedAt: e.startedAt,
        at: e.at,
        startPosition: e.startPosition,
        position: e.position,
        threshold: e.threshold,
        measured: e.measured,
        unit: e.unit,
        severity: e.severity,
        id: `${rt.vehicleId}:${e.type}:${e.key}:${e.startedAt}`,
        vehicleId: rt.vehicleId,
        enterpriseId,
        driverId,
        waybillId,
      };
      if (e.endedAt !== undefined) r.endedAt = e.endedAt;
      if (e.detail !== undefined) r.detail = e.detail;
      out.push(r);
    }
    events.length = 0;
  }
}

type Run = (states: unknown[], input: StepInput, events: DetectorEvent[], rest: number) => number;

/**
 * The per-fix loop over the detectors, written out for this engine's list: each detector's step,
 * quiet and at-rest test is called from a call site of its own, which V8 can inline, instead of
 * from one site in a loop that calls thirteen functions (megamorphic: a generic call each time).
 * Data quality first: its verdict decides whether the others see the fix. A detector that can be
 * skipped is skipped when its state is at rest and the fix is quiet for it. The source is built
 * from numbers only; the functions come in as arguments.
 */
function compileRun(
  steps: readonly AnyDetector['step'][],
  quiets: readonly NonNullable<AnyDetector['quiet']>[],
  atRests: readonly NonNullable<AnyDetector['atRest']>[],
  skippable: number,
): Run {
  // One loop per list of functions: engines of the same detectors (a restart in tests, the
  // benches' passes) share it, and what V8 learnt running it, instead of starting cold.
  const fns = steps.flatMap((step, d) => [step, quiets[d]!, atRests[d]!]);
  const known = compiled.find(
    (c) => c.skippable === skippable && c.fns.length === fns.length && c.fns.every((f, k) => f === fns[k]),
  );
  if (known) return known.run;
  const lines: string[] = [];
  for (let d = 0; d < steps.length; d++) {
    if (d === 1) lines.push(`if (input.verdict !== 'ok') return rest;`);
    const bit = 1 << d;
    if ((skippable & bit) === 0) lines.push(`step${d}(states[${d}], input, events);`);
    else
      lines.push(
        `if ((rest & ${bit}) === 0 || !quiet${d}(input)) {`,
        `  const state = states[${d}];`,
        `  step${d}(state, input, events);`,
        `  rest = atRest${d}(state) ? rest | ${bit} : rest & ${~bit};`,
        `}`,
      );
  }
  lines.push('return rest;');
  const names = steps.flatMap((_, d) => [`step${d}`, `quiet${d}`, `atRest${d}`]);
  const make = new Function(
    ...names,
    `return function run(states, input, events, rest) {\n${lines.join('\n')}\n};`,
  );
  const run = make(...fns) as Run;
  compiled.push({ fns, skippable, run });
  return run;
}

/** The loops written so far (a process makes a handful: one per list of detectors). */
const compiled: { fns: readonly unknown[]; skippable: number; run: Run }[] = [];

/**
 * The card's person; else the waybill's driver, unless the reader holds a card not on file (then
 * someone unknown drives, and the events name nobody).
 */
function driverOf(card: string | null, cardNotOnFile: boolean, waybillDriver: string | null): string | null {
  return card ?? (cardNotOnFile ? null : waybillDriver);
}
