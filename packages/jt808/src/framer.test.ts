import { describe, expect, it } from 'vitest';
import { decodePacket, fromHex, toHex } from './decode.js';
import { createFramer, type FrameProblem } from './framer.js';
import { frame } from './testing.js';

const AUTH = '7e0102000e014530480708000961757468656e7469636174696f6e377e'; // F2
const HEARTBEAT = '7e0002000000570445552900177f7e'; // F3
// A 0x0200 whose latitude (0x02737E80) and heading (0x007D) need escaping.
const ESCAPED = toHex(
  frame(
    [
      '0200 001c 013912345678 0007',
      '00000000 00000002 02737e80 0746a8c2 000f 0259 007d 261122200000', // fixed; heading 0x7D
    ],
    '93',
  ),
);

function collect(): { frames: string[]; problems: FrameProblem[]; push: (b: Uint8Array) => void } {
  const frames: string[] = [];
  const problems: FrameProblem[] = [];
  const framer = createFramer({
    onFrame: (p) => frames.push(toHex(p)),
    onProblem: (p) => problems.push(p),
    maxFrameLength: 200,
  });
  return { frames, problems, push: (b) => framer.push(b) };
}

/** The unescaped packet (header + body, no check byte) of a wire frame. */
function packetOf(wire: string): string {
  return toHex(
    fromHex(wire.slice(2, -4).replace(/7d02/g, '7e').replace(/7d01/g, '7d')), // test frames have no '7d01' ambiguity
  );
}

