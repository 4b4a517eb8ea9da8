import { describe, it } from 'vitest';
import { expectGolden } from '../golden.js';
import { frame, T_20261122_200000 } from '../testing.js';

describe('0x0800 multimedia event and 0x0801 multimedia data', () => {
  it('0x0800: JPEG image triggered by a collision, channel 1', () => {
    const f = frame(['0800 0008 013912345678 0001', '00000001', '00', '00', '03', '01'], '32');
    expectGolden(f, { type: 'multimediaEvent', mediaId: 1, mediaType: 0, format: 0, event: 3, channel: 1 });
  });

  it('0x0801: head, 28-byte location, raw data', () => {
    const f = frame(
      [
        '0801 0028 013912345678 0002',
        '00000001 00 00 03 01',
        '00000000 00000003 02737e80 0746a8c2 0000 0000 0000 261122200000',
        'ffd8ffe0', // start of a JPEG
      ],
      'ba',
    );
    expectGolden(f, {
      type: 'multimediaData',
      mediaId: 1,
      mediaType: 0,
      format: 0,
      event: 3,
      channel: 1,
      location: {
        alarm: 0,
        status: 3,
        latitude: 41.123456,
        longitude: 122.071234,
        altitude: 0,
        speedKmh: 0,
        heading: 0,
        time: T_20261122_200000,
        extras: [],
      },
      data: Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]),
    });
  });
});
