/**
 * The detectors, in the order they run on every fix. Data quality comes first: it decides
 * whether the others see the fix at all. The order is also the order of events within a fix.
 */
import type { Detector } from '../detector.js';
import { bans } from './bans.js';
import { dataQuality } from './data-quality.js';
import { deviceAlarms } from './device-alarms.js';
import { driverIdentity } from './driver-identity.js';
import { driverQualification } from './driver-qualification.js';
import { fatigue } from './fatigue.js';
import { geofence } from './geofence.js';
import { noWaybill } from './no-waybill.js';
import { offline } from './offline.js';
import { overspeed } from './overspeed.js';
import { parking } from './parking.js';
import { routeDeviation } from './route-deviation.js';
import { trip } from './trip.js';

// Each detector's state type is its own; the engine treats states as opaque JSON.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDetector = Detector<any>;

export const detectors: readonly AnyDetector[] = [
  dataQuality,
  offline,
  deviceAlarms,
  overspeed,
  fatigue,
  geofence,
  bans,
  parking,
  routeDeviation,
  noWaybill,
  driverIdentity,
  driverQualification,
  trip,
];
