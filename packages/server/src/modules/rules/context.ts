/**
 * The rule engine's view of the world, kept in memory because the engine asks synchronously,
 * per fix, and must not query:
 * - each vehicle's enterprise (archives), the goods it carries and its active waybill (route
 *   corridor, loading/unloading places, driver; waybills with status checked / loading /
 *   in_transit), goods classes from the waybill lines plus special categories from the goods
 *   catalogue (`lookupGoods`);
 * - geofences: the archive's filed places (parking lots, chemical parks, filling sites,
 *   checkpoints) and the regulators' `geofences` (restricted, ban and speed zones, city boundary);
 * - ban windows (`ban_windows`);
 * - the regulators' thresholds (`rule_params`: the city's, per enterprise, per vehicle).
 *
 * `refresh()` reloads everything (at start and every `RULES_CONTEXT_REFRESH_S`); `refreshZones()`
 * reloads geofences and bans and `refreshParams()` the thresholds (after a change through the
 * API); `refreshWaybills()` reads only the
 * waybills changed since the last read (by `updated_at`, with a margin for transactions that
 * commit late), so it is cheap enough to run every few seconds for 400,000 vehicles.
 */
import type { Queryable } from '../../platform/db/db.js';
import {
  cardHolderFor,
  lastDayWithinAge,
  type ActiveWaybill,
  type BanWindow,
  type CardHolderFacts,
  type RuleContext,
  type VehicleContext,
  type WaybillPlace,
} from '../../rules/context.js';
import { GeofenceIndex, type FenceKind, type Geofence } from '../../rules/geofences.js';
import {
  resolveParams,
  usableOverrides,
  type RuleParamOverrides,
  type RuleParams,
} from '../../rules/params.js';
import { lookupGoods } from '../goods/facts.js';
import { toBanWindow, toGeofence, type BanRow, type GeofenceRow } from './zones.js';

export const ACTIVE_WAYBILL_STATUSES = ['checked', 'loading', 'in_transit'] as const;

export interface RuleContextOptions {
  /** Radius of a waybill's loading/unloading place around its origin/destination (m). */
  waybillPlaceRadiusM?: number;
  /** Corridor width when a waybill's route has none (m). */
  defaultCorridorM?: number;
  /** Text a driver's qualification category must contain (the waybill check's `WAYBILL_DRIVER_CERT_CATEGORY`). */
  driverCertCategory?: string;
  /** The oldest a driver may be, in full years (the waybill check's `WAYBILL_PERSON_MAX_AGE`, 60). */
  maxAgeYears?: number;
  /**
   * How far back before the last read an incremental read looks again (ms), for transactions
   * that commit after rows of later times were read; default `WATERMARK_MARGIN_MS`.
   */
  changeMarginMs?: number;
}

/** Rows changed this long before the newest seen are read again: a transaction may commit late. */
const WATERMARK_MARGIN_MS = 60_000;

interface WaybillRow {
  id: string;
  vehicle_id: string;
  driver_id: string | null;
  escort_id: string | null;
  status: string;
  origin_place_id: string | null;
  origin_lon: number | null;
  origin_lat: number | null;
  origin_place_lon: number | null;
  origin_place_lat: number | null;
  destination_place_id: string | null;
  destination_lon: number | null;
  destination_lat: number | null;
  destination_place_lon: number | null;
  destination_place_lat: number | null;
  route: { type?: string; coordinates?: unknown } | null;
  route_corridor_m: number | null;
  updated_at: Date | string;
}

interface CardRow {
  id: number | string;
  vehicle_id: string;
  status: string;
  person_id: string | null;
  driver_name: string | null;
  certificate_number: string | null;
  at: number | string;
}

interface HolderRow {
  id: string;
  name: string;
  enterprise_id: string;
  filing_status: string;
  employment_status: string;
  roles: string[];
  qualification_until: string | null;
  qualification_category: string | null;
  licence_until: string | null;
  birth_date: string | null;
}

interface Carried {
  waybill: ActiveWaybill;
  goodsClasses: readonly string[];
}

