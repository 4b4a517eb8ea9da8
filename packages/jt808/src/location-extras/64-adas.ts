import { COMMON_TAIL_LENGTH, readTail, writeTail, type ActiveSafetyCommon } from './active-safety-common.js';
import type { ExtraCodec } from './types.js';

/** 苏标 ADAS alarm/event types (T/JSATL 12-2017 Table 4-15); 0x08–0x0F, 0x12–0x1F user-defined. */
export const ADAS_TYPES: Readonly<Record<number, string>> = {
  0x01: 'forwardCollision', // 前向碰撞报警
  0x02: 'laneDeparture', // 车道偏离报警
  0x03: 'headwayTooClose', // 车距过近报警
  0x04: 'pedestrianCollision', // 行人碰撞报警
  0x05: 'frequentLaneChange', // 频繁变道报警
  0x06: 'roadSignExceeded', // 道路标识超限报警
  0x07: 'obstacle', // 障碍物报警
  0x10: 'roadSignRecognized', // 道路标志识别事件
  0x11: 'activeCapture', // 主动抓拍事件
};

/** 0x64 高级驾驶辅助系统报警信息. */
export interface AdasExtra extends ActiveSafetyCommon {
  kind: 'adas';
  alarmType: number;
  /** Name of `alarmType`, or 'custom' for user-defined codes. */
  alarmName: string;
  /** 报警级别: 1 一级, 2 二级. */
  level: number;
  /** 前车车速 km/h (types 1, 2). */
  frontVehicleSpeedKmh: number;
  /** 前车/行人距离, unit 100 ms (types 1, 2, 4). */
  frontDistance: number;
  /** 偏离类型: 1 left, 2 right (type 2). */
  departureType: number;
  /** 道路标志识别类型: 1 限速, 2 限高, 3 限重 (types 6, 0x10). */
  roadSignType: number;
  roadSignData: number;
}

export function adasName(type: number): string {
  return ADAS_TYPES[type] ?? 'custom';
}

export const adas: ExtraCodec<AdasExtra> = {
  id: 0x64,
  kind: 'adas',
  fits: (n) => n === 12 + COMMON_TAIL_LENGTH,
  decode: (r) => {
    const alarmId = r.u32();
    const flag = r.u8();
    const alarmType = r.u8();
    return {
      kind: 'adas',
      alarmId,
      flag,
      alarmType,
      alarmName: adasName(alarmType),
      level: r.u8(),
      frontVehicleSpeedKmh: r.u8(),
      frontDistance: r.u8(),
      departureType: r.u8(),
      roadSignType: r.u8(),
      roadSignData: r.u8(),
      ...readTail(r),
    };
  },
  encode: (w, e) => {
    w.u32(e.alarmId).u8(e.flag).u8(e.alarmType).u8(e.level);
    w.u8(e.frontVehicleSpeedKmh)
      .u8(e.frontDistance)
      .u8(e.departureType)
      .u8(e.roadSignType)
      .u8(e.roadSignData);
    writeTail(w, e);
  },
};