describe('framer', () => {
  it('keeps unfinished frames of many framers apart (shared scratch, own buffer on a split)', () => {
    const a = collect();
    const b = collect();
    const wireA = fromHex(AUTH + ESCAPED);
    const wireB = fromHex(HEARTBEAT + AUTH);
    // Interleave: each framer is left mid-frame while the other works through whole frames.
    a.push(wireA.subarray(0, 20));
    b.push(wireB.subarray(0, 9));
    b.push(wireB.subarray(9, 40));
    a.push(wireA.subarray(20, 50));
    a.push(wireA.subarray(50));
    b.push(wireB.subarray(40));
    expect(a.frames).toEqual([packetOf(AUTH), packetOf(ESCAPED)]);
    expect(b.frames).toEqual([packetOf(HEARTBEAT), packetOf(AUTH)]);
    expect(a.problems.concat(b.problems)).toEqual([]);
  });

  it('lets a frame callback feed another framer (re-entrant push)', () => {
    const inner = collect();
    const outer: string[] = [];
    const framer = createFramer({
      onFrame: (p) => {
        inner.push(fromHex(HEARTBEAT));
        outer.push(toHex(p));
      },
    });
    framer.push(fromHex(AUTH + AUTH));
    expect(outer).toEqual([packetOf(AUTH), packetOf(AUTH)]);
    expect(inner.frames).toEqual([packetOf(HEARTBEAT), packetOf(HEARTBEAT)]);
  });

  it('delivers the unescaped packet without flags and check byte', () => {
    const c = collect();
    c.push(fromHex(AUTH));
    expect(c.frames).toEqual(['0102000e014530480708000961757468656e7469636174696f6e']);
    expect(c.problems).toEqual([]);
  });

  it('handles a frame fed one byte at a time', () => {
    const c = collect();
    for (const b of fromHex(ESCAPED)) c.push(Uint8Array.of(b));
    expect(c.frames).toEqual([packetOf(ESCAPED)]);
    expect(c.frames[0]).toContain('02737e80');
    const r = decodePacket(fromHex(c.frames[0]!));
    expect(r.ok && r.message.type === 'locationReport' && r.message.heading).toBe(0x7d);
  });

  it('finds several frames in one chunk', () => {
    const c = collect();
    c.push(fromHex(AUTH + HEARTBEAT + ESCAPED + HEARTBEAT));
    expect(c.frames).toEqual([packetOf(AUTH), packetOf(HEARTBEAT), packetOf(ESCAPED), packetOf(HEARTBEAT)]);
    expect(c.problems).toEqual([]);
  });

  it('gives the same frames for a stream split at every offset, including inside escapes', () => {
    const stream = fromHex(AUTH + ESCAPED + HEARTBEAT + ESCAPED);
    const expected = [packetOf(AUTH), packetOf(ESCAPED), packetOf(HEARTBEAT), packetOf(ESCAPED)];
    for (let cut = 0; cut <= stream.length; cut++) {
      const c = collect();
      c.push(stream.subarray(0, cut));
      c.push(stream.subarray(cut));
      expect(c.frames, `cut at ${cut}`).toEqual(expected);
      expect(c.problems, `cut at ${cut}`).toEqual([]);
    }
  });

  it('handles a 0x7D at the very end of a chunk', () => {
    const bytes = fromHex(ESCAPED);
    const at = toHex(bytes).indexOf('7d02') / 2; // the 0x7D of the first escape
    const c = collect();
    c.push(bytes.subarray(0, at + 1));
    expect(c.frames).toEqual([]);
    c.push(bytes.subarray(at + 1));
    expect(c.frames).toEqual([packetOf(ESCAPED)]);
  });

  it('skips garbage between frames and reports it once', () => {
    const c = collect();
    const noise = Buffer.from('GET /robots.txt HTTP/1.1\r\n\r\n').toString('hex');
    c.push(fromHex(noise + HEARTBEAT + noise + AUTH));
    expect(c.frames).toEqual([packetOf(HEARTBEAT), packetOf(AUTH)]);
    expect(c.problems).toEqual([
      { type: 'garbage', length: noise.length / 2 },
      { type: 'garbage', length: noise.length / 2 },
    ]);
  });

  it('reports a bad checksum and keeps going', () => {
    const c = collect();
    const bad = HEARTBEAT.replace('177f7e', '17807e');
    c.push(fromHex(bad + AUTH));
    expect(c.frames).toEqual([packetOf(AUTH)]);
    expect(c.problems).toEqual([{ type: 'bad_checksum', expected: 0x7f, actual: 0x80, length: 13 }]);
  });

  it('reports an over-long frame, drops it and resynchronises', () => {
    const c = collect();
    const long = '7e' + '11'.repeat(500) + '7e';
    c.push(fromHex(long + HEARTBEAT));
    expect(c.frames).toEqual([packetOf(HEARTBEAT)]);
    expect(c.problems).toEqual([{ type: 'too_long', limit: 200 }]);
  });

  it('reports a bad escape and a too-short frame', () => {
    const c = collect();
    c.push(fromHex('7e00027d0300007e' + '7e0102037e' + HEARTBEAT));
    expect(c.frames).toEqual([packetOf(HEARTBEAT)]);
    expect(c.problems).toEqual([
      { type: 'bad_escape', byte: 0x03 },
      { type: 'too_short', length: 3 },
    ]);
  });

  it('drops a frame cut short by 0x7D 0x7E and takes the flag as the next start', () => {
    const c = collect();
    c.push(fromHex('7e0002007d' + HEARTBEAT));
    expect(c.frames).toEqual([packetOf(HEARTBEAT)]);
    expect(c.problems).toEqual([{ type: 'bad_escape', byte: 0x7e }]);
  });

  it('accepts frames that share no flag bytes and repeated flags', () => {
    const c = collect();
    c.push(fromHex('7e7e7e' + HEARTBEAT.slice(2) + '7e' + HEARTBEAT));
    expect(c.frames).toEqual([packetOf(HEARTBEAT), packetOf(HEARTBEAT)]);
  });

  it('never throws and keeps memory bounded on random input', () => {
    const framer = createFramer({ onFrame: () => undefined, maxFrameLength: 64 });
    let seed = 7;
    const chunk = new Uint8Array(4096);
    for (let round = 0; round < 200; round++) {
      for (let i = 0; i < chunk.length; i++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        chunk[i] = seed & 0x10 ? 0x7e : seed >> 8;
      }
      framer.push(chunk);
      expect(framer.pending).toBeLessThanOrEqual(64);
    }
  });
});
