/**
 * Ports through which the engine learns about a vehicle's world: its enterprise, the goods it
 * carries, its active waybill, the geofences, the ban windows and the parameters. The engine
 * reads them synchronously on every fix, so an adapter keeps them in memory and refreshes them
 * from the archives and waybills (the lead wires that once those modules exist).
 */
import type { GeofenceIndex } from './geofences.js';
import { localMinuteOfDay, resolveParams, type RuleParamOverrides, type RuleParams } from './params.js';

export interface WaybillPlace {
  id: string;
  kind: 'loading' | 'unloading';
  lat: number;
  lon: number;
  radiusM: number;
}

export interface ActiveWaybill {
  id: string;
  driverId?: string;
  /** 押运员: named in a driver-identity event when it is the escort's card in the reader. */
  escortId?: string;
  /** Planned route as flat [lon0, lat0, …] and the corridor's full width (m). */
  route?: { line: readonly number[]; corridorWidthM: number };
  /** The trip is under way (运输中: the vehicle has left the loading place); before, it may still be on its way to the route. */
  departed?: boolean;
  places: readonly WaybillPlace[];
}

export interface VehicleContext {
  vehicleId: string;
  enterpriseId: string | null;
  /**
   * Goods classes carried now (GB 6944 class or division, e.g. "2.1", "6.1"), plus special
   * categories such as "highly_toxic" (剧毒) or "explosive_precursor" (易制爆) that bans name.
   */
  goodsClasses: readonly string[];
  waybill: ActiveWaybill | null;
  /**
   * The newest IC-card report of the vehicle's terminal is a card read in whose person is not on
   * file (the gateway's card log): its own name and certificate number, and since when (epoch ms).
   * Absent when the card is known, pulled, or never reported.
   */
  unknownCard?: { name: string | null; number: string | null; since: number };
  /**
   * The archive standing of the person whose card the newest IC-card report names (the gateway's
   * card log), for this vehicle (`cardHolderFor`). Absent when no known card is in, or before the
   * adapter has read the person; the engine hands it to the detectors only while it is the person
   * of the card the fixes carry (`StepInput.cardHolder`).
   */
  cardHolder?: CardHolder;
}

/** What the archives say of an IC card's person: the problems that do not depend on the moment, and the certificates' last valid days. */
export interface CardHolderFacts {
  personId: string;
  name: string;
  enterpriseId: string | null;
  /** Problems as of the archive, in a fixed order; empty when the person may drive. */
  standing: readonly StandingProblem[];
  /** 从业资格证's last valid day as UTC midnight of that date (ms); null when none is on file. */
  qualificationUntilDay: number | null;
  /** 机动车驾驶证's last valid day, as above; null when the archive has none (it is optional there). */
  licenceUntilDay: number | null;
  /**
   * The last day the person is within the age limit (从业人员管理规定 第十一条: not over 60; the
   * waybill check's `WAYBILL_PERSON_MAX_AGE`), as above (`lastDayWithinAge`); null when the
   * archive has no birth date.
   */
  ageLimitDay: number | null;
}

/**
 * The last day someone born on `birthDate` (`YYYY-MM-DD`) is at most `maxAge` full years old, as
 * UTC midnight of that date (ms): the day before the birthday that makes them `maxAge + 1`. Full
 * years as the waybill check counts them (`ageOn`): born on 29 February, the birthday in a common
 * year comes on 1 March, so the last day is 28 February.
 */
export function lastDayWithinAge(birthDate: string, maxAge: number): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const birthday = Date.UTC(y + maxAge + 1, m - 1, d);
  // Date.UTC rolls 29 February of a common year over to 1 March.
  return birthday - 86_400_000;
}

/**
 * A card's person as seen for one vehicle, for the qualification rule: the facts, and what the
 * rule reads on every fix, worked out once (`cardHolderFor`) so that the check reads one object.
 */
