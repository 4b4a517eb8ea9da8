/**
 * The Panjin demo dataset: synthetic but realistic archives that reproduce seed 000's 2020 tables
 * exactly (enterprises and vehicles by district and type, parking lots by district, vehicles and
 * enterprises by transport class, registered personnel). Pure and deterministic: the same seed
 * and day give the same city. Certificates are spread around `today` so that some have expired,
 * some expire this month and most are valid.
 */
import { idCheckChar } from '../validation/id-number.js';
import { makeUscc } from '../validation/uscc.js';
import { withVinCheck } from '../validation/vin.js';
import {
  COMPANY_SUFFIXES,
  GIVEN_CHARS,
  STREETS,
  SURNAMES,
  TRADE_CHARS,
  TRAILER_WMIS,
  TRUCK_WMIS,
} from './names.js';
import {
  enterprisesAndVehicles2020,
  panjinDistricts,
  parkingLots2020,
  personnel2020,
  transportClasses2020,
} from './panjin-2020.js';
import {
  addDays,
  apportion,
  createRng,
  int,
  pick,
  shuffle,
  skewedWeights,
  uuid,
  type Rng,
} from './random.js';

export type VehicleType = 'tractor' | 'rigid_tank' | 'van' | 'trailer';
export type PersonRole = keyof typeof personnel2020;

export interface DemoEnterprise {
  id: string;
  name: string;
  uscc: string;
  districtCode: string;
  address: string;
  permitNo: string;
  permitExpiry: string;
  /** Transport classes (1–9) in the business scope. */
  scopeClasses: number[];
  legalRepresentative: string;
  safetyManager: string;
  phone: string;
  office: [lon: number, lat: number];
}

export interface DemoVehicle {
  id: string;
  enterpriseId: string;
  type: VehicleType;
  plate: string;
  plateColour: 2;
  vin: string;
  /** Transport class carried (powered vehicles); trailers follow their tractors. */
  transportClass: number | null;
  ratedLoadKg: number;
  roadCertNo: string;
  roadCertExpiry: string;
  annualReviewExpiry: string;
  insurance: { policyNo: string; insurer: string; amountYuan: number; expiry: string };
  tank: { number: string; volumeM3: number; inspectionNo: string; inspectionExpiry: string } | null;
}

export interface DemoPerson {
  id: string;
  enterpriseId: string;
  role: PersonRole;
  name: string;
  idNumber: string;
  phone: string;
  qualificationNo: string;
  qualificationExpiry: string;
  licenceClass: string | null;
  licenceExpiry: string | null;
}

export interface DemoParkingLot {
  id: string;
  enterpriseId: string;
  districtCode: string;
  name: string;
  areaM2: number;
  spaces: number;
  /** GeoJSON polygon ring, WGS-84, closed. */
  polygon: [number, number][];
}

export interface DemoDataset {
  enterprises: DemoEnterprise[];
  vehicles: DemoVehicle[];
  personnel: DemoPerson[];
  parkingLots: DemoParkingLot[];
}

export interface DemoOptions {
  seed?: number;
  /** The day the certificates are spread around, YYYY-MM-DD. */
  today: string;
  /**
   * Fixed ids for the first enterprises (the demo accounts are scoped to them): district code →
   * enterprise id, given to the first enterprise of that district.
   */
  fixedEnterpriseIds?: Readonly<Record<string, string>>;
}

const INSURERS = ['中国人民财产保险', '中国平安财产保险', '中国太平洋财产保险', '中华联合财产保险'];

/** Expiry days after `today`: about 3 % expired, 5 % within 30 days, the rest 1–3 years out. */
function expiry(rng: Rng, today: string): string {
  const r = rng();
  if (r < 0.03) return addDays(today, -int(rng, 1, 90));
  if (r < 0.08) return addDays(today, int(rng, 0, 30));
  return addDays(today, int(rng, 31, 1100));
}

function phone(rng: Rng): string {
  return `1${pick(rng, ['35', '39', '52', '58', '86', '87', '88', '59'])}${String(int(rng, 0, 99_999_999)).padStart(8, '0')}`;
}

function personName(rng: Rng): string {
  // Frequent surnames more often: square the uniform draw towards the head of the list.
  const s = SURNAMES[Math.floor(rng() ** 2 * SURNAMES.length)]!;
  return s + pick(rng, GIVEN_CHARS) + (rng() < 0.7 ? pick(rng, GIVEN_CHARS) : '');
}