export class ArchiveRuleContext implements RuleContext {
  private enterprises = new Map<string, string | null>();
  private vehicles = new Map<string, VehicleContext>();
  /** Active waybill per vehicle, and the vehicle of each active waybill. */
  private carried = new Map<string, Carried>();
  private vehicleOfWaybill = new Map<string, string>();
  /** Vehicles whose newest IC-card report is a card not on file, and the newest report id read per vehicle. */
  private unknownCards = new Map<string, NonNullable<VehicleContext['unknownCard']>>();
  private cardReportSeen = new Map<string, number>();
  /** The archive person of each vehicle's newest card report (a known card read in), and what the archive says of them. */
  private cardPersons = new Map<string, string>();
  private holders = new Map<string, CardHolderFacts>();
  private cardWatermark: number | null = null;
  /** When the card holders were last read whole or checked for changes (the app's clock; null: never). */
  private holderWatermark: number | null = null;
  private placeFences: Geofence[] = [];
  private zoneFences: Geofence[] = [];
  private index = new GeofenceIndex([]);
  private banList: readonly BanWindow[] = [];
  private watermark: number | null = null;
  /** The regulators' threshold layers (`rule_params`), and each enterprise's and vehicle's result. */
  private cityParams: RuleParamOverrides | undefined;
  private enterpriseParams = new Map<string, RuleParamOverrides>();
  private vehicleParams = new Map<string, RuleParamOverrides>();
  private paramsOfEnterprise = new Map<string | null, RuleParams>();
  private paramsOfVehicle = new Map<string, RuleParams>();
  /** Bumped whenever `vehicles` changes (the engine's cue to re-read a vehicle's context). */
  private rev = 0;
  private readonly radiusM: number;
  private readonly corridorM: number;
  private readonly driverCategory: string;
  private readonly maxAge: number;
  private readonly margin: number;

  constructor(
    private readonly db: Queryable,
    opts: RuleContextOptions = {},
  ) {
    this.radiusM = opts.waybillPlaceRadiusM ?? 500;
    this.corridorM = opts.defaultCorridorM ?? 200;
    this.driverCategory = opts.driverCertCategory ?? '驾驶员';
    this.maxAge = opts.maxAgeYears ?? 60;
    this.margin = opts.changeMarginMs ?? WATERMARK_MARGIN_MS;
  }

  /** Reads run one at a time: a full reload and an incremental read must not interleave their writes. */
  private queue: Promise<unknown> = Promise.resolve();
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  refresh(): Promise<{ vehicles: number; fences: number; bans: number; waybills: number }> {
    return this.exclusive(() => this.loadAll());
  }

  private async loadAll(): Promise<{ vehicles: number; fences: number; bans: number; waybills: number }> {
    const vs = await this.db.query<{ id: string; enterprise_id: string }>(
      "SELECT id, enterprise_id FROM vehicles WHERE vehicle_type <> 'trailer' AND operating_status <> 'scrapped'",
    );
    const enterprises = new Map<string, string | null>();
    for (const v of vs.rows) enterprises.set(v.id, v.enterprise_id);
    const ps = await this.db.query<{
      id: string;
      kind: FenceKind;
      name: string;
      polygon: { coordinates: [number, number][][] };
    }>(
      "SELECT id, kind, name, polygon FROM places WHERE filing_status = 'filed' AND operating_status = 'active'",
    );
    const places: Geofence[] = [];
    for (const p of ps.rows) {
      const ring = p.polygon.coordinates[0];
      if (!ring || ring.length < 4) continue;
      places.push({ id: p.id, kind: p.kind, name: p.name, shape: { type: 'polygon', ring: ring.flat() } });
    }
    this.placeFences = places;
    this.enterprises = enterprises;
    await this.loadParams();
    await this.loadZones();
    const waybills = await this.reloadWaybills();
    return {
      vehicles: enterprises.size,
      fences: places.length + this.zoneFences.length,
      bans: this.banList.length,
      waybills,
    };
  }

  /** Reloads the regulators' thresholds (after a change through the API); returns the layers read. */
  refreshParams(): Promise<number> {
    return this.exclusive(() => this.loadParams());
  }