export interface CardHolder extends CardHolderFacts {
  /** May not drive this vehicle whatever the date: a standing problem, or another enterprise's person. */
  barred: boolean;
  /** The last day both certificates and the age limit hold, as UTC midnight (ms); Infinity when none has a date. */
  clearThroughDay: number;
}

export function cardHolderFor(facts: CardHolderFacts, vehicleEnterpriseId: string | null): CardHolder {
  // A literal with every field, not `{ ...facts, … }`: V8 (Node 20) may give an object made by a
  // spread followed by more properties slow (dictionary) properties, and the rule reads this one
  // on every fix (the profile had the check at 4.4 % of a live pass).
  return {
    personId: facts.personId,
    name: facts.name,
    enterpriseId: facts.enterpriseId,
    standing: facts.standing,
    qualificationUntilDay: facts.qualificationUntilDay,
    licenceUntilDay: facts.licenceUntilDay,
    ageLimitDay: facts.ageLimitDay,
    barred:
      facts.standing.length > 0 ||
      (vehicleEnterpriseId !== null && facts.enterpriseId !== vehicleEnterpriseId),
    clearThroughDay: Math.min(
      facts.qualificationUntilDay ?? Infinity,
      facts.licenceUntilDay ?? Infinity,
      facts.ageLimitDay ?? Infinity,
    ),
  };
}

/**
 * `not_filed`: the person's archive is not filed (备案); `left`: no longer employed;
 * `not_driver`: the archive does not give the person the driver's role; `qualification_missing`:
 * no qualification certificate on file; `qualification_category`: its category is not a driver's.
 */
export type StandingProblem =
  'not_filed' | 'left' | 'not_driver' | 'qualification_missing' | 'qualification_category';

/** A recurring daily window in local minutes [start, end), which may wrap midnight. */
export interface DailyWindow {
  startMinute: number;
  endMinute: number;
}

/**
 * A ban: for vehicles carrying the listed goods classes, the zones (fence ids) are closed
 * during the windows — e.g. a holiday expressway ban (absolute period) or a nightly city ban.
 * With neither `periods` nor `daily`, the ban always applies.
 */
export interface BanWindow {
  id: string;
  name: string;
  fenceIds: readonly string[];
  /** Absent = every hazmat vehicle. A class "2" also matches divisions "2.1", "2.2", "2.3". */
  goodsClasses?: readonly string[];
  /** Absolute periods, epoch ms [from, to). */
  periods?: readonly { from: number; to: number }[];
  daily?: readonly DailyWindow[];
  /** ISO weekdays 1 (Mon) – 7 (Sun) for the daily windows; absent = every day. */
  weekdays?: readonly number[];
  enterpriseId?: string;
}

export interface RuleContext {
  vehicle(vehicleId: string): VehicleContext | undefined;
  fences(): GeofenceIndex;
  /** The bans; a new array whenever they change (the bans rule keeps what it derives by the array). */
  bans(): readonly BanWindow[];
  params(vehicleId: string, enterpriseId: string | null): RuleParams;
  /**
   * Optional: a number that changes whenever `vehicle()` or `params()` may answer differently
   * (a vehicle set or reloaded, parameters changed). With it, the engine keeps each vehicle's
   * context and parameters between fixes and asks again only when the number moved; without
   * it, the engine asks on every fix.
   */
  revision?(): number;
}

export function goodsMatch(banned: readonly string[] | undefined, carried: readonly string[]): boolean {
  if (!banned) return true;
  for (const b of banned) {
    // c === b, or c starts with `${b}.` — tested without building the string (this runs per fix).
    for (const c of carried)
      if (c === b || (c.length > b.length && c.charCodeAt(b.length) === 46 && c.startsWith(b))) return true;
  }
  return false;
}

