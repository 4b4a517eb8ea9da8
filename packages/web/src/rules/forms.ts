/**
 * Between the geofence and ban-window forms and the API bodies of /api/rules. Pure. Each body
 * is complete (create and change alike), so fields a kind does not use are sent as null and the
 * server's merged check sees what the form shows. A county's rows are its district's: it never
 * sends a district; the city sends its choice (null = city-wide).
 */
import type { Shape } from '../geo/shapes.js';
import type { BanWindow, Geofence, GeofenceKind } from './types.js';

/** The district select's value for "city-wide". */
export const CITY_WIDE = 'city';

export interface GeofenceValues {
  kind: GeofenceKind;
  name: string;
  districtCode?: string;
  roadClass?: 'expressway' | 'other' | null;
  postedLimitKmh?: number | null;
  priority?: number | null;
  goodsClasses?: string[];
  active?: boolean;
  remarks?: string;
}

const text = (v: string | undefined | null): string | null => v?.trim() || null;

export function toGeofenceValues(g: Geofence | undefined): Partial<GeofenceValues> {
  if (!g) return { kind: 'ban_zone', active: true, priority: 0, districtCode: CITY_WIDE };
  return {
    kind: g.kind,
    name: g.name,
    districtCode: g.districtCode ?? CITY_WIDE,
    roadClass: g.roadClass,
    postedLimitKmh: g.postedLimitKmh,
    priority: g.priority,
    goodsClasses: g.goodsClasses ?? [],
    active: g.active,
    remarks: g.remarks ?? '',
  };
}

export function toGeofenceBody(
  v: GeofenceValues,
  shape: Shape,
  opts: { city: boolean; version?: number },
): Record<string, unknown> {
  const speed = v.kind === 'speed_zone';
  const body: Record<string, unknown> = {
    kind: v.kind,
    name: v.name.trim(),
    shape,
    roadClass: speed ? (v.roadClass ?? null) : null,
    postedLimitKmh: speed ? (v.postedLimitKmh ?? null) : null,
    priority: v.priority ?? 0,
    active: v.active ?? true,
    remarks: text(v.remarks),
  };
  // Sent only when there are some: the server's schema coerces a null list to [""], which it refuses.
  if (v.kind === 'restricted_zone' && v.goodsClasses?.length) body.goodsClasses = v.goodsClasses;
  if (opts.city) body.districtCode = !v.districtCode || v.districtCode === CITY_WIDE ? null : v.districtCode;
  if (opts.version !== undefined) body.version = opts.version;
  return body;
}

export interface BanValues {
  name: string;
  districtCode?: string;
  zoneIds: string[];
  goodsClasses?: string[];
  /** China time as the datetime-local input spells it: YYYY-MM-DDTHH:mm. */
  periods?: { from?: string; to?: string }[];
  daily?: { start?: string; end?: string }[];
  weekdays?: number[];
  enterpriseId?: string | null;
  basis?: string;
  active?: boolean;
}

const CHINA_MS = 8 * 3_600_000;

/** '2026-12-01T08:30' (China time) → '2026-12-01T00:30:00.000Z'; unreadable input is kept for the server to refuse. */
export function chinaLocalToIso(local: string): string {
  const t = Date.parse(`${local}:00+08:00`);
  return Number.isFinite(t) ? new Date(t).toISOString() : local;
}

export function isoToChinaLocal(iso: string): string {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? new Date(t + CHINA_MS).toISOString().slice(0, 16) : iso;
}

export function toBanValues(b: BanWindow | undefined): Partial<BanValues> {
  if (!b) return { active: true, zoneIds: [], daily: [], periods: [], weekdays: [], districtCode: CITY_WIDE };
  return {
    name: b.name,
    districtCode: b.districtCode ?? CITY_WIDE,
    zoneIds: b.zoneIds,
    goodsClasses: b.goodsClasses ?? [],
    periods: b.periods.map((p) => ({ from: isoToChinaLocal(p.from), to: isoToChinaLocal(p.to) })),
    daily: b.daily,
    weekdays: b.weekdays ?? [],
    enterpriseId: b.enterpriseId,
    basis: b.basis ?? '',
    active: b.active,
  };
}

export function toBanBody(v: BanValues, opts: { city: boolean; version?: number }): Record<string, unknown> {
  const daily = (v.daily ?? []).map((w) => ({ start: w.start ?? '', end: w.end ?? '' }));
  const body: Record<string, unknown> = {
    name: v.name.trim(),
    zoneIds: v.zoneIds,
    periods: (v.periods ?? []).map((p) => ({
      from: chinaLocalToIso(p.from ?? ''),
      to: chinaLocalToIso(p.to ?? ''),
    })),
    daily,
    enterpriseId: v.enterpriseId || null,
    basis: text(v.basis),
    active: v.active ?? true,
  };
  // Lists only when they hold something (a null list is coerced to [""] by the server's schema).
  if (v.goodsClasses?.length) body.goodsClasses = v.goodsClasses;
  // Weekdays qualify daily windows only; with none they are left out (every day).
  if (v.weekdays?.length) body.weekdays = [...v.weekdays].sort((a, b) => a - b);
  if (opts.city) body.districtCode = !v.districtCode || v.districtCode === CITY_WIDE ? null : v.districtCode;
  if (opts.version !== undefined) body.version = opts.version;
  return body;
}
