import type { MessageCodec } from './types.js';

/** 0x0003 终端注销 (empty body). */
export interface Logout {
  type: 'logout';
}

export const logout: MessageCodec<Logout> = {
  id: 0x0003,
  type: 'logout',
  decode: () => ({ type: 'logout' }),
  encode: () => undefined,
};
