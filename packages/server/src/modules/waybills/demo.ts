/**
 * Demo mode only: the simulated fleet's e-waybills for the day (演示电子运单). For each simulated
 * vehicle (the same vehicles and order as the simulator, sim/fleet.ts `loadFleet`) a waybill for
 * today: goods of the vehicle's transport class in its tank (a tractor gets a tank trailer of its
 * company), loaded at the vehicle's filling site and unloaded at its chemical park (the places the
 * fleet drives between, `demoTrip`), with the way the fleet drives it there from its lot as the
 * planned route (`demoPlan`: route deviation watches it), and with a driver and an escort of the
 * company whose certificates are valid. Each goes through the real service — create, then submit
 * with the automatic checks — after a dry run: a vehicle whose own archive fails a check (an
 * expired certificate, say) gets no waybill, and is reported with the failing codes.
 *
 * Left without a waybill on purpose, so the `no_waybill` rule stays visible: every
 * `UNWAYBILLED_EVERY`-th vehicle of the fleet, and class 1 and 7 vehicles (explosives and
 * radioactive goods need a public-security permit and approvals the demo archive does not hold).
 *
 * The terminal-online check needs a recent report, so the dispatcher runs after the fleet has
 * connected, and again for vehicles whose terminal had not reported yet. Idempotent: a vehicle that
 * already has a demo waybill planned today, or any active waybill, is left alone; demo waybills of
 * earlier days still active are cancelled first (a new day, a new dispatch).
 */
import type { Actor } from '../../platform/auth.js';
import type { Db } from '../../platform/db/db.js';
import type { RequestContext } from '../accounts/audit.js';
import type { BehaviourName } from '../../sim/behaviours.js';
import { demoPlan, loadFleet, loadPlaces, planRoute, type FleetVehicle } from '../../sim/fleet.js';
import { ageOn, chinaDate, type CheckParams } from './checks/context.js';
import type { WaybillService } from './service.js';
import type { WaybillInput } from './validation.js';

/** Every 20th simulated vehicle (indices 19, 39, …) drives without a waybill. */
export const UNWAYBILLED_EVERY = 20;
/** The remarks every demo waybill starts with (how the dispatcher finds its own). */
export const DEMO_REMARK = '演示运单';

export interface DemoDispatchResult {
  /** Submitted today by this run, and how many of them passed their checks. */
  created: number;
  passed: number;
  /** Had a demo waybill today or an active one already. */
  existing: number;
  /** Left without a waybill, on purpose or because their archive fails a check. */
  left: { plate: string; reason: string }[];
  /** Terminal not reported yet: try again once it has. */
  waiting: number;
  /** Earlier days' demo waybills cancelled. */
  cancelled: number;
}

type GoodsLine = WaybillInput['lines'][number];

/** Goods by transport class: what Panjin's tankers carry (oil, LPG, acids, solvents, bitumen). */
const goodsByClass: Record<number, (i: number) => Omit<GoodsLine, 'quantity'> & { density: number }> = {
  2: () => ({ unNumber: '1075', name: '液化石油气', hazardClass: '2.1', packingGroup: null, packaging: 'tank', unit: 'kg', density: 0.51 }),
  3: (i) =>
    i % 2 === 0
      ? { unNumber: '1203', name: '汽油', hazardClass: '3', packingGroup: 'II', packaging: 'tank', unit: 'kg', density: 0.74 }
      : { unNumber: '1202', name: '柴油', hazardClass: '3', packingGroup: 'III', packaging: 'tank', unit: 'kg', density: 0.84 },
  6: () => ({ unNumber: '1710', name: '三氯乙烯', hazardClass: '6.1', packingGroup: 'III', packaging: 'tank', unit: 'kg', density: 1.46 }),
  8: () => ({ unNumber: '1789', name: '盐酸', hazardClass: '8', packingGroup: 'II', packaging: 'tank', unit: 'kg', density: 1.18 }),
  9: () => ({ unNumber: '3257', name: '高温液体（沥青）', hazardClass: '9', packingGroup: 'III', packaging: 'tank', unit: 'kg', density: 1.0 }),
}; // prettier-ignore

