/**
 * Plausible Panjin traffic and fences for the rule benchmark (and for smoke tests): a road
 * network inside lon 121.9–122.2, lat 40.7–41.3; vehicles that drive along the roads at
 * realistic speeds, stop at places, sometimes speed, and send a fix every 10 s (30 s when
 * stopped); 5,000 fences of every kind. Deterministic (seeded), pure, no I/O.
 */
import { cardHolderFor, lastDayWithinAge, type BanWindow, type VehicleContext } from './context.js';
import { M_PER_DEG } from './geo.js';
import type { Geofence } from './geofences.js';
import type { RuleFix } from './types.js';

/** mulberry32: small, fast, seeded. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BOX = { lon0: 121.9, lon1: 122.2, lat0: 40.7, lat1: 41.3 };

export interface Road {
  expressway: boolean;
  /** Flat [lon, lat, …] with a vertex about every 500 m. */
  line: number[];
}

export function roads(n: number, random: () => number): Road[] {
  const out: Road[] = [];
  for (let r = 0; r < n; r++) {
    let lon = BOX.lon0 + random() * (BOX.lon1 - BOX.lon0);
    let lat = BOX.lat0 + random() * (BOX.lat1 - BOX.lat0);
    let heading = random() * 2 * Math.PI;
    const line = [lon, lat];
    const vertices = 60 + Math.floor(random() * 60);
    for (let i = 0; i < vertices; i++) {
      heading += (random() - 0.5) * 0.3;
      lat += (500 * Math.cos(heading)) / M_PER_DEG;
      lon += (500 * Math.sin(heading)) / (M_PER_DEG * Math.cos((lat * Math.PI) / 180));
      if (lon < BOX.lon0 || lon > BOX.lon1 || lat < BOX.lat0 || lat > BOX.lat1) {
        heading += Math.PI;
        continue;
      }
      line.push(lon, lat);
    }
    out.push({ expressway: r % 5 === 0, line });
  }
  return out;
}

/** 5,000 fences by default: speed zones along the roads, places, zones, a city boundary. */
export function fences(roadList: readonly Road[], total: number, random: () => number): Geofence[] {
  const out: Geofence[] = [];
  roadList.forEach((road, r) => {
    for (let i = 0; i + 2 < road.line.length; i += 20) {
      out.push({
        id: `sz-${r}-${i}`,
        kind: 'speed_zone',
        name: `road ${r}`,
        roadClass: road.expressway ? 'expressway' : 'other',
        ...(!road.expressway && random() < 0.1 ? { postedLimitKmh: 50 } : {}),
        shape: { type: 'corridor', line: road.line.slice(i, i + 22), widthM: road.expressway ? 60 : 30 },
      });
    }
  });
  const ring: number[] = [];
  for (let i = 0; i < 500; i++) {
    const a = (i / 500) * 2 * Math.PI;
    const r = 0.45 + 0.03 * Math.sin(a * 9);
    ring.push(122.05 + r * Math.cos(a) * 0.6, 41.0 + r * Math.sin(a));
  }
  out.push({
    id: 'city',
    kind: 'city_boundary',
    name: '盘锦市',
    notify: true,
    shape: { type: 'polygon', ring },
  });
  // Mostly places; about 50 checkpoints (every passage through one is an event).
  const kinds = ['parking_lot', 'filling_site', 'chemical_park', 'restricted_zone', 'custom'] as const;
  for (let n = 0; out.length < total; n++) {
    const kind = n % 90 === 0 ? 'checkpoint' : kinds[n % kinds.length]!;
    // Half the places (not the restricted zones: routes avoid them) sit on a road, where vehicles pass and stop.
    const road = roadList[Math.floor(random() * roadList.length)]!;
    const v = 2 * Math.floor((random() * road.line.length) / 2);
    const onRoad = kind !== 'restricted_zone' && random() < 0.5;
    const lon = onRoad ? road.line[v]! : BOX.lon0 + random() * (BOX.lon1 - BOX.lon0);
    const lat = onRoad ? road.line[v + 1]! : BOX.lat0 + random() * (BOX.lat1 - BOX.lat0);
    const id = `${kind}-${n}`;
    if (kind === 'chemical_park' || kind === 'restricted_zone') {
      const d = 0.001 + random() * 0.003;
      const poly: number[] = [];
      for (let k = 0; k < 8; k++) {
        const a = (k / 8) * 2 * Math.PI;
        poly.push(
          lon + d * Math.cos(a) * (0.7 + random() * 0.6),
          lat + d * 0.75 * Math.sin(a) * (0.7 + random() * 0.6),
        );
      }
      out.push({
        id,
        kind,
        name: id,
        shape: { type: 'polygon', ring: poly },
        ...(kind === 'restricted_zone' ? { goodsClasses: ['2.1', '6.1'] } : {}),
      });
    } else {
      out.push({
        id,
        kind,
        name: id,
        shape: { type: 'circle', lat, lon, radiusM: 50 + random() * 250 },
        ...(kind === 'checkpoint' ? { notify: true } : {}),
        ...(kind === 'custom' && random() < 0.3 ? { dwellLimitSec: 45 * 60 } : {}),
      });
    }
  }
  return out;
}

