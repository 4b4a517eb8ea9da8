/**
 * Pure builders of the waybill pages: status colours, check results in the order a person acts
 * on them, the weighbridge's net mass, and form values ↔ the API body (POST/PUT /api/waybills).
 */
import type { Lang } from '../i18n/dict.js';
import type { CheckResult, Finding, Waybill, WaybillLine, WaybillStatus } from './types.js';

export const statusColours: Record<WaybillStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  check_failed: 'error',
  checked: 'success',
  loading: 'cyan',
  in_transit: 'blue',
  unloaded: 'purple',
  closed: 'default',
  cancelled: 'warning',
};

/** A finding's or check result's text in the console's language. */
export const messageOf = (f: Pick<Finding, 'messageZh' | 'messageEn'>, lang: Lang): string =>
  lang === 'en' ? f.messageEn : f.messageZh;

export type CheckGroup = 'error' | 'warning' | 'passed';

/** Failed errors first, then failed warnings, then what passed; the server's order within each. */
export function groupChecks(results: readonly CheckResult[]): { group: CheckGroup; items: CheckResult[] }[] {
  const groupOf = (r: CheckResult): CheckGroup =>
    r.passed ? 'passed' : r.severity === 'warning' ? 'warning' : 'error';
  const order: CheckGroup[] = ['error', 'warning', 'passed'];
  return order
    .map((group) => ({ group, items: results.filter((r) => groupOf(r) === group) }))
    .filter((g) => g.items.length > 0);
}

/** Net mass from the weighbridge's gross and tare (kg); null until both are positive and gross > tare. */
export function netKg(gross: number | null | undefined, tare: number | null | undefined): number | null {
  if (gross == null || tare == null || !Number.isFinite(gross) || !Number.isFinite(tare)) return null;
  if (gross <= 0 || tare <= 0 || gross <= tare) return null;
  return gross - tare;
}

/** The carrier's step buttons from the waybill's `actions`, in lifecycle order (edit and cancel apart). */
export const stepActions = ['start_loading', 'depart', 'arrive', 'close'] as const;
export type StepAction = (typeof stepActions)[number];
export function availableSteps(actions: readonly string[]): StepAction[] {
  return stepActions.filter((a) => actions.includes(a));
}

export interface LineValues {
  unNumber?: string;
  name?: string;
  hazardClass?: string;
  packingGroup?: 'I' | 'II' | 'III' | null;
  packaging?: string;
  packageCount?: number | null;
  quantity?: number | null;
  unit?: 'kg' | 'L';
}

export interface WaybillFormValues {
  consignorName?: string;
  consignorPhone?: string;
  consigneeName?: string;
  consigneePhone?: string;
  loaderName?: string;
  loaderPhone?: string;
  vehicleId?: string;
  trailerId?: string;
  tankId?: string;
  driverId?: string;
  escortId?: string;
  originName?: string;
  destinationName?: string;
  /** `YYYY-MM-DDTHH:mm` local time (an <input type="datetime-local">). */
  plannedDeparture?: string;
  plannedArrival?: string;
  publicSecurityPermitNo?: string;
  remarks?: string;
  lines?: LineValues[];
}

export const formFieldNames = [
  'consignorName',
  'consignorPhone',
  'consigneeName',
  'consigneePhone',
  'loaderName',
  'loaderPhone',
  'vehicleId',
  'trailerId',
  'tankId',
  'driverId',
  'escortId',
  'originName',
  'destinationName',
  'plannedDeparture',
  'plannedArrival',
  'publicSecurityPermitNo',
  'remarks',
  'lines',
] as const;

const text = (v: string | undefined): string => (v ?? '').trim();
const optional = (v: string | undefined): string | null => (v && v.trim() ? v.trim() : null);

