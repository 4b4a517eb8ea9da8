import type { MessageCodec } from './types.js';

/** 0x8107 查询终端属性 (empty body). */
export interface QueryAttributes {
  type: 'queryAttributes';
}

export const queryAttributes: MessageCodec<QueryAttributes> = {
  id: 0x8107,
  type: 'queryAttributes',
  decode: () => ({ type: 'queryAttributes' }),
  encode: () => undefined,
};