/** China's midnight of a YYYY-MM-DD day as an instant. */
const chinaMidnight = (day: string): Date => new Date(`${day}T00:00:00+08:00`);
const addDay = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** From `now` to the next day's dispatch, one minute past midnight China time. */
export function msUntilNextDemoDispatch(now: Date): number {
  const today = chinaDate(now);
  const at = (day: string) => chinaMidnight(day).getTime() + 60_000;
  const next = at(today) > now.getTime() ? at(today) : at(addDay(today, 1));
  return next - now.getTime();
}

interface Carrier {
  id: string;
  vehicle_type: string;
  transport_class: number | null;
  rated_load_kg: number;
  tank_id: string | null;
  volume_m3: number | null;
}

interface Person {
  id: string;
  roles: string[];
  birth_date: string;
  qual_until: string | null;
  qual_category: string | null;
  licence_until: string | null;
}

/** Vehicles (of one company) whose three vehicle certificates are valid through `through`. */
const CERTS_VALID = `(SELECT count(*) FROM certificates c WHERE c.holder_type = 'vehicle' AND c.holder_id = v.id
    AND c.kind IN ('road_transport_cert', 'annual_review', 'liability_insurance') AND c.valid_until >= $2::date) = 3`;

export interface DemoDispatchOptions {
  db: Db;
  service: WaybillService;
  params: CheckParams;
  /** How many vehicles the simulator drives (SIM_VEHICLES). */
  vehicles: number;
  /**
   * The behaviours injected into the first vehicles (SIM_BEHAVIOURS): those vehicles do not drive
   * their plan, so their waybills name no planned route (each breaks its own rule, not route
   * deviation), except the `deviation` vehicle, which drives its route and leaves it.
   */
  behaviours?: readonly BehaviourName[];
  now: Date;
}

function actorOf(enterpriseId: string): RequestContext & { actor: Actor } {
  const actor: Actor = {
    id: 'demo-dispatcher',
    name: '演示调度系统',
    role: 'enterprise_admin',
    scope: { kind: 'enterprise', enterpriseId },
    via: 'api_key',
  };
  return { actor, id: 'demo:waybills', ip: '' };
}

