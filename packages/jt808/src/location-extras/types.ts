import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

/** One 0x0200 additional item (附加信息): id BYTE, length BYTE, value. */
export interface ExtraCodec<E extends { kind: string }> {
  id: number;
  kind: E['kind'];
  /** Whether a stated length has this item's layout; otherwise the item is kept raw. */
  fits(length: number): boolean;
  /** Reads exactly `length` bytes. */
  decode(r: Reader, length: number): E;
  encode(w: Writer, e: E): void;
}
