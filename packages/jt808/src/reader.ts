// A small cursor over unescaped bytes (model: pg-protocol's BufferReader). Big-endian per JT/T 808 §4.1.
// Reads past the end throw `DecodeError`; `decodeFrame` turns that into a value, so callers never see it.
import { decodeGbk } from './gbk.js';

export type DecodeErrorCode =
  'truncated' | 'too_short' | 'bad_checksum' | 'bad_escape' | 'body_length_mismatch' | 'bad_value';

/**
 * Thrown inside the decoders and caught at the API edge. Deliberately not an `Error`: capturing a stack
 * trace per malformed frame would make garbage input several times dearer than good input.
 */
export class DecodeError {
  constructor(
    readonly code: DecodeErrorCode,
    readonly message: string,
  ) {}
}

export class Reader {
  constructor(
    public buf: Uint8Array,
    public pos: number,
    public end: number,
  ) {}

  get remaining(): number {
    return this.end - this.pos;
  }

  need(n: number): void {
    if (this.pos + n > this.end)
      throw new DecodeError('truncated', `need ${n} bytes at ${this.pos}, have ${this.end - this.pos}`);
  }

  u8(): number {
    this.need(1);
    return this.buf[this.pos++]!;
  }

  u16(): number {
    this.need(2);
    const b = this.buf;
    const p = this.pos;
    this.pos = p + 2;
    return (b[p]! << 8) | b[p + 1]!;
  }

