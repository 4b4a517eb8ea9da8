import type { MessageCodec } from './types.js';

/**
 * 0x8004 查询服务器时间应答 (2019): UTC time BCD[6] YYMMDDhhmmss. Unlike every other time in the
 * standard this one is UTC, not GMT+8 (yezhihao/jt808-server T8004 "UTC时间"), so it is written
 * without the +8 h shift.
 */
export interface ServerTime {
  type: 'serverTime';
  /** Epoch ms UTC; null if the BCD is not a date. */
  time: number | null;
}

const GMT8_MS = 8 * 3600 * 1000;

export const serverTime: MessageCodec<ServerTime> = {
  id: 0x8004,
  type: 'serverTime',
  decode: (r) => {
    const t = r.time6();
    return { type: 'serverTime', time: t === null ? null : t + GMT8_MS };
  },
  encode: (w, m) => void w.time6(m.time === null ? null : m.time - GMT8_MS),
};
