import type { ExtraCodec } from './types.js';

/** 0x2B 模拟量: DWORD, bits 0–15 AD0, bits 16–31 AD1. */
export interface AnalogExtra {
  kind: 'analog';
  ad0: number;
  ad1: number;
}

export const analog: ExtraCodec<AnalogExtra> = {
  id: 0x2b,
  kind: 'analog',
  fits: (n) => n === 4,
  decode: (r) => {
    const v = r.u32();
    return { kind: 'analog', ad0: v & 0xffff, ad1: v >>> 16 };
  },
  encode: (w, e) => void w.u16(e.ad1).u16(e.ad0),
};
