import type { MessageCodec } from './types.js';

/** 0x8104 查询终端参数 (empty body). */
export interface QueryParameters {
  type: 'queryParameters';
}

export const queryParameters: MessageCodec<QueryParameters> = {
  id: 0x8104,
  type: 'queryParameters',
  decode: () => ({ type: 'queryParameters' }),
  encode: () => undefined,
};
