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

/** 0x8604 设置多边形区域: id DWORD, attributes WORD, [time], [speed], vertex count WORD, vertices, [2019 name]. */
export interface SetPolygonArea extends AreaLimits {
  type: 'setPolygonArea';
  id: number;
  attributes: number;
  vertices: LatLon[];
  /** 2019 only. */
  name?: string;
}

export const setPolygonArea: MessageCodec<SetPolygonArea> = {
  id: 0x8604,
  type: 'setPolygonArea',
  decode: (r, h) => {
    const id = r.u32();
    const attributes = r.u16();
    const m: SetPolygonArea = { type: 'setPolygonArea', id, attributes, vertices: [] };
    readTimeWindow(r, attributes, m);
    readSpeed(r, attributes, h.edition, m);
    const n = r.u16();
    for (let i = 0; i < n; i++) m.vertices.push(readPoint(r));
    if (h.edition === 2019) m.name = r.text16();
    return m;
  },
  encode: (w, m, edition) => {
    w.u32(m.id).u16(m.attributes);
    writeTimeWindow(w, m.attributes, m);
    writeSpeed(w, m.attributes, edition, m);
    w.u16(m.vertices.length);
    for (const v of m.vertices) writePoint(w, v);
    if (edition === 2019) w.text16(m.name ?? '');
  },
};
