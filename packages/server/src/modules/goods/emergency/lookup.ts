/**
 * The emergency card of a waybill (应急处置卡, issue part 7): the vehicle's active waybill found by
 * plate (tractor, rigid vehicle or trailer) or waybill number, with carrier, vehicle, people and,
 * for each goods line, the catalogue facts and the card. Regulators and companies see waybills in
 * their scope; emergency responders, filling-site operators and checkpoint officers may look up
 * any one waybill by its exact plate or number (never a list): they meet vehicles of every company.
 */
import type { Actor, Role } from '../../../platform/auth.js';
import type { Queryable } from '../../../platform/db/db.js';
import { scopeWhere } from '../../../platform/scope.js';
import { defaultCardKey, emergencyPhones, resolveCard } from '../cards/index.js';
import type { EmergencyCard, Text } from '../cards/types.js';
import { hazardClasses } from '../validate.js';
import { goodsByUnNumber, type GoodsRecord } from '../repository.js';

export const activeStatuses = ['checked', 'loading', 'in_transit'] as const;
const exactLookupRoles: readonly Role[] = ['emergency_responder', 'filling_operator', 'checkpoint_officer'];

export type CardQuery = { plate: string } | { waybill: string };

interface Person {
  name: string;
  phone: string | null;
  qualificationNo: string | null;
}

export interface CardLine {
  lineNo: number;
  unNumber: string;
  name: string;
  hazardClass: string;
  packingGroup: string | null;
  packaging: string;
  packageCount: number | null;
  quantity: number;
  unit: 'kg' | 'L';
  /** False when the UN number is not in the catalogue: the card is the class's general one. */
  catalogued: boolean;
  /** True when the waybill's class differs from the catalogue's. */
  classMismatch: boolean;
  goods: {
    nameZh: string;
    nameEn: string;
    hazardClass: string;
    compatibilityGroup: string | null;
    subsidiaryRisks: string[];
    packingGroups: string[];
    special: string[];
    physicalState: string;
    ergGuide: string | null;
  } | null;
  card: EmergencyCard;
}

export interface WaybillCard {
  waybill: {
    number: string;
    status: string;
    originName: string;
    destinationName: string;
    plannedDeparture: string;
    plannedArrival: string | null;
    consignor: { name: string; phone: string };
    consignee: { name: string; phone: string };
    loader: { name: string | null; phone: string | null };
    dispatcherName: string | null;
    publicSecurityPermitNo: string | null;
    remarks: string | null;
  };
  carrier: { name: string; phone: string; permitNo: string | null };
  vehicle: { plate: string; roadTransportCertNo: string | null };
  trailer: { plate: string; roadTransportCertNo: string | null } | null;
  tank: { tankNo: string; volumeM3: number } | null;
  driver: Person | null;
  escort: Person | null;
  lines: CardLine[];
  phones: { number: string; label: Text }[];
}

/** Plates as people type them: "辽L 12345", "辽l·12345" → "辽L12345". */
export function normalizePlate(plate: string): string {
  return plate.replace(/[\s·•\-.]/g, '').toUpperCase();
}

const cert = (holderType: string, holder: string, kind: string) =>
  `(SELECT c.number FROM certificates c WHERE c.holder_type = '${holderType}' AND c.holder_id = ${holder}
     AND c.kind = '${kind}')`;

interface Row {
  id: string;
  number: string;
  status: string;
  origin_name: string;
  destination_name: string;
  planned_departure: Date | string;
  planned_arrival: Date | string | null;
  consignor_name: string;
  consignor_phone: string;
  consignee_name: string;
  consignee_phone: string;
  loader_name: string | null;
  loader_phone: string | null;
  dispatcher_name: string | null;
  public_security_permit_no: string | null;
  remarks: string | null;
  carrier_name: string;
  carrier_phone: string;
  permit_no: string | null;
  plate: string;
  road_cert_no: string | null;
  trailer_plate: string | null;
  trailer_cert_no: string | null;
  tank_no: string | null;
  tank_volume: string | null;
  driver_name: string | null;
  driver_phone: string | null;
  driver_qual: string | null;
  escort_name: string | null;
  escort_phone: string | null;
  escort_qual: string | null;
}

interface LineRow {
  line_no: number;
  un_number: string;
  name: string;
  hazard_class: string;
  packing_group: string | null;
  packaging: string;
  package_count: number | null;
  quantity: string;
  unit: 'kg' | 'L';
}

const iso = (v: Date | string) => new Date(v).toISOString();

