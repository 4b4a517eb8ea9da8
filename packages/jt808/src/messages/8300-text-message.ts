import type { Edition } from '../header.js';
import type { MessageCodec } from './types.js';

/**
 * 0x8300 文本信息下发 (JT/T 808-2013 §8.29, 2019 §8.32). Flags BYTE, [2019: text type BYTE
 * (1 notice, 2 service)], text in GBK.
 *   2013 flags: bit0 emergency, bit2 display, bit3 TTS, bit4 advertising screen, bit5 0 navigation / 1 CAN fault code.
 *   2019 flags: bits 0–1 01 service / 10 emergency / 11 notice; bit2 display, bit3 TTS, bit5 as in 2013.
 */
export interface TextMessage {
  type: 'textMessage';
  flags: number;
  /** 2019 only: 1 notice, 2 service. */
  textType?: number;
  text: string;
}

export interface TextFlags {
  urgency: 'normal' | 'service' | 'emergency' | 'notice';
  display: boolean;
  tts: boolean;
  /** 2013 only. */
  advertisingScreen: boolean;
  canFaultCode: boolean;
}

const URGENCY_2019 = ['normal', 'service', 'emergency', 'notice'] as const;

export function textFlags(flags: number, edition: Edition = 2013): TextFlags {
  return {
    urgency: edition === 2019 ? URGENCY_2019[flags & 3]! : (flags & 1) !== 0 ? 'emergency' : 'normal',
    display: (flags & 4) !== 0,
    tts: (flags & 8) !== 0,
    advertisingScreen: edition !== 2019 && (flags & 16) !== 0,
    canFaultCode: (flags & 32) !== 0,
  };
}

export const textMessage: MessageCodec<TextMessage> = {
  id: 0x8300,
  type: 'textMessage',
  decode: (r, h) => {
    const flags = r.u8();
    if (h.edition === 2019) return { type: 'textMessage', flags, textType: r.u8(), text: r.restText() };
    return { type: 'textMessage', flags, text: r.restText() };
  },
  encode: (w, m, edition) => {
    w.u8(m.flags);
    if (edition === 2019) w.u8(m.textType ?? 1);
    w.rawText(m.text);
  },
};
