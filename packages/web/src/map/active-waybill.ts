/**
 * The vehicle card's active waybill (电子运单), from GET /api/waybills?vehicleId= (the scoped
 * list; a vehicle or trailer has at most one waybill that is checked, loading or in transit).
 */
import type { Waybill, WaybillStatus } from '../waybills/types.js';

/** What the waybills module counts as active (modules/waybills/lifecycle.ts). */
export const activeStatuses: readonly WaybillStatus[] = ['checked', 'loading', 'in_transit'];

/** The list's waybill with the crew the server adds from the archive (modules/waybills/schemas.ts). */
export type CardWaybill = Waybill & { driverName?: string | null; escortName?: string | null };

export interface Placard {
  /** UN编号 on the orange plate. */
  unNumber: string;
  /** 类别/项别 on the diamond label: '3', '2.1'. */
  hazardClass: string;
  name: string;
}

export function activeWaybill(items: readonly CardWaybill[]): CardWaybill | null {
  return items.find((w) => activeStatuses.includes(w.status)) ?? null;
}

/** One placard per distinct UN number of the goods lines, in line order. */
export function placardsOf(w: Pick<Waybill, 'lines'>): Placard[] {
  const seen = new Set<string>();
  const out: Placard[] = [];
  for (const l of w.lines) {
    if (seen.has(l.unNumber)) continue;
    seen.add(l.unNumber);
    out.push({ unNumber: l.unNumber, hazardClass: l.hazardClass, name: l.name });
  }
  return out;
}

/** Archive ids are UUIDs; a live vehicle that is not in the archive has no waybill to ask for. */
export const isArchiveId = (id: string): boolean =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