/** Permutes 0..n-1 by an affine map with a multiplier coprime to n: unique codes, no table. */
function permuted(index: number, n: number, mult: number, offset: number): number {
  return (index * mult + offset) % n;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function coprimeMultiplier(rng: Rng, n: number): number {
  for (;;) {
    const m = int(rng, Math.floor(n / 3), n - 1);
    if (gcd(m, n) === 1) return m;
  }
}

const PLATE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

export function generatePanjinDemo(options: DemoOptions): DemoDataset {
  const rng = createRng(options.seed ?? 2020);
  const { today } = options;

  // 1. Enterprises, district by district.
  const enterprises: DemoEnterprise[] = [];
  const usedNames = new Set<string>();
  for (const d of panjinDistricts) {
    const n = enterprisesAndVehicles2020[d.code]!.enterprises;
    for (let i = 0; i < n; i++) {
      let name: string;
      do {
        name = `盘锦${pick(rng, TRADE_CHARS)}${pick(rng, TRADE_CHARS)}${pick(rng, COMPANY_SUFFIXES)}`;
      } while (usedNames.has(name));
      usedNames.add(name);
      const fixed = i === 0 ? options.fixedEnterpriseIds?.[d.code] : undefined;
      const seq = enterprises.length + 1;
      enterprises.push({
        id: fixed ?? uuid(rng),
        name,
        uscc: makeUscc('91', d.code, `MA${String(int(rng, 0, 999_999)).padStart(6, '0')}`.slice(0, 8)),
        districtCode: d.code,
        address: `辽宁省盘锦市${d.name}${pick(rng, STREETS)}${int(rng, 1, 388)}号`,
        permitNo: `辽交运管许可盘字${String(211100_000 + seq).slice(-9)}号`,
        permitExpiry: expiry(rng, today),
        scopeClasses: [],
        legalRepresentative: personName(rng),
        safetyManager: personName(rng),
        phone: phone(rng),
        office: [d.centre[0] + (rng() - 0.5) * 0.08, d.centre[1] + (rng() - 0.5) * 0.06],
      });
    }
  }

  // 2. Transport classes: 219 enterprises carry class 3; the other 30 carry the rarer classes
  //    (17 memberships of classes 1, 6, 7, 8, 9) or class 2 only (13); 69 class-3 carriers also
  //    carry class 2, which makes class 2's 82 enterprises. 219 + 82 + 17 = 318 memberships.
  const order = shuffle(
    rng,
    enterprises.map((_, i) => i),
  );
  const rare: number[] = [];
  for (const c of [1, 6, 7, 8, 9])
    for (let k = 0; k < transportClasses2020[c]!.enterprises; k++) rare.push(c);
  const nonClass3 = order.slice(0, 30);
  const class3 = order.slice(30);
  const memberships: { enterprise: number; cls: number }[] = [];
  nonClass3.forEach((e, k) => memberships.push({ enterprise: e, cls: k < rare.length ? rare[k]! : 2 }));
  const class2Only = nonClass3.length - rare.length;
  class3
    .slice(0, transportClasses2020[2]!.enterprises - class2Only)
    .forEach((e) => memberships.push({ enterprise: e, cls: 2 }));
  class3.forEach((e) => memberships.push({ enterprise: e, cls: 3 }));
  if (class3.length !== transportClasses2020[3]!.enterprises) throw new Error('class 3 enterprise count');

  // 3. Vehicles per membership: classes other than 3 split their seed totals; class 3 fills each
  //    district up to its seed total of powered vehicles.
  const count = new Map<(typeof memberships)[number], number>();
  for (const c of [1, 2, 6, 7, 8, 9]) {
    const ms = memberships.filter((m) => m.cls === c);
    const parts = apportion(transportClasses2020[c]!.vehicles, skewedWeights(rng, ms.length), 1);
    ms.forEach((m, k) => count.set(m, parts[k]!));
  }
  for (const d of panjinDistricts) {
    const seed = enterprisesAndVehicles2020[d.code]!;
    const inDistrict = memberships.filter((m) => enterprises[m.enterprise]!.districtCode === d.code);
    const fixed = inDistrict.filter((m) => m.cls !== 3).reduce((s, m) => s + count.get(m)!, 0);
    const threes = inDistrict.filter((m) => m.cls === 3);
    const parts = apportion(seed.tractors + seed.rigid - fixed, skewedWeights(rng, threes.length), 1);
    threes.forEach((m, k) => count.set(m, parts[k]!));
  }
  for (const m of memberships) enterprises[m.enterprise]!.scopeClasses.push(m.cls);
  for (const e of enterprises) e.scopeClasses.sort((a, b) => a - b);

  // 4. Powered vehicles, typed per district (tractor vs rigid), then trailers for the tractors.
  const vehicles: DemoVehicle[] = [];
  const plateSpace = 90_000 + PLATE_LETTERS.length * 10_000;
  const plateMult = coprimeMultiplier(rng, plateSpace);
  const plateOffset = int(rng, 0, plateSpace - 1);
  const trailerMult = coprimeMultiplier(rng, 9000);
  const trailerOffset = int(rng, 0, 8999);
  let poweredSeq = 0;
  let trailerSeq = 0;
  const poweredPlate = (): string => {
    const k = permuted(poweredSeq++, plateSpace, plateMult, plateOffset);
    if (k < 90_000) return `辽L${10_000 + k}`;
    const j = k - 90_000;
    return `辽L${PLATE_LETTERS[Math.floor(j / 10_000)]}${String(j % 10_000).padStart(4, '0')}`;
  };
  const trailerPlate = (): string =>
    `辽L${1000 + permuted(trailerSeq++, 9000, trailerMult, trailerOffset)}挂`;

  for (const d of panjinDistricts) {
    const seed = enterprisesAndVehicles2020[d.code]!;
    const slots: { enterprise: number; cls: number }[] = [];
    for (const m of memberships) {
      if (enterprises[m.enterprise]!.districtCode !== d.code) continue;
      for (let k = 0; k < count.get(m)!; k++) slots.push(m);
    }
    const typed = shuffle(rng, slots);
    const tractorsByEnterprise = new Map<number, number>();
    typed.forEach((slot, k) => {
      const isTractor = k < seed.tractors;
      const type: VehicleType = isTractor ? 'tractor' : slot.cls === 1 ? 'van' : 'rigid_tank';
      if (isTractor)
        tractorsByEnterprise.set(slot.enterprise, (tractorsByEnterprise.get(slot.enterprise) ?? 0) + 1);
      vehicles.push(
        makeVehicle(rng, today, enterprises[slot.enterprise]!.id, type, slot.cls, poweredPlate()),
      );
    });
    const owners = [...tractorsByEnterprise.keys()].sort((a, b) => a - b);
    const trailers = apportion(
      seed.trailers,
      owners.map((e) => tractorsByEnterprise.get(e)!),
    );
    owners.forEach((e, k) => {
      for (let t = 0; t < trailers[k]!; t++) {
        vehicles.push(makeVehicle(rng, today, enterprises[e]!.id, 'trailer', null, trailerPlate()));
      }
    });
  }

  // 5. Personnel in proportion to each enterprise's powered vehicles.
  const powered = enterprises.map(
    (e) => vehicles.filter((v) => v.enterpriseId === e.id && v.type !== 'trailer').length,
  );
  const personnel: DemoPerson[] = [];
  const idSeq = new Map<string, number>();
  for (const role of ['driver', 'escort', 'loading_supervisor'] as const) {
    const split = apportion(personnel2020[role], powered);
    enterprises.forEach((e, k) => {
      for (let p = 0; p < split[k]!; p++) personnel.push(makePerson(rng, today, e, role, idSeq));
    });
  }

  // 6. Parking lots: areas and spaces add up exactly to the seed's per-district figures.
  const parkingLots: DemoParkingLot[] = [];
  for (const d of panjinDistricts) {
    const seed = parkingLots2020[d.code]!;
    const owners = enterprises.filter((e) => e.districtCode === d.code);
    const weights = skewedWeights(rng, seed.lots);
    const areas = apportion(seed.area10kM2 * 10_000, weights, 2000);
    const spaces = apportion(seed.spaces, weights, 5);
    for (let k = 0; k < seed.lots; k++) {
      const owner = owners[k % owners.length]!;
      const centre: [number, number] = [
        d.centre[0] + (rng() - 0.5) * 0.14,
        d.centre[1] + (rng() - 0.5) * 0.1,
      ];
      parkingLots.push({
        id: uuid(rng),
        enterpriseId: owner.id,
        districtCode: d.code,
        name: `${owner.name.replace(/有限公司$/, '')}${k < owners.length ? '' : `第${Math.floor(k / owners.length) + 1}`}停车场`,
        areaM2: areas[k]!,
        spaces: spaces[k]!,
        polygon: rectangle(centre, areas[k]!, 1 + rng()),
      });
    }
  }

  return { enterprises, vehicles, personnel, parkingLots };
}

function makeVehicle(
  rng: Rng,
  today: string,
  enterpriseId: string,
  type: VehicleType,
  cls: number | null,
  plate: string,
): DemoVehicle {
  const wmi = pick(rng, type === 'trailer' ? TRAILER_WMIS : TRUCK_WMIS);
  const body = Array.from({ length: 5 }, () => pick(rng, [...'ABCDEFGHJKLMNPRSTUVWXYZ0123456789'])).join('');
  const year = pick(rng, [...'FGHJKLMN']); // model years 2015–2022
  const vin = withVinCheck(
    `${wmi}${body}0${year}${pick(rng, [...'ABCDHJ'])}${String(int(rng, 0, 999_999)).padStart(6, '0')}`,
  );
  const tanked = type === 'trailer' || type === 'rigid_tank';
  // Class 1 (explosives) vans and class 6/8 tanks are limited in size (regulations §4.4).
  const volume =
    cls === 6
      ? int(rng, 5, 10)
      : cls === 8
        ? int(rng, 10, 20)
        : type === 'trailer'
          ? int(rng, 30, 52)
          : int(rng, 12, 25);
  const ratedLoadKg =
    type === 'tractor'
      ? 0
      : type === 'van'
        ? int(rng, 4, 10) * 1000
        : type === 'trailer'
          ? int(rng, 28, 34) * 1000
          : int(rng, 10, 18) * 1000;
  return {
    id: uuid(rng),
    enterpriseId,
    type,
    plate,
    plateColour: 2,
    vin,
    transportClass: cls,
    ratedLoadKg,
    roadCertNo: `辽交运管盘字${String(int(rng, 0, 999_999_999)).padStart(9, '0')}号`,
    roadCertExpiry: expiry(rng, today),
    annualReviewExpiry: expiry(rng, today),
    insurance: {
      policyNo: `PZAA${String(int(rng, 0, 9_999_999_999)).padStart(10, '0')}`,
      insurer: pick(rng, INSURERS),
      amountYuan: pick(rng, [1_000_000, 2_000_000, 5_000_000]),
      expiry: expiry(rng, today),
    },
    tank: tanked
      ? {
          number: `TK${String(int(rng, 0, 99_999_999)).padStart(8, '0')}`,
          volumeM3: volume,
          inspectionNo: `LNTJ${String(int(rng, 0, 9_999_999)).padStart(7, '0')}`,
          inspectionExpiry: expiry(rng, today),
        }
      : null,
  };
}

const BIRTH_DIVISIONS = ['211102', '211103', '211104', '211122', '211121', '210881', '210726', '211381'];

function makePerson(
  rng: Rng,
  today: string,
  e: DemoEnterprise,
  role: PersonRole,
  idSeq: Map<string, number>,
): DemoPerson {
  const male = role === 'driver' ? rng() < 0.97 : rng() < 0.6;
  // Ages 23–59, and about 0.3 % already past the 60-year limit (the archive warns about them).
  const age = rng() < 0.003 ? int(rng, 60, 63) : int(rng, 23, 59);
  const year = Number(today.slice(0, 4)) - age - 1;
  const birth = addDays(`${year}-01-01`, int(rng, 0, 364));
  const division = pick(rng, BIRTH_DIVISIONS);
  const key = division + birth;
  const n = (idSeq.get(key) ?? 0) + 1;
  idSeq.set(key, n);
  // Sequence: odd for men, even for women (GB 11643); unique per division and birth date.
  const sequence = n * 2 - (male ? 1 : 0);
  const first17 = `${division}${birth.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  const idNumber = first17 + idCheckChar(first17);
  const isDriver = role === 'driver';
  return {
    id: uuid(rng),
    enterpriseId: e.id,
    role,
    name: personName(rng),
    idNumber,
    phone: phone(rng),
    // The qualification certificate number is the holder's ID number in the national system.
    qualificationNo: idNumber,
    qualificationExpiry: expiry(rng, today),
    licenceClass: isDriver ? pick(rng, ['A2', 'A2', 'A2', 'B2']) : null,
    licenceExpiry: isDriver ? expiry(rng, today) : null,
  };
}

/** A rectangle of the given area (m²) around a centre, as a closed GeoJSON ring. */
function rectangle(centre: [number, number], areaM2: number, aspect: number): [number, number][] {
  const w = Math.sqrt(areaM2 * aspect);
  const h = areaM2 / w;
  const metresPerDegLat = 111_320;
  const metresPerDegLon = 111_320 * Math.cos((centre[1] * Math.PI) / 180);
  const dx = w / 2 / metresPerDegLon;
  const dy = h / 2 / metresPerDegLat;
  const [x, y] = centre;
  return [
    [x - dx, y - dy],
    [x + dx, y - dy],
    [x + dx, y + dy],
    [x - dx, y + dy],
    [x - dx, y - dy],
  ];
}
