/**
 * TypeBox schemas of the waybill API (OpenAPI) and the presenters from rows. The body schema
 * checks types and lengths; formats with zh/en reasons (phones, UN numbers, times) are checked
 * by validation.ts so a person sees why in their language.
 */
import { Type, type Static, type TObject } from '@sinclair/typebox';
import { checkCodes, type CheckCode } from './check-codes.js';
import { carrierActions, waybillStatuses } from './lifecycle.js';
import type { EventRow, LineRow, WaybillRow } from './repository.js';

const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) =>
  Type.Optional(Type.Union([t, Type.Null()]));
const Text = (max: number) => Type.String({ maxLength: max });
const Id = Type.String({ format: 'uuid' });
const NullableNumber = Type.Optional(Type.Union([Type.Number(), Type.Null()]));

export const LineBody = Type.Object(
  {
    unNumber: Type.String({ maxLength: 8, description: 'UN编号, four digits' }),
    name: Text(200),
    hazardClass: Type.String({ maxLength: 8, description: '类别/项别: 3, 2.1, 6.1' }),
    packingGroup: Type.Optional(Type.Union([lit(['I', 'II', 'III'] as const), Type.Null()])),
    packaging: Type.String({
      maxLength: 100,
      description: "包装规格: 'tank' for tank goods, else the package",
    }),
    packageCount: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 1_000_000 }), Type.Null()])),
    quantity: Type.Number({ description: 'kg or L' }),
    unit: lit(['kg', 'L'] as const),
  },
  { additionalProperties: false },
);

export const WaybillBody = Type.Object(
  {
    consignorName: Text(100),
    consignorPhone: Text(30),
    consigneeName: Text(100),
    consigneePhone: Text(30),
    loaderName: Nullable(Text(100)),
    loaderPhone: Nullable(Text(30)),
    vehicleId: Id,
    trailerId: Nullable(Id),
    tankId: Nullable(Id),
    driverId: Nullable(Id),
    escortId: Nullable(Id),
    originName: Text(200),
    originPlaceId: Nullable(Id),
    originLon: NullableNumber,
    originLat: NullableNumber,
    destinationName: Text(200),
    destinationPlaceId: Nullable(Id),
    destinationLon: NullableNumber,
    destinationLat: NullableNumber,
    route: Type.Optional(
      Type.Union([
        Type.Object({
          type: Type.Literal('LineString'),
          coordinates: Type.Array(Type.Array(Type.Number(), { minItems: 2, maxItems: 3 }), {
            maxItems: 5000,
          }),
        }),
        Type.Null(),
      ]),
    ),
    routeCorridorM: Type.Optional(Type.Union([Type.Integer({ minimum: 50, maximum: 10_000 }), Type.Null()])),
    plannedDeparture: Type.String({ format: 'date-time' }),
    plannedArrival: Nullable(Type.String({ format: 'date-time' })),
    dispatcherName: Nullable(Text(50)),
    dispatchedAt: Nullable(Type.String({ format: 'date-time' })),
    publicSecurityPermitNo: Nullable(Text(100)),
    remarks: Nullable(Text(2000)),
    lines: Type.Array(LineBody, { minItems: 1, maxItems: 50 }),
  },
  { additionalProperties: false },
);
export type WaybillBodyT = Static<typeof WaybillBody>;

export const CheckResultSchema = Type.Object({
  code: Type.String(),
  passed: Type.Boolean(),
  severity: Type.String({ description: 'error | warning' }),
  messageZh: Type.String(),
  messageEn: Type.String(),
  detail: Type.Object({}, { additionalProperties: true }),
});

const LineSchema = Type.Object({
  lineNo: Type.Integer(),
  unNumber: Type.String(),
  name: Type.String(),
  hazardClass: Type.String(),
  packingGroup: Type.Union([Type.String(), Type.Null()]),
  packaging: Type.String(),
  packageCount: Type.Union([Type.Integer(), Type.Null()]),
  quantity: Type.Number(),
  unit: Type.String(),
});

const S = Type.String();
const NS = Type.Union([Type.String(), Type.Null()]);
const NN = Type.Union([Type.Number(), Type.Null()]);

