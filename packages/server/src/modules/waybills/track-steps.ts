/**
 * Track-driven lifecycle steps, pure: a vehicle with an active waybill departs once it has been
 * at the loading place and is then outside it (checked | loading → in_transit), and arrives once
 * it has stayed at the destination for the dwell time (in_transit → unloaded). A place counts by
 * its polygon or by the radius around its centre; bare coordinates by the radius.
 */
import { distanceM, pointInRing } from '../../rules/geo.js';
import type { WaybillStatus } from './lifecycle.js';

export interface Area {
  /** Flat [lon, lat, …] ring of a filed place's polygon, when the waybill names a place. */
  ring: number[] | null;
  lat: number;
  lon: number;
}

export interface Watch {
  waybillId: string;
  vehicleId: string;
  status: WaybillStatus;
  origin: Area | null;
  destination: Area | null;
  /** Seen at the loading place since the waybill became active (loading implies it). */
  seenAtOrigin: boolean;
  /** Device time (ms) of the first fix of the current stay at the destination. */
  atDestinationSince: number | null;
  /** Device time (ms) of the last fix looked at: older fixes arrive late and are ignored. */
  lastFixAt: number;
  /** A step was taken and awaits the refresh from the database. */
  pending: boolean;
}

export interface TrackParams {
  departureRadiusM: number;
  arrivalRadiusM: number;
  arrivalDwellMs: number;
}

export interface Fix {
  lat: number;
  lon: number;
  /** Device time, ms. */
  at: number;
}

export function inArea(a: Area, f: Fix, radiusM: number): boolean {
  if (a.ring && pointInRing(f.lat, f.lon, a.ring)) return true;
  return distanceM(a.lat, a.lon, f.lat, f.lon) <= radiusM;
}

/** Applies one fix to a watch (mutating it) and returns the step it calls for, if any. */
export function stepWatch(w: Watch, f: Fix, p: TrackParams): 'depart' | 'arrive' | null {
  if (w.pending || f.at < w.lastFixAt) return null;
  w.lastFixAt = f.at;
  if ((w.status === 'checked' || w.status === 'loading') && w.origin) {
    if (inArea(w.origin, f, p.departureRadiusM)) {
      w.seenAtOrigin = true;
      return null;
    }
    if (!w.seenAtOrigin) return null;
    w.pending = true;
    return 'depart';
  }
  if (w.status === 'in_transit' && w.destination) {
    if (!inArea(w.destination, f, p.arrivalRadiusM)) {
      w.atDestinationSince = null;
      return null;
    }
    w.atDestinationSince ??= f.at;
    if (f.at - w.atDestinationSince < p.arrivalDwellMs) return null;
    w.pending = true;
    return 'arrive';
  }
  return null;
}
