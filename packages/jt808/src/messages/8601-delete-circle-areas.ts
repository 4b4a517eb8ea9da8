import { readIds, writeIds } from './areas.js';
import type { MessageCodec } from './types.js';

/** 0x8601 删除圆形区域: count BYTE (0 deletes all), then ids DWORD each. */
export interface DeleteCircleAreas {
  type: 'deleteCircleAreas';
  ids: number[];
}

export const deleteCircleAreas: MessageCodec<DeleteCircleAreas> = {
  id: 0x8601,
  type: 'deleteCircleAreas',
  decode: (r) => ({ type: 'deleteCircleAreas', ids: readIds(r) }),
  encode: (w, m) => writeIds(w, m.ids),
};
