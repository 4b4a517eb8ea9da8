/**
 * Rule thresholds. Defaults come from /work/shared/reference/regulations.md §4–5; the ones
 * marked [U] there (night hours, drift, track completeness) are only defaults. A vehicle's
 * parameters = global defaults ← enterprise overrides ← vehicle overrides.
 */

export interface RuleParams {
  /** 危险货物道路运输安全管理办法 第四十六条: 80 km/h on expressways, 60 km/h on other roads. */
  expresswayLimitKmh: number;
  otherRoadLimitKmh: number;
  /** 考核办法 note 2: continuous overspeed > 30 s counts; repeats within 1 min count once. */
  overspeedMinDurationSec: number;
  overspeedMergeSec: number;
  /** Below this speed a vehicle counts as stopped (GNSS jitter makes 0 too strict). */
  movingSpeedKmh: number;
  /** 实施条例 第六十二条(七) / 动态监督管理办法: 4 h day, 2 h night, 20 min rest, 8 h per 24 h. */
  fatigueDayLimitSec: number;
  fatigueNightLimitSec: number;
  fatigueRestSec: number;
  dailyDrivingLimitSec: number;
  /** Night = [nightStartMinute, nightEndMinute) local time, in minutes after midnight. [U] */
  nightStartMinute: number;
  nightEndMinute: number;
  /** Local time zone (China Standard Time, UTC+8), minutes east of UTC. */
  utcOffsetMinutes: number;
  /** How often an open episode sends an `updated` event. */
  updateEverySec: number;
  parkingMinSec: number;
  routeDeviationMetres: number;
  routeDeviationSec: number;
  noWaybillMovingSec: number;
  /** A stop this long closes a driving-without-waybill episode. */
  noWaybillStopSec: number;
  /**
   * Driving with an IC card (0x0702) that is not the active waybill's driver's for longer than
   * this makes a driver-identity episode (驾驶员身份识别异常). Our tolerance, not a legal figure.
   */
  driverMismatchSec: number;
  /**
   * Driving longer than this with the IC card of a person who may not drive a hazardous-goods
   * vehicle (从业资格证 expired or missing, not filed, left the company, another company's)
   * makes a qualification episode. Our tolerance, not a legal figure.
   */
  unqualifiedDrivingSec: number;
  /** Trip (运次) detection for the e-waybill usage rate: moving longer than this makes a trip. [U] */
  tripMinMovingSec: number;
  /** A stop this long anywhere ends a trip. [U] */
  tripStopSec: number;
  /** A stop this long at a designated place or the waybill's loading/unloading place ends a trip. [U] */
  tripDesignatedStopSec: number;
  offlineSec: number;
  offlineDisplacementMetres: number;
  /** Drift: implied speed between consecutive fixes above this (km/h) and a jump above driftMinMetres. [U] */
  driftSpeedKmh: number;
  driftMinMetres: number;
  /** After this many consecutive drifted fixes the new position is accepted (the vehicle really is there). */
  driftAcceptAfter: number;
  /** A gap between consecutive fixes longer than this (m) is incomplete track mileage. [U] */
  trackGapMetres: number;
  /** Device alarm and active-safety repeats within this window are one episode. */
  alarmMergeSec: number;
  /** Intervals longer than this between fixes are not counted as driving or online time. */
  maxIntervalSec: number;
}

export const defaultRuleParams: Readonly<RuleParams> = Object.freeze({
  expresswayLimitKmh: 80,
  otherRoadLimitKmh: 60,
  overspeedMinDurationSec: 30,
  overspeedMergeSec: 60,
  movingSpeedKmh: 5,
  fatigueDayLimitSec: 4 * 3600,
  fatigueNightLimitSec: 2 * 3600,
  fatigueRestSec: 20 * 60,
  dailyDrivingLimitSec: 8 * 3600,
  nightStartMinute: 22 * 60,
  nightEndMinute: 6 * 60,
  utcOffsetMinutes: 8 * 60,
  updateEverySec: 300,
  parkingMinSec: 30 * 60,
  routeDeviationMetres: 500,
  routeDeviationSec: 60,
  noWaybillMovingSec: 10 * 60,
  noWaybillStopSec: 10 * 60,
  driverMismatchSec: 60,
  unqualifiedDrivingSec: 60,
  tripMinMovingSec: 5 * 60,
  tripStopSec: 30 * 60,
  tripDesignatedStopSec: 10 * 60,
  offlineSec: 20 * 60,
  offlineDisplacementMetres: 1000,
  driftSpeedKmh: 160,
  driftMinMetres: 200,
  driftAcceptAfter: 3,
  trackGapMetres: 5000,
  alarmMergeSec: 60,
  maxIntervalSec: 10 * 60,
});

export type RuleParamOverrides = Partial<RuleParams>;

