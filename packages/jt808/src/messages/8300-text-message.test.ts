import { describe, expect, it } from 'vitest';
import { expectGolden } from '../golden.js';
import { frame } from '../testing.js';
import { textFlags } from './8300-text-message.js';

describe('0x8300 text message (GBK)', () => {
  it('2013: emergency, display and TTS flags', () => {
    const f = frame(['8300 000b 013912345678 0001', '0d', 'c7ebbcf5cbd9c2fdd0d0'], 'fc');
    expectGolden(f, { type: 'textMessage', flags: 0x0d, text: '请减速慢行' });
    expect(textFlags(0x0d, 2013)).toEqual({
      urgency: 'emergency',
      display: true,
      tts: true,
      advertisingScreen: false,
      canFaultCode: false,
    });
  });

  it('2019: two-bit urgency and a text type byte', () => {
    const f = frame(['8300 400c 01 00000000013912345678 0001', '0e', '01', 'c7ebbcf5cbd9c2fdd0d0'], 'b8');
    expectGolden(f, { type: 'textMessage', flags: 0x0e, textType: 1, text: '请减速慢行' });
    expect(textFlags(0x0e, 2019)).toMatchObject({ urgency: 'emergency', display: true, tts: true });
    expect(textFlags(0x01, 2019).urgency).toBe('service');
  });
});
