// encode(message, header) → one escaped, checksummed wire frame. encodePackets splits bodies over
// 1023 bytes into sub-packages (JT/T 808 §4.4.3).
import { checksum, escapeFrame } from './framer.js';
import { MAX_BODY_LENGTH, writeHeader, type HeaderInput } from './header.js';
import { codecByType, messageIdOf, type Message } from './messages/index.js';
import { Writer } from './writer.js';

// Encoding is synchronous and not re-entrant, so one scratch writer serves every call.
const scratch = new Writer(1024);

/** The body bytes of a message (a copy). */
export function encodeBody(message: Message, header: Pick<HeaderInput, 'edition'> = {}): Uint8Array {
  scratch.pos = 0;
  writeBody(scratch, message, header);
  return scratch.buf.slice(0, scratch.pos);
}

function writeBody(w: Writer, message: Message, header: Pick<HeaderInput, 'edition'>): void {
  if (message.type === 'raw' || message.type === 'fragment') {
    w.bytes(message.body);
    return;
  }
  codecByType.get(message.type)!.encode(w, message, header.edition ?? 2013);
}

/**
 * One frame: `7e` header body check `7e`, escaped. Throws RangeError if the body exceeds 1023 bytes
 * (use `encodePackets`) — a caller error, not an input error.
 */
export function encode(message: Message, header: HeaderInput): Uint8Array {
  const w = scratch;
  w.pos = 0;
  const id = messageIdOf(message);
  writeHeader(w, id, 0, header);
  const bodyStart = w.pos;
  writeBody(w, message, header);
  const bodyLength = w.pos - bodyStart;
  if (bodyLength > MAX_BODY_LENGTH) throw new RangeError(`body is ${bodyLength} bytes; use encodePackets`);
  // Patch the body length into the attribute WORD (bits 0–9).
  w.buf[2] = (w.buf[2]! & 0xfc) | (bodyLength >> 8);
  w.buf[3] = bodyLength & 0xff;
  const packet = w.buf.subarray(0, w.pos);
  return escapeFrame(packet, checksum(packet));
}

/**
 * Encodes a message of any size: one frame if the body fits, else sub-packages of at most `maxBody`
 * bytes with consecutive serials from `header.serial` (package index from 1).
 */
export function encodePackets(
  message: Message,
  header: HeaderInput,
  maxBody = MAX_BODY_LENGTH,
): Uint8Array[] {
  const body = encodeBody(message, header);
  if (body.length <= maxBody) return [encode({ type: 'raw', id: messageIdOf(message), body }, header)];
  const total = Math.ceil(body.length / maxBody);
  const id = messageIdOf(message);
  const frames: Uint8Array[] = [];
  for (let i = 0; i < total; i++) {
    const part = body.subarray(i * maxBody, (i + 1) * maxBody);
    frames.push(
      encode(
        { type: 'raw', id, body: part },
        { ...header, serial: (header.serial + i) & 0xffff, packet: { total, index: i + 1 } },
      ),
    );
  }
  return frames;
}
