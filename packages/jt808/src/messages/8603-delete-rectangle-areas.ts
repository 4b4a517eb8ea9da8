import { readIds, writeIds } from './areas.js';
import type { MessageCodec } from './types.js';

/** 0x8603 删除矩形区域: count BYTE (0 deletes all), then ids DWORD each. */
export interface DeleteRectangleAreas {
  type: 'deleteRectangleAreas';
  ids: number[];
}

export const deleteRectangleAreas: MessageCodec<DeleteRectangleAreas> = {
  id: 0x8603,
  type: 'deleteRectangleAreas',
  decode: (r) => ({ type: 'deleteRectangleAreas', ids: readIds(r) }),
  encode: (w, m) => writeIds(w, m.ids),
};
