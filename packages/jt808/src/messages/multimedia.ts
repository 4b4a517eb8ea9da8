// Shared 5-byte head of 0x0800 and 0x0801 (JT/T 808-2019 §8.53–8.54).
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

export interface MultimediaHead {
  mediaId: number;
  /** 多媒体类型: 0 image, 1 audio, 2 video. */
  mediaType: number;
  /** 多媒体格式编码: 0 JPEG, 1 TIF, 2 MP3, 3 WAV, 4 WMV. */
  format: number;
  /** 事件项编码: 0 platform command, 1 timed, 2 robbery alarm, 3 collision/rollover, 4 door open, 5 door close, 6 door closed and speed over 20 km/h, 7 distance. */
  event: number;
  channel: number;
}

export function readMultimediaHead(r: Reader): MultimediaHead {
  return { mediaId: r.u32(), mediaType: r.u8(), format: r.u8(), event: r.u8(), channel: r.u8() };
}

export function writeMultimediaHead(w: Writer, m: MultimediaHead): void {
  w.u32(m.mediaId).u8(m.mediaType).u8(m.format).u8(m.event).u8(m.channel);
}
