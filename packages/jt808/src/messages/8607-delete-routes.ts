import { readIds, writeIds } from './areas.js';
import type { MessageCodec } from './types.js';

/** 0x8607 删除路线: count BYTE (0 deletes all), then ids DWORD each. */
export interface DeleteRoutes {
  type: 'deleteRoutes';
  ids: number[];
}

export const deleteRoutes: MessageCodec<DeleteRoutes> = {
  id: 0x8607,
  type: 'deleteRoutes',
  decode: (r) => ({ type: 'deleteRoutes', ids: readIds(r) }),
  encode: (w, m) => writeIds(w, m.ids),
};
