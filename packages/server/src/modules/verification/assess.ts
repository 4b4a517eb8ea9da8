/**
 * The verdicts of the filling-site check and checkpoint verification, pure: facts about a vehicle
 * (its archive record, its active waybill, the people, tank and certificates) in, findings out.
 * Each finding has one stable code and its text in Chinese and English.
 *
 * A waybill is valid when it is active (checked, loading, in transit) and its last automatic
 * check passed in every item. A certificate is valid through its `valid_until` day (China time).
 */
import { classOf, type GoodsFacts } from '../goods/facts.js';

export interface VehicleFacts {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  districtCode: string;
  plate: string;
  plateColour: number;
  vehicleType: string;
  filingStatus: string;
  operatingStatus: string;
  scopeClasses: number[];
  ratedLoadKg: number;
}

export interface PersonFacts {
  id: string;
  name: string;
  role: 'driver' | 'escort';
  phone: string | null;
  photoUrl: string | null;
  filingStatus: string;
  employmentStatus: string;
}

export interface TankFacts {
  id: string;
  vehicleId: string;
  tankNo: string;
  volumeM3: number;
  designMedium: string | null;
}

export interface CertificateFacts {
  holderType: 'vehicle' | 'tank' | 'person' | 'enterprise';
  holderId: string;
  kind: string;
  number: string | null;
  category: string | null;
  validUntil: string;
}

export interface LineFacts {
  lineNo: number;
  unNumber: string;
  name: string;
  hazardClass: string;
  quantity: number;
  unit: 'kg' | 'L';
  /** The catalogue's facts for the UN number; null when the number is not in the catalogue. */
  goods: GoodsFacts | null;
}

export interface WaybillFacts {
  id: string;
  number: string;
  status: string;
  checkResults: { code: string; passed: boolean }[] | null;
  enterpriseId: string;
  districtCode: string;
  vehicleId: string;
  trailerId: string | null;
  tankId: string | null;
  driverId: string | null;
  escortId: string | null;
  originPlaceId: string | null;
  lines: LineFacts[];
}

/** Everything known about the vehicle in front of the operator or the camera. */
export interface Subject {
  plate: string;
  plateColour: number;
  vehicle: VehicleFacts | null;
  trailer: VehicleFacts | null;
  tank: TankFacts | null;
  driver: PersonFacts | null;
  escort: PersonFacts | null;
  /** The vehicle's current waybill (active if there is one), or the one asked for by number. */
  waybill: WaybillFacts | null;
  certificates: CertificateFacts[];
}

export interface Finding {
  code: string;
  messageZh: string;
  messageEn: string;
  [detail: string]: unknown;
}

export const ACTIVE_WAYBILL_STATUSES = ['checked', 'loading', 'in_transit'] as const;

const finding = (code: string, messageZh: string, messageEn: string, detail: object = {}): Finding => ({
  code,
  messageZh,
  messageEn,
  ...detail,
});

export function waybillValid(w: WaybillFacts | null): boolean {
  if (!w || !(ACTIVE_WAYBILL_STATUSES as readonly string[]).includes(w.status)) return false;
  return Array.isArray(w.checkResults) && w.checkResults.length > 0 && w.checkResults.every((r) => r.passed);
}

const holderNames: Record<string, [string, string]> = {
  vehicle: ['车辆', 'vehicle'],
  trailer: ['挂车', 'trailer'],
  tank: ['罐体', 'tank'],
  driver: ['驾驶员', 'driver'],
  escort: ['押运员', 'escort'],
};
const kindNames: Record<string, [string, string]> = {
  road_transport_cert: ['道路运输证', 'road transport certificate'],
  annual_review: ['年审', 'annual review'],
  liability_insurance: ['承运人责任险', 'carrier liability insurance'],
  tank_inspection: ['罐体检验', 'tank inspection'],
  qualification: ['从业资格证', 'qualification certificate'],
  driving_licence: ['驾驶证', 'driving licence'],
};

