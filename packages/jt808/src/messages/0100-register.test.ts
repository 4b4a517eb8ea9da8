import { describe, expect, it } from 'vitest';
import { decodeFrame } from '../decode.js';
import { expectGolden } from '../golden.js';
import { plateColorLabel } from '../plate.js';
import { frame } from '../testing.js';

describe('0x0100 register and 0x8100 response', () => {
  it('2013 layout: 5/20/7-byte fields, yellow GBK plate', () => {
    const f = frame(
      [
        '0100 002d 013912345678 0001',
        '0015', // province 21 (Liaoning)
        '044c', // city 1100 (Panjin: 211100)
        '3730313131', // manufacturer 70111
        '544d2d313030 0000000000000000000000000000', // model TM-100, padded to 20
        '54313233343536', // terminal id T123456
        '02', // plate colour: yellow
        'c1c94c3132333435', // 辽L12345 (GBK)
      ],
      '57',
    );
    expectGolden(f, {
      type: 'register',
      layout: '2013',
      province: 21,
      city: 1100,
      manufacturer: '70111',
      model: 'TM-100',
      terminalId: 'T123456',
      plateColor: 2,
      plate: '辽L12345',
    });
    expect(plateColorLabel(2)).toBe('黄色');
  });

  it('2011 layout: 8-byte model', () => {
    const f = frame(
      [
        '0100 0021 013912345678 0002',
        '0015 044c',
        '3730313131',
        '544d2d3130300000',
        '54313233343536',
        '02',
        'c1c94c3132333435',
      ],
      '58',
    );
    expectGolden(f, {
      type: 'register',
      layout: '2011',
      province: 21,
      city: 1100,
      manufacturer: '70111',
      model: 'TM-100',
      terminalId: 'T123456',
      plateColor: 2,
      plate: '辽L12345',
    });
  });

  it('2011 layout with colour 0 and a 17-character VIN (body longer than a 2013 minimum)', () => {
    const f = frame(
      [
        '0100 002a 013912345678 0002',
        '0015 044c',
        '3730313131',
        '544d2d3130300000',
        '54313233343536',
        '00', // no plate: the vehicle is identified by its VIN
        '4c53564150363041304a4e313233343536', // LSVAP60A0JN123456
      ],
      '08',
    );
    expectGolden(f, {
      type: 'register',
      layout: '2011',
      province: 21,
      city: 1100,
      manufacturer: '70111',
      model: 'TM-100',
      terminalId: 'T123456',
      plateColor: 0,
      plate: 'LSVAP60A0JN123456',
    });
  });

  it('2019 layout: 11/30/30-byte fields', () => {
    const f = frame(
      [
        '0100 4054 01 00000000013912345678 0003',
        '0015 044c',
        '3730313131 000000000000', // manufacturer, 11 bytes
        '544d2d313030 000000000000000000000000000000000000000000000000', // model, 30 bytes
        '54313233343536 0000000000000000000000000000000000000000000000', // terminal id, 30 bytes
        '02',
        'c1c94c3132333435',
      ],
      '6d',
    );
    expectGolden(f, {
      type: 'register',
      layout: '2019',
      province: 21,
      city: 1100,
      manufacturer: '70111',
      model: 'TM-100',
      terminalId: 'T123456',
      plateColor: 2,
      plate: '辽L12345',
    });
  });

  it('0x8100 success carries the auth code; failure does not', () => {
    const ok = frame(['8100 000a 013912345678 0001', '0001', '00', '61757468313233'], '83');
    expectGolden(ok, { type: 'registerResponse', replySerial: 1, result: 0, authCode: 'auth123' });
    const no = frame(['8100 0003 013912345678 0002', '0001', '03'], 'b2');
    expectGolden(no, { type: 'registerResponse', replySerial: 1, result: 3, authCode: '' });
  });

  it('a register body too short for any layout is an error value, not a throw', () => {
    const r = decodeFrame(frame(['0100 0003 013912345678 0003', '0015 04'], '20'));
    expect(r).toMatchObject({ ok: false, error: { code: 'truncated', header: { messageId: 0x0100 } } });
  });
});
