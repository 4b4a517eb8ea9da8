import type { PassThroughBody } from './pass-through.js';
import type { MessageCodec } from './types.js';

/** 0x0900 数据上行透传. */
export interface UplinkPassThrough extends PassThroughBody {
  type: 'uplinkPassThrough';
}

export const uplinkPassThrough: MessageCodec<UplinkPassThrough> = {
  id: 0x0900,
  type: 'uplinkPassThrough',
  decode: (r) => ({ type: 'uplinkPassThrough', passThroughType: r.u8(), data: r.rest() }),
  encode: (w, m) => void w.u8(m.passThroughType).bytes(m.data),
};