// Typed loosely: a 50-field response schema makes Fastify's type provider recurse too deep;
// OpenAPI and serialisation still get every field.
export const WaybillSchema: TObject = Type.Object({
  id: S,
  number: S,
  status: Type.String({ description: waybillStatuses.join(' | ') }),
  enterpriseId: S,
  enterpriseName: NS,
  districtCode: S,
  consignorName: S,
  consignorPhone: S,
  consigneeName: S,
  consigneePhone: S,
  loaderName: NS,
  loaderPhone: NS,
  vehicleId: S,
  plate: NS,
  trailerId: NS,
  trailerPlate: NS,
  tankId: NS,
  driverId: NS,
  escortId: NS,
  originName: S,
  originPlaceId: NS,
  originLon: NN,
  originLat: NN,
  destinationName: S,
  destinationPlaceId: NS,
  destinationLon: NN,
  destinationLat: NN,
  route: Type.Union([
    Type.Object({ type: Type.String(), coordinates: Type.Array(Type.Array(Type.Number())) }),
    Type.Null(),
  ]),
  routeCorridorM: NN,
  plannedDeparture: S,
  plannedArrival: NS,
  dispatcherName: NS,
  dispatchedAt: NS,
  publicSecurityPermitNo: NS,
  remarks: NS,
  checkResults: Type.Union([Type.Array(CheckResultSchema), Type.Null()]),
  checkedAt: NS,
  departedAt: NS,
  arrivedAt: NS,
  closedAt: NS,
  cancelReason: NS,
  version: Type.Integer(),
  createdAt: S,
  updatedAt: S,
  lines: Type.Array(LineSchema),
  /** What the carrier may do next (for the console's buttons). */
  actions: Type.Array(S),
});

export const EventSchema = Type.Object({
  id: S,
  action: S,
  fromStatus: NS,
  toStatus: S,
  actorId: NS,
  actorRole: NS,
  note: NS,
  detail: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  at: S,
});

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

export interface WaybillLine {
  lineNo: number;
  unNumber: string;
  name: string;
  hazardClass: string;
  packingGroup: 'I' | 'II' | 'III' | null;
  packaging: string;
  packageCount: number | null;
  quantity: number;
  unit: 'kg' | 'L';
}

export const presentLine = (l: LineRow): WaybillLine => ({
  lineNo: Number(l.line_no),
  unNumber: l.un_number,
  name: l.name,
  hazardClass: l.hazard_class,
  packingGroup: l.packing_group,
  packaging: l.packaging,
  packageCount: l.package_count === null ? null : Number(l.package_count),
  quantity: Number(l.quantity),
  unit: l.unit,
});

export function presentWaybill(r: WaybillRow, lines: readonly LineRow[]) {
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name ?? null,
    districtCode: r.district_code,
    consignorName: r.consignor_name,
    consignorPhone: r.consignor_phone,
    consigneeName: r.consignee_name,
    consigneePhone: r.consignee_phone,
    loaderName: r.loader_name,
    loaderPhone: r.loader_phone,
    vehicleId: r.vehicle_id,
    plate: r.plate ?? null,
    trailerId: r.trailer_id,
    trailerPlate: r.trailer_plate ?? null,
    tankId: r.tank_id,
    driverId: r.driver_id,
    escortId: r.escort_id,
    originName: r.origin_name,
    originPlaceId: r.origin_place_id,
    originLon: r.origin_lon,
    originLat: r.origin_lat,
    destinationName: r.destination_name,
    destinationPlaceId: r.destination_place_id,
    destinationLon: r.destination_lon,
    destinationLat: r.destination_lat,
    route: r.route,
    routeCorridorM: r.route_corridor_m,
    plannedDeparture: iso(r.planned_departure)!,
    plannedArrival: iso(r.planned_arrival),
    dispatcherName: r.dispatcher_name,
    dispatchedAt: iso(r.dispatched_at),
    publicSecurityPermitNo: r.public_security_permit_no,
    remarks: r.remarks,
    checkResults: r.check_results,
    checkedAt: iso(r.checked_at),
    departedAt: iso(r.departed_at),
    arrivedAt: iso(r.arrived_at),
    closedAt: iso(r.closed_at),
    cancelReason: r.cancel_reason,
    version: Number(r.version),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    lines: lines.map(presentLine),
    actions: carrierActions(r.status),
  };
}
export type WaybillView = ReturnType<typeof presentWaybill>;

export const presentEvent = (e: EventRow) => ({
  id: String(e.id),
  action: e.action,
  fromStatus: e.from_status,
  toStatus: e.to_status,
  actorId: e.actor_id,
  actorRole: e.actor_role,
  note: e.note,
  detail: e.detail,
  at: iso(e.at)!,
});

/** The check-code catalogue for the console. */
export const checkCodeList = () =>
  (Object.keys(checkCodes) as CheckCode[]).map((code) => ({ code, ...checkCodes[code] }));

export const CheckCodeSchema = Type.Object({
  code: S,
  severity: Type.String({ description: 'error | warning' }),
  titleZh: S,
  titleEn: S,
  failZh: S,
  failEn: S,
});
