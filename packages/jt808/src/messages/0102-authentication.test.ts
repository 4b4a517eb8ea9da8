import { describe, it } from 'vitest';
import { expectGolden } from '../golden.js';
import { frame } from '../testing.js';

describe('0x0102 authentication', () => {
  it('2013: the whole body is the auth code', () => {
    const f = frame(['0102 0007 013912345678 0002', '61757468313233'], '0e');
    expectGolden(f, { type: 'authentication', authCode: 'auth123' });
  });

  it('2019: length-prefixed code, IMEI and software version', () => {
    const f = frame(
      [
        '0102 402c 01 00000000013912345678 0002',
        '08 4155544832303139', // AUTH2019
        '383631323334353637383930313233', // IMEI 861234567890123
        '5357312e322e33 00000000000000000000000000', // SW1.2.3, 20 bytes
      ],
      '5d',
    );
    expectGolden(f, {
      type: 'authentication',
      authCode: 'AUTH2019',
      imei: '861234567890123',
      softwareVersion: 'SW1.2.3',
    });
  });
});
