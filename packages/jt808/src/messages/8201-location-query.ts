import type { MessageCodec } from './types.js';

/** 0x8201 位置信息查询 (empty body). */
export interface LocationQuery {
  type: 'locationQuery';
}

export const locationQuery: MessageCodec<LocationQuery> = {
  id: 0x8201,
  type: 'locationQuery',
  decode: () => ({ type: 'locationQuery' }),
  encode: () => undefined,
};
