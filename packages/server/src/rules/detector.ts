/**
 * The detector contract, after traccar's processors: each rule is a small state machine with a
 * JSON-serialisable state of its own. `step` sees one accepted fix in device-time order, `tick`
 * sees the engine's clock (for rules that fire when nothing arrives). Detectors do no I/O, read
 * no clock and draw no random numbers: the same inputs always give the same state and events.
 *
 * For speed (the engine's budget is about a microsecond per fix), `step` updates the state in
 * place and appends events to `out` — as traccar's OverspeedProcessor updates OverspeedState —
 * instead of allocating a new state per fix. `runStep` below gives the copy-on-write form
 * `(state, input) -> { state, events }` for callers that want it.
 */
import type { BanWindow, CardHolder, VehicleContext } from './context.js';
import type { FenceHits } from './geofences.js';
import type { RuleParams } from './params.js';
import type { DetectorEvent, LatLon, RuleFix, Severity } from './types.js';

export type Verdict = 'ok' | 'invalid' | 'drift';

export interface StepInput {
  fix: RuleFix;
  /** The previous accepted fix (valid, not drift), if any. */
  prev: RuleFix | undefined;
  /** ms and metres from `prev` (0 without one). */
  dt: number;
  dist: number;
  /** ms since the previous record of any verdict (the terminal was talking, even if not positioned). */
  gap: number;
  ctx: VehicleContext;
  hits: FenceHits;
  /**
   * The archive person whose IC card (0x0702) is in the terminal's reader, as of this fix; null
   * when no card is in (never reported, pulled, unreadable, or its person is not on file).
   */
  cardDriverId: string | null;
  /** What the archive says of that card's person (`VehicleContext.cardHolder`), once the adapter has read them. */
  cardHolder: CardHolder | undefined;
  /**
   * The last day that person may drive this vehicle (`CardHolder.clearThroughDay`, UTC midnight):
   * -Infinity when barred, Infinity without a card holder known. A number in the input, so that
   * the check on every fix reads no object of its own.
   */
  cardClearThroughDay: number;
  bans: readonly BanWindow[];
  params: RuleParams;
  /**
   * The fix is in the same tracked fences (`hits.tracked`, the same interned list) as the previous
   * accepted fix, in the same order, and the vehicle's context is the same object as then.
   */
  sameTracked: boolean;
  /** Set by the data-quality detector, which runs first; the others only see `ok` fixes. */
  verdict: Verdict;
  /** Counters the metrics read after the step (fatigue writes how much fatigue time this fix added). */
  fatigueMs: number;
}

export interface TickInput {
  now: number;
  /** The last accepted fix and whether it stood in a designated place. */
  last: RuleFix | undefined;
  lastDesignated: boolean;
  /** Receive time of the newest record of any kind (the terminal was online then). */
  lastReceived: number;
  ctx: VehicleContext;
  params: RuleParams;
}

/** The engine calls a detector's functions without `this`: they must not use it. */
export interface Detector<S> {
  readonly name: string;
  init(): S;
  step(state: S, input: StepInput, out: DetectorEvent[]): void;
  tick?(state: S, input: TickInput, out: DetectorEvent[]): void;
  /**
   * Skipping at rest (both or neither). `atRest(state)`: nothing is open or counting. `quiet(input)`:
   * decided from the input alone, without the state. The law: when the state is at rest and the
   * input is quiet, `step` leaves the state exactly as it is and emits nothing — so the engine may
   * skip the step without reading the state. With a thousand vehicles interleaved, each state read
   * is a cache miss; most fixes leave most detectors at rest (no alarm bit, under the limit, no
   * tracked fence). `rest.test.ts` checks the law on every detector over varied traffic.
   */
  atRest?(state: S): boolean;
  quiet?(input: StepInput): boolean;
  /**
   * A fix older than one the rules already took (a blind-area 0x0704 supplement past the reorder
   * window): the engine does not step on it, since the state has moved on. A detector whose
   * events are reports at a moment, not measured along the track (an emergency button, a
   * camera's fatigue warning), still raises what the fix reports here, without moving its own
   * state on (it may note what it raised, so the same report is raised once).
   */
  late?(state: S, fix: RuleFix, params: RuleParams, out: DetectorEvent[], latest: number): void;
}

/** Copy-on-write form of a step: the input state is left untouched. */
export function runStep<S>(
  d: Detector<S>,
  state: S,
  input: StepInput,
): { state: S; events: DetectorEvent[] } {
  const next = structuredClone(state);
  const events: DetectorEvent[] = [];
  d.step(next, input, events);
  return { state: next, events };
}

/** Where and when an open episode started, kept in detector state. */
export interface Open {
  startedAt: number;
  lat: number;
  lon: number;
  lastUpdateAt: number;
}

export function open(t: number, p: LatLon): Open {
  return { startedAt: t, lat: p.lat, lon: p.lon, lastUpdateAt: t };
}

export function episodeEvent(
  phase: DetectorEvent['phase'],
  type: DetectorEvent['type'],
  key: string,
  ep: Open,
  at: number,
  pos: LatLon,
  threshold: number,
  measured: number,
  unit: string,
  severity: Severity,
  detail?: DetectorEvent['detail'],
): DetectorEvent {
  const e: DetectorEvent = {
    phase,
    type,
    key,
    startedAt: ep.startedAt,
    at,
    startPosition: { lat: ep.lat, lon: ep.lon },
    position: { lat: pos.lat, lon: pos.lon },
    threshold,
    measured,
    unit,
    severity,
  };
  if (phase === 'ended') e.endedAt = at;
  if (detail) e.detail = detail;
  return e;
}

/** An episode that opens and closes at once (a drift, a track gap, an offline displacement). */
export function instant(
  out: DetectorEvent[],
  type: DetectorEvent['type'],
  key: string,
  ep: Open,
  at: number,
  pos: LatLon,
  threshold: number,
  measured: number,
  unit: string,
  severity: Severity,
  detail?: DetectorEvent['detail'],
): void {
  out.push(episodeEvent('started', type, key, ep, at, pos, threshold, measured, unit, severity, detail));
  out.push(episodeEvent('ended', type, key, ep, at, pos, threshold, measured, unit, severity, detail));
}

/** An episode that counts the driving time while something is wrong (a card that does not fit). */
export interface DrivingCount {
  drivingMs: number;
  since: Open | null;
  alarm: boolean;
}

/**
 * Counts this fix's interval as driving when it starts moving (not on the episode's first fix,
 * `first`), and says what to report: `started` once the driving time passes `limitSec`, then
 * `updated` every `updateEverySec` of the driving time's growth (not while parked), else null.
 * `s.since` must be set.
 */
export function drivingPhase(
  s: DrivingCount,
  input: StepInput,
  limitSec: number,
  first: boolean,
): 'started' | 'updated' | null {
  const { fix, prev, dt, params: p } = input;
  const t = fix.deviceTime;
  let driven = false;
  if (!first && prev && isMoving(prev, p) && dt <= p.maxIntervalSec * 1000) {
    s.drivingMs += dt;
    driven = true;
  }
  if (!s.alarm && s.drivingMs > limitSec * 1000) {
    s.alarm = true;
    s.since!.lastUpdateAt = t;
    return 'started';
  }
  if (s.alarm && driven && t - s.since!.lastUpdateAt >= p.updateEverySec * 1000) {
    s.since!.lastUpdateAt = t;
    return 'updated';
  }
  return null;
}

export function isMoving(fix: RuleFix, p: RuleParams): boolean {
  return fix.speed >= p.movingSpeedKmh;
}
