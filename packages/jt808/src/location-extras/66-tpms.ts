import { COMMON_TAIL_LENGTH, readTail, writeTail, type ActiveSafetyCommon } from './active-safety-common.js';
import type { ExtraCodec } from './types.js';

/** TPMS event bits (T/JSATL 12-2017 Table 4-20); bits 8–15 custom. */
export const TPMS_EVENT_BITS = [
  'periodicReport', // 0 胎压 (定时上报)
  'pressureHigh', // 1 胎压过高
  'pressureLow', // 2 胎压过低
  'temperatureHigh', // 3 胎温过高
  'sensorFault', // 4 传感器异常
  'pressureUnbalanced', // 5 胎压不平衡
  'slowLeak', // 6 慢漏气
  'batteryLow', // 7 电池电量低
] as const;

export interface TpmsTyre {
  /** 胎压报警位置: tyres numbered from the left front wheel, Z pattern, from 0. */
  position: number;
  /** 报警/事件类型 bits, see TPMS_EVENT_BITS. */
  events: number;
  pressureKpa: number;
  temperatureC: number;
  batteryPercent: number;
}

/** 0x66 胎压监测系统报警信息: common fields (no type/level), then count BYTE + 9-byte tyre items. */
export interface TpmsExtra extends ActiveSafetyCommon {
  kind: 'tpms';
  tyres: TpmsTyre[];
}

export function tpmsEventNames(events: number): string[] {
  const out: string[] = [];
  for (let bit = 0; bit < 16; bit++)
    if ((events >> bit) & 1) out.push(TPMS_EVENT_BITS[bit] ?? `custom${bit}`);
  return out;
}

export const tpms: ExtraCodec<TpmsExtra> = {
  id: 0x66,
  kind: 'tpms',
  fits: (n) => n >= 5 + COMMON_TAIL_LENGTH + 1 && (n - (5 + COMMON_TAIL_LENGTH + 1)) % 9 === 0,
  decode: (r) => {
    const alarmId = r.u32();
    const flag = r.u8();
    const tail = readTail(r);
    const count = r.u8();
    const tyres: TpmsTyre[] = [];
    for (let i = 0; i < count; i++) {
      tyres.push({
        position: r.u8(),
        events: r.u16(),
        pressureKpa: r.u16(),
        temperatureC: r.u16(),
        batteryPercent: r.u16(),
      });
    }
    return { kind: 'tpms', alarmId, flag, ...tail, tyres };
  },
  encode: (w, e) => {
    w.u32(e.alarmId).u8(e.flag);
    writeTail(w, e);
    w.u8(e.tyres.length);
    for (const t of e.tyres)
      w.u8(t.position).u16(t.events).u16(t.pressureKpa).u16(t.temperatureC).u16(t.batteryPercent);
  },
};