  private async loadParams(): Promise<number> {
    const { rows } = await this.db.query<{
      scope_type: 'city' | 'enterprise' | 'vehicle';
      scope_id: string | null;
      overrides: Record<string, unknown>;
    }>('SELECT scope_type, scope_id, overrides FROM rule_params');
    this.cityParams = undefined;
    this.enterpriseParams = new Map();
    this.vehicleParams = new Map();
    for (const r of rows) {
      const usable = usableOverrides(r.overrides);
      if (r.scope_type === 'city') this.cityParams = usable;
      else if (r.scope_type === 'enterprise') this.enterpriseParams.set(r.scope_id!, usable);
      else this.vehicleParams.set(r.scope_id!, usable);
    }
    this.paramsOfEnterprise = new Map();
    this.paramsOfVehicle = new Map();
    // The engine reads a vehicle's parameters again when the revision moves.
    this.rev++;
    return rows.length;
  }

  /** Reloads the regulators' geofences and the ban windows (and rebuilds the fence index). */
  refreshZones(): Promise<{ zones: number; bans: number }> {
    return this.exclusive(() => this.loadZones());
  }

  private async loadZones(): Promise<{ zones: number; bans: number }> {
    const gs = await this.db.query<GeofenceRow>('SELECT * FROM geofences WHERE active ORDER BY id');
    const zones: Geofence[] = [];
    for (const g of gs.rows) {
      try {
        zones.push(toGeofence(g));
      } catch {
        // A row that does not convert (checked at input, so only a hand edit) is left out.
      }
    }
    const bs = await this.db.query<BanRow>('SELECT * FROM ban_windows WHERE active ORDER BY id');
    const bans: BanWindow[] = [];
    for (const b of bs.rows) {
      try {
        bans.push(toBanWindow(b));
      } catch {
        // As above.
      }
    }
    this.zoneFences = zones;
    this.index = new GeofenceIndex([...this.placeFences, ...zones]);
    this.banList = bans;
    return { zones: zones.length, bans: bans.length };
  }

  /** Every active waybill, replacing what was known (the periodic full reload). */
  private async reloadWaybills(): Promise<number> {
    const rows = await this.queryWaybills('w.status = ANY($1::text[])', [[...ACTIVE_WAYBILL_STATUSES]]);
    this.carried = new Map();
    this.vehicleOfWaybill = new Map();
    await this.apply(rows);
    // The card log is read whole once, then only what is new: the periodic reload does not rescan it.
    await this.readChangedCards();
    // Every card holder is read again (a certificate deleted leaves no changed row to find).
    const started = Date.now();
    this.holders = await this.readHolders([...new Set(this.cardPersons.values())]);
    this.holderWatermark = started;
    this.rebuildVehicles();
    return this.carried.size;
  }

  /** Each vehicle's newest IC-card report (the gateway's card log), replacing what was known. */
  private async reloadCards(): Promise<void> {
    const started = Date.now();
    const rows = await this.queryCards(
      'SELECT DISTINCT ON (vehicle_id) * FROM driver_card_events ORDER BY vehicle_id, id DESC',
      [],
    );
    this.unknownCards = new Map();
    this.cardReportSeen = new Map();
    this.cardPersons = new Map();
    this.applyCards(rows);
    this.cardWatermark = started;
  }

  /** The card reports received since the last read (with a margin for late commits); the vehicles they touch. */
  private async readChangedCards(): Promise<Set<string>> {
    if (this.cardWatermark === null) {
      await this.reloadCards();
      return new Set(this.unknownCards.keys());
    }
    const started = Date.now();
    const rows = await this.queryCards(
      'SELECT * FROM driver_card_events WHERE received_at >= $1 ORDER BY id',
      [new Date(this.cardWatermark - this.margin)],
    );
    this.cardWatermark = started;
    return this.applyCards(rows);
  }

  private async queryCards(sql: string, params: unknown[]): Promise<CardRow[]> {
    const { rows } = await this.db.query<CardRow>(
      `SELECT id::float8 AS id, vehicle_id::text, status, person_id, driver_name, certificate_number,
              extract(epoch FROM coalesce(device_time, received_at)) * 1000 AS at
         FROM (${sql}) c`,
      params,
    );
    return rows;
  }

