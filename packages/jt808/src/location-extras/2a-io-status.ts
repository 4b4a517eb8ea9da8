import type { ExtraCodec } from './types.js';

/** 0x2A IO状态位: WORD, bit0 深度休眠 (deep sleep), bit1 休眠 (sleep). */
export interface IoStatusExtra {
  kind: 'ioStatus';
  bits: number;
}

export const ioStatus: ExtraCodec<IoStatusExtra> = {
  id: 0x2a,
  kind: 'ioStatus',
  fits: (n) => n === 2,
  decode: (r) => ({ kind: 'ioStatus', bits: r.u16() }),
  encode: (w, e) => void w.u16(e.bits),
};
