import type { PassThroughBody } from './pass-through.js';
import type { MessageCodec } from './types.js';

/** 0x8900 数据下行透传. */
export interface DownlinkPassThrough extends PassThroughBody {
  type: 'downlinkPassThrough';
}

export const downlinkPassThrough: MessageCodec<DownlinkPassThrough> = {
  id: 0x8900,
  type: 'downlinkPassThrough',
  decode: (r) => ({ type: 'downlinkPassThrough', passThroughType: r.u8(), data: r.rest() }),
  encode: (w, m) => void w.u8(m.passThroughType).bytes(m.data),
};