  /** Applies card reports, newest per vehicle wins (a report read again changes nothing). */
  private applyCards(rows: readonly CardRow[]): Set<string> {
    const touched = new Set<string>();
    for (const r of rows) {
      const id = Number(r.id);
      if (id <= (this.cardReportSeen.get(r.vehicle_id) ?? 0)) continue;
      this.cardReportSeen.set(r.vehicle_id, id);
      touched.add(r.vehicle_id);
      if (r.status === 'inserted' && r.person_id === null) {
        this.unknownCards.set(r.vehicle_id, {
          name: r.driver_name,
          number: r.certificate_number,
          since: Number(r.at),
        });
      } else this.unknownCards.delete(r.vehicle_id);
      if (r.status === 'inserted' && r.person_id !== null) this.cardPersons.set(r.vehicle_id, r.person_id);
      else this.cardPersons.delete(r.vehicle_id);
    }
    return touched;
  }

  /** What the archive says of these people, for the qualification rule (people not found are left out). */
  private async readHolders(ids: readonly string[]): Promise<Map<string, CardHolderFacts>> {
    const out = new Map<string, CardHolderFacts>();
    if (ids.length === 0) return out;
    const { rows } = await this.db.query<HolderRow>(
      `SELECT p.id, p.name, p.enterprise_id, p.filing_status, p.employment_status, p.roles,
              to_char(q.valid_until, 'YYYY-MM-DD') AS qualification_until, q.category AS qualification_category,
              to_char(l.valid_until, 'YYYY-MM-DD') AS licence_until,
              to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date
         FROM personnel p
         LEFT JOIN certificates q ON q.holder_type = 'person' AND q.holder_id = p.id AND q.kind = 'qualification'
         LEFT JOIN certificates l ON l.holder_type = 'person' AND l.holder_id = p.id AND l.kind = 'driving_licence'
        WHERE p.id = ANY($1::uuid[])`,
      [ids],
    );
    for (const r of rows) {
      const standing: CardHolderFacts['standing'][number][] = [];
      if (r.filing_status !== 'filed') standing.push('not_filed');
      if (r.employment_status !== 'employed') standing.push('left');
      if (!r.roles.includes('driver')) standing.push('not_driver');
      if (r.qualification_until === null) standing.push('qualification_missing');
      else if (!(r.qualification_category ?? '').includes(this.driverCategory))
        standing.push('qualification_category');
      out.set(r.id, {
        personId: r.id,
        name: r.name,
        enterpriseId: r.enterprise_id,
        standing,
        qualificationUntilDay: r.qualification_until === null ? null : Date.parse(r.qualification_until),
        licenceUntilDay: r.licence_until === null ? null : Date.parse(r.licence_until),
        ageLimitDay: r.birth_date === null ? null : lastDayWithinAge(r.birth_date, this.maxAge),
      });
    }
    return out;
  }

  /**
   * Reads again the card holders whose person or certificate rows changed since the last read (a
   * renewal, a filing, a person who left), with a margin for late commits; returns the vehicles
   * whose card they hold. A renewal thus counts within a refresh, not at the next full reload.
   */
  private async readChangedHolders(): Promise<Set<string>> {
    const touched = new Set<string>();
    const since = this.holderWatermark;
    const started = Date.now();
    if (since === null) return touched;
    const { rows } = await this.db.query<{ id: string }>(
      `SELECT id FROM personnel WHERE updated_at >= $1
        UNION
       SELECT holder_id FROM certificates WHERE holder_type = 'person' AND updated_at >= $1`,
      [new Date(since - this.margin)],
    );
    this.holderWatermark = started;
    const changed = new Set(rows.map((r) => r.id).filter((id) => this.holders.has(id)));
    if (changed.size === 0) return touched;
    const fresh = await this.readHolders([...changed]);
    for (const id of changed) {
      const h = fresh.get(id);
      if (h) this.holders.set(id, h);
      else this.holders.delete(id);
    }
    for (const [vehicle, person] of this.cardPersons) if (changed.has(person)) touched.add(vehicle);
    return touched;
  }

