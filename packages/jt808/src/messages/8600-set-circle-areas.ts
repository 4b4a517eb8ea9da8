import {
  readPoint,
  readSpeed,
  readTimeWindow,
  writePoint,
  writeSpeed,
  writeTimeWindow,
  type AreaLimits,
} from './areas.js';
import type { MessageCodec } from './types.js';

export interface CircleArea extends AreaLimits {
  id: number;
  attributes: number;
  latitude: number;
  longitude: number;
  radiusM: number;
  /** 2019 only. */
  name?: string;
}

/** 0x8600 设置圆形区域: action BYTE, count BYTE, areas. */
export interface SetCircleAreas {
  type: 'setCircleAreas';
  action: number;
  areas: CircleArea[];
}

export const setCircleAreas: MessageCodec<SetCircleAreas> = {
  id: 0x8600,
  type: 'setCircleAreas',
  decode: (r, h) => {
    const action = r.u8();
    const n = r.u8();
    const areas: CircleArea[] = [];
    for (let i = 0; i < n; i++) {
      const id = r.u32();
      const attributes = r.u16();
      const c = readPoint(r);
      const a: CircleArea = {
        id,
        attributes,
        latitude: c.latitude,
        longitude: c.longitude,
        radiusM: r.u32(),
      };
      readTimeWindow(r, attributes, a);
      readSpeed(r, attributes, h.edition, a);
      if (h.edition === 2019) a.name = r.text16();
      areas.push(a);
    }
    return { type: 'setCircleAreas', action, areas };
  },
  encode: (w, m, edition) => {
    w.u8(m.action).u8(m.areas.length);
    for (const a of m.areas) {
      w.u32(a.id).u16(a.attributes);
      writePoint(w, a);
      w.u32(a.radiusM);
      writeTimeWindow(w, a.attributes, a);
      writeSpeed(w, a.attributes, edition, a);
      if (edition === 2019) w.text16(a.name ?? '');
    }
  },
};