/** Certificates of the vehicle, trailer, tank, driver and escort that expired before `today`. */
export function expiredCertificates(s: Subject, today: string): Finding[] {
  const holders: [string, string | undefined][] = [
    ['vehicle', s.vehicle?.id],
    ['trailer', s.trailer?.id],
    ['tank', s.tank?.id],
    ['driver', s.driver?.id],
    ['escort', s.escort?.id],
  ];
  const out: Finding[] = [];
  for (const [holder, id] of holders) {
    if (!id) continue;
    for (const c of s.certificates) {
      if (c.holderId !== id || c.validUntil >= today) continue;
      const [hz, he] = holderNames[holder]!;
      const [kz, ke] = kindNames[c.kind] ?? [c.kind, c.kind];
      out.push(
        finding(
          'expired_certificate',
          `${hz}${kz}已过期（${c.validUntil}）`,
          `The ${he}’s ${ke} expired on ${c.validUntil}`,
          {
            holder,
            holderId: id,
            kind: c.kind,
            number: c.number,
            validUntil: c.validUntil,
          },
        ),
      );
    }
  }
  return out;
}

function mediumMatches(medium: string, line: LineFacts): boolean {
  const m = medium.replace(/\s/g, '').toLowerCase();
  const names = [line.unNumber, line.name, line.goods?.nameZh, line.goods?.nameEn]
    .filter((n): n is string => !!n)
    .map((n) => n.replace(/\s/g, '').toLowerCase());
  return names.some((n) => m.includes(n) || n.includes(m));
}

/** Goods the vehicle, trailer or tank may not carry: class outside the scope, another design medium. */
export function goodsMismatches(s: Subject): Finding[] {
  const w = s.waybill;
  if (!w) return [];
  const out: Finding[] = [];
  for (const line of w.lines) {
    const cls = classOf(line.goods?.hazardClass ?? line.hazardClass);
    for (const [holder, v] of [
      ['vehicle', s.vehicle],
      ['trailer', s.trailer],
    ] as const) {
      if (v && !v.scopeClasses.includes(cls)) {
        const [hz, he] = holderNames[holder]!;
        out.push(
          finding(
            'goods_mismatch',
            `${hz}经营范围不含第${cls}类（${line.name}，UN${line.unNumber}）`,
            `The ${he}’s scope does not cover class ${cls} (${line.name}, UN ${line.unNumber})`,
            {
              holder,
              lineNo: line.lineNo,
              unNumber: line.unNumber,
              hazardClass: cls,
              scopeClasses: v.scopeClasses,
            },
          ),
        );
      }
    }
  }
  const medium = s.tank?.designMedium?.trim();
  if (medium && w.lines.length > 0 && !w.lines.some((l) => mediumMatches(medium, l))) {
    out.push(
      finding(
        'goods_mismatch',
        `罐体设计介质（${medium}）与所运货物不符`,
        `The tank’s design medium (${medium}) is not the goods carried`,
        { holder: 'tank', designMedium: medium, unNumbers: w.lines.map((l) => l.unNumber) },
      ),
    );
  }
  return out;
}