  /** Reads the card holders of these vehicles that are not read yet. */
  private async readNewHolders(vehicles: Iterable<string>): Promise<void> {
    const wanted = new Set<string>();
    for (const v of vehicles) {
      const p = this.cardPersons.get(v);
      if (p !== undefined && !this.holders.has(p)) wanted.add(p);
    }
    for (const [id, h] of await this.readHolders([...wanted])) this.holders.set(id, h);
  }

  /**
   * Reads the waybills changed since the last read and applies them: a waybill that became
   * active is attached to its vehicle, one that ended is detached. Returns how many rows it read.
   */
  refreshWaybills(onStart?: () => void): Promise<number> {
    return this.exclusive(() => {
      onStart?.();
      return this.readChangedWaybills();
    });
  }

  private async readChangedWaybills(): Promise<number> {
    if (this.watermark === null) return this.reloadWaybills();
    const since = new Date(this.watermark - this.margin);
    const rows = await this.queryWaybills('w.updated_at >= $1', [since]);
    const touched = await this.apply(rows);
    const cards = await this.readChangedCards();
    await this.readNewHolders(cards);
    for (const v of cards) touched.add(v);
    for (const v of await this.readChangedHolders()) touched.add(v);
    for (const v of touched) this.composeVehicle(v);
    return rows.length;
  }

  private async queryWaybills(where: string, params: unknown[]): Promise<WaybillRow[]> {
    const { rows } = await this.db.query<WaybillRow>(
      `SELECT w.id, w.vehicle_id, w.driver_id, w.escort_id, w.status, w.origin_place_id, w.origin_lon, w.origin_lat,
              op.centre_lon AS origin_place_lon, op.centre_lat AS origin_place_lat,
              w.destination_place_id, w.destination_lon, w.destination_lat,
              dp.centre_lon AS destination_place_lon, dp.centre_lat AS destination_place_lat,
              w.route, w.route_corridor_m, w.updated_at
         FROM waybills w
         LEFT JOIN places op ON op.id = w.origin_place_id
         LEFT JOIN places dp ON dp.id = w.destination_place_id
        WHERE ${where}
        ORDER BY w.updated_at, w.id`,
      params,
    );
    return rows;
  }

  /** Applies waybill rows in update order; returns the vehicles whose waybill changed. */
  private async apply(rows: readonly WaybillRow[]): Promise<Set<string>> {
    const touched = new Set<string>();
    const active = rows.filter((r) => (ACTIVE_WAYBILL_STATUSES as readonly string[]).includes(r.status));
    const goods = await this.goodsOf(active.map((r) => r.id));
    for (const r of rows) {
      const t = new Date(r.updated_at).getTime();
      if (this.watermark === null || t > this.watermark) this.watermark = t;
      const was = this.vehicleOfWaybill.get(r.id);
      if (was !== undefined && this.carried.get(was)?.waybill.id === r.id) {
        this.carried.delete(was);
        touched.add(was);
      }
      this.vehicleOfWaybill.delete(r.id);
      if (!(ACTIVE_WAYBILL_STATUSES as readonly string[]).includes(r.status)) continue;
      this.carried.set(r.vehicle_id, { waybill: this.toWaybill(r), goodsClasses: goods.get(r.id) ?? [] });
      this.vehicleOfWaybill.set(r.id, r.vehicle_id);
      touched.add(r.vehicle_id);
    }
    return touched;
  }

  /** Goods classes of each waybill's lines, plus the special categories of their UN numbers. */
  private async goodsOf(waybillIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (waybillIds.length === 0) return out;
    const { rows } = await this.db.query<{ waybill_id: string; hazard_class: string; un_number: string }>(
      'SELECT waybill_id, hazard_class, un_number FROM waybill_lines WHERE waybill_id = ANY($1::uuid[])',
      [waybillIds],
    );
    const facts = await lookupGoods(
      this.db,
      rows.map((r) => r.un_number),
    );
    for (const r of rows) {
      let classes = out.get(r.waybill_id);
      if (!classes) out.set(r.waybill_id, (classes = []));
      const add = (c: string) => {
        if (!classes.includes(c)) classes.push(c);
      };
      add(r.hazard_class);
      for (const s of facts.get(r.un_number)?.special ?? []) add(s);
    }
    return out;
  }

