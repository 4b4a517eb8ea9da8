/**
 * Which drawn item of a vehicle batch a click hits (pure): the nearest dot or cluster whose
 * circle (stroke included) holds the point, or null. Positions are mercator offsets from the
 * batch's origin, as drawn (vehicle-batch.ts).
 */
import { ITEM_BYTES, type VehicleBatch } from './vehicle-batch.js';

export interface Hit {
  /** The item's id: a vehicle serial (≥ 0) or −1 − cluster id. */
  id: number;
  /** Its mercator position (0..1). */
  x: number;
  y: number;
}

/**
 * x, y: the click in mercator (0..1); worldPx: CSS pixels across the world at the map's zoom
 * (512 × 2^zoom), so distances compare with radii in CSS px; slopPx: extra reach for a finger.
 */
export function pickAt(batch: VehicleBatch, x: number, y: number, worldPx: number, slopPx = 2): Hit | null {
  const f32 = new Float32Array(batch.items);
  const u8 = new Uint8Array(batch.items);
  let best = -1;
  let bestD = Infinity;
  for (let i = 0; i < batch.count; i++) {
    const ix = batch.originX + f32[(i * ITEM_BYTES) / 4]!;
    const iy = batch.originY + f32[(i * ITEM_BYTES) / 4 + 1]!;
    const d = Math.hypot(ix - x, iy - y) * worldPx;
    const reach = u8[i * ITEM_BYTES + 16]! + u8[i * ITEM_BYTES + 17]! + slopPx;
    if (d <= reach && d < bestD) {
      best = i;
      bestD = d;
    }
  }
  if (best < 0) return null;
  return {
    id: batch.ids[best]!,
    x: batch.originX + f32[(best * ITEM_BYTES) / 4]!,
    y: batch.originY + f32[(best * ITEM_BYTES) / 4 + 1]!,
  };
}

/** Where an item is in a batch, by id (the selected vehicle's ring), or null. */
export function findItem(batch: VehicleBatch, id: number): { x: number; y: number } | null {
  const i = batch.ids.indexOf(id);
  if (i < 0) return null;
  const f32 = new Float32Array(batch.items, i * ITEM_BYTES, 2);
  return { x: batch.originX + f32[0]!, y: batch.originY + f32[1]! };
}
