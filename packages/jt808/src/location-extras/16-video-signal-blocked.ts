import type { ExtraCodec } from './types.js';

/** 0x16 视频信号遮挡报警状态 (JT/T 1078): DWORD, bit n = logical channel n+1. */
export interface VideoSignalBlockedExtra {
  kind: 'videoSignalBlocked';
  channels: number;
}

export const videoSignalBlocked: ExtraCodec<VideoSignalBlockedExtra> = {
  id: 0x16,
  kind: 'videoSignalBlocked',
  fits: (n) => n === 4,
  decode: (r) => ({ kind: 'videoSignalBlocked', channels: r.u32() }),
  encode: (w, e) => void w.u32(e.channels),
};