/** Bounds that keep a typo from switching a rule off or on for every fix. */
export const ruleParamBounds: Readonly<Record<keyof RuleParams, readonly [number, number]>> = {
  expresswayLimitKmh: [20, 120],
  otherRoadLimitKmh: [10, 120],
  overspeedMinDurationSec: [0, 600],
  overspeedMergeSec: [0, 3600],
  movingSpeedKmh: [0, 30],
  fatigueDayLimitSec: [600, 24 * 3600],
  fatigueNightLimitSec: [600, 24 * 3600],
  fatigueRestSec: [60, 6 * 3600],
  dailyDrivingLimitSec: [3600, 24 * 3600],
  nightStartMinute: [0, 1439],
  nightEndMinute: [0, 1439],
  utcOffsetMinutes: [-720, 840],
  updateEverySec: [10, 86400],
  parkingMinSec: [60, 86400],
  routeDeviationMetres: [10, 100_000],
  routeDeviationSec: [0, 3600],
  noWaybillMovingSec: [0, 86400],
  noWaybillStopSec: [60, 86400],
  driverMismatchSec: [0, 3600],
  unqualifiedDrivingSec: [0, 3600],
  tripMinMovingSec: [0, 86400],
  tripStopSec: [60, 86400],
  tripDesignatedStopSec: [60, 86400],
  offlineSec: [60, 86400],
  offlineDisplacementMetres: [10, 1_000_000],
  driftSpeedKmh: [60, 2000],
  driftMinMetres: [0, 100_000],
  driftAcceptAfter: [1, 100],
  trackGapMetres: [100, 1_000_000],
  alarmMergeSec: [0, 3600],
  maxIntervalSec: [60, 86400],
};

/** Why a parameter was refused: a stable code, its text in both languages. */
export type ParamProblemCode = 'unknown' | 'number' | 'range' | 'emptyNight';

export interface ParamProblem {
  key: string;
  code: ParamProblemCode;
  /** English. */
  problem: string;
  /** zh-CN. */
  zh: string;
}

function range(key: string, [min, max]: readonly [number, number]): ParamProblem {
  return { key, code: 'range', problem: `must be between ${min} and ${max}`, zh: `取值范围 ${min}–${max}` };
}

/** Lists every unknown key and out-of-range value (empty when the overrides are usable). */
export function validateOverrides(overrides: Record<string, unknown>): ParamProblem[] {
  const problems: ParamProblem[] = [];
  for (const [key, value] of Object.entries(overrides)) {
    const bounds = (ruleParamBounds as Record<string, readonly [number, number] | undefined>)[key];
    if (!bounds)
      problems.push({ key, code: 'unknown', problem: 'unknown parameter', zh: '不是可设置的阈值' });
    else if (typeof value !== 'number' || !Number.isFinite(value)) {
      problems.push({ key, code: 'number', problem: 'must be a finite number', zh: '必须是数字' });
    } else if (value < bounds[0] || value > bounds[1]) problems.push(range(key, bounds));
  }
  return problems;
}

/**
 * The overrides without the keys `validateOverrides` refuses: stored layers were checked at input,
 * but a hand edit, or bounds narrowed since, must not stop the rules (nor a page) from using the rest.
 */
export function usableOverrides(overrides: Record<string, unknown>): RuleParamOverrides {
  const bad = new Set(validateOverrides(overrides).map((p) => p.key));
  return Object.fromEntries(Object.entries(overrides).filter(([k]) => !bad.has(k))) as RuleParamOverrides;
}

/** What a set of parameters must hold as a whole, whichever layers set them (empty when it does). */
export function checkResolved(p: RuleParams): ParamProblem[] {
  return p.nightStartMinute === p.nightEndMinute
    ? [
        {
          key: 'nightEndMinute',
          code: 'emptyNight',
          problem: 'the night must not start and end at the same minute',
          zh: '夜间的开始与结束不能是同一分钟',
        },
      ]
    : [];
}

/** Global defaults ← enterprise ← vehicle. Throws on invalid overrides (validate them at input). */
export function resolveParams(...layers: (RuleParamOverrides | undefined)[]): RuleParams {
  const out: RuleParams = { ...defaultRuleParams };
  for (const layer of layers) {
    if (!layer) continue;
    const problems = validateOverrides(layer);
    if (problems.length > 0) {
      throw new Error(`invalid rule parameters: ${problems.map((p) => `${p.key} ${p.problem}`).join('; ')}`);
    }
    Object.assign(out, layer);
  }
  return out;
}

/** Minute of the local day (0–1439) for an epoch-ms instant. */
export function localMinuteOfDay(t: number, utcOffsetMinutes: number): number {
  const m = Math.floor(t / 60_000) + utcOffsetMinutes;
  return ((m % 1440) + 1440) % 1440;
}

/** Local calendar day `YYYY-MM-DD` for an epoch-ms instant. */
export function localDay(t: number, utcOffsetMinutes: number): string {
  return new Date(t + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** Whether `t` falls in the night window, which may wrap midnight (22:00–06:00). */
export function isNight(t: number, p: RuleParams): boolean {
  const m = localMinuteOfDay(t, p.utcOffsetMinutes);
  const { nightStartMinute: s, nightEndMinute: e } = p;
  return s <= e ? m >= s && m < e : m >= s || m < e;
}
