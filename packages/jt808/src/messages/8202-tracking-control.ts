import type { MessageCodec } from './types.js';

/** 0x8202 临时位置跟踪控制: interval WORD s (0 stops tracking), validity DWORD s. */
export interface TrackingControl {
  type: 'trackingControl';
  intervalS: number;
  validityS: number;
}

export const trackingControl: MessageCodec<TrackingControl> = {
  id: 0x8202,
  type: 'trackingControl',
  decode: (r) => ({ type: 'trackingControl', intervalS: r.u16(), validityS: r.u32() }),
  encode: (w, m) => void w.u16(m.intervalS).u32(m.validityS),
};