export async function dispatchDemoWaybills(o: DemoDispatchOptions): Promise<DemoDispatchResult> {
  const { db, service } = o;
  const out: DemoDispatchResult = { created: 0, passed: 0, existing: 0, left: [], waiting: 0, cancelled: 0 };
  const today = chinaDate(o.now);
  const through = addDay(today, 1); // a trip may end after midnight
  const dayStart = chinaMidnight(today);

  // A new day: yesterday's demo waybills that are still active make way for today's.
  const stale = await db.query<{ id: string; enterprise_id: string }>(
    `SELECT id, enterprise_id FROM waybills WHERE remarks LIKE $1 AND planned_departure < $2
        AND status IN ('draft', 'submitted', 'check_failed', 'checked', 'loading', 'in_transit')`,
    [`${DEMO_REMARK}%`, dayStart],
  );
  for (const w of stale.rows) {
    await service.step(actorOf(w.enterprise_id), w.id, 'cancel', '演示数据：隔日作废，重新派车');
    out.cancelled++;
  }

  const [fleet, places] = await Promise.all([loadFleet(db, o.vehicles), loadPlaces(db)]);
  const busy = new Set(
    (
      await db.query<{
        vehicle_id: string;
        trailer_id: string | null;
        driver_id: string | null;
        escort_id: string | null;
      }>(
        `SELECT vehicle_id, trailer_id, driver_id, escort_id FROM waybills
          WHERE status IN ('checked', 'loading', 'in_transit')
             OR (remarks LIKE $1 AND planned_departure >= $2 AND status <> 'cancelled')`,
        [`${DEMO_REMARK}%`, dayStart],
      )
    ).rows.flatMap((r) =>
      [r.vehicle_id, r.trailer_id, r.driver_id, r.escort_id].filter((x): x is string => !!x),
    ),
  );
  const live = new Map(
    (
      await db.query<{ vehicle_id: string; last_seen_at: Date }>(
        'SELECT vehicle_id, last_seen_at FROM vehicle_live WHERE vehicle_id = ANY($1::text[])',
        [fleet.map((v) => v.vehicleId)],
      )
    ).rows.map((r) => [r.vehicle_id, new Date(r.last_seen_at)]),
  );
  const onlineSince = o.now.getTime() - o.params.terminalOnlineMinutes * 60_000;

  const byEnterprise = new Map<string, { trailers: Carrier[]; people: Person[] }>();
  const companyOf = async (enterpriseId: string) => {
    let c = byEnterprise.get(enterpriseId);
    if (c) return c;
    const trailers = (
      await db.query<Carrier>(
        `SELECT v.id, v.vehicle_type, v.transport_class, v.rated_load_kg, t.id AS tank_id, t.volume_m3
           FROM vehicles v JOIN tanks t ON t.vehicle_id = v.id
          WHERE v.enterprise_id = $1 AND v.vehicle_type = 'trailer' AND v.filing_status = 'filed'
            AND v.operating_status = 'active' AND ${CERTS_VALID}
            AND EXISTS (SELECT 1 FROM certificates c WHERE c.holder_type = 'tank' AND c.holder_id = t.id
                          AND c.kind = 'tank_inspection' AND c.valid_until >= $2::date)
          ORDER BY v.plate`,
        [enterpriseId, through],
      )
    ).rows;
    const people = (
      await db.query<Person>(
        `SELECT p.id, p.roles, p.birth_date::text AS birth_date,
                q.valid_until::text AS qual_until, q.category AS qual_category, l.valid_until::text AS licence_until
           FROM personnel p
           LEFT JOIN certificates q ON q.holder_type = 'person' AND q.holder_id = p.id AND q.kind = 'qualification'
           LEFT JOIN certificates l ON l.holder_type = 'person' AND l.holder_id = p.id AND l.kind = 'driving_licence'
          WHERE p.enterprise_id = $1 AND p.filing_status = 'filed' AND p.employment_status = 'employed'
          ORDER BY p.id`,
        [enterpriseId],
      )
    ).rows;
    c = { trailers, people };
    byEnterprise.set(enterpriseId, c);
    return c;
  };
  const fit = (p: Person, role: 'driver' | 'escort'): boolean =>
    !busy.has(p.id) &&
    p.roles.includes(role) &&
    p.qual_until !== null &&
    p.qual_until >= through &&
    (p.qual_category ?? '').includes(
      role === 'driver' ? o.params.driverCertCategory : o.params.escortCertCategory,
    ) &&
    (role === 'escort' || p.licence_until === null || p.licence_until >= through) &&
    ageOn(p.birth_date, through) <= o.params.maxAgeYears;

  const own = (
    await db.query<Carrier>(
      `SELECT v.id, v.vehicle_type, v.transport_class, v.rated_load_kg, t.id AS tank_id, t.volume_m3
         FROM vehicles v LEFT JOIN tanks t ON t.vehicle_id = v.id WHERE v.id = ANY($1::uuid[])`,
      [fleet.map((v) => v.vehicleId)],
    )
  ).rows;
  const vehicleOf = new Map(own.map((r) => [r.id, r]));

  for (const [i, fv] of fleet.entries()) {
    if (busy.has(fv.vehicleId)) {
      out.existing++;
      continue;
    }
    const leave = (reason: string) => out.left.push({ plate: fv.plate, reason });
    if (i % UNWAYBILLED_EVERY === UNWAYBILLED_EVERY - 1) {
      leave('on purpose: drives without a waybill (no_waybill)');
      continue;
    }
    const v = vehicleOf.get(fv.vehicleId)!;
    const goods = v.transport_class === null ? undefined : goodsByClass[v.transport_class];
    if (!goods) {
      leave(
        `class ${v.transport_class ?? '-'}: needs a public-security permit the demo archive does not hold`,
      );
      continue;
    }
    if ((live.get(fv.vehicleId)?.getTime() ?? 0) < onlineSince) {
      out.waiting++;
      continue;
    }
    const behaviour = o.behaviours?.[i];
    const input = await demoInput(
      fv,
      v,
      goods(i),
      await companyOf(fv.enterpriseId),
      fit,
      busy,
      places,
      o.now,
      behaviour === undefined || behaviour === 'deviation',
    );
    if (typeof input === 'string') {
      leave(input);
      continue;
    }
    const ctx = actorOf(fv.enterpriseId);
    const dry = await service.dryRun(ctx.actor, input);
    if (!dry.passed) {
      leave(
        `archive fails ${dry.results
          .filter((r) => !r.passed)
          .map((r) => r.code)
          .join(', ')}`,
      );
      continue;
    }
    const draft = await service.create(ctx, input);
    const submitted = await service.submit(ctx, draft.id);
    out.created++;
    if (submitted.status === 'checked') out.passed++;
    for (const id of [input.vehicleId, input.trailerId, input.driverId, input.escortId]) if (id) busy.add(id);
  }
  return out;
}

