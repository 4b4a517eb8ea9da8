/** What the filling-site and checkpoint services share: input checks, the lookup view, events. */
import { AppError } from '../../errors.js';
import type { Actor } from '../../platform/auth.js';
import { consistentRead, type Db } from '../../platform/db/db.js';
import { scopeWhere, type ScopeColumns } from '../../platform/scope.js';
import type { RequestContext } from '../accounts/audit.js';
import { checkPlate, normalizePlate } from '../archives/validation/plate.js';
import { plannedKg, type Finding, type Subject } from './assess.js';
import type { VerificationAlarmType, VerificationEvent } from './events.js';
import type { PlaceRow, SubjectQuery } from './subject.js';

export type Acting = RequestContext & { actor: Actor };

/** The plate as the archive stores it, or a 400 naming the field. */
export function validPlate(input: string, field = 'plate'): string {
  const plate = normalizePlate(input);
  const problem = checkPlate(plate);
  if (problem) throw new AppError('VERIFICATION_PLATE_INVALID', { field, plate: input, problem });
  return plate;
}

/** Lookup by plate (with colour, yellow by default) or by waybill number. */
export function subjectQuery(q: {
  plate?: string;
  plateColour?: number;
  waybillNumber?: string;
}): SubjectQuery {
  if (q.waybillNumber?.trim()) return { waybillNumber: q.waybillNumber.trim() };
  if (q.plate?.trim()) return { plate: validPlate(q.plate), plateColour: q.plateColour ?? 2 };
  throw new AppError('VERIFICATION_LOOKUP_REQUIRED');
}

/** The vehicle, waybill, people and certificates as the operator or officer sees them. */
export function presentSubject(s: Subject, today: string) {
  const certsOf = (id: string | undefined) =>
    s.certificates
      .filter((c) => c.holderId === id)
      .map((c) => ({
        kind: c.kind,
        number: c.number,
        category: c.category,
        validUntil: c.validUntil,
        valid: c.validUntil >= today,
      }));
  const vehicle = (v: Subject['vehicle']) =>
    v && {
      id: v.id,
      plate: v.plate,
      plateColour: v.plateColour,
      vehicleType: v.vehicleType,
      enterpriseId: v.enterpriseId,
      enterpriseName: v.enterpriseName,
      filingStatus: v.filingStatus,
      operatingStatus: v.operatingStatus,
      scopeClasses: v.scopeClasses,
      ratedLoadKg: v.ratedLoadKg,
      certificates: certsOf(v.id),
    };
  const person = (p: Subject['driver']) =>
    p && {
      id: p.id,
      name: p.name,
      role: p.role,
      phone: p.phone,
      photoUrl: p.photoUrl,
      filingStatus: p.filingStatus,
      employmentStatus: p.employmentStatus,
      certificates: certsOf(p.id),
    };
  const w = s.waybill;
  return {
    plate: s.plate,
    plateColour: s.plateColour,
    vehicle: vehicle(s.vehicle),
    trailer: vehicle(s.trailer),
    tank: s.tank && { ...s.tank, certificates: certsOf(s.tank.id) },
    driver: person(s.driver),
    escort: person(s.escort),
    waybill: w && {
      id: w.id,
      number: w.number,
      status: w.status,
      checkResults: w.checkResults,
      plannedKg: plannedKg(w.lines).kg,
      lines: w.lines.map((l) => ({
        lineNo: l.lineNo,
        unNumber: l.unNumber,
        name: l.name,
        hazardClass: l.hazardClass,
        quantity: l.quantity,
        unit: l.unit,
        densityKgPerL: l.goods?.densityKgPerL ?? null,
      })),
    },
  };
}

/** Where a record belongs: the vehicle's company and district, else the place's district. */
export function ownerOf(s: Subject, place: PlaceRow): { enterpriseId: string | null; districtCode: string } {
  return s.vehicle
    ? { enterpriseId: s.vehicle.enterpriseId, districtCode: s.vehicle.districtCode }
    : { enterpriseId: null, districtCode: place.district_code };
}

/** One event per alarm type found (several expired certificates make one alarm listing them all). */
export function eventsFor(
  recordKind: 'filling' | 'checkpoint',
  recordId: string,
  types: Map<VerificationAlarmType, Finding[]>,
  base: { s: Subject; place: PlaceRow; at: Date; measured?: number | null; threshold?: number | null },
): VerificationEvent[] {
  const owner = ownerOf(base.s, base.place);
  return [...types].map(([type, findings]) => ({
    id: `${recordKind}/${recordId}/${type}`,
    type,
    at: base.at.toISOString(),
    plate: base.s.plate,
    plateColour: base.s.plateColour,
    vehicleId: base.s.vehicle?.id ?? null,
    enterpriseId: owner.enterpriseId,
    districtCode: owner.districtCode,
    waybillId: base.s.waybill?.id ?? null,
    driverId: base.s.driver?.id ?? null,
    place: {
      id: base.place.id,
      kind: base.place.kind,
      name: base.place.name,
      lat: Number(base.place.centre_lat),
      lon: Number(base.place.centre_lon),
    },
    measured: type === 'overfill' ? (base.measured ?? null) : null,
    threshold: type === 'overfill' ? (base.threshold ?? null) : null,
    unit: type === 'overfill' ? 'kg' : null,
    detail: { recordKind, recordId, waybillNumber: base.s.waybill?.number ?? null, findings },
  }));
}

/**
 * One page of a record table in the actor's scope with equality filters, newest first. At a place
 * (`placeColumn`) the scope is the operator's site or checkpoint; otherwise the vehicle's company
 * and district.
 */
export async function listScoped<R>(
  db: Db,
  actor: Actor,
  q: {
    table: 'filling_records' | 'checkpoint_passes';
    columns: string;
    orderBy: string;
    scope: ScopeColumns;
    filters: Record<string, string | undefined>;
  },
  page: { limit: number; offset: number },
): Promise<{ items: R[]; total: number }> {
  const params: unknown[] = [];
  const where = [scopeWhere(actor, q.scope, params)];
  for (const [col, v] of Object.entries(q.filters)) {
    if (v === undefined) continue;
    params.push(v);
    where.push(`${col} = $${params.length}`);
  }
  const w = where.join(' AND ');
  // The count and the page from one snapshot (see consistentRead): sites and checkpoints write
  // while people read.
  return consistentRead(db, async (tx) => {
    const total = await tx.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM ${q.table} WHERE ${w}`,
      params,
    );
    const { rows } = await tx.query<R>(
      `SELECT ${q.columns} FROM ${q.table} WHERE ${w}
        ORDER BY ${q.orderBy} DESC, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, page.limit, page.offset],
    );
    return { items: rows, total: Number(total.rows[0]?.n ?? 0) };
  });
}
