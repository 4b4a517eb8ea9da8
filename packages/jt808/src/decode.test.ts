import { describe, expect, it } from 'vitest';
import { decodeFrame, decodePacket, fromHex } from './decode.js';
import { frame } from './testing.js';

describe('decode errors are values', () => {
  it('a body shorter than the attribute says', () => {
    const r = decodePacket(fromHex('0200001c013912345678000100000000'));
    expect(r).toMatchObject({ ok: false, error: { code: 'body_length_mismatch' } });
  });

  it('a header cut short', () => {
    expect(decodePacket(fromHex('0200'))).toMatchObject({ ok: false, error: { code: 'truncated' } });
    expect(decodePacket(new Uint8Array(0))).toMatchObject({ ok: false, error: { code: 'truncated' } });
  });

  it('checksum, escape and length problems of a whole frame', () => {
    expect(decodeFrame(fromHex('7e0002000000570445552900177e7e'))).toMatchObject({
      ok: false,
      error: { code: 'bad_escape' },
    });
    expect(decodeFrame(fromHex('7e0002000000570445552900177e'))).toMatchObject({
      ok: false,
      error: { code: 'too_short' },
    });
    expect(decodeFrame(fromHex('7e000200000057044555290017807e'))).toMatchObject({
      ok: false,
      error: { code: 'bad_checksum' },
    });
    expect(decodeFrame(fromHex('7e00027d037e'))).toMatchObject({ ok: false, error: { code: 'bad_escape' } });
    // The flags are optional.
    expect(decodeFrame(fromHex('0002000000570445552900177f')).ok).toBe(true);
  });

  it('an unknown id is kept raw', () => {
    const r = decodeFrame(frame(['0f01 0002 013912345678 0001', 'abcd'], '5b'));
    expect(r.ok && r.message).toEqual({ type: 'raw', id: 0x0f01, body: Uint8Array.of(0xab, 0xcd) });
  });

  it('an RSA-encrypted body (attribute bit 10) is kept raw', () => {
    const r = decodeFrame(frame(['0200 0402 013912345678 0001', 'abcd'], '53'));
    expect(r.ok && r.header.encryption).toBe(1);
    expect(r.ok && r.message).toEqual({ type: 'raw', id: 0x0200, body: Uint8Array.of(0xab, 0xcd) });
  });

  it('a sub-package is a fragment carrying its total and index in the header', () => {
    const r = decodeFrame(frame(['0801 2003 013912345678 0005 0003 0002', '010203'], '1e'));
    expect(r.ok && r.header.packet).toEqual({ total: 3, index: 2 });
    expect(r.ok && r.message).toEqual({ type: 'fragment', id: 0x0801, body: Uint8Array.of(1, 2, 3) });
  });

  it('a 2019 sub-package header (21 bytes)', () => {
    const r = decodeFrame(frame(['0801 6001 01 00000000013912345678 0005 0002 0001', 'ff'], 'a0'));
    expect(r.ok && r.header).toMatchObject({ edition: 2019, packet: { total: 2, index: 1 }, bodyLength: 1 });
  });

  it('decoded bytes do not alias the input', () => {
    const input = frame(['0f01 0002 013912345678 0001', 'abcd'], '5b');
    const r = decodeFrame(input);
    input.fill(0);
    expect(r.ok && r.message.type === 'raw' && Array.from(r.message.body)).toEqual([0xab, 0xcd]);
  });
});
