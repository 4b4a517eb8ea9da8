import type { ExtraCodec } from './types.js';

/** 0x30 无线通信网络信号强度: BYTE. */
export interface SignalStrengthExtra {
  kind: 'signalStrength';
  value: number;
}

export const signalStrength: ExtraCodec<SignalStrengthExtra> = {
  id: 0x30,
  kind: 'signalStrength',
  fits: (n) => n === 1,
  decode: (r) => ({ kind: 'signalStrength', value: r.u8() }),
  encode: (w, e) => void w.u8(e.value),
};
