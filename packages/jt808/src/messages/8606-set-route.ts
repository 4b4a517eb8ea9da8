import { readPoint, readTimeWindow, writePoint, writeTimeWindow, type LatLon } from './areas.js';
import type { MessageCodec } from './types.js';

/**
 * A route turning point (拐点). Segment attribute bit0: driving-time thresholds present (too long WORD s,
 * too short WORD s); bit1: speed limit present (max WORD km/h, duration BYTE s, 2019 night max WORD).
 */
export interface RoutePoint extends LatLon {
  pointId: number;
  segmentId: number;
  widthM: number;
  segmentAttributes: number;
  maxDrivingS?: number;
  minDrivingS?: number;
  maxSpeedKmh?: number;
  overspeedDurationS?: number;
  nightMaxSpeedKmh?: number;
}

/** 0x8606 设置路线: id DWORD, attributes WORD, [time window], point count WORD, points, [2019 name]. */
export interface SetRoute {
  type: 'setRoute';
  id: number;
  attributes: number;
  startTime?: string;
  endTime?: string;
  points: RoutePoint[];
  /** 2019 only. */
  name?: string;
}

export const setRoute: MessageCodec<SetRoute> = {
  id: 0x8606,
  type: 'setRoute',
  decode: (r, h) => {
    const id = r.u32();
    const attributes = r.u16();
    const m: SetRoute = { type: 'setRoute', id, attributes, points: [] };
    readTimeWindow(r, attributes, m);
    const n = r.u16();
    for (let i = 0; i < n; i++) {
      const pointId = r.u32();
      const segmentId = r.u32();
      const { latitude, longitude } = readPoint(r);
      const p: RoutePoint = {
        pointId,
        segmentId,
        latitude,
        longitude,
        widthM: r.u8(),
        segmentAttributes: r.u8(),
      };
      if (p.segmentAttributes & 1) {
        p.maxDrivingS = r.u16();
        p.minDrivingS = r.u16();
      }
      if (p.segmentAttributes & 2) {
        p.maxSpeedKmh = r.u16();
        p.overspeedDurationS = r.u8();
        if (h.edition === 2019) p.nightMaxSpeedKmh = r.u16();
      }
      m.points.push(p);
    }
    if (h.edition === 2019) m.name = r.text16();
    return m;
  },
  encode: (w, m, edition) => {
    w.u32(m.id).u16(m.attributes);
    writeTimeWindow(w, m.attributes, m);
    w.u16(m.points.length);
    for (const p of m.points) {
      w.u32(p.pointId).u32(p.segmentId);
      writePoint(w, p);
      w.u8(p.widthM).u8(p.segmentAttributes);
      if (p.segmentAttributes & 1) w.u16(p.maxDrivingS ?? 0).u16(p.minDrivingS ?? 0);
      if (p.segmentAttributes & 2) {
        w.u16(p.maxSpeedKmh ?? 0).u8(p.overspeedDurationS ?? 0);
        if (edition === 2019) w.u16(p.nightMaxSpeedKmh ?? 0);
      }
    }
    if (edition === 2019) w.text16(m.name ?? '');
  },
};
