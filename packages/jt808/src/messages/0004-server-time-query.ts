import type { MessageCodec } from './types.js';

/** 0x0004 查询服务器时间请求 (2019) (empty body). */
export interface ServerTimeQuery {
  type: 'serverTimeQuery';
}

export const serverTimeQuery: MessageCodec<ServerTimeQuery> = {
  id: 0x0004,
  type: 'serverTimeQuery',
  decode: () => ({ type: 'serverTimeQuery' }),
  encode: () => undefined,
};
