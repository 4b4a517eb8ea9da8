import { describe, expect, it } from 'vitest';
import { decodeFrame } from '../decode.js';
import { expectGolden } from '../golden.js';
import { alarmNames } from '../location-flags.js';
import { frame } from '../testing.js';

describe('0x0704 location batch', () => {
  it('blind-area supplement with two items', () => {
    const f = frame(
      [
        '0704 0042 013912345678 0001',
        '0002', // two items
        '01', // 1: blind-area supplement (盲区补报)
        '001f', // item 1: 31 bytes
        '00000000 00000002 02737e80 0746a8c2 0010 0064 005a 261122195900', // 10.0 km/h, heading 90, 19:59:00 GMT+8
        '31 01 09', // 9 satellites
        '001c', // item 2: 28 bytes
        '00000002 00000002 02737e80 0746a8c2 0010 0320 005a 261122195930', // overspeed alarm, 80.0 km/h
      ],
      '3c',
    );
    const base = { status: 2, latitude: 41.123456, longitude: 122.071234, altitude: 16, heading: 90 };
    expectGolden(f, {
      type: 'locationBatch',
      dataType: 1,
      items: [
        {
          ...base,
          alarm: 0,
          speedKmh: 10,
          time: Date.UTC(2026, 10, 22, 11, 59, 0),
          extras: [{ kind: 'satellites', count: 9 }],
        },
        { ...base, alarm: 2, speedKmh: 80, time: Date.UTC(2026, 10, 22, 11, 59, 30), extras: [] },
      ],
    });
    const r = decodeFrame(f);
    expect(r.ok && r.message.type === 'locationBatch' && alarmNames(r.message.items[1]!.alarm)).toEqual([
      'overspeed',
    ]);
  });

  it('an item shorter than the 28-byte basic information is an error value', () => {
    const f = frame(['0704 0007 013912345678 0002', '0001 00', '0002 0000'], '35');
    expect(decodeFrame(f)).toMatchObject({ ok: false, error: { code: 'truncated' } });
  });
});
