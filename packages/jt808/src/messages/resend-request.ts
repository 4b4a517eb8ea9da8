// Shared body of 0x8003 / 0x0005 补传分包请求: original serial WORD, count (2013 BYTE, 2019 WORD),
// then the package indexes (包序号, from 1) to send again, WORD each.
import type { Edition } from '../header.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

export interface ResendBody {
  /** Serial of the first package of the original message. */
  originalSerial: number;
  packetIndexes: number[];
}

export function readResend(r: Reader, edition: Edition): ResendBody {
  const originalSerial = r.u16();
  const count = edition === 2019 ? r.u16() : r.u8();
  const packetIndexes: number[] = [];
  for (let i = 0; i < count; i++) packetIndexes.push(r.u16());
  return { originalSerial, packetIndexes };
}

export function writeResend(w: Writer, m: ResendBody, edition: Edition): void {
  // The count is a BYTE in 2013: more than 255 indexes cannot be asked for in one message.
  const n = Math.min(m.packetIndexes.length, edition === 2019 ? 0xffff : 0xff);
  w.u16(m.originalSerial);
  if (edition === 2019) w.u16(n);
  else w.u8(n);
  for (let i = 0; i < n; i++) w.u16(m.packetIndexes[i]!);
}
