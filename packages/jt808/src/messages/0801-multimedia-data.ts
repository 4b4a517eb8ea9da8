import { readLocation, writeLocation, type Location, LOCATION_BASIC_LENGTH } from './location.js';
import { readMultimediaHead, writeMultimediaHead, type MultimediaHead } from './multimedia.js';
import type { MessageCodec } from './types.js';

/**
 * 0x0801 多媒体数据上传: the 0x0800 head, the 28-byte location basic information at capture start,
 * then the media bytes (kept raw). Large media arrives sub-packaged: decode the reassembled body.
 */
export interface MultimediaData extends MultimediaHead {
  type: 'multimediaData';
  location: Location;
  data: Uint8Array;
}

export const multimediaData: MessageCodec<MultimediaData> = {
  id: 0x0801,
  type: 'multimediaData',
  decode: (r) => {
    const head = readMultimediaHead(r);
    const location = readLocation(r, r.pos + LOCATION_BASIC_LENGTH, false);
    return { type: 'multimediaData', ...head, location, data: r.rest() };
  },
  encode: (w, m) => {
    writeMultimediaHead(w, m);
    writeLocation(w, m.location, false);
    w.bytes(m.data);
  },
};
