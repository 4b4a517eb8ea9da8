import type { MessageCodec } from './types.js';

/** 0x0002 终端心跳 (empty body). */
export interface Heartbeat {
  type: 'heartbeat';
}

export const heartbeat: MessageCodec<Heartbeat> = {
  id: 0x0002,
  type: 'heartbeat',
  decode: () => ({ type: 'heartbeat' }),
  encode: () => undefined,
};
