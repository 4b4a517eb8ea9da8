/**
 * A simulated fleet: archive vehicles with filed terminals, each driven by a SimTerminal over real
 * TCP, making plausible trips around Panjin between the archive's places (parking lots, chemical
 * parks, filling sites, checkpoints): parked at a lot, driving at 35–75 km/h with slow-downs and
 * checkpoint stops, loading/unloading dwells, back to a lot, each vehicle the same way every day
 * (`demoPlan`: the planned route of its demo waybill), around restricted zones (禁行区). Reports
 * every `reportEveryS` while moving and three times as seldom when parked. Behaviours for the
 * rules, each for a share of the fleet: overspeed (95–110 km/h stretches), signal loss (drops the
 * connection for a few minutes and sends the fixes kept meanwhile as 0x0704 blind-area batches) and
 * invalid data (an occasional fix out of range). Injected behaviours (behaviours.ts) give chosen
 * vehicles one rule each to break. With `driverCards`, the driver of a vehicle's active waybill puts
 * their IC card in its terminal's reader (0x0702) and pulls it when the waybill is no longer active.
 */
import type { LocationExtra } from '@weiyun/jt808';
import type { Queryable } from '../platform/db/db.js';
import type { BehaviourName } from './behaviours.js';
import { SimTerminal, type DriverCard, type SimFix } from './terminal.js';

export interface FleetVehicle {
  vehicleId: string;
  enterpriseId: string;
  phone: string;
  edition: 2013 | 2019;
  plate: string;
  plateColour: number;
  terminalCode: string;
  /** The planned route of the vehicle's active waybill ([lon, lat] points), if it has one. */
  route?: [number, number][] | null;
}

export interface Place {
  /** The archive's place id (absent for the simulator's own way-points). */
  id?: string;
  kind: 'parking_lot' | 'chemical_park' | 'filling_site' | 'checkpoint' | 'restricted_zone';
  name: string;
  lon: number;
  lat: number;
  enterpriseId: string | null;
  /** A restricted zone's reach from its centre (km): its shape lies within it. */
  radiusKm?: number;
}

/** Panjin, roughly: where simulated vehicles stay. */
export const PANJIN = { lonMin: 121.9, lonMax: 122.2, latMin: 40.7, latMax: 41.3 } as const;

