/** Whether a fix stands in a designated place: a parking lot, chemical park or filling site, or its waybill's loading/unloading places. */
import type { VehicleContext } from '../context.js';
import { distanceM } from '../geo.js';
import type { FenceHits } from '../geofences.js';
import type { LatLon } from '../types.js';

export function inDesignatedPlace(pos: LatLon, hits: FenceHits, ctx: VehicleContext): boolean {
  if (hits.designated) return true;
  const places = ctx.waybill?.places;
  if (places)
    for (const pl of places) if (distanceM(pos.lat, pos.lon, pl.lat, pl.lon) <= pl.radiusM) return true;
  return false;
}