async function demoInput(
  fv: FleetVehicle,
  v: Carrier,
  goods: Omit<GoodsLine, 'quantity'> & { density: number },
  company: { trailers: Carrier[]; people: Person[] },
  fit: (p: Person, role: 'driver' | 'escort') => boolean,
  busy: Set<string>,
  places: Awaited<ReturnType<typeof loadPlaces>>,
  now: Date,
  withRoute: boolean,
): Promise<WaybillInput | string> {
  const trip = demoPlan(fv, places);
  if (!trip) return 'no parking lot, filling site or chemical park in the archive';
  let carrier: Carrier | undefined = v;
  if (v.vehicle_type === 'tractor') {
    carrier = company.trailers.find((t) => !busy.has(t.id));
    if (!carrier) return 'no tank trailer with valid certificates left in the company';
    busy.add(carrier.id);
  }
  if (!carrier.tank_id || !carrier.volume_m3) return 'no tank';
  const driver = company.people.find((p) => fit(p, 'driver'));
  const escort = company.people.find((p) => p !== driver && fit(p, 'escort'));
  if (!driver || !escort) return 'no driver and escort with valid certificates left in the company';
  busy.add(driver.id);
  busy.add(escort.id);
  // 90 % of what the tank holds or the vehicle may carry, whichever is less, in 100 kg.
  const kg = Math.min(carrier.volume_m3 * 1000 * goods.density, carrier.rated_load_kg) * 0.9;
  const { density: _density, ...line } = goods;
  void _density;
  const departure = new Date(now.getTime() + 5 * 60_000);
  return {
    consignorName: trip.loading.name,
    consignorPhone: '0427-2800000',
    consigneeName: trip.unloading.name,
    consigneePhone: '0427-2900000',
    vehicleId: fv.vehicleId,
    trailerId: carrier.id === v.id ? null : carrier.id,
    tankId: carrier.tank_id,
    driverId: driver.id,
    escortId: escort.id,
    originName: trip.loading.name,
    originPlaceId: trip.loading.id ?? null,
    originLon: trip.loading.lon,
    originLat: trip.loading.lat,
    destinationName: trip.unloading.name,
    destinationPlaceId: trip.unloading.id ?? null,
    destinationLon: trip.unloading.lon,
    destinationLat: trip.unloading.lat,
    // The way the simulator drives this vehicle: from its lot by the loading place to the unloading
    // place (`demoPlan`); the corridor is the configured default (RULES_WAYBILL_CORRIDOR_M).
    route: withRoute ? { type: 'LineString', coordinates: planRoute(trip) } : null,
    plannedDeparture: departure.toISOString(),
    plannedArrival: new Date(departure.getTime() + 6 * 3_600_000).toISOString(),
    dispatcherName: '演示调度系统',
    dispatchedAt: now.toISOString(),
    remarks: `${DEMO_REMARK}（演示数据 demo data）`,
    lines: [{ ...line, quantity: Math.floor(kg / 100) * 100 }],
  };
}
