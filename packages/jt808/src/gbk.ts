// GBK text (JT/T 808 §4.2: STRING is GBK). Decoding uses the platform's WHATWG TextDecoder; there is no
// GBK TextEncoder, so the encoder table is built once, on first use, by inverting the decoder over the
// double-byte range (lead 0x81–0xFE, trail 0x40–0xFE except 0x7F).

const decoder = new TextDecoder('gbk');
let table: Uint16Array | undefined;

/** Decodes GBK bytes. Invalid sequences become U+FFFD; never throws. */
export function decodeGbk(bytes: Uint8Array, start = 0, end = bytes.length): string {
  // Pure ASCII is the common case (device IDs, IMEI, versions): skip the decoder.
  let ascii = true;
  for (let i = start; i < end; i++) {
    if (bytes[i]! >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    let s = '';
    for (let i = start; i < end; i++) s += String.fromCharCode(bytes[i]!);
    return s;
  }
  return decoder.decode(bytes.subarray(start, end));
}

function buildTable(): Uint16Array {
  const t = new Uint16Array(65536);
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    pair[0] = lead;
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[1] = trail;
      const s = decoder.decode(pair);
      if (s.length !== 1) continue;
      const c = s.charCodeAt(0);
      if (c === 0xfffd || t[c] !== 0) continue;
      t[c] = (lead << 8) | trail;
    }
  }
  t[0x20ac] = 0x80; // WHATWG gbk maps 0x80 to €
  return t;
}

/** Number of bytes `text` takes in GBK. */
export function gbkLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++)
    n += text.charCodeAt(i) < 0x80 ? 1 : encodeChar(text.charCodeAt(i)) > 0xff ? 2 : 1;
  return n;
}

function encodeChar(c: number): number {
  if (c < 0x80) return c;
  table ??= buildTable();
  const code = table[c]!;
  return code === 0 ? 0x3f : code; // unmappable → '?'
}

/** Encodes text as GBK into `out` at `pos`; returns the new position. Unmappable characters become '?'. */
export function writeGbk(out: Uint8Array, pos: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    const code = encodeChar(text.charCodeAt(i));
    if (code > 0xff) {
      out[pos++] = code >> 8;
      out[pos++] = code & 0xff;
    } else out[pos++] = code;
  }
  return pos;
}

export function encodeGbk(text: string): Uint8Array {
  const out = new Uint8Array(gbkLength(text));
  writeGbk(out, 0, text);
  return out;
}