/** Findings about the vehicle and its papers, common to the filling site and the checkpoint. */
export function papersFindings(s: Subject, today: string, noWaybillCode: string): Finding[] {
  const out: Finding[] = [];
  const v = s.vehicle;
  if (!v) {
    out.push(
      finding(
        'unfiled_vehicle',
        `车辆 ${s.plate} 不在电子档案中`,
        `Vehicle ${s.plate} is not in the archive`,
      ),
    );
  } else if (v.filingStatus !== 'filed' || v.operatingStatus !== 'active') {
    out.push(
      finding(
        'unfiled_vehicle',
        `车辆 ${s.plate} 未备案或未在营运（${v.filingStatus}/${v.operatingStatus}）`,
        `Vehicle ${s.plate} is not filed or not in service (${v.filingStatus}/${v.operatingStatus})`,
        { filingStatus: v.filingStatus, operatingStatus: v.operatingStatus },
      ),
    );
  }
  if (v && !waybillValid(s.waybill)) {
    const w = s.waybill;
    out.push(
      finding(
        noWaybillCode,
        w ? `运单 ${w.number} 无效（状态 ${w.status}，或核查未通过）` : `车辆 ${s.plate} 无有效电子运单`,
        w
          ? `Waybill ${w.number} is not valid (status ${w.status}, or its check failed)`
          : `Vehicle ${s.plate} has no valid electronic waybill`,
        w ? { waybillNumber: w.number, status: w.status } : {},
      ),
    );
  }
  out.push(...expiredCertificates(s, today), ...goodsMismatches(s));
  return out;
}

/** The planned quantity in kg: kg lines as they are, L lines × the catalogue density. */
export function plannedKg(lines: readonly LineFacts[]): { kg: number; unconvertible: string[] } {
  let kg = 0;
  const unconvertible: string[] = [];
  for (const l of lines) {
    if (l.unit === 'kg') kg += l.quantity;
    else if (l.goods?.densityKgPerL) kg += l.quantity * l.goods.densityKgPerL;
    else unconvertible.push(l.unNumber);
  }
  return { kg: Math.round(kg * 1000) / 1000, unconvertible };
}

export interface Weighing {
  grossKg: number;
  tareKg: number;
}

/** The legal limit on the loaded mass: the trailer's rated load when there is one. */
export function ratedLoadOf(s: Subject): number | null {
  const r = s.trailer?.ratedLoadKg ?? s.vehicle?.ratedLoadKg ?? 0;
  return r > 0 ? r : null;
}

/**
 * The filling verdict: the papers, the waybill's state, and the weighbridge (net above the planned
 * quantity plus the tolerance, or above the rated load, is over-filling).
 */
export function fillingFindings(
  s: Subject,
  today: string,
  w: Weighing | null,
  toleranceKg: number,
): { reasons: Finding[]; plannedKg: number | null; ratedLoadKg: number | null } {
  const reasons = papersFindings(s, today, 'no_waybill_at_filling');
  const valid = waybillValid(s.waybill);
  if (valid && s.waybill!.status === 'in_transit') {
    reasons.push(
      finding(
        'waybill_in_transit',
        '运单已在途，不能再次充装',
        'The waybill is already in transit; no further filling',
      ),
    );
  }
  let planned: number | null = null;
  if (valid) {
    const p = plannedKg(s.waybill!.lines);
    if (p.unconvertible.length > 0) {
      reasons.push(
        finding(
          'planned_quantity_unknown',
          `无法换算计划装载量（UN${p.unconvertible.join('、')} 无密度）`,
          `The planned quantity cannot be converted to kg (no density for UN ${p.unconvertible.join(', ')})`,
          { unNumbers: p.unconvertible },
        ),
      );
    } else planned = p.kg;
  }
  const rated = ratedLoadOf(s);
  if (w) {
    const net = w.grossKg - w.tareKg;
    if (planned !== null && net > planned + toleranceKg) {
      reasons.push(
        finding(
          'overfill_planned',
          `净重 ${net} kg 超过运单计划量 ${planned} kg`,
          `Net ${net} kg exceeds the waybill’s planned ${planned} kg`,
          { netKg: net, plannedKg: planned, toleranceKg },
        ),
      );
    }
    if (rated !== null && net > rated) {
      reasons.push(
        finding(
          'overfill_rated_load',
          `净重 ${net} kg 超过核定载质量 ${rated} kg`,
          `Net ${net} kg exceeds the rated load of ${rated} kg`,
          { netKg: net, ratedLoadKg: rated },
        ),
      );
    }
  }
  return { reasons, plannedKg: planned, ratedLoadKg: rated };
}
