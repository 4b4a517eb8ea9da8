// Test support (not exported from the package): builds wire frames from annotated hex parts and checks
// the hand-written body length and check code, so a golden frame states both explicitly.
import { escapeFrame } from './framer.js';

function bytesOf(hex: string): number[] {
  const clean = hex.replace(/[^0-9a-fA-F]/g, '');
  const out: number[] = [];
  for (let i = 0; i < clean.length; i += 2) out.push(parseInt(clean.slice(i, i + 2), 16));
  return out;
}

/**
 * `parts[0]` is the header (hex, spaces allowed), the rest the body. `check` is the expected XOR check
 * code in hex: the helper throws if it, or the body length in the attribute WORD, is wrong.
 * Returns the escaped frame with both 0x7E flags.
 */
export function frame(parts: readonly string[], check: string): Uint8Array {
  const header = bytesOf(parts[0] ?? '');
  const body = parts.slice(1).flatMap(bytesOf);
  const stated = ((header[2]! << 8) | header[3]!) & 0x3ff;
  if (stated !== body.length)
    throw new Error(`attribute says ${stated} body bytes, parts have ${body.length}`);
  const packet = Uint8Array.from([...header, ...body]);
  let x = 0;
  for (const b of packet) x ^= b;
  const hex = x.toString(16).padStart(2, '0');
  if (hex !== check.toLowerCase()) throw new Error(`check code is ${hex}, test says ${check}`);
  return escapeFrame(packet, x);
}

/** 2026-11-22 20:00:00 GMT+8, the device time used in the golden frames, as epoch ms UTC. */
export const T_20261122_200000 = Date.UTC(2026, 10, 22, 12, 0, 0);

/** Header prefixes for golden frames: 2013 phone 013912345678, 2019 version 1 and BCD[10] phone. */
export const PHONE_2013 = '013912345678';
export const PHONE_2019 = '00000000013912345678';
