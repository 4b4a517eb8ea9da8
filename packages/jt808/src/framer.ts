// Streaming 0x7E framer, JT/T 808 §4.4.1–4.4.2: frames are 0x7E … 0x7E, with 0x7E ↔ 0x7D 0x02 and
// 0x7D ↔ 0x7D 0x01 inside; the last unescaped byte is the XOR of all bytes before it.
// It never throws on input: every defect is reported as a `FrameProblem` value and the framer
// resynchronises on the next 0x7E. One reusable buffer; no per-byte allocation.

export type FrameProblem =
  | { type: 'bad_checksum'; expected: number; actual: number; length: number }
  | { type: 'too_long'; limit: number }
  | { type: 'bad_escape'; byte: number }
  | { type: 'too_short'; length: number }
  /** Bytes outside any frame (scanner noise, a stream picked up mid-frame). */
  | { type: 'garbage'; length: number };

export interface FramerOptions {
  /**
   * Called with each good frame: header + body, unescaped, checksum verified and removed.
   * The array is a view into the framer's buffer, valid only during the call; copy it to keep it.
   * (`decodePacket` copies what it keeps, so decoding inside the callback is safe.)
   */
  onFrame: (packet: Uint8Array) => void;
  onProblem?: (problem: FrameProblem) => void;
  /** Largest unescaped frame accepted (header + body + check byte). Default 1100: 21-byte header + 1023 body + 1, rounded up. */
  maxFrameLength?: number;
}

export interface Framer {
  /** Feeds a TCP chunk of any size. */
  push(chunk: Uint8Array): void;
  /** Bytes of an unfinished frame currently held. */
  readonly pending: number;
  reset(): void;
}

/** Smallest frame: 12-byte 2013 header + check byte. */
export const MIN_FRAME_LENGTH = 13;
const DEFAULT_MAX = 1100;

const OUTSIDE = 0;
const INSIDE = 1;
const SKIPPING = 2; // after a defect, until the next 0x7E

export function createFramer(options: FramerOptions): Framer {
  const max = options.maxFrameLength ?? DEFAULT_MAX;
  const onFrame = options.onFrame;
  const onProblem = options.onProblem;
  const buf = new Uint8Array(max);
  let len = 0;
  let xor = 0;
  let state = OUTSIDE;
  let escaped = false;
  let garbage = 0;

  const problem = (p: FrameProblem): void => {
    if (onProblem) onProblem(p);
  };

  // Terminals send few distinct frame lengths; a small direct-mapped cache of views over `buf` saves
  // allocating a subarray per frame (about a sixth of the framing cost).
  const viewLengths = new Int32Array(16).fill(-1);
  const views: Uint8Array[] = [];
  const view = (n: number): Uint8Array => {
    const k = n & 15;
    if (viewLengths[k] === n) return views[k]!;
    const v = new Uint8Array(buf.buffer, buf.byteOffset, n);
    viewLengths[k] = n;
    views[k] = v;
    return v;
  };

  const endFrame = (len: number, xor: number): void => {
    if (len < MIN_FRAME_LENGTH) {
      problem({ type: 'too_short', length: len });
    } else if (xor !== 0) {
      const actual = buf[len - 1]!;
      problem({ type: 'bad_checksum', expected: xor ^ actual, actual, length: len });
    } else {
      onFrame(view(len - 1));
    }
  };

  // State lives in locals inside the loop (closure slots are slower per byte) and is stored back at the end.
  const push = (chunk: Uint8Array): void => {
    const n = chunk.length;
    let i = 0;
    let st = state;
    let ln = len;
    let x = xor;
    let esc = escaped;
    const out = buf;
    const limit = max;
    while (i < n) {
      if (st !== INSIDE) {
        // Outside a frame: jump to the next flag (native scan).
        // The next frame's flag usually follows at once; skip the builtin call then.
        const j = chunk[i] === 0x7e ? i : chunk.indexOf(0x7e, i);
        if (st === OUTSIDE) garbage += (j < 0 ? n : j) - i;
        if (j < 0) break;
        if (garbage > 0) {
          problem({ type: 'garbage', length: garbage });
          garbage = 0;
        }
        st = INSIDE;
        ln = 0;
        x = 0;
        esc = false;
        i = j + 1;
        continue;
      }
      if (esc) {
        // The byte after 0x7D (possibly the first byte of this chunk).
        esc = false;
        const b = chunk[i++]!;
        if (b === 0x01 || b === 0x02) {
          const v = b === 0x01 ? 0x7d : 0x7e;
          if (ln === limit) {
            problem({ type: 'too_long', limit });
            st = SKIPPING;
          } else {
            out[ln++] = v;
            x ^= v;
          }
        } else if (b === 0x7e) {
          // 0x7D then a flag: drop the frame and take the flag as the next opening flag.
          problem({ type: 'bad_escape', byte: b });
          ln = 0;
          x = 0;
        } else {
          problem({ type: 'bad_escape', byte: b });
          st = SKIPPING;
        }
        continue;
      }
      // Fast run: plain bytes until a flag, an escape or the size limit.
      while (i < n) {
        const b = chunk[i]!;
        if (b === 0x7e || b === 0x7d || ln === limit) break;
        out[ln++] = b;
        x ^= b;
        i++;
      }
      if (i >= n) break;
      const b = chunk[i++]!;
      if (b === 0x7e) {
        if (ln > 0) {
          endFrame(ln, x);
          st = OUTSIDE;
        }
        // A flag with nothing buffered is a second opening flag: stay inside.
        ln = 0;
        x = 0;
      } else if (b === 0x7d) {
        esc = true;
      } else {
        problem({ type: 'too_long', limit });
        st = SKIPPING;
      }
    }
    state = st;
    len = ln;
    xor = x;
    escaped = esc;
  };

  return {
    push,
    get pending() {
      return state === INSIDE ? len : 0;
    },
    reset() {
      state = OUTSIDE;
      len = 0;
      xor = 0;
      escaped = false;
      garbage = 0;
    },
  };
}

/** XOR check code over bytes [start, end). */
export function checksum(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let x = 0;
  for (let i = start; i < end; i++) x ^= bytes[i]!;
  return x;
}

/** Escapes a packet + check byte into a wire frame with both 0x7E flags. */
export function escapeFrame(packet: Uint8Array, check: number): Uint8Array {
  let extra = 0;
  for (let i = 0; i < packet.length; i++) {
    const b = packet[i]!;
    if (b === 0x7e || b === 0x7d) extra++;
  }
  if (check === 0x7e || check === 0x7d) extra++;
  const out = new Uint8Array(packet.length + extra + 3);
  let p = 0;
  out[p++] = 0x7e;
  for (let i = 0; i <= packet.length; i++) {
    const b = i === packet.length ? check : packet[i]!;
    if (b === 0x7e) {
      out[p++] = 0x7d;
      out[p++] = 0x02;
    } else if (b === 0x7d) {
      out[p++] = 0x7d;
      out[p++] = 0x01;
    } else out[p++] = b;
  }
  out[p] = 0x7e;
  return out;
}
