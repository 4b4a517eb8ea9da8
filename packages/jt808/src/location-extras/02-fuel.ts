import type { ExtraCodec } from './types.js';

/** 0x02 油量: WORD, 1/10 L. */
export interface FuelExtra {
  kind: 'fuel';
  liters: number;
}

export const fuel: ExtraCodec<FuelExtra> = {
  id: 0x02,
  kind: 'fuel',
  fits: (n) => n === 2,
  decode: (r) => ({ kind: 'fuel', liters: r.u16() / 10 }),
  encode: (w, e) => void w.u16(Math.round(e.liters * 10)),
};
