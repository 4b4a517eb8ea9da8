// The two real device frames in shared/reference/jt808-frames.md (F2, F3), with their documented values.
import { describe, expect, it } from 'vitest';
import {
  createFramer,
  decodeFrame,
  decodePacket,
  encode,
  fromHex,
  generalResponse,
  toHex,
  type FrameProblem,
} from './index.js';

describe('real frames', () => {
  it('F2: 0x0102 authentication from a Traccar log', () => {
    const r = decodeFrame(fromHex('7e0102000e014530480708000961757468656e7469636174696f6e377e'));
    expect(r).toEqual({
      ok: true,
      header: {
        messageId: 0x0102,
        bodyLength: 14,
        encryption: 0,
        edition: 2013,
        protocolVersion: 0,
        phone: '014530480708',
        serial: 9,
        packet: null,
      },
      message: { type: 'authentication', authCode: 'authentication' },
    });
  });

  it('F2: the platform 0x8001 reply decodes and our reply encodes to the same bytes', () => {
    const wire = '7e8001000501453048070800010009010200bc7e';
    const r = decodeFrame(fromHex(wire));
    expect(r.ok && r.message).toEqual({
      type: 'platformGeneralResponse',
      replySerial: 9,
      replyId: 0x0102,
      result: 0,
    });
    expect(r.ok && r.header.serial).toBe(1);
    const auth = decodeFrame(fromHex('7e0102000e014530480708000961757468656e7469636174696f6e377e'));
    if (!auth.ok) throw new Error('auth frame must decode');
    expect(toHex(encode(generalResponse(auth.header, 0), { phone: auth.header.phone, serial: 1 }))).toBe(
      wire,
    );
  });

  it('F3: 0x0002 heartbeat with an empty body', () => {
    const r = decodeFrame(fromHex('7e0002000000570445552900177f7e'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.message).toEqual({ type: 'heartbeat' });
    expect(r.header.phone).toBe('005704455529');
    expect(r.header.serial).toBe(23);
    expect(r.header.bodyLength).toBe(0);
  });

  it('the logged traffic through the framer, with the scanner noise seen on the same port', () => {
    const noise = Buffer.from('GET /robots.txt HTTP/1.1\r\nHost: gps.example\r\n\r\n');
    const stream = Buffer.concat([
      noise,
      fromHex('7e0102000e014530480708000961757468656e7469636174696f6e377e'),
      fromHex('7e0002000000570445552900177f7e'),
    ]);
    const seen: string[] = [];
    const problems: FrameProblem[] = [];
    const framer = createFramer({
      onFrame: (p) => {
        const r = decodePacket(p);
        seen.push(r.ok ? `${r.header.phone}:${r.message.type}` : r.error.code);
      },
      onProblem: (p) => problems.push(p),
    });
    for (let i = 0; i < stream.length; i += 7) framer.push(stream.subarray(i, i + 7));
    expect(seen).toEqual(['014530480708:authentication', '005704455529:heartbeat']);
    expect(problems).toEqual([{ type: 'garbage', length: noise.length }]);
  });
});
