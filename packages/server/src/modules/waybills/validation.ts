/**
 * Field validation of a waybill body, with stable reasons in zh-CN and English. The pure part
 * (formats, quantities, times) is here; the archive part (the vehicle is the carrier's powered
 * vehicle, the driver has the driver role, …) is `archiveProblems` in the repository.
 */

export interface FieldProblem {
  field: string;
  reason: WaybillReason;
}

export const waybillReasons = {
  required: { zh: '必填', en: 'is required' },
  'phone.format': {
    zh: '电话格式不正确 (手机号或带区号的固定电话)',
    en: 'is not a phone number (a mobile number or a landline with area code)',
  },
  'un.format': { zh: 'UN编号应为4位数字', en: 'a UN number has four digits' },
  'class.format': {
    zh: '类别/项别格式不正确 (如 3、2.1、6.1)',
    en: 'is not a class or division (such as 3, 2.1, 6.1)',
  },
  'quantity.range': {
    zh: '数量应大于0且不超过999,999,999',
    en: 'must be above 0 and at most 999,999,999',
  },
  'time.order': { zh: '计划到达时间应晚于计划起运时间', en: 'must be after the planned departure' },
  'time.past': {
    zh: '计划起运时间不能早于一天前',
    en: 'must not be more than a day in the past',
  },
  'coordinates.pair': {
    zh: '经纬度须同时填写，且在中国境内 (WGS-84)',
    en: 'longitude and latitude go together and lie in China (WGS-84)',
  },
  'route.invalid': {
    zh: '计划路线应为 GeoJSON LineString (WGS-84)，至少两个点',
    en: 'must be a GeoJSON LineString in WGS-84 with at least two points',
  },
  'escort.same_as_driver': { zh: '押运员不能与驾驶员为同一人', en: 'cannot be the driver' },
  'trailer.same_as_vehicle': { zh: '挂车不能与车辆相同', en: 'cannot be the vehicle itself' },
  'vehicle.not_found': {
    zh: '不是本企业的车辆',
    en: 'is not a vehicle of your company',
  },
  'vehicle.is_trailer': {
    zh: '应选择牵引车或罐式货车，挂车请填在挂车栏',
    en: 'must be a powered vehicle, not a trailer',
  },
  'trailer.not_trailer': { zh: '所选车辆不是挂车', en: 'is not a trailer' },
  'trailer.needs_tractor': { zh: '挂车须由牵引车牵引', en: 'a trailer needs a tractor as the vehicle' },
  'tank.not_on_vehicle': { zh: '罐体不属于所选车辆或挂车', en: 'is not the tank of the vehicle or trailer' },
  'person.not_found': { zh: '不是本企业的从业人员', en: 'is not a person of your company' },
  'person.not_driver': { zh: '该人员不是驾驶员', en: 'does not have the driver role' },
  'person.not_escort': { zh: '该人员不是押运员', en: 'does not have the escort role' },
  'place.not_found': { zh: '地点不存在', en: 'is not a known place' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type WaybillReason = keyof typeof waybillReasons;

/** The body of a create, an update or a dry-run check. */
export interface WaybillInput {
  consignorName: string;
  consignorPhone: string;
  consigneeName: string;
  consigneePhone: string;
  loaderName?: string | null;
  loaderPhone?: string | null;
  vehicleId: string;
  trailerId?: string | null;
  tankId?: string | null;
  driverId?: string | null;
  escortId?: string | null;
  originName: string;
  originPlaceId?: string | null;
  originLon?: number | null;
  originLat?: number | null;
  destinationName: string;
  destinationPlaceId?: string | null;
  destinationLon?: number | null;
  destinationLat?: number | null;
  route?: { type: 'LineString'; coordinates: number[][] } | null;
  routeCorridorM?: number | null;
  plannedDeparture: string;
  plannedArrival?: string | null;
  dispatcherName?: string | null;
  dispatchedAt?: string | null;
  publicSecurityPermitNo?: string | null;
  remarks?: string | null;
  lines: LineInput[];
}

export interface LineInput {
  unNumber: string;
  name: string;
  hazardClass: string;
  packingGroup?: 'I' | 'II' | 'III' | null;
  packaging: string;
  packageCount?: number | null;
  quantity: number;
  unit: 'kg' | 'L';
}

// Mainland mobile (11 digits, 1[3-9]…) or landline with area code (0427-1234567), optional +86.
const PHONE = /^(\+?86[- ]?)?(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/;
const UN = /^\d{4}$/;
const CLASS = /^[1-9](\.[1-6])?$/;
const MAX_QUANTITY = 999_999_999;
const blank = (s: string | null | undefined): boolean => s === undefined || s === null || s.trim() === '';

// Mainland China bounds of the national assessment's validity ranges (position.ts).
const inChina = (lon: number, lat: number): boolean =>
  lon >= 73.55 && lon <= 135.09 && lat >= 3.85 && lat <= 53.55;

/** Problems a person can fix in the body itself, in field order. */
export function validateWaybill(input: WaybillInput, now: Date): FieldProblem[] {
  const out: FieldProblem[] = [];
  const add = (field: string, reason: WaybillReason) => out.push({ field, reason });
  for (const f of ['consignorName', 'consigneeName', 'originName', 'destinationName'] as const) {
    if (blank(input[f])) add(f, 'required');
  }
  for (const f of ['consignorPhone', 'consigneePhone'] as const) {
    if (blank(input[f])) add(f, 'required');
    else if (!PHONE.test(input[f].replace(/\s/g, ''))) add(f, 'phone.format');
  }
  if (!blank(input.loaderPhone) && !PHONE.test(input.loaderPhone!.replace(/\s/g, '')))
    add('loaderPhone', 'phone.format');
  if (input.trailerId && input.trailerId === input.vehicleId) add('trailerId', 'trailer.same_as_vehicle');
  if (input.escortId && input.escortId === input.driverId) add('escortId', 'escort.same_as_driver');
  for (const end of ['origin', 'destination'] as const) {
    const lon = input[`${end}Lon`];
    const lat = input[`${end}Lat`];
    const given = (lon ?? null) !== null || (lat ?? null) !== null;
    if (given && (lon == null || lat == null || !inChina(lon, lat))) add(`${end}Lon`, 'coordinates.pair');
  }
  if (input.route) {
    const c = input.route.coordinates;
    const ok =
      input.route.type === 'LineString' &&
      Array.isArray(c) &&
      c.length >= 2 &&
      c.every((p) => Array.isArray(p) && p.length >= 2 && inChina(p[0]!, p[1]!));
    if (!ok) add('route', 'route.invalid');
  }
  const departure = Date.parse(input.plannedDeparture);
  if (departure < now.getTime() - 86_400_000) add('plannedDeparture', 'time.past');
  if (input.plannedArrival && Date.parse(input.plannedArrival) <= departure)
    add('plannedArrival', 'time.order');
  input.lines.forEach((l, i) => {
    const at = (f: string) => `lines.${i}.${f}`;
    if (!UN.test(l.unNumber.trim())) add(at('unNumber'), 'un.format');
    if (blank(l.name)) add(at('name'), 'required');
    if (!CLASS.test(l.hazardClass.trim())) add(at('hazardClass'), 'class.format');
    if (blank(l.packaging)) add(at('packaging'), 'required');
    if (!(l.quantity > 0 && l.quantity <= MAX_QUANTITY)) add(at('quantity'), 'quantity.range');
  });
  return out;
}
