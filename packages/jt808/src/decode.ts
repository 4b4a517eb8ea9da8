// decodeFrame / decodePacket / decodeBody: bytes in, a value out — `{ ok: true, header, message }` or
// `{ ok: false, error }`. Nothing here throws on input.
import { checksum } from './framer.js';
import { readHeader, type Header } from './header.js';
import { codecById, type Message } from './messages/index.js';
import { DecodeError, Reader, type DecodeErrorCode } from './reader.js';

export interface DecodeFailure {
  code: DecodeErrorCode;
  detail: string;
  /** Present when the header was read, e.g. to answer 0x8001 with result 2 (消息有误). */
  header?: Header;
}

export type DecodeResult =
  { ok: true; header: Header; message: Message } | { ok: false; error: DecodeFailure };

const EMPTY = new Uint8Array(0);

function fail(code: DecodeErrorCode, detail: string, header?: Header): DecodeResult {
  return header ? { ok: false, error: { code, detail, header } } : { ok: false, error: { code, detail } };
}

function failure(e: unknown, header?: Header): DecodeResult {
  if (e instanceof DecodeError) return fail(e.code, e.message, header);
  return fail('bad_value', e instanceof Error ? e.message : String(e), header);
}

/**
 * Decodes one packet as the framer delivers it: header + body, unescaped, without the check byte.
 * Sub-packaged packets become `fragment` messages and encrypted bodies `raw` ones.
 */
// Decoding is synchronous and never re-enters itself, so one reader serves every packet.
const shared = new Reader(new Uint8Array(0), 0, 0);

export function decodePacket(packet: Uint8Array): DecodeResult {
  const r = shared;
  r.buf = packet;
  r.pos = 0;
  r.end = packet.length;
  let header: Header;
  try {
    header = readHeader(r);
  } catch (e) {
    r.buf = EMPTY;
    return failure(e);
  }
  const result = decodeWith(r, header);
  r.buf = EMPTY; // do not keep the caller's packet alive
  return result;
}

/** Decodes a complete body for a header, e.g. a body put together by the reassembler. */
export function decodeBody(header: Header, body: Uint8Array): DecodeResult {
  return decodeWith(new Reader(body, 0, body.length), { ...header, packet: null, bodyLength: body.length });
}

function decodeWith(r: Reader, header: Header): DecodeResult {
  const id = header.messageId;
  if (header.packet !== null) {
    return { ok: true, header, message: { type: 'fragment', id, body: r.rest() } };
  }
  const codec = header.encryption === 0 ? codecById.get(id) : undefined;
  if (codec === undefined) return { ok: true, header, message: { type: 'raw', id, body: r.rest() } };
  try {
    return { ok: true, header, message: codec.decode(r, header) as Message };
  } catch (e) {
    return failure(e, header);
  }
}

/**
 * Decodes one wire frame (as logged: `7e … 7e`, escaped, with the check byte). The flags are optional.
 */
export function decodeFrame(frame: Uint8Array): DecodeResult {
  let start = 0;
  let end = frame.length;
  if (end > 0 && frame[0] === 0x7e) start++;
  if (end > start && frame[end - 1] === 0x7e) end--;
  const out = new Uint8Array(end - start);
  let n = 0;
  for (let i = start; i < end; i++) {
    const b = frame[i]!;
    if (b === 0x7e) return fail('bad_escape', `unescaped 0x7e at ${i}`);
    if (b === 0x7d) {
      const next = frame[++i];
      if (next === 0x01) out[n++] = 0x7d;
      else if (next === 0x02) out[n++] = 0x7e;
      else return fail('bad_escape', `0x7d followed by ${next === undefined ? 'end' : next} at ${i}`);
    } else out[n++] = b;
  }
  if (n < 13) return fail('too_short', `${n} bytes`);
  if (checksum(out, 0, n) !== 0) {
    return fail('bad_checksum', `check byte ${out[n - 1]} but XOR is ${checksum(out, 0, n - 1)}`);
  }
  return decodePacket(out.subarray(0, n - 1));
}

/** Hex text (spaces and line breaks allowed) → bytes; for logs and tests. */
export function fromHex(hex: string): Uint8Array {
  const clean = hex.replace(/[^0-9a-fA-F]/g, '');
  const out = new Uint8Array(clean.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += (b < 16 ? '0' : '') + b.toString(16);
  return s;
}
