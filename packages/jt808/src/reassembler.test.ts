import { describe, expect, it } from 'vitest';
import { decodeBody, decodePacket } from './decode.js';
import { encode, encodePackets } from './encode.js';
import { createFramer } from './framer.js';
import type { Header } from './header.js';
import { createReassembler } from './reassembler.js';
import { resendRequest } from './replies.js';

const PHONE = '013912345678';

function header(serial: number, index: number, total: number, phone = PHONE, messageId = 0x0801): Header {
  return {
    messageId,
    bodyLength: 0,
    encryption: 0,
    edition: 2013,
    protocolVersion: 0,
    phone,
    serial,
    packet: { total, index },
  };
}

const part = (n: number, fill: number): Uint8Array => new Uint8Array(n).fill(fill);

describe('reassembler', () => {
  it('puts a sub-packaged 0x0801 back together through the framer and decodes it', () => {
    const data = Uint8Array.from({ length: 3000 }, (_, i) => i & 0xff);
    const message = {
      type: 'multimediaData' as const,
      mediaId: 9,
      mediaType: 0,
      format: 0,
      event: 1,
      channel: 2,
      location: {
        alarm: 0,
        status: 3,
        latitude: 41.123456,
        longitude: 122.071234,
        altitude: 7,
        speedKmh: 0,
        heading: 0,
        time: Date.UTC(2026, 10, 22, 12, 0, 0),
        extras: [],
      },
      data,
    };
    const frames = encodePackets(message, { phone: PHONE, serial: 100 });
    expect(frames).toHaveLength(3); // 8 + 28 + 3000 bytes in packages of at most 1023
    const ra = createReassembler();
    const results: unknown[] = [];
    const framer = createFramer({
      onFrame: (p) => {
        const r = decodePacket(p);
        if (!r.ok || r.message.type !== 'fragment') throw new Error('expected a fragment');
        const pushed = ra.push(r.header, r.message.body, 0);
        if (pushed.status === 'complete') {
          expect(pushed.header).toMatchObject({ serial: 100, packet: null, bodyLength: 3036 });
          const d = decodeBody(pushed.header, pushed.body);
          results.push(d.ok && d.message);
        } else results.push(pushed.status);
      },
    });
    for (const f of [frames[2]!, frames[0]!, frames[1]!]) framer.push(f); // out of order
    expect(results).toEqual(['pending', 'pending', message]);
    expect(ra.pendingMessages).toBe(0);
    expect(ra.pendingBytes).toBe(0);
  });

  it('ignores duplicates', () => {
    const ra = createReassembler();
    expect(ra.push(header(10, 1, 2), part(5, 1), 0)).toEqual({ status: 'pending', received: 1, total: 2 });
    expect(ra.push(header(10, 1, 2), part(5, 1), 1)).toEqual({ status: 'duplicate' });
    const done = ra.push(header(11, 2, 2), part(3, 2), 2);
    expect(done.status === 'complete' && Array.from(done.body)).toEqual([1, 1, 1, 1, 1, 2, 2, 2]);
  });

  it('asks for missing packages after a quiet period, with the 0x8003 fields', () => {
    const ra = createReassembler({ resendAfterMs: 5000 });
    ra.push(header(20, 1, 4), part(4, 1), 0);
    ra.push(header(22, 3, 4), part(4, 3), 100);
    expect(ra.poll(1000)).toEqual({ resend: [], dropped: [] });
    const { resend } = ra.poll(5200);
    expect(resend).toEqual([
      { phone: PHONE, messageId: 0x0801, edition: 2013, originalSerial: 20, missing: [2, 4] },
    ]);
    expect(ra.poll(6000).resend).toEqual([]); // not asked again at once
    const request = encode(resendRequest(resend[0]!.originalSerial, resend[0]!.missing), {
      phone: PHONE,
      serial: 1,
    });
    const decoded = decodePacket(request.subarray(1, request.length - 2));
    expect(decoded.ok && decoded.message).toEqual({
      type: 'platformResendRequest',
      originalSerial: 20,
      packetIndexes: [2, 4],
    });
    ra.push(header(21, 2, 4), part(4, 2), 6100);
    expect(ra.push(header(23, 4, 4), part(4, 4), 6200).status).toBe('complete');
  });

  it('drops a message that does not complete in time', () => {
    const ra = createReassembler({ timeoutMs: 60_000 });
    ra.push(header(30, 1, 3), part(10, 1), 0);
    expect(ra.poll(60_000).dropped).toEqual([
      { phone: PHONE, messageId: 0x0801, originalSerial: 30, reason: 'timeout', missing: [2, 3] },
    ]);
    expect(ra.pendingBytes).toBe(0);
  });

  it('keeps total memory under the cap by dropping the oldest message', () => {
    const ra = createReassembler({ maxBytes: 1000 });
    ra.push(header(40, 1, 2, '013900000001'), part(600, 1), 0);
    ra.push(header(50, 1, 2, '013900000002'), part(600, 2), 1);
    expect(ra.pendingBytes).toBe(600 + 256); // bodies + a fixed charge per message in progress
    expect(ra.poll(2).dropped).toMatchObject([{ phone: '013900000001', reason: 'memory' }]);
    expect(ra.push(header(0, 1, 1), part(2000, 0), 3)).toEqual({ status: 'rejected', reason: 'too_large' });
  });

  it('limits messages in progress per terminal', () => {
    const ra = createReassembler({ maxPendingPerTerminal: 1 });
    ra.push(header(60, 1, 2), part(1, 1), 0);
    ra.push(header(70, 1, 2), part(1, 1), 0);
    expect(ra.pendingMessages).toBe(1);
    expect(ra.poll(1).dropped).toMatchObject([{ originalSerial: 60, reason: 'terminal_limit' }]);
  });

  it('follows serials across the 16-bit wrap and rejects impossible indexes', () => {
    const ra = createReassembler();
    ra.push(header(0xffff, 1, 2), part(1, 1), 0);
    expect(ra.push(header(0, 2, 2), part(1, 2), 0).status).toBe('complete');
    expect(ra.push(header(1, 3, 2), part(1, 1), 0)).toEqual({ status: 'rejected', reason: 'bad_index' });
    expect(ra.push(header(1, 0, 2), part(1, 1), 0)).toEqual({ status: 'rejected', reason: 'bad_index' });
    expect(ra.push({ ...header(1, 1, 1), packet: null }, part(1, 1), 0)).toEqual({
      status: 'rejected',
      reason: 'not_subpackaged',
    });
  });

  it('a forged huge total costs little, and a re-send list stays within one 0x8003', () => {
    const ra = createReassembler({ maxBytes: 4096 });
    for (let i = 0; i < 100; i++)
      ra.push(header(i, 1, 65535, `0139${String(i).padStart(8, '0')}`), part(1, 1), 0);
    expect(ra.pendingBytes).toBeLessThanOrEqual(4096); // the per-message charge evicts the oldest
    const { resend } = ra.poll(10_000);
    expect(resend.length).toBeGreaterThan(0);
    expect(resend[0]!.missing).toHaveLength(255);
    expect(resend[0]!.missing[0]).toBe(2);
  });

  it('a single message larger than the cap is dropped, not kept growing', () => {
    const ra = createReassembler({ maxBytes: 1000 });
    ra.push(header(0, 1, 3), part(500, 1), 0);
    expect(ra.push(header(1, 2, 3), part(500, 2), 0)).toEqual({ status: 'rejected', reason: 'too_large' });
    expect(ra.pendingMessages).toBe(0);
    expect(ra.poll(1).dropped).toMatchObject([{ reason: 'memory' }]);
  });
});
