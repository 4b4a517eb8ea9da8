import { readLocation, writeLocation, type Location } from './location.js';
import type { MessageCodec } from './types.js';

/** 0x0201 位置信息查询应答: reply serial WORD + a 0x0200 body. */
export interface LocationQueryResponse {
  type: 'locationQueryResponse';
  replySerial: number;
  location: Location;
}

export const locationQueryResponse: MessageCodec<LocationQueryResponse> = {
  id: 0x0201,
  type: 'locationQueryResponse',
  decode: (r) => {
    const replySerial = r.u16();
    return { type: 'locationQueryResponse', replySerial, location: readLocation(r, r.end, true) };
  },
  encode: (w, m) => writeLocation(w.u16(m.replySerial), m.location, true),
};
