import type { ExtraCodec } from './types.js';

/** 0x15 视频信号丢失报警状态 (JT/T 1078): DWORD, bit n = logical channel n+1. */
export interface VideoSignalLossExtra {
  kind: 'videoSignalLoss';
  channels: number;
}

export const videoSignalLoss: ExtraCodec<VideoSignalLossExtra> = {
  id: 0x15,
  kind: 'videoSignalLoss',
  fits: (n) => n === 4,
  decode: (r) => ({ kind: 'videoSignalLoss', channels: r.u32() }),
  encode: (w, e) => void w.u32(e.channels),
};
