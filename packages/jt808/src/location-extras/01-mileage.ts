import type { ExtraCodec } from './types.js';

/** 0x01 里程: DWORD, 1/10 km (JT/T 808-2019 Table 27). */
export interface MileageExtra {
  kind: 'mileage';
  km: number;
}

export const mileage: ExtraCodec<MileageExtra> = {
  id: 0x01,
  kind: 'mileage',
  fits: (n) => n === 4,
  decode: (r) => ({ kind: 'mileage', km: r.u32() / 10 }),
  encode: (w, e) => void w.u32(Math.round(e.km * 10)),
};