/** `YYYY-MM-DDTHH:mm` in the browser's zone → ISO instant; '' → null. */
export function localToIso(v: string | undefined): string | null {
  if (!v) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** ISO instant → `YYYY-MM-DDTHH:mm` in the browser's zone. */
export function isoToLocal(v: string | null | undefined): string | undefined {
  if (!v) return undefined;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) return undefined;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The API body: the waybill's editable fields. */
export type WaybillBody = Pick<Waybill, Exclude<(typeof formFieldNames)[number], 'lines'>> & {
  lines: WaybillLine[];
};

/** The API body from the form; null while the fields the schema requires are missing (no check yet). */
export function toBody(v: WaybillFormValues): WaybillBody | null {
  const departure = localToIso(v.plannedDeparture);
  const lines = (v.lines ?? [])
    .filter((l) => l && text(l.unNumber))
    .map((l) => ({
      unNumber: text(l.unNumber),
      name: text(l.name),
      hazardClass: text(l.hazardClass),
      packingGroup: l.packingGroup ?? null,
      packaging: text(l.packaging) || 'tank',
      packageCount: l.packageCount ?? null,
      quantity: Number(l.quantity ?? 0),
      unit: l.unit ?? 'kg',
    }));
  if (!v.vehicleId || !departure || lines.length === 0) return null;
  return {
    consignorName: text(v.consignorName),
    consignorPhone: text(v.consignorPhone),
    consigneeName: text(v.consigneeName),
    consigneePhone: text(v.consigneePhone),
    loaderName: optional(v.loaderName),
    loaderPhone: optional(v.loaderPhone),
    vehicleId: v.vehicleId,
    trailerId: v.trailerId || null,
    tankId: v.tankId || null,
    driverId: v.driverId || null,
    escortId: v.escortId || null,
    originName: text(v.originName),
    destinationName: text(v.destinationName),
    plannedDeparture: departure,
    plannedArrival: localToIso(v.plannedArrival),
    publicSecurityPermitNo: optional(v.publicSecurityPermitNo),
    remarks: optional(v.remarks),
    lines,
  };
}

/** Form values from a saved waybill (editing a draft or a waybill that failed its checks). */
export function toFormValues(w: Waybill): WaybillFormValues {
  const orUndefined = (s: string | null) => s ?? undefined;
  return {
    consignorName: w.consignorName,
    consignorPhone: w.consignorPhone,
    consigneeName: w.consigneeName,
    consigneePhone: w.consigneePhone,
    loaderName: orUndefined(w.loaderName),
    loaderPhone: orUndefined(w.loaderPhone),
    vehicleId: w.vehicleId,
    trailerId: orUndefined(w.trailerId),
    tankId: orUndefined(w.tankId),
    driverId: orUndefined(w.driverId),
    escortId: orUndefined(w.escortId),
    originName: w.originName,
    destinationName: w.destinationName,
    plannedDeparture: isoToLocal(w.plannedDeparture),
    plannedArrival: isoToLocal(w.plannedArrival),
    publicSecurityPermitNo: orUndefined(w.publicSecurityPermitNo),
    remarks: orUndefined(w.remarks),
    lines: w.lines.map((l) => ({
      unNumber: l.unNumber,
      name: l.name,
      hazardClass: l.hazardClass,
      packingGroup: l.packingGroup,
      packaging: l.packaging,
      packageCount: l.packageCount,
      quantity: l.quantity,
      unit: l.unit,
    })),
  };
}

/** A waybill list query from the filters: empty values dropped, dates as the day's bounds in China time. */
export function listQuery(f: {
  status?: string;
  plate?: string;
  number?: string;
  fromDay?: string;
  toDay?: string;
}): Record<string, string | undefined> {
  return {
    status: f.status || undefined,
    plate: f.plate?.trim() || undefined,
    number: f.number?.trim() || undefined,
    from: f.fromDay ? `${f.fromDay}T00:00:00+08:00` : undefined,
    to: f.toDay ? new Date(Date.parse(`${f.toDay}T00:00:00+08:00`) + 86_400_000).toISOString() : undefined,
  };
}

/** The goods picker's option text: UN number, name, class and packing groups. */
export function goodsOptionLabel(
  g: { unNumber: string; nameZh: string; nameEn: string; hazardClass: string; packingGroups: string[] },
  lang: Lang,
): string {
  const name = lang === 'en' ? g.nameEn : g.nameZh;
  const pg = g.packingGroups.length ? ` · PG ${g.packingGroups.join('/')}` : '';
  return `UN${g.unNumber} ${name} · ${lang === 'en' ? 'class' : '类别'} ${g.hazardClass}${pg}`;
}

/** One box for a plate or a waybill number (YD + digits): which one was typed. */
export function lookupOf(text: string): { plate: string } | { waybillNumber: string } | null {
  const v = text.trim().toUpperCase().replace(/\s+/g, '');
  if (!v) return null;
  return /^YD\d{6,}$/.test(v) ? { waybillNumber: v } : { plate: v };
}