/** Vehicles with a filed terminal that may connect (the gateway's own archive check). */
export async function loadFleet(db: Queryable, limit: number): Promise<FleetVehicle[]> {
  const { rows } = await db.query<{
    vehicle_id: string;
    enterprise_id: string;
    phone: string;
    protocol_version: string;
    plate: string;
    plate_colour: number;
    terminal_code: string;
    route: StoredRoute;
  }>(
    `SELECT v.id AS vehicle_id, v.enterprise_id, m.phone, m.protocol_version, v.plate, v.plate_colour, m.terminal_code,
            (SELECT w.route FROM waybills w WHERE w.vehicle_id = v.id AND w.route IS NOT NULL
                AND w.status IN ('checked', 'loading', 'in_transit') LIMIT 1) AS route
       FROM terminals m JOIN vehicles v ON v.id = m.vehicle_id JOIN enterprises e ON e.id = m.enterprise_id
      WHERE m.filing_status = 'filed' AND v.filing_status = 'filed' AND v.operating_status = 'active'
        AND e.filing_status = 'filed' AND e.operating_status = 'active'
      ORDER BY m.phone LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({
    vehicleId: r.vehicle_id,
    enterpriseId: r.enterprise_id,
    phone: r.phone,
    edition: r.protocol_version === '2019' ? 2019 : 2013,
    plate: r.plate,
    plateColour: r.plate_colour,
    terminalCode: r.terminal_code.slice(0, 7),
    route: lineOf(r.route),
  }));
}

type StoredRoute = { type?: string; coordinates?: [number, number][] } | null;

const lineOf = (route: StoredRoute): [number, number][] | null =>
  route?.type === 'LineString' && Array.isArray(route.coordinates) ? route.coordinates : null;

/**
 * The planned routes of the vehicles' active waybills, as `loadFleet` reads them: the fleet asks
 * again for vehicles that wait for theirs (the demo's waybills are dispatched after the fleet starts).
 */
export async function loadRoutes(
  db: Queryable,
  vehicleIds: readonly string[],
): Promise<Map<string, [number, number][]>> {
  const { rows } = await db.query<{ vehicle_id: string; route: StoredRoute }>(
    `SELECT vehicle_id, route FROM waybills
      WHERE vehicle_id = ANY($1::uuid[]) AND route IS NOT NULL
        AND status IN ('checked', 'loading', 'in_transit')
      ORDER BY vehicle_id, updated_at DESC`,
    [vehicleIds],
  );
  const out = new Map<string, [number, number][]>();
  for (const r of rows) {
    const line = lineOf(r.route);
    if (line && !out.has(r.vehicle_id)) out.set(r.vehicle_id, line);
  }
  return out;
}

/** A driver's IC card, with the archive person it belongs to. */
export interface FleetDriverCard extends DriverCard {
  personId: string;
}

/**
 * The IC cards of the drivers of the vehicles' active waybills: what each vehicle's reader should
 * hold now. For the vehicles in `escortAtWheel` (the `escort` behaviour) it is the waybill's
 * escort's card instead: the escort drives. The card carries the person's 从业资格证 (its number,
 * issuer and expiry) and, for 2019 terminals, their ID number; a person without a qualification
 * certificate on file has a card with the ID number only.
 */
export async function loadDriverCards(
  db: Queryable,
  vehicleIds: readonly string[],
  escortAtWheel: readonly string[] = [],
): Promise<Map<string, FleetDriverCard>> {
  const { rows } = await db.query<{
    vehicle_id: string;
    person_id: string;
    name: string;
    id_number: string;
    number: string | null;
    issued_by: string | null;
    expiry: string | null;
  }>(
    `SELECT DISTINCT ON (w.vehicle_id) w.vehicle_id, p.id AS person_id, p.name, p.id_number,
            c.number, c.issued_by, to_char(c.valid_until, 'YYYYMMDD') AS expiry
       FROM waybills w
       JOIN personnel p ON p.id = CASE WHEN w.vehicle_id = ANY($2::uuid[]) THEN w.escort_id ELSE w.driver_id END
       LEFT JOIN LATERAL (
         SELECT number, issued_by, valid_until FROM certificates
          WHERE holder_type = 'person' AND holder_id = p.id AND kind = 'qualification'
          ORDER BY valid_until DESC LIMIT 1) c ON true
      WHERE w.vehicle_id = ANY($1::uuid[]) AND w.status IN ('checked', 'loading', 'in_transit')
      ORDER BY w.vehicle_id, w.updated_at DESC`,
    [vehicleIds, escortAtWheel],
  );
  return new Map(
    rows.map((r) => [
      r.vehicle_id,
      {
        personId: r.person_id,
        driverName: r.name,
        idNumber: r.id_number,
        certificateNumber: r.number ?? '',
        issuingAuthority: r.issued_by ?? '',
        expiry: r.expiry ?? '',
      },
    ]),
  );
}

type ZoneShape = {
  type: string;
  center?: [number, number];
  radiusM?: number;
  coordinates?: [number, number][];
  widthM?: number;
};

/** The centre of a circle, or the mean of a polygon's or corridor's points. */
function shapeCentre(s: ZoneShape): [number, number] | null {
  if (s.type === 'circle' && s.center) return s.center;
  const pts = s.coordinates ?? [];
  if (pts.length === 0) return null;
  return [pts.reduce((a, p) => a + p[0], 0) / pts.length, pts.reduce((a, p) => a + p[1], 0) / pts.length];
}

/** How far the shape reaches from `centre` (km): the radius, or the farthest point (plus half a corridor). */
function shapeReachKm(s: ZoneShape, centre: [number, number]): number {
  if (s.type === 'circle') return (s.radiusM ?? 0) / 1000;
  const c = { lon: centre[0], lat: centre[1] };
  const far = Math.max(0, ...(s.coordinates ?? []).map(([lon, lat]) => distanceKm(c, { lon, lat })));
  return far + (s.widthM ?? 0) / 2000;
}

export async function loadPlaces(db: Queryable): Promise<Place[]> {
  const { rows } = await db.query<{
    id: string;
    kind: Place['kind'];
    name: string;
    centre_lon: number;
    centre_lat: number;
    enterprise_id: string | null;
  }>(
    `SELECT id, kind, name, centre_lon, centre_lat, enterprise_id FROM places
      WHERE filing_status = 'filed' AND operating_status = 'active' ORDER BY id`,
  );
  // Restricted zones (禁行区) by their centre, for the `zone` behaviour (no trip goes there otherwise).
  const zones = await db.query<{ id: string; name: string; shape: ZoneShape }>(
    `SELECT id, name, shape FROM geofences WHERE kind = 'restricted_zone' AND active ORDER BY id`,
  );
  return rows
    .map((r): Place => ({
      id: r.id,
      kind: r.kind,
      name: r.name,
      lon: r.centre_lon,
      lat: r.centre_lat,
      enterpriseId: r.enterprise_id,
    }))
    .concat(
      zones.rows.flatMap((z): Place[] => {
        const c = shapeCentre(z.shape);
        return c
          ? [
              {
                id: z.id,
                kind: 'restricted_zone',
                name: z.name,
                lon: c[0],
                lat: c[1],
                enterpriseId: null,
                radiusKm: shapeReachKm(z.shape, c),
              },
            ]
          : [];
      }),
    )
    .filter(
      (p) =>
        p.lon >= PANJIN.lonMin && p.lon <= PANJIN.lonMax && p.lat >= PANJIN.latMin && p.lat <= PANJIN.latMax,
    );
}

/** A stable small hash of a vehicle id (FNV-1a), so the same vehicle gets the same plan every day. */
function idHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * The vehicle's daily round: from its lot to a filling site (loading, 充装/装车), on to a chemical
 * park (unloading), back to the lot. The fleet drives it and the demo's waybills (modules/waybills/
 * demo.ts) name the same two places; null when the archive has no such places.
 */
export function demoTrip(
  vehicleId: string,
  places: readonly Place[],
): { loading: Place; unloading: Place } | null {
  const sites = places.filter((p) => p.kind === 'filling_site');
  const parks = places.filter((p) => p.kind === 'chemical_park');
  if (sites.length === 0 || parks.length === 0) return null;
  const h = idHash(vehicleId);
  return {
    loading: sites[h % sites.length]!,
    unloading: parks[Math.floor(h / sites.length) % parks.length]!,
  };
}

/** A point of a planned way; at a checkpoint the vehicle stops for the check. */
export interface WayPoint {
  lon: number;
  lat: number;
  checkpoint: boolean;
}

/** The vehicle's day as planned: its home lot, its trip, and the way home → loading → unloading. */
export interface DemoPlan {
  home: Place;
  loading: Place;
  unloading: Place;
  /** From the home lot by the loading place to the unloading place; `way[loadingAt]` is the loading place. */
  way: WayPoint[];
  loadingAt: number;
}

/** The vehicle's home lot: one of its company's lots (any lot if it has none), the same every day. */
export function demoHome(
  v: Pick<FleetVehicle, 'vehicleId' | 'enterpriseId'>,
  places: readonly Place[],
): Place | null {
  const lots = places.filter((p) => p.kind === 'parking_lot');
  const own = lots.filter((l) => l.enterpriseId === v.enterpriseId);
  const pool = own.length > 0 ? own : lots;
  return pool.length > 0 ? pool[idHash(`${v.vehicleId}:home`) % pool.length]! : null;
}

/**
 * One leg of a planned way, from `a` to `b`: by a checkpoint when one lies near the line (within
 * a quarter longer than straight), else with a bend, so tracks are not ruler-straight. Fixed by
 * `key`, so the simulator drives the way the demo waybill plans.
 */
function leg(a: Place, b: Place, places: readonly Place[], key: string): WayPoint[] {
  const near = places.find(
    (c) =>
      c.kind === 'checkpoint' &&
      distanceKm(a, c) + distanceKm(c, b) < distanceKm(a, b) * 1.25 &&
      distanceKm(a, c) > 1 &&
      distanceKm(c, b) > 1,
  );
  const h = idHash(key);
  const bend = near
    ? { lon: near.lon, lat: near.lat, checkpoint: true }
    : {
        lon:
          a.lon +
          (b.lon - a.lon) * (0.3 + ((h & 0xff) / 255) * 0.4) +
          (((h >>> 8) & 0xff) / 255 - 0.5) * 0.02,
        lat:
          a.lat +
          (b.lat - a.lat) * (0.3 + ((h & 0xff) / 255) * 0.4) +
          (((h >>> 16) & 0xff) / 255 - 0.5) * 0.02,
        checkpoint: false,
      };
  bend.lon = Math.min(PANJIN.lonMax, Math.max(PANJIN.lonMin, bend.lon));
  bend.lat = Math.min(PANJIN.latMax, Math.max(PANJIN.latMin, bend.lat));
  const zones = places.filter((p) => p.kind === 'restricted_zone');
  const way = zones.some((z) => distanceKm(z, bend) < zoneBerthKm(z)) && !bend.checkpoint ? [] : [bend];
  way.push({ lon: b.lon, lat: b.lat, checkpoint: false });
  return avoidZones(a, way, zones);
}

/** How wide a berth trips give a restricted zone (km from its centre). */
const zoneBerthKm = (z: Place): number => (z.radiusKm ?? 0) + 0.5;

/**
 * Restricted zones (禁行区) are driven around, as a driver with dangerous goods must: a stretch
 * that would pass one gets two way-points instead, on the near side of the square around the
 * zone's berth. A stretch that starts or ends that close to a zone is left as it is.
 */
function avoidZones(
  from: { lon: number; lat: number },
  way: readonly WayPoint[],
  zones: readonly Place[],
): WayPoint[] {
  let out = [...way];
  for (const z of zones) {
    const r = zoneBerthKm(z);
    const cos = Math.cos((z.lat * Math.PI) / 180);
    const xy = (p: { lon: number; lat: number }) => [
      (p.lon - z.lon) * KM_PER_DEG_LAT * cos,
      (p.lat - z.lat) * KM_PER_DEG_LAT,
    ];
    const next: WayPoint[] = [];
    let prev = from;
    for (const p of out) {
      const [ax, ay] = xy(prev) as [number, number];
      const [bx, by] = xy(p) as [number, number];
      const len = Math.hypot(bx - ax, by - ay);
      if (len > 0) {
        const [ux, uy] = [(bx - ax) / len, (by - ay) / len];
        const along = -(ax * ux + ay * uy); // where along the stretch the zone's centre is passed
        let [nx, ny] = [ax + ux * along, ay + uy * along];
        const d = Math.hypot(nx, ny);
        if (along > r && along < len - r && d < r) {
          [nx, ny] = d > 1e-6 ? [nx / d, ny / d] : [-uy, ux];
          for (const k of [-1, 1]) {
            const x = (nx + k * ux) * r;
            const y = (ny + k * uy) * r;
            next.push({
              lon: z.lon + x / (KM_PER_DEG_LAT * cos),
              lat: z.lat + y / KM_PER_DEG_LAT,
              checkpoint: false,
            });
          }
        }
      }
      next.push(p);
      prev = p;
    }
    out = next;
  }
  return out;
}

/**
 * The vehicle's planned day, which the fleet drives and the demo waybill names as its planned
 * route (modules/waybills/demo.ts): from its home lot to its filling site (loading), on to its
 * chemical park (unloading), and home the same way back. The empty leg from the lot is part of the
 * route because the waybill is active (and watched for route deviation) from the moment it is
 * checked. Null when the archive has no such places.
 */
export function demoPlan(
  v: Pick<FleetVehicle, 'vehicleId' | 'enterpriseId'>,
  places: readonly Place[],
): DemoPlan | null {
  const trip = demoTrip(v.vehicleId, places);
  const home = demoHome(v, places);
  if (!trip || !home) return null;
  const way: WayPoint[] = [
    { lon: home.lon, lat: home.lat, checkpoint: false },
    ...leg(home, trip.loading, places, `${v.vehicleId}:to-loading`),
  ];
  const loadingAt = way.length - 1;
  way.push(...leg(trip.loading, trip.unloading, places, `${v.vehicleId}:to-unloading`));
  return { home, ...trip, way, loadingAt };
}

/** A plan's way as a GeoJSON LineString's coordinates (about 0.1 m precision). */
export function planRoute(plan: DemoPlan): [number, number][] {
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  return plan.way.map((p): [number, number] => [round(p.lon), round(p.lat)]);
}

export interface FleetOptions {
  host: string;
  port: number;
  reportEveryS: number;
  /** Shares of the fleet (0–1) given each behaviour. */
  overspeedShare?: number;
  signalLossShare?: number;
  invalidShare?: number;
  /** Injected behaviours: the i-th vehicle of the fleet gets the i-th (see behaviours.ts). */
  behaviours?: readonly BehaviourName[];
  /** How often the fleet moves and reports, in wall-clock ms (default 250). */
  tickMs?: number;
  /**
   * Where a `deviation` vehicle without a route looks for its waybill's (the demo dispatches its
   * waybills after the fleet has connected); asked every `routeRefreshMs` (default 15 s) while one
   * waits, at most `routeWaitMs` (device time, default 10 min) before it drives like fatigue.
   */
  routes?: (vehicleIds: string[]) => Promise<ReadonlyMap<string, [number, number][]>>;
  routeRefreshMs?: number;
  routeWaitMs?: number;
  /**
   * The IC card each vehicle's reader should hold (`loadDriverCards`: its waybill's driver), asked
   * at start and every `cardRefreshMs` (default 30 s): a changed card is put in, a vanished one pulled.
   */
  driverCards?: (
    vehicleIds: string[],
    escortAtWheel: string[],
  ) => Promise<ReadonlyMap<string, FleetDriverCard>>;
  cardRefreshMs?: number;
  /** Random source (tests pass a seeded one). */
  random?: () => number;
  now?: () => number;
  onError?: (err: unknown, plate: string) => void;
}

const KM_PER_DEG_LAT = 111.32;

function distanceKm(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  const dy = (b.lat - a.lat) * KM_PER_DEG_LAT;
  const dx = (b.lon - a.lon) * KM_PER_DEG_LAT * Math.cos((a.lat * Math.PI) / 180);
  return Math.hypot(dx, dy);
}

function bearing(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  const dy = b.lat - a.lat;
  const dx = (b.lon - a.lon) * Math.cos((a.lat * Math.PI) / 180);
  return ((Math.atan2(dx, dy) * 180) / Math.PI + 360) % 360;
}

type Phase =
  | { kind: 'parked'; until: number }
  | { kind: 'driving'; route: { lon: number; lat: number; stopS: number }[]; leg: number; cruise: number }
  | {
      kind: 'dwell';
      until: number;
      next: 'home' | 'onward';
      /** After a checkpoint's check: the rest of the way, driven on as planned. */
      resume?: { lon: number; lat: number; stopS: number }[];
      cruise?: number;
    };

class SimVehicle {
  lon: number;
  lat: number;
  heading = 0;
  speed = 0;
  mileageKm: number;
  nextReport = 0;
  lastMove: number;
  phase: Phase;
  offlineUntil = 0;
  reconnectAt = 0;
  connecting = false;
  home: Place;
  /** The day it drives (lot → filling site → chemical park → back), when the archive has the places. */
  plan: DemoPlan | null = null;
  /** A `deviation` vehicle parked at its lot until its waybill's route is known. */
  waitingForRoute = false;
  /** When the injected behaviour's drive began (device clock). */
  injectedSince = 0;
  roadStopDone = false;
  offlineDone = false;
  zoneDone = false;
  invalidDone = false;
  driftDone = false;
  /** Powered off (the offline behaviour): no reports, no memory, until offlineUntil. */
  poweredOff = false;
  nextSafetyAt = 0;
  safetySeq = 0;

  constructor(
    readonly v: FleetVehicle,
    readonly terminal: SimTerminal,
    readonly behaviour: { overspeed: boolean; signalLoss: boolean; invalid: boolean },
    readonly injected: BehaviourName | null,
    home: Place,
    now: number,
    rnd: () => number,
  ) {
    this.home = home;
    this.lon = home.lon + (rnd() - 0.5) * 0.001;
    this.lat = home.lat + (rnd() - 0.5) * 0.001;
    this.mileageKm = 20_000 + Math.floor(rnd() * 200_000);
    this.lastMove = now;
    this.phase = { kind: 'parked', until: now + rnd() * 20 * 60_000 };
  }
}

export class Fleet {
  private readonly vehicles: SimVehicle[] = [];
  private ticker: NodeJS.Timeout | undefined;
  private routeTimer: NodeJS.Timeout | undefined;
  private lookingForRoutes = false;
  private cardTimer: NodeJS.Timeout | undefined;
  private lookingForCards = false;
  private readonly rnd: () => number;
  private readonly now: () => number;
  private stopped = false;

  constructor(
    fleet: readonly FleetVehicle[],
    private readonly places: readonly Place[],
    private readonly options: FleetOptions,
  ) {
    this.rnd = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    const lots = places.filter((p) => p.kind === 'parking_lot');
    const fallback: Place = {
      kind: 'parking_lot',
      name: '盘锦',
      lon: 122.07,
      lat: 41.12,
      enterpriseId: null,
    };
    const t = this.now();
    for (const [i, v] of fleet.entries()) {
      const plan = demoPlan(v, places);
      const own = lots.filter((l) => l.enterpriseId === v.enterpriseId);
      const pool = own.length > 0 ? own : lots.length > 0 ? lots : [fallback];
      const home = plan?.home ?? pool[Math.floor(this.rnd() * pool.length)]!;
      const terminal = new SimTerminal({
        host: options.host,
        port: options.port,
        phone: v.phone,
        edition: v.edition,
        plate: v.plate,
        plateColor: v.plateColour,
        terminalCode: v.terminalCode,
        now: this.now,
      });
      const behaviour = {
        overspeed: this.rnd() < (options.overspeedShare ?? 0),
        signalLoss: this.rnd() < (options.signalLossShare ?? 0),
        invalid: this.rnd() < (options.invalidShare ?? 0),
      };
      const injected = options.behaviours?.[i] ?? null;
      const sv = new SimVehicle(v, terminal, behaviour, injected, home, t, this.rnd);
      sv.plan = plan;
      if (injected) {
        // On the road at once, on one long trip (behaviours need time at the wheel), online at once.
        sv.injectedSince = t;
        const start = injected === 'deviation' ? v.route?.[0] : undefined;
        if (start) [sv.lon, sv.lat] = start;
        if (injected === 'deviation' && !start && options.routes) {
          // Parked at its lot, the start of the route its waybill will plan, until the route is known.
          sv.waitingForRoute = true;
          sv.phase = { kind: 'parked', until: t + (options.routeWaitMs ?? 10 * 60_000) };
        } else this.startTrip(sv, t);
        this.vehicles.push(sv);
        continue;
      }
      // Two thirds start on the road, so the map is alive at once.
      if (this.rnd() < 0.66) this.startTrip(sv, t);
      sv.nextReport = t + this.rnd() * options.reportEveryS * 1000;
      sv.reconnectAt = t + this.rnd() * Math.min(10_000, 20 * fleet.length);
      this.vehicles.push(sv);
    }
  }

  /** Which vehicle got which injected behaviour. */
  get injected(): { vehicleId: string; plate: string; behaviour: BehaviourName }[] {
    return this.vehicles.flatMap((v) =>
      v.injected ? [{ vehicleId: v.v.vehicleId, plate: v.v.plate, behaviour: v.injected }] : [],
    );
  }

  get size(): number {
    return this.vehicles.length;
  }

  get online(): number {
    return this.vehicles.filter((v) => v.terminal.online).length;
  }

  /** Fixes reported and acknowledged, and still waiting, over the fleet. */
  stats(): { acknowledged: number; unacknowledged: number; online: number } {
    let acknowledged = 0;
    let unacknowledged = 0;
    for (const v of this.vehicles) {
      acknowledged += v.terminal.acknowledged.length;
      unacknowledged += v.terminal.unacked.length;
    }
    return { acknowledged, unacknowledged, online: this.online };
  }

  start(): void {
    this.ticker = setInterval(() => this.tick(), this.options.tickMs ?? 250);
    this.ticker.unref();
    if (this.options.routes && this.vehicles.some((v) => v.waitingForRoute)) {
      this.routeTimer = setInterval(() => void this.lookForRoutes(), this.options.routeRefreshMs ?? 15_000);
      this.routeTimer.unref();
    }
    if (this.options.driverCards) {
      void this.lookForCards();
      this.cardTimer = setInterval(() => void this.lookForCards(), this.options.cardRefreshMs ?? 30_000);
      this.cardTimer.unref();
    }
  }

  /** The card each vehicle's driver holds, by vehicle id (absent: no card in the reader). */
  cards(): Map<string, string> {
    const out = new Map<string, string>();
    for (const v of this.vehicles) {
      const card = v.terminal.driverCard as FleetDriverCard | null;
      if (card) out.set(v.v.vehicleId, card.personId);
    }
    return out;
  }

  /** Puts each waybill driver's card in their vehicle's reader, and pulls the cards of drivers gone. */
  private async lookForCards(): Promise<void> {
    if (this.lookingForCards || this.stopped) return;
    this.lookingForCards = true;
    try {
      const cards = await this.options.driverCards!(
        this.vehicles.map((v) => v.v.vehicleId),
        this.vehicles.filter((v) => v.injected === 'escort').map((v) => v.v.vehicleId),
      );
      if (this.stopped) return;
      for (const v of this.vehicles) {
        const want = cards.get(v.v.vehicleId) ?? null;
        const held = v.terminal.driverCard as FleetDriverCard | null;
        if ((want?.personId ?? null) !== (held?.personId ?? null)) v.terminal.setDriverCard(want);
      }
    } catch (err) {
      this.options.onError?.(err, 'driver cards');
    } finally {
      this.lookingForCards = false;
    }
  }

  /** Gives waiting `deviation` vehicles the route of their waybill once it exists. */
  private async lookForRoutes(): Promise<void> {
    const waiting = this.vehicles.filter((v) => v.waitingForRoute);
    if (waiting.length === 0 || this.lookingForRoutes) {
      if (waiting.length === 0) clearInterval(this.routeTimer);
      return;
    }
    this.lookingForRoutes = true;
    try {
      const routes = await this.options.routes!(waiting.map((v) => v.v.vehicleId));
      const t = this.now();
      for (const v of waiting) {
        const route = routes.get(v.v.vehicleId);
        if (!v.waitingForRoute || !route || route.length < 2) continue;
        v.v.route = route;
        v.waitingForRoute = false;
        v.injectedSince = t;
        this.startTrip(v, t);
      }
    } catch (err) {
      this.options.onError?.(err, 'routes');
    } finally {
      this.lookingForRoutes = false;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.ticker) clearInterval(this.ticker);
    clearInterval(this.routeTimer);
    clearInterval(this.cardTimer);
    await Promise.all(this.vehicles.map((v) => v.terminal.logout()));
  }

  private tick(): void {
    const t = this.now();
    for (const v of this.vehicles) {
      this.move(v, t);
      this.connection(v, t);
      if (v.poweredOff) continue;
      if (t >= v.nextReport) {
        const parked = v.phase.kind !== 'driving';
        v.nextReport = t + this.options.reportEveryS * 1000 * (parked ? 3 : 1);
        v.terminal.report(this.fix(v, t));
        // Acknowledged fixes are not needed any more; keep memory flat on a long run.
        if (v.terminal.acknowledged.length > 100) v.terminal.acknowledged.splice(0, 50);
      }
    }
  }

  private connection(v: SimVehicle, t: number): void {
    const term = v.terminal;
    if (this.stopped || v.connecting || term.state === 'refused') return;
    if (v.injected === 'offline' && !v.offlineDone && v.phase.kind === 'driving') {
      if (t - v.injectedSince >= 5 * 60_000) {
        // Power lost while driving: 25 min without a fix (over the 20 min offline limit), driving on.
        v.offlineDone = true;
        v.poweredOff = true;
        v.offlineUntil = t + 25 * 60_000;
        term.powerOff();
        return;
      }
    }
    if (v.poweredOff) {
      if (t < v.offlineUntil) return;
      v.poweredOff = false;
      v.nextReport = t;
    }
    if (term.online) {
      // A signal loss: about one every few hours per such vehicle, lasting 1–5 minutes.
      if (v.behaviour.signalLoss && v.phase.kind === 'driving' && this.rnd() < 0.25 / 3600) {
        v.offlineUntil = t + 60_000 + this.rnd() * 240_000;
        term.dropConnection();
      }
      return;
    }
    if (t < v.offlineUntil || t < v.reconnectAt) return;
    v.connecting = true;
    term.connect().then(
      () => {
        v.connecting = false;
        if (!term.online) v.reconnectAt = t + 5_000 + this.rnd() * 10_000;
      },
      (err: unknown) => {
        v.connecting = false;
        v.reconnectAt = t + 5_000 + this.rnd() * 10_000;
        this.options.onError?.(err, v.v.plate);
      },
    );
  }

  private fix(v: SimVehicle, t: number): SimFix {
    const f: SimFix = {
      time: t,
      lat: v.lat,
      lon: v.lon,
      speedKmh: v.speed,
      heading: v.heading,
      altitude: 3 + Math.round(this.rnd() * 4),
      mileageKm: v.mileageKm,
    };
    this.inject(v, t, f);
    // Invalid data for the quality rules: a jump out of China or an impossible speed, now and then.
    if (v.behaviour.invalid && this.rnd() < 0.02) {
      if (this.rnd() < 0.5) f.lat = 0.5;
      else f.speedKmh = 250;
    }
    return f;
  }

  /** Alarm bits and 苏标 events of the injected behaviours. */
  private inject(v: SimVehicle, t: number, f: SimFix): void {
    const driving = v.phase.kind === 'driving' && v.speed > 0;
    const into = t - v.injectedSince;
    if (v.injected === 'invalid' && driving && into >= 2 * 60_000 && !v.invalidDone) {
      v.invalidDone = true;
      f.speedKmh = 250; // over the 160 km/h a fix may report (考核办法 note 4)
    } else if (v.injected === 'invalid' && driving && into >= 4 * 60_000 && !v.driftDone) {
      v.driftDone = true;
      f.lat += 0.1; // 11 km off in one report interval: a drift jump; the next fix is back on track
    }
    if (v.injected === 'emergency' && into >= 2 * 60_000 && into <= 4 * 60_000) f.alarm = 1; // JT/T 808 table 24 bit 0: 紧急报警
    if ((v.injected === 'adas' || v.injected === 'dsm') && driving && t >= v.nextSafetyAt) {
      v.nextSafetyAt = t + 10 * 60_000;
      f.extras = [safetyEvent(v.injected, ++v.safetySeq, f, v.v.terminalCode)];
    }
  }

  private pickDestination(v: SimVehicle): Place {
    const trip = demoTrip(v.v.vehicleId, this.places);
    if (trip) return trip.loading;
    const work = this.places.filter((p) => p.kind === 'chemical_park' || p.kind === 'filling_site');
    const pool = work.length > 0 ? work : this.places;
    if (pool.length === 0) return { ...v.home, lon: v.home.lon + 0.05, lat: v.home.lat + 0.03 };
    return pool[Math.floor(this.rnd() * pool.length)]!;
  }

  private startTrip(v: SimVehicle, t: number, to?: Place): void {
    v.waitingForRoute = false;
    if (v.injected === 'deviation' && (v.v.route?.length ?? 0) >= 2) {
      this.deviationTrip(v, t, v.v.route!);
      return;
    }
    const zone = this.places.find((p) => p.kind === 'restricted_zone');
    if (v.injected === 'zone' && zone && !v.zoneDone) {
      // Into the zone and 2 min inside (a stop, like a checkpoint's), then on as the long trip.
      v.zoneDone = true;
      v.phase = {
        kind: 'driving',
        route: [
          { lon: zone.lon, lat: zone.lat, stopS: 120 },
          { lon: zone.lon, lat: PANJIN.latMin + 0.02, stopS: 0 },
        ],
        leg: 0,
        cruise: 50,
      };
      v.lastMove = t;
      return;
    }
    if (v.injected) {
      this.longTrip(v, t);
      return;
    }
    const planned = this.plannedLegs(v, to);
    if (planned) {
      v.phase = { kind: 'driving', route: planned, leg: 0, cruise: 45 + this.rnd() * 25 };
      v.lastMove = t;
      return;
    }
    const dest = to ?? this.pickDestination(v);
    const from = { lon: v.lon, lat: v.lat };
    const route: { lon: number; lat: number; stopS: number }[] = [];
    // A checkpoint on the way when one lies near the line; else a bend, so tracks are not ruler-straight.
    const cps = this.places.filter((p) => p.kind === 'checkpoint');
    const near = cps.find(
      (c) =>
        distanceKm(from, c) + distanceKm(c, dest) < distanceKm(from, dest) * 1.25 && distanceKm(from, c) > 1,
    );
    if (near) route.push({ lon: near.lon, lat: near.lat, stopS: 60 + this.rnd() * 120 });
    else {
      const k = 0.3 + this.rnd() * 0.4;
      route.push({
        lon: from.lon + (dest.lon - from.lon) * k + (this.rnd() - 0.5) * 0.02,
        lat: from.lat + (dest.lat - from.lat) * k + (this.rnd() - 0.5) * 0.02,
        stopS: 0,
      });
    }
    route.push({ lon: dest.lon, lat: dest.lat, stopS: 0 });
    for (const p of route) {
      p.lon = Math.min(PANJIN.lonMax, Math.max(PANJIN.lonMin, p.lon));
      p.lat = Math.min(PANJIN.latMax, Math.max(PANJIN.latMin, p.lat));
    }
    v.phase = { kind: 'driving', route, leg: 0, cruise: 45 + this.rnd() * 25 };
    v.lastMove = t;
  }

  /**
   * The planned way (`demoPlan`) for a trip of the day: from the lot to the loading place, on to
   * the unloading place, or back to the lot the same way. Checkpoints on the way are stops.
   */
  private plannedLegs(v: SimVehicle, to?: Place): { lon: number; lat: number; stopS: number }[] | null {
    const plan = v.plan;
    if (!plan) return null;
    let way: WayPoint[];
    if (to === undefined || to === plan.loading) way = plan.way.slice(1, plan.loadingAt + 1);
    else if (to === plan.unloading) way = plan.way.slice(plan.loadingAt + 1);
    else if (to === v.home) way = plan.way.slice(0, -1).reverse();
    else return null;
    return way.map((p) => ({ lon: p.lon, lat: p.lat, stopS: p.checkpoint ? 60 + this.rnd() * 120 : 0 }));
  }

  /**
   * Along the waybill's planned route, with a detour halfway along its first segment: 3 km to the
   * side (far outside any corridor) and back, then on along the route to its end.
   */
  private deviationTrip(v: SimVehicle, t: number, route: readonly [number, number][]): void {
    const [a, b] = [route[0]!, route[1]!];
    const mid = { lon: (a[0] + b[0]) / 2, lat: (a[1] + b[1]) / 2 };
    const cos = Math.cos((mid.lat * Math.PI) / 180);
    const dx = (b[0] - a[0]) * cos;
    const dy = b[1] - a[1];
    const len = Math.hypot(dx, dy) || 1;
    const sideDeg = 3 / KM_PER_DEG_LAT; // 3 km, perpendicular to the segment
    const detour = { lon: mid.lon + ((-dy / len) * sideDeg) / cos, lat: mid.lat + (dx / len) * sideDeg };
    const legs = [
      mid,
      detour,
      { lon: mid.lon + (b[0] - mid.lon) * 0.5, lat: mid.lat + (b[1] - mid.lat) * 0.5 },
    ];
    for (const p of route.slice(1)) legs.push({ lon: p[0], lat: p[1] });
    v.phase = { kind: 'driving', route: legs.map((p) => ({ ...p, stopS: 0 })), leg: 0, cruise: 50 };
    v.lastMove = t;
  }

  /**
   * Hours on the road without a stop: back and forth between the north and the south of Panjin
   * (about 60 km a leg), no checkpoint, no dwell, around restricted zones (each behaviour breaks
   * its own rule only).
   */
  private longTrip(v: SimVehicle, t: number): void {
    const way: WayPoint[] = [];
    const lon = Math.min(PANJIN.lonMax - 0.02, Math.max(PANJIN.lonMin + 0.02, v.lon));
    for (let leg = 0; leg < 12; leg++) {
      const north = leg % 2 === 0;
      way.push({
        lon: lon + (this.rnd() - 0.5) * 0.02,
        lat: north ? PANJIN.latMax - 0.02 : PANJIN.latMin + 0.02,
        checkpoint: false,
      });
    }
    const zones = this.places.filter((p) => p.kind === 'restricted_zone');
    const route = avoidZones(v, way, zones).map((p) => ({ lon: p.lon, lat: p.lat, stopS: 0 }));
    v.phase = { kind: 'driving', route, leg: 0, cruise: 50 + this.rnd() * 10 };
    v.lastMove = t;
  }

  private move(v: SimVehicle, t: number): void {
    const dtS = (t - v.lastMove) / 1000;
    v.lastMove = t;
    const p = v.phase;
    if (p.kind === 'parked') {
      v.speed = 0;
      if (t >= p.until) this.startTrip(v, t);
      return;
    }
    if (p.kind === 'dwell') {
      v.speed = 0;
      if (t >= p.until && p.resume && p.resume.length > 0) {
        v.phase = { kind: 'driving', route: p.resume, leg: 0, cruise: p.cruise ?? 50 };
        return;
      }
      if (t >= p.until) {
        const onward = this.pendingDest.get(v);
        this.pendingDest.delete(v);
        this.startTrip(v, t, p.next === 'home' ? v.home : onward);
      }
      return;
    }
    const target = p.route[p.leg]!;
    // Speed: cruise with noise, slower near the target, overspeed stretches for flagged vehicles.
    const left = distanceKm(v, target);
    let want = p.cruise + (this.rnd() - 0.5) * 8;
    if (v.behaviour.overspeed && Math.floor(t / 600_000) % 3 === 0) want = 95 + this.rnd() * 15;
    if (v.injected === 'overspeed') want = 95 + this.rnd() * 15;
    if (v.injected === 'parking' && !v.roadStopDone && t - v.injectedSince >= 5 * 60_000) {
      // A stop by the road, away from any designated place, longer than the 30 min allowed.
      v.roadStopDone = true;
      v.speed = 0;
      this.pendingDest.set(v, {
        kind: 'chemical_park',
        name: '',
        lon: target.lon,
        lat: target.lat,
        enterpriseId: null,
      });
      v.phase = { kind: 'dwell', until: t + 45 * 60_000, next: 'onward' };
      return;
    }
    if (left < 0.5) want = Math.min(want, 20 + left * 40);
    v.speed = Math.max(0, Math.round((v.speed + (want - v.speed) * Math.min(1, dtS / 10)) * 10) / 10);
    const stepKm = (v.speed * dtS) / 3600;
    v.heading = bearing(v, target);
    if (stepKm >= left) {
      v.lon = target.lon;
      v.lat = target.lat;
      v.mileageKm += left;
      if (target.stopS > 0 && !v.injected && p.leg + 1 < p.route.length) {
        // Checkpoint: stop for the check, then drive on the rest of the way.
        v.speed = 0;
        v.phase = {
          kind: 'dwell',
          until: t + target.stopS * 1000,
          next: 'onward',
          resume: p.route.slice(p.leg + 1),
          cruise: p.cruise,
        };
        return;
      }
      if (target.stopS > 0) {
        // Checkpoint: stop for the check, then drive on to the trip's destination.
        const last = p.route[p.route.length - 1]!;
        this.pendingDest.set(v, {
          kind: 'chemical_park',
          name: '',
          lon: last.lon,
          lat: last.lat,
          enterpriseId: null,
        });
        v.speed = 0;
        v.phase = { kind: 'dwell', until: t + target.stopS * 1000, next: 'onward' };
        return;
      }
      if (p.leg + 1 < p.route.length) {
        p.leg++;
        return;
      }
      // Arrived: loading/unloading 10–40 min, or a night at the lot when home. After loading at
      // its filling site a vehicle drives on to unload at its chemical park, then home.
      const atHome = distanceKm(v, v.home) < 0.2;
      const trip = demoTrip(v.v.vehicleId, this.places);
      v.speed = 0;
      if (!atHome && trip && distanceKm(v, trip.loading) < 0.2) {
        this.pendingDest.set(v, trip.unloading);
        v.phase = { kind: 'dwell', until: t + (10 + this.rnd() * 30) * 60_000, next: 'onward' };
        return;
      }
      v.phase = atHome
        ? { kind: 'parked', until: t + (20 + this.rnd() * 100) * 60_000 }
        : { kind: 'dwell', until: t + (10 + this.rnd() * 30) * 60_000, next: 'home' };
      return;
    }
    const k = stepKm / left;
    v.lon += (target.lon - v.lon) * k;
    v.lat += (target.lat - v.lat) * k;
    v.mileageKm += stepKm;
  }

  private readonly pendingDest = new Map<SimVehicle, Place>();
}

/** A 苏标 active-safety event (0x64 ADAS forward collision / 0x65 DSM phone call), level 2, at the fix. */
function safetyEvent(kind: 'adas' | 'dsm', seq: number, f: SimFix, terminalCode: string): LocationExtra {
  const common = {
    alarmId: seq,
    flag: 1, // 开始标志
    alarmType: kind === 'adas' ? 0x01 : 0x02,
    alarmName: kind === 'adas' ? 'forwardCollision' : 'phoneCall',
    level: 2,
    speedKmh: Math.min(255, Math.round(f.speedKmh)),
    altitude: f.altitude,
    latitude: f.lat,
    longitude: f.lon,
    time: Math.floor(f.time / 1000) * 1000,
    vehicleStatus: (1 << 10) | 1, // bit 0 ACC, bit 10 positioned
    alarmIdentification: {
      terminalId: terminalCode.padEnd(7, '0').slice(0, 7),
      time: Math.floor(f.time / 1000) * 1000,
      sequence: 0,
      attachmentCount: 0,
      reserved: 0,
    },
  };
  return kind === 'adas'
    ? {
        kind: 'adas',
        ...common,
        frontVehicleSpeedKmh: 0,
        frontDistance: 12,
        departureType: 0,
        roadSignType: 0,
        roadSignData: 0,
      }
    : { kind: 'dsm', ...common, fatigueLevel: 0, reserved: 0 };
}
