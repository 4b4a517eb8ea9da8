// Test support: decode a golden wire frame, compare the message in full, and check that encoding the
// message with the decoded header reproduces the wire bytes exactly.
import { expect } from 'vitest';
import { decodeFrame, toHex } from './decode.js';
import { encode } from './encode.js';
import type { Header } from './header.js';
import type { Message } from './messages/index.js';

export function expectGolden(wire: Uint8Array, message: Message, header?: Partial<Header>): Header {
  const r = decodeFrame(wire);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.detail}`);
  expect(r.message).toEqual(message);
  if (header) expect(r.header).toMatchObject(header);
  expect(toHex(encode(message, r.header))).toBe(toHex(wire));
  return r.header;
}