  private toWaybill(r: WaybillRow): ActiveWaybill {
    const places: WaybillPlace[] = [];
    const place = (
      kind: WaybillPlace['kind'],
      id: string | null,
      lon: number | null,
      lat: number | null,
    ): void => {
      if (lon === null || lat === null) return;
      places.push({ id: id ?? `${r.id}:${kind}`, kind, lat, lon, radiusM: this.radiusM });
    };
    place(
      'loading',
      r.origin_place_id,
      r.origin_place_lon ?? r.origin_lon,
      r.origin_place_lat ?? r.origin_lat,
    );
    place(
      'unloading',
      r.destination_place_id,
      r.destination_place_lon ?? r.destination_lon,
      r.destination_place_lat ?? r.destination_lat,
    );
    const w: ActiveWaybill = { id: r.id, places };
    if (r.driver_id) w.driverId = r.driver_id;
    if (r.escort_id) w.escortId = r.escort_id;
    if (r.status === 'in_transit') w.departed = true;
    const line = routeLine(r.route);
    if (line) w.route = { line, corridorWidthM: r.route_corridor_m ?? this.corridorM };
    return w;
  }

  private rebuildVehicles(): void {
    const vehicles = new Map<string, VehicleContext>();
    for (const id of this.enterprises.keys()) vehicles.set(id, this.compose(id));
    // A waybill may name a vehicle the archive list does not hold (yet): it still counts.
    for (const id of this.carried.keys()) if (!vehicles.has(id)) vehicles.set(id, this.compose(id));
    this.vehicles = vehicles;
    this.rev++;
  }

  private composeVehicle(id: string): void {
    this.vehicles.set(id, this.compose(id));
    this.rev++;
  }

  private compose(id: string): VehicleContext {
    const c = this.carried.get(id);
    const person = this.cardPersons.get(id);
    const holder = person === undefined ? undefined : this.holders.get(person);
    const enterpriseId = this.enterprises.get(id) ?? null;
    return {
      vehicleId: id,
      enterpriseId,
      goodsClasses: c?.goodsClasses ?? [],
      waybill: c?.waybill ?? null,
      ...(this.unknownCards.has(id) ? { unknownCard: this.unknownCards.get(id)! } : {}),
      ...(holder ? { cardHolder: cardHolderFor(holder, enterpriseId) } : {}),
    };
  }

  vehicle(vehicleId: string): VehicleContext | undefined {
    return this.vehicles.get(vehicleId);
  }
  revision(): number {
    return this.rev;
  }
  fences(): GeofenceIndex {
    return this.index;
  }
  bans(): readonly BanWindow[] {
    return this.banList;
  }
  /** Defaults ← the city's ← the enterprise's ← the vehicle's; one object per enterprise or overridden vehicle. */
  params(vehicleId: string, enterpriseId: string | null): RuleParams {
    const own = this.vehicleParams.get(vehicleId);
    if (own) {
      let p = this.paramsOfVehicle.get(vehicleId);
      if (!p) {
        p = resolveParams(
          this.cityParams,
          enterpriseId ? this.enterpriseParams.get(enterpriseId) : undefined,
          own,
        );
        this.paramsOfVehicle.set(vehicleId, p);
      }
      return p;
    }
    let p = this.paramsOfEnterprise.get(enterpriseId);
    if (!p) {
      p = resolveParams(this.cityParams, enterpriseId ? this.enterpriseParams.get(enterpriseId) : undefined);
      this.paramsOfEnterprise.set(enterpriseId, p);
    }
    return p;
  }
  /** Geofences drawn by regulators now in the index (for monitoring and tests). */
  zoneCount(): number {
    return this.zoneFences.length;
  }
}

/** A GeoJSON LineString as the engine's flat [lon0, lat0, …], or undefined when unusable. */
export function routeLine(route: WaybillRow['route']): number[] | undefined {
  if (!route || route.type !== 'LineString' || !Array.isArray(route.coordinates)) return undefined;
  const out: number[] = [];
  for (const p of route.coordinates as unknown[]) {
    if (!Array.isArray(p) || typeof p[0] !== 'number' || typeof p[1] !== 'number') return undefined;
    out.push(p[0], p[1]);
  }
  return out.length >= 4 ? out : undefined;
}
