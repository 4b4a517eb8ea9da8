import {
  readPoint,
  readSpeed,
  readTimeWindow,
  writePoint,
  writeSpeed,
  writeTimeWindow,
  type AreaLimits,
  type LatLon,
} from './areas.js';
import type { MessageCodec } from './types.js';

export interface RectangleArea extends AreaLimits {
  id: number;
  attributes: number;
  topLeft: LatLon;
  bottomRight: LatLon;
  /** 2019 only. */
  name?: string;
}

/** 0x8602 设置矩形区域: action BYTE, count BYTE, areas. */
export interface SetRectangleAreas {
  type: 'setRectangleAreas';
  action: number;
  areas: RectangleArea[];
}

export const setRectangleAreas: MessageCodec<SetRectangleAreas> = {
  id: 0x8602,
  type: 'setRectangleAreas',
  decode: (r, h) => {
    const action = r.u8();
    const n = r.u8();
    const areas: RectangleArea[] = [];
    for (let i = 0; i < n; i++) {
      const id = r.u32();
      const attributes = r.u16();
      const a: RectangleArea = { id, attributes, topLeft: readPoint(r), bottomRight: readPoint(r) };
      readTimeWindow(r, attributes, a);
      readSpeed(r, attributes, h.edition, a);
      if (h.edition === 2019) a.name = r.text16();
      areas.push(a);
    }
    return { type: 'setRectangleAreas', action, areas };
  },
  encode: (w, m, edition) => {
    w.u8(m.action).u8(m.areas.length);
    for (const a of m.areas) {
      w.u32(a.id).u16(a.attributes);
      writePoint(w, a.topLeft);
      writePoint(w, a.bottomRight);
      writeTimeWindow(w, a.attributes, a);
      writeSpeed(w, a.attributes, edition, a);
      if (edition === 2019) w.text16(a.name ?? '');
    }
  },
};
