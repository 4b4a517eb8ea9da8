import type { ExtraCodec } from './types.js';

/** 0x03 行驶记录功能获取的速度: WORD, 1/10 km/h. */
export interface RecorderSpeedExtra {
  kind: 'recorderSpeed';
  kmh: number;
}

export const recorderSpeed: ExtraCodec<RecorderSpeedExtra> = {
  id: 0x03,
  kind: 'recorderSpeed',
  fits: (n) => n === 2,
  decode: (r) => ({ kind: 'recorderSpeed', kmh: r.u16() / 10 }),
  encode: (w, e) => void w.u16(Math.round(e.kmh * 10)),
};