export function bans(fenceList: readonly Geofence[], extra = 0): BanWindow[] {
  const expressways = fenceList.filter((f) => f.roadClass === 'expressway').map((f) => f.id);
  // `extra` local bans, as a city with dozens has: each closes one road's speed zones to one goods
  // class for one hour a day (only class 6.1 is carried by the simulated fleet).
  const roadZones = new Map<string, string[]>();
  for (const f of fenceList) {
    const m = /^sz-(\d+)-/.exec(f.id);
    if (!m) continue;
    const zones = roadZones.get(m[1]!) ?? [];
    zones.push(f.id);
    roadZones.set(m[1]!, zones);
  }
  const roadsOf = [...roadZones.values()];
  const local: BanWindow[] = Array.from({ length: roadsOf.length > 0 ? extra : 0 }, (_, k) => {
    const startMinute = (k * 97) % 1440;
    return {
      id: `local-${k}`,
      name: `地方限行 ${k}`,
      fenceIds: roadsOf[k % roadsOf.length]!,
      goodsClasses: [['2.3', '5.1', '4.1', '6.1'][k % 4]!],
      daily: [{ startMinute, endMinute: (startMinute + 60) % 1440 }],
    };
  });
  return [
    {
      id: 'holiday',
      name: '节假日高速禁行',
      fenceIds: expressways,
      periods: [
        { from: Date.parse('2026-10-01T00:00:00+08:00'), to: Date.parse('2026-10-08T00:00:00+08:00') },
      ],
    },
    {
      id: 'night-explosives',
      name: '爆炸品夜间禁行',
      fenceIds: expressways,
      goodsClasses: ['1'],
      daily: [{ startMinute: 22 * 60, endMinute: 6 * 60 }],
    },
    ...local,
  ];
}

export interface Traffic {
  vehicles: VehicleContext[];
  /** All fixes of all vehicles, in receive order (interleaved as on the bus). */
  fixes: RuleFix[];
}

/**
 * `vehicles` trucks for `hours` hours from `start`. Each drives along a road, back and forth,
 * at 35–58 km/h (65–80 on expressways; one leg in twenty 20 % faster), stops 5–45 min every 30–90 min,
 * carries an IC-card driver, and sometimes an alarm. About 1 % of fixes arrive a few seconds
 * late and 0.5 % twice, as terminals do.
 */
