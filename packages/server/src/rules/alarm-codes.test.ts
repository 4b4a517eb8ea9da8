import {
  ADAS_TYPES as CODEC_ADAS,
  ALARM_BITS_2013,
  ALARM_BITS_2019,
  BSD_TYPES as CODEC_BSD,
  DSM_TYPES as CODEC_DSM,
  TPMS_EVENT_BITS,
} from '@weiyun/jt808';
import { describe, expect, it } from 'vitest';
import {
  ADAS_TYPES,
  BSD_TYPES,
  DEVICE_ALARM_SEVERITY,
  DSM_TYPES,
  JT808_ALARM_BITS,
  TPMS_BITS,
} from './alarm-codes.js';

describe('alarm names agree with the jt808 codec', () => {
  it('every alarm bit has the 2013 or the 2019 codec name', () => {
    JT808_ALARM_BITS.forEach((name, bit) => {
      expect([ALARM_BITS_2013[bit], ALARM_BITS_2019[bit]]).toContain(name);
    });
  });

  it('every alarm the engine reports is a name the codec produces', () => {
    const codec = new Set<string>([...ALARM_BITS_2013, ...ALARM_BITS_2019]);
    for (const name of Object.keys(DEVICE_ALARM_SEVERITY)) expect(codec.has(name), name).toBe(true);
  });

  it('active-safety type names match', () => {
    expect(ADAS_TYPES).toEqual(CODEC_ADAS);
    expect(DSM_TYPES).toEqual(CODEC_DSM);
    expect(BSD_TYPES).toEqual(CODEC_BSD);
    expect(TPMS_BITS).toEqual(TPMS_EVENT_BITS);
  });
});
