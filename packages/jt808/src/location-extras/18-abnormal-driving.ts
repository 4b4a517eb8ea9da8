import type { ExtraCodec } from './types.js';

/** 0x18 异常驾驶行为报警详细描述 (JT/T 1078): type WORD (bit0 疲劳, bit1 打电话, bit2 抽烟), fatigue level BYTE 0–100. */
export interface AbnormalDrivingExtra {
  kind: 'abnormalDriving';
  bits: number;
  fatigueLevel: number;
}

export const abnormalDriving: ExtraCodec<AbnormalDrivingExtra> = {
  id: 0x18,
  kind: 'abnormalDriving',
  fits: (n) => n === 3,
  decode: (r) => ({ kind: 'abnormalDriving', bits: r.u16(), fatigueLevel: r.u8() }),
  encode: (w, e) => void w.u16(e.bits).u8(e.fatigueLevel),
};