export function banActiveAt(ban: BanWindow, t: number, utcOffsetMinutes: number): boolean {
  if (!ban.periods && !ban.daily) return true;
  if (ban.periods) for (const p of ban.periods) if (t >= p.from && t < p.to) return true;
  if (ban.daily) {
    const m = localMinuteOfDay(t, utcOffsetMinutes);
    if (ban.weekdays) {
      // Weekday of the local date; a window that wraps midnight belongs to the day it starts on.
      const local = new Date(t + utcOffsetMinutes * 60_000);
      const today = local.getUTCDay() || 7;
      for (const w of ban.daily) {
        const wraps = w.startMinute > w.endMinute;
        if (!wraps && m >= w.startMinute && m < w.endMinute && ban.weekdays.includes(today)) return true;
        if (wraps && m >= w.startMinute && ban.weekdays.includes(today)) return true;
        if (wraps && m < w.endMinute && ban.weekdays.includes(today === 1 ? 7 : today - 1)) return true;
      }
    } else {
      for (const w of ban.daily) {
        const inside =
          w.startMinute <= w.endMinute
            ? m >= w.startMinute && m < w.endMinute
            : m >= w.startMinute || m < w.endMinute;
        if (inside) return true;
      }
    }
  }
  return false;
}

/** In-memory context: the default adapter, for tests and the benchmark, and the cache shape for wiring. */
export class StaticRuleContext implements RuleContext {
  private readonly vehicles = new Map<string, VehicleContext>();
  private readonly enterpriseOverrides = new Map<string, RuleParamOverrides>();
  private readonly vehicleOverrides = new Map<string, RuleParamOverrides>();
  /** Resolved parameters by enterprise id ('' = none), and by vehicle for vehicles with overrides. */
  private readonly paramCache = new Map<string, RuleParams>();
  private readonly vehicleParamCache = new Map<string, RuleParams>();
  private globalOverrides: RuleParamOverrides | undefined;
  private rev = 0;

  constructor(
    private fenceIndex: GeofenceIndex,
    private banList: readonly BanWindow[] = [],
  ) {}

  vehicle(vehicleId: string): VehicleContext | undefined {
    return this.vehicles.get(vehicleId);
  }
  fences(): GeofenceIndex {
    return this.fenceIndex;
  }
  bans(): readonly BanWindow[] {
    return this.banList;
  }
  /**
   * Vehicles without overrides of their own share their enterprise's resolved object (a few
   * hundred objects for thousands of vehicles: fewer cache misses on the hot path).
   */
  params(vehicleId: string, enterpriseId: string | null): RuleParams {
    const own = this.vehicleOverrides.get(vehicleId);
    const cache = own ? this.vehicleParamCache : this.paramCache;
    const key = own ? vehicleId : (enterpriseId ?? '');
    let p = cache.get(key);
    if (!p) {
      p = resolveParams(
        this.globalOverrides,
        enterpriseId ? this.enterpriseOverrides.get(enterpriseId) : undefined,
        own,
      );
      cache.set(key, p);
    }
    return p;
  }

  revision(): number {
    return this.rev;
  }
  setVehicle(v: VehicleContext): void {
    this.vehicles.set(v.vehicleId, v);
    this.rev++;
  }
  setFences(index: GeofenceIndex): void {
    this.fenceIndex = index;
  }
  setBans(bans: readonly BanWindow[]): void {
    this.banList = bans;
  }
  setGlobalParams(o: RuleParamOverrides): void {
    resolveParams(o);
    this.globalOverrides = o;
    this.paramCache.clear();
    this.vehicleParamCache.clear();
    this.rev++;
  }
  setEnterpriseParams(enterpriseId: string, o: RuleParamOverrides): void {
    resolveParams(o);
    this.enterpriseOverrides.set(enterpriseId, o);
    this.paramCache.clear();
    this.vehicleParamCache.clear();
    this.rev++;
  }
  setVehicleParams(vehicleId: string, o: RuleParamOverrides): void {
    resolveParams(o);
    this.vehicleOverrides.set(vehicleId, o);
    this.vehicleParamCache.delete(vehicleId);
    this.rev++;
  }
}