export function traffic(
  vehicles: number,
  hours: number,
  start: number,
  roadList: readonly Road[],
  random: () => number,
): Traffic {
  const ctxs: VehicleContext[] = [];
  const perVehicle: RuleFix[][] = [];
  const classes = ['3', '2.1', '8', '6.1', '1.1', '9'];
  const end = start + hours * 3_600_000;
  const none: string[] = [];
  for (let v = 0; v < vehicles; v++) {
    const id = `veh-${v}`;
    const road = roadList[v % roadList.length]!;
    const line = road.line;
    const hasWaybill = random() < 0.9;
    ctxs.push({
      vehicleId: id,
      enterpriseId: `ent-${v % 245}`,
      goodsClasses: [classes[v % classes.length]!],
      waybill: hasWaybill
        ? {
            id: `wb-${v}`,
            // The card in the reader (`drv-<vehicle>`) is the waybill driver's, but for every 100th vehicle.
            driverId: v % 100 === 0 ? `drv-assigned-${v}` : `drv-${id}`,
            route: random() < 0.7 ? { line, corridorWidthM: 100 } : undefined,
            places: [],
          }
        : null,
      // The card's person as the archive has them: filed, qualified, but for every 250th vehicle
      // (from the 18th) a qualification certificate that ran out on 2026-11-01, and for every
      // 250th from the 118th a driver who turned 61 on 2026-11-20.
      cardHolder: cardHolderFor(
        {
          personId: `drv-${id}`,
          name: `驾驶员${v}`,
          enterpriseId: `ent-${v % 245}`,
          standing: [],
          qualificationUntilDay: Date.parse(v % 250 === 17 ? '2026-11-01' : '2028-06-30'),
          licenceUntilDay: Date.parse('2030-01-01'),
          ageLimitDay: lastDayWithinAge(v % 250 === 117 ? '1965-11-20' : '1975-05-01', 60),
        },
        `ent-${v % 245}`,
      ),
    });
    const fixes: RuleFix[] = [];
    let t = start + Math.floor(random() * 10_000);
    let seg = 2 * Math.floor((random() * (line.length - 2)) / 2);
    let dir = 2;
    let along = 0;
    let nextStop = t + (30 + random() * 60) * 60_000;
    let speeding = false;
    let serial = 0;
    while (t < end) {
      const stopped = t >= nextStop;
      if (stopped) {
        const stopFor = (5 + random() * 40) * 60_000;
        for (let s = 0; s < stopFor && t < end; s += 30_000) {
          const [lon, lat] = pointOn(line, seg, dir, along);
          fixes.push(mk(id, t, lat, lon, 0, serial++, none));
          t += 30_000;
        }
        nextStop = t + (30 + random() * 60) * 60_000;
        speeding = random() < 0.05;
        continue;
      }
      const base = road.expressway ? 65 + random() * 15 : 35 + random() * 23;
      const speed = Math.round((speeding ? base * 1.2 : base) * 10) / 10;
      const [lon, lat] = pointOn(line, seg, dir, along);
      fixes.push(mk(id, t, lat, lon, speed, serial++, random() < 0.001 ? ['powerUndervoltage'] : none));
      along += (speed / 3.6) * 10;
      while (along >= 500) {
        along -= 500;
        seg += dir;
        if (seg + 2 >= line.length || seg < 0) {
          dir = -dir;
          seg = Math.max(0, Math.min(line.length - 4, seg + dir));
        }
      }
      t += 10_000;
    }
    perVehicle.push(fixes);
  }
  // Interleave by receive time, with a few late and duplicated deliveries.
  const all: RuleFix[] = [];
  for (const list of perVehicle) {
    for (const f of list) {
      const r = random();
      if (r < 0.01) all.push({ ...f, receivedTime: f.receivedTime + 5_000 + Math.floor(random() * 20_000) });
      else all.push(f);
      if (r > 0.995) all.push({ ...f, receivedTime: f.receivedTime + 3_000 });
    }
  }
  all.sort((a, b) => a.receivedTime - b.receivedTime);
  return { vehicles: ctxs, fixes: all };
}

function pointOn(line: readonly number[], seg: number, dir: number, along: number): [number, number] {
  const i = Math.max(0, Math.min(line.length - 4, seg));
  const f = Math.min(1, along / 500) * (dir > 0 ? 1 : -1);
  const j = dir > 0 ? i : Math.min(line.length - 2, i + 2);
  const k = dir > 0 ? i + 2 : i;
  const frac = Math.abs(f);
  return [line[j]! + (line[k]! - line[j]!) * frac, line[j + 1]! + (line[k + 1]! - line[j + 1]!) * frac];
}

function mk(
  vehicleId: string,
  t: number,
  lat: number,
  lon: number,
  speed: number,
  serial: number,
  alarms: string[],
): RuleFix {
  return {
    vehicleId,
    deviceTime: t,
    receivedTime: t + 800,
    lat,
    lon,
    speed,
    heading: 0,
    altitude: 5,
    alarms,
    acc: speed > 0,
    fixed: true,
    valid: true,
    serial,
    mileage: 0,
    driverId: `drv-${vehicleId}`,
  };
}
