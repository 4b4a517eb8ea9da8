import type { ExtraCodec } from './types.js';

/** 0x17 存储器故障报警状态 (JT/T 1078): WORD, bits 0–11 main storage 1–12, bits 12–15 backup storage 1–4. */
export interface StorageFaultExtra {
  kind: 'storageFault';
  bits: number;
}

export const storageFault: ExtraCodec<StorageFaultExtra> = {
  id: 0x17,
  kind: 'storageFault',
  fits: (n) => n === 2,
  decode: (r) => ({ kind: 'storageFault', bits: r.u16() }),
  encode: (w, e) => void w.u16(e.bits),
};
