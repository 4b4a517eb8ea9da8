// Growable big-endian writer for message bodies. One per encode call; bodies are small (≤ 1023 bytes
// per package, JT/T 808 §4.4.3), so the initial 256 bytes rarely grow.
import { gbkLength, writeGbk } from './gbk.js';
import { toBcd } from './reader.js';

const GMT8_MS = 8 * 3600 * 1000;

export class Writer {
  buf: Uint8Array;
  pos = 0;

  constructor(size = 256) {
    this.buf = new Uint8Array(size);
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  u8(v: number): this {
    this.ensure(1);
    this.buf[this.pos++] = v;
    return this;
  }

  u16(v: number): this {
    this.ensure(2);
    this.buf[this.pos++] = v >>> 8;
    this.buf[this.pos++] = v;
    return this;
  }

  u32(v: number): this {
    this.ensure(4);
    const b = this.buf;
    b[this.pos++] = v >>> 24;
    b[this.pos++] = v >>> 16;
    b[this.pos++] = v >>> 8;
    b[this.pos++] = v;
    return this;
  }

  bytes(v: Uint8Array): this {
    this.ensure(v.length);
    this.buf.set(v, this.pos);
    this.pos += v.length;
    return this;
  }

  /** Fixed-size field: GBK text, right-padded with 0x00 (or truncated) to n bytes. */
  text(v: string, n: number): this {
    this.ensure(Math.max(n, gbkLength(v)));
    const start = this.pos;
    const end = writeGbk(this.buf, start, v);
    if (end - start > n) this.buf.fill(0, start + n, end);
    else this.buf.fill(0, end, start + n);
    this.pos = start + n;
    return this;
  }

  /** Variable GBK text without a length prefix. */
  rawText(v: string): this {
    this.ensure(gbkLength(v));
    this.pos = writeGbk(this.buf, this.pos, v);
    return this;
  }

  text8(v: string): this {
    const n = Math.min(gbkLength(v), 0xff);
    return this.u8(n).text(v, n);
  }

  text16(v: string): this {
    const n = Math.min(gbkLength(v), 0xffff);
    return this.u16(n).text(v, n);
  }

  /** Decimal digits as BCD, left-padded with zeros to n bytes. Non-digits are written as 0. */
  bcd(digits: string, n: number): this {
    this.ensure(n);
    const want = n * 2;
    const s =
      digits.length >= want ? digits.slice(digits.length - want) : '0'.repeat(want - digits.length) + digits;
    for (let i = 0; i < n; i++)
      this.buf[this.pos++] = (hex(s.charCodeAt(2 * i)) << 4) | hex(s.charCodeAt(2 * i + 1));
    return this;
  }

  /** Epoch ms UTC → BCD[6] YYMMDDhhmmss in GMT+8 (JT/T 808 §4.1). null writes zeros. */
  time6(ms: number | null): this {
    this.ensure(6);
    if (ms === null || !Number.isFinite(ms)) {
      this.buf.fill(0, this.pos, this.pos + 6);
      this.pos += 6;
      return this;
    }
    const d = new Date(ms + GMT8_MS);
    this.u8(toBcd(d.getUTCFullYear() % 100));
    this.u8(toBcd(d.getUTCMonth() + 1));
    this.u8(toBcd(d.getUTCDate()));
    this.u8(toBcd(d.getUTCHours()));
    this.u8(toBcd(d.getUTCMinutes()));
    return this.u8(toBcd(d.getUTCSeconds()));
  }

  result(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }
}

function hex(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return 0;
}