  u32(): number {
    this.need(4);
    const b = this.buf;
    const p = this.pos;
    this.pos = p + 4;
    return b[p]! * 0x1000000 + ((b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!);
  }

  i16(): number {
    const v = this.u16();
    return v >= 0x8000 ? v - 0x10000 : v;
  }

  /** A copy of the next n bytes (decoded messages never alias the input buffer). */
  bytes(n: number): Uint8Array {
    this.need(n);
    const out = this.buf.slice(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  rest(): Uint8Array {
    return this.bytes(this.end - this.pos);
  }

  /** Fixed-size GBK/ASCII field, trailing 0x00 padding removed. */
  text(n: number): string {
    this.need(n);
    const start = this.pos;
    let e = start + n;
    this.pos = e;
    while (e > start && this.buf[e - 1] === 0) e--;
    return decodeGbk(this.buf, start, e);
  }

  /** Text prefixed by a length BYTE. */
  text8(): string {
    return this.text(this.u8());
  }

  /** Text prefixed by a length WORD. */
  text16(): string {
    return this.text(this.u16());
  }

  restText(): string {
    return this.text(this.end - this.pos);
  }

  /** BCD digits as a string (phone numbers, ICCID, period times). */
  bcd(n: number): string {
    this.need(n);
    const b = this.buf;
    const p = this.pos;
    this.pos = p + n;
    if (n === 6) return phone6(b, p);
    if (n === 10) {
      // The 2019 phone number: one flat string, no concatenation chain.
      return (
        String.fromCharCode(
          D_HI[b[p]!]!,
          D_LO[b[p]!]!,
          D_HI[b[p + 1]!]!,
          D_LO[b[p + 1]!]!,
          D_HI[b[p + 2]!]!,
          D_LO[b[p + 2]!]!,
          D_HI[b[p + 3]!]!,
          D_LO[b[p + 3]!]!,
        ) + phone6(b, p + 4) // the last 6 bytes share the cache with 2013 numbers
      );
    }
    let s = '';
    for (let i = 0; i < n; i++) s += BCD_TEXT[b[p + i]!]!;
    return s;
  }

  /** BCD[6] YYMMDDhhmmss in GMT+8 (JT/T 808 §4.1) → epoch ms UTC, or null when the digits are not a date. */
  time6(): number | null {
    this.need(6);
    const t = bcdTime(this.buf, this.pos);
    this.pos += 6;
    return t;
  }
}

const HEX = '0123456789abcdef';
/** Char code of the high / low nibble of a byte ('a'–'f' for non-decimal nibbles, kept visible rather than dropped). */
const D_HI = new Uint8Array(256);
const D_LO = new Uint8Array(256);
for (let i = 0; i < 256; i++) {
  D_HI[i] = HEX.charCodeAt(i >> 4);
  D_LO[i] = HEX.charCodeAt(i & 15);
}
// The 2013 phone number is on every frame, and a terminal keeps its number: a small direct-mapped
// cache (48-bit value → string) turns most phone decodes into two array reads.
const PHONE_KEYS = new Float64Array(1024).fill(-1);
const PHONE_TEXT: string[] = new Array<string>(1024).fill('');

function phone6(b: Uint8Array, p: number): string {
  const lo = (b[p + 2]! << 24) | (b[p + 3]! << 16) | (b[p + 4]! << 8) | b[p + 5]!;
  const key = ((b[p]! << 8) | b[p + 1]!) * 4294967296 + (lo >>> 0);
  const slot = (lo ^ (lo >>> 10)) & 1023;
  if (PHONE_KEYS[slot] === key) return PHONE_TEXT[slot]!;
  const s = String.fromCharCode(
    D_HI[b[p]!]!,
    D_LO[b[p]!]!,
    D_HI[b[p + 1]!]!,
    D_LO[b[p + 1]!]!,
    D_HI[b[p + 2]!]!,
    D_LO[b[p + 2]!]!,
    D_HI[b[p + 3]!]!,
    D_LO[b[p + 3]!]!,
    D_HI[b[p + 4]!]!,
    D_LO[b[p + 4]!]!,
    D_HI[b[p + 5]!]!,
    D_LO[b[p + 5]!]!,
  );
  PHONE_KEYS[slot] = key;
  PHONE_TEXT[slot] = s;
  return s;
}

const BCD_TEXT: string[] = [];
for (let i = 0; i < 256; i++) BCD_TEXT.push(hexDigit(i >> 4) + hexDigit(i & 15));
function hexDigit(n: number): string {
  return n.toString(16);
}

const GMT8_MS = 8 * 3600 * 1000;

/** BCD byte → 0..99, or -1 when a nibble is not a decimal digit. */
const BCD_VALUE = new Int8Array(256).fill(-1);
for (let hi = 0; hi < 10; hi++) for (let lo = 0; lo < 10; lo++) BCD_VALUE[(hi << 4) | lo] = hi * 10 + lo;

/** Numeric BCD → date, no string building. Returns null for non-decimal nibbles or impossible values. */
export function bcdTime(b: Uint8Array, p: number): number | null {
  const yy = BCD_VALUE[b[p]!]!;
  const mo = BCD_VALUE[b[p + 1]!]!;
  const dd = BCD_VALUE[b[p + 2]!]!;
  const hh = BCD_VALUE[b[p + 3]!]!;
  const mi = BCD_VALUE[b[p + 4]!]!;
  const ss = BCD_VALUE[b[p + 5]!]!;
  if (
    (yy | dd | hh | mi | ss) < 0 ||
    mo < 1 ||
    mo > 12 ||
    dd < 1 ||
    dd > 31 ||
    hh > 23 ||
    mi > 59 ||
    ss > 59
  ) {
    return null;
  }
  return (daysFrom2000(yy, mo, dd) * 86400 + hh * 3600 + mi * 60 + ss) * 1000 + EPOCH_2000_MS - GMT8_MS;
}

const EPOCH_2000_MS = Date.UTC(2000, 0, 1);
// Days before each month in a non-leap year.
const MONTH_DAYS = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

/** Days from 2000-01-01 for a date in 2000–2099 (integer arithmetic: Date.UTC costs more than the rest of a 0x0200). */
function daysFrom2000(yy: number, mo: number, dd: number): number {
  // 2000 is a leap year and 2100 is outside the BCD range, so every 4th year from 2000 is leap.
  const leapsBefore = yy === 0 ? 0 : ((yy - 1) >> 2) + 1;
  const leapDay = (yy & 3) === 0 && mo > 2 ? 1 : 0;
  return yy * 365 + leapsBefore + MONTH_DAYS[mo - 1]! + leapDay + dd - 1;
}

/** Two decimal digits → BCD byte. */
export function toBcd(n: number): number {
  return (((n / 10) | 0) << 4) | (n % 10);
}
