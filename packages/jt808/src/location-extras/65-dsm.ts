import { COMMON_TAIL_LENGTH, readTail, writeTail, type ActiveSafetyCommon } from './active-safety-common.js';
import type { ExtraCodec } from './types.js';

/** 苏标 DSM alarm/event types (T/JSATL 12-2017 Table 4-17); 0x06–0x0F, 0x12–0x1F user-defined. */
export const DSM_TYPES: Readonly<Record<number, string>> = {
  0x01: 'fatigue', // 疲劳驾驶报警
  0x02: 'phoneCall', // 接打电话报警
  0x03: 'smoking', // 抽烟报警
  0x04: 'distraction', // 分神驾驶报警
  0x05: 'driverAbnormal', // 驾驶员异常报警
  0x10: 'autoCapture', // 自动抓拍事件
  0x11: 'driverChange', // 驾驶员变更事件
};

/** 0x65 驾驶员状态监测系统报警信息. */
export interface DsmExtra extends ActiveSafetyCommon {
  kind: 'dsm';
  alarmType: number;
  alarmName: string;
  level: number;
  /** 疲劳程度 (range not fixed by the public text). */
  fatigueLevel: number;
  /** 预留 BYTE[4] as a DWORD. */
  reserved: number;
}

export function dsmName(type: number): string {
  return DSM_TYPES[type] ?? 'custom';
}

export const dsm: ExtraCodec<DsmExtra> = {
  id: 0x65,
  kind: 'dsm',
  fits: (n) => n === 12 + COMMON_TAIL_LENGTH,
  decode: (r) => {
    const alarmId = r.u32();
    const flag = r.u8();
    const alarmType = r.u8();
    return {
      kind: 'dsm',
      alarmId,
      flag,
      alarmType,
      alarmName: dsmName(alarmType),
      level: r.u8(),
      fatigueLevel: r.u8(),
      reserved: r.u32(),
      ...readTail(r),
    };
  },
  encode: (w, e) => {
    w.u32(e.alarmId).u8(e.flag).u8(e.alarmType).u8(e.level).u8(e.fatigueLevel).u32(e.reserved);
    writeTail(w, e);
  },
};
