import { DecodeError } from '../reader.js';
import { readLocation, writeLocation, type Location } from './location.js';
import type { MessageCodec } from './types.js';

/**
 * 0x0704 定位数据批量上传: count WORD, data type BYTE (0 正常批量汇报, 1 盲区补报), then per item
 * length WORD + a 0x0200 body.
 */
export interface LocationBatch {
  type: 'locationBatch';
  /** 0 normal batch, 1 blind-area supplement (positions recorded while offline). */
  dataType: number;
  items: Location[];
}

export const locationBatch: MessageCodec<LocationBatch> = {
  id: 0x0704,
  type: 'locationBatch',
  decode: (r) => {
    const count = r.u16();
    const dataType = r.u8();
    const items: Location[] = [];
    for (let i = 0; i < count; i++) {
      const length = r.u16();
      r.need(length);
      const end = r.pos + length;
      if (length < 28) throw new DecodeError('truncated', `batch item ${i} has ${length} bytes`);
      items.push(readLocation(r, end, true));
      r.pos = end;
    }
    return { type: 'locationBatch', dataType, items };
  },
  encode: (w, m) => {
    w.u16(m.items.length).u8(m.dataType);
    for (const item of m.items) {
      const at = w.pos;
      w.u16(0);
      writeLocation(w, item, true);
      const n = w.pos - at - 2;
      w.buf[at] = n >> 8;
      w.buf[at + 1] = n & 0xff;
    }
  },
};
