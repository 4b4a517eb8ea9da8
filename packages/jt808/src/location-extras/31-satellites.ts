import type { ExtraCodec } from './types.js';

/** 0x31 GNSS 定位卫星数: BYTE. */
export interface SatellitesExtra {
  kind: 'satellites';
  count: number;
}

export const satellites: ExtraCodec<SatellitesExtra> = {
  id: 0x31,
  kind: 'satellites',
  fits: (n) => n === 1,
  decode: (r) => ({ kind: 'satellites', count: r.u8() }),
  encode: (w, e) => void w.u8(e.count),
};
