/** The API shapes of live vehicles (TypeBox schemas and the presenter). */
import { Type, type Static } from '@sinclair/typebox';
import type { LiveVehicle } from './live.js';
import { alarmNames, statusNames } from './position.js';

export const LiveVehicleSchema = Type.Object({
  vehicleId: Type.String(),
  terminalId: Type.String(),
  deviceTime: Type.String({ format: 'date-time' }),
  receivedAt: Type.String({ format: 'date-time' }),
  lastSeenAt: Type.String({ format: 'date-time', description: 'Latest receipt of any fix, valid or not' }),
  lat: Type.Number({ description: 'WGS-84 degrees' }),
  lon: Type.Number({ description: 'WGS-84 degrees' }),
  speed: Type.Number({ description: 'km/h' }),
  heading: Type.Number({ description: 'degrees from north' }),
  altitude: Type.Number({ description: 'metres' }),
  mileage: Type.Union([Type.Number(), Type.Null()], { description: 'km' }),
  alarms: Type.Array(Type.String(), { description: 'JT/T 808 table 24 alarm names' }),
  flags: Type.Array(Type.String(), { description: 'JT/T 808 table 25 status names' }),
  status: Type.Union([Type.Literal('online'), Type.Literal('offline')]),
});
export type LiveVehicleView = Static<typeof LiveVehicleSchema>;

export function presentLive(v: LiveVehicle): LiveVehicleView {
  return {
    vehicleId: v.vehicleId,
    terminalId: v.terminalId,
    deviceTime: v.deviceTime.toISOString(),
    receivedAt: v.receivedAt.toISOString(),
    lastSeenAt: v.lastSeenAt.toISOString(),
    lat: v.lat,
    lon: v.lon,
    speed: v.speed,
    heading: v.heading,
    altitude: v.altitude,
    mileage: v.mileage,
    alarms: alarmNames(v.alarmBits),
    flags: statusNames(v.statusBits),
    status: v.status,
  };
}
