import { readIds, writeIds } from './areas.js';
import type { MessageCodec } from './types.js';

/** 0x8605 删除多边形区域: count BYTE (0 deletes all), then ids DWORD each. */
export interface DeletePolygonAreas {
  type: 'deletePolygonAreas';
  ids: number[];
}

export const deletePolygonAreas: MessageCodec<DeletePolygonAreas> = {
  id: 0x8605,
  type: 'deletePolygonAreas',
  decode: (r) => ({ type: 'deletePolygonAreas', ids: readIds(r) }),
  encode: (w, m) => writeIds(w, m.ids),
};
