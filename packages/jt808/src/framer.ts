// Streaming 0x7E framer, JT/T 808 §4.4.1–4.4.2: frames are 0x7E … 0x7E, with 0x7E ↔ 0x7D 0x02 and
// 0x7D ↔ 0x7D 0x01 inside; the last unescaped byte is the XOR of all bytes before it.
// It never throws on input: every defect is reported as a `FrameProblem` value and the framer
// resynchronises on the next 0x7E. No per-byte allocation: frames are unescaped into one scratch
// buffer shared by every framer, and a framer gets a buffer of its own only the first time a frame
// stays unfinished at the end of a chunk (so 100,000 idle connections hold no frame buffers).

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

/** A frame buffer and its cache of views (terminals send few distinct frame lengths). */
interface FrameBuffer {
  readonly bytes: Uint8Array;
  readonly lengths: Int32Array;
  readonly views: Uint8Array[];
}

function frameBuffer(size: number): FrameBuffer {
  return { bytes: new Uint8Array(size), lengths: new Int32Array(16).fill(-1), views: [] };
}

/** A view of the first n bytes; a small direct-mapped cache saves a subarray per frame. */
function viewOf(b: FrameBuffer, n: number): Uint8Array {
  const k = n & 15;
  if (b.lengths[k] === n) return b.views[k]!;
  const v = new Uint8Array(b.bytes.buffer, b.bytes.byteOffset, n);
  b.lengths[k] = n;
  b.views[k] = v;
  return v;
}

/** The scratch buffer shared by all framers, and whether a push is using it (re-entrancy). */
let scratch: FrameBuffer | undefined;
let scratchBusy = false;

export function createFramer(options: FramerOptions): Framer {
  const max = options.maxFrameLength ?? DEFAULT_MAX;
  const onFrame = options.onFrame;
  const onProblem = options.onProblem;
  /** This framer's own buffer: made the first time a frame spans two chunks, then kept. */
  let own: FrameBuffer | undefined;
  let len = 0;
  let xor = 0;
  let state = OUTSIDE;
  let escaped = false;
  let garbage = 0;

  const problem = (p: FrameProblem): void => {
    if (onProblem) onProblem(p);
  };

  const endFrame = (b: FrameBuffer, len: number, xor: number): void => {
    if (len < MIN_FRAME_LENGTH) {
      problem({ type: 'too_short', length: len });
    } else if (xor !== 0) {
      const actual = b.bytes[len - 1]!;
      problem({ type: 'bad_checksum', expected: xor ^ actual, actual, length: len });
    } else {
      onFrame(viewOf(b, len - 1));
    }
  };

  const push = (chunk: Uint8Array): void => {
    // An unfinished frame lives in our own buffer; otherwise the shared scratch is used, unless a
    // push further up the stack (an onFrame that feeds another framer) holds it.
    let b: FrameBuffer;
    let shared = false;
    if ((state === INSIDE && len > 0) || scratchBusy) b = own ??= frameBuffer(max);
    else {
      if (!scratch || scratch.bytes.length < max) scratch = frameBuffer(Math.max(max, DEFAULT_MAX));
      b = scratch;
      shared = true;
      scratchBusy = true;
    }
    try {
      run(b, chunk);
    } finally {
      if (shared) {
        scratchBusy = false;
        if (state === INSIDE && len > 0) {
          own ??= frameBuffer(max);
          own.bytes.set(b.bytes.subarray(0, len));
        }
      }
    }
  };

  // State lives in locals inside the loop (closure slots are slower per byte) and is stored back at the end.
  const run = (fb: FrameBuffer, chunk: Uint8Array): void => {
    const n = chunk.length;
    let i = 0;
    let st = state;
    let ln = len;
    let x = xor;
    let esc = escaped;
    const out = fb.bytes;
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
          endFrame(fb, ln, x);
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