/** The active waybill's card, or null when there is none the actor may see. */
export async function waybillCard(
  db: Queryable,
  actor: Actor,
  query: CardQuery,
): Promise<WaybillCard | null> {
  const params: unknown[] = [[...activeStatuses]];
  let match: string;
  if ('plate' in query) {
    params.push(normalizePlate(query.plate));
    match = `(v.plate = $2 OR tr.plate = $2)`;
  } else {
    params.push(query.waybill.trim());
    match = `w.number = $2`;
  }
  const scope = exactLookupRoles.includes(actor.role)
    ? 'TRUE'
    : scopeWhere(actor, { enterpriseColumn: 'w.enterprise_id', districtColumn: 'w.district_code' }, params);
  const { rows } = await db.query<Row>(
    `SELECT w.id, w.number, w.status, w.origin_name, w.destination_name, w.planned_departure, w.planned_arrival,
            w.consignor_name, w.consignor_phone, w.consignee_name, w.consignee_phone, w.loader_name, w.loader_phone,
            w.dispatcher_name, w.public_security_permit_no, w.remarks,
            e.name AS carrier_name, e.phone AS carrier_phone, ${cert('enterprise', 'e.id', 'operating_permit')} AS permit_no,
            v.plate, ${cert('vehicle', 'v.id', 'road_transport_cert')} AS road_cert_no,
            tr.plate AS trailer_plate, ${cert('vehicle', 'tr.id', 'road_transport_cert')} AS trailer_cert_no,
            t.tank_no, t.volume_m3::text AS tank_volume,
            d.name AS driver_name, d.phone AS driver_phone, ${cert('person', 'd.id', 'qualification')} AS driver_qual,
            s.name AS escort_name, s.phone AS escort_phone, ${cert('person', 's.id', 'qualification')} AS escort_qual
       FROM waybills w
       JOIN enterprises e ON e.id = w.enterprise_id
       JOIN vehicles v ON v.id = w.vehicle_id
       LEFT JOIN vehicles tr ON tr.id = w.trailer_id
       LEFT JOIN tanks t ON t.id = w.tank_id
       LEFT JOIN personnel d ON d.id = w.driver_id
       LEFT JOIN personnel s ON s.id = w.escort_id
      WHERE w.status = ANY($1::text[]) AND ${match} AND ${scope}
      ORDER BY w.created_at DESC
      LIMIT 1`,
    params,
  );
  const w = rows[0];
  if (!w) return null;
  const lines = (
    await db.query<LineRow>(
      `SELECT line_no, un_number, name, hazard_class, packing_group, packaging, package_count, quantity::text AS quantity, unit
         FROM waybill_lines WHERE waybill_id = $1 ORDER BY line_no`,
      [w.id],
    )
  ).rows;
  const goods = await goodsByUnNumber(
    db,
    lines.map((l) => l.un_number),
  );
  const person = (name: string | null, phone: string | null, qual: string | null): Person | null =>
    name === null ? null : { name, phone, qualificationNo: qual };
  return {
    waybill: {
      number: w.number,
      status: w.status,
      originName: w.origin_name,
      destinationName: w.destination_name,
      plannedDeparture: iso(w.planned_departure),
      plannedArrival: w.planned_arrival === null ? null : iso(w.planned_arrival),
      consignor: { name: w.consignor_name, phone: w.consignor_phone },
      consignee: { name: w.consignee_name, phone: w.consignee_phone },
      loader: { name: w.loader_name, phone: w.loader_phone },
      dispatcherName: w.dispatcher_name,
      publicSecurityPermitNo: w.public_security_permit_no,
      remarks: w.remarks,
    },
    carrier: { name: w.carrier_name, phone: w.carrier_phone, permitNo: w.permit_no },
    vehicle: { plate: w.plate, roadTransportCertNo: w.road_cert_no },
    trailer:
      w.trailer_plate === null ? null : { plate: w.trailer_plate, roadTransportCertNo: w.trailer_cert_no },
    tank: w.tank_no === null ? null : { tankNo: w.tank_no, volumeM3: Number(w.tank_volume) },
    driver: person(w.driver_name, w.driver_phone, w.driver_qual),
    escort: person(w.escort_name, w.escort_phone, w.escort_qual),
    lines: lines.map((l) => toLine(l, goods.get(l.un_number))),
    phones: [
      ...emergencyPhones.map((p) => ({ number: p.number, label: p.label })),
      { number: w.carrier_phone, label: { zh: `承运人 ${w.carrier_name}`, en: `Carrier ${w.carrier_name}` } },
    ],
  };
}

function toLine(l: LineRow, g: GoodsRecord | undefined): CardLine {
  const base = {
    lineNo: l.line_no,
    unNumber: l.un_number,
    name: l.name,
    hazardClass: l.hazard_class,
    packingGroup: l.packing_group,
    packaging: l.packaging,
    packageCount: l.package_count,
    quantity: Number(l.quantity),
    unit: l.unit,
  };
  if (g) {
    return {
      ...base,
      catalogued: true,
      classMismatch: g.hazardClass !== l.hazard_class,
      goods: {
        nameZh: g.nameZh,
        nameEn: g.nameEn,
        hazardClass: g.hazardClass,
        compatibilityGroup: g.compatibilityGroup,
        subsidiaryRisks: g.subsidiaryRisks,
        packingGroups: g.packingGroups,
        special: g.special,
        physicalState: g.physicalState,
        ergGuide: g.ergGuide,
      },
      card: resolveCard(g.cardKey, g.card) ?? generalCard(l),
    };
  }
  return { ...base, catalogued: false, classMismatch: false, goods: null, card: generalCard(l) };
}

/** A UN number the catalogue lacks still gets a card: the general one of the waybill's class. */
function generalCard(l: LineRow): EmergencyCard {
  const cls = (hazardClasses as readonly string[]).includes(l.hazard_class) ? l.hazard_class : '9';
  const physicalState = cls.startsWith('2') ? 'gas' : l.unit === 'L' ? 'liquid' : 'solid';
  return resolveCard(defaultCardKey({ hazardClass: cls, subsidiaryRisks: [], physicalState }), null)!;
}
