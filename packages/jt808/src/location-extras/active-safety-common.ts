// Shared tail of the 苏标 0x64–0x67 items (T/JSATL 12-2017 §4.4.3): speed BYTE km/h, altitude WORD m,
// latitude DWORD, longitude DWORD (1e-6 degrees), time BCD[6] GMT+8, vehicle status WORD, alarm identification[16].
import {
  readAlarmIdentification,
  writeAlarmIdentification,
  type AlarmIdentification,
} from '../alarm-identification.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

export interface ActiveSafetyCommon {
  /** 报警ID, increasing per terminal. */
  alarmId: number;
  /** 标志状态: 0 不可用, 1 开始标志, 2 结束标志. */
  flag: number;
  speedKmh: number;
  altitude: number;
  /** Degrees; the item carries no hemisphere bits, so always ≥ 0. */
  latitude: number;
  longitude: number;
  time: number | null;
  /** 车辆状态: bit0 ACC, bit1 左转向, bit2 右转向, bit3 雨刮器, bit4 制动, bit5 插卡, bit10 定位. */
  vehicleStatus: number;
  alarmIdentification: AlarmIdentification;
}

/** Bytes after the type-specific fields. */
export const COMMON_TAIL_LENGTH = 1 + 2 + 4 + 4 + 6 + 2 + 16;

export interface CommonTail {
  speedKmh: number;
  altitude: number;
  latitude: number;
  longitude: number;
  time: number | null;
  vehicleStatus: number;
  alarmIdentification: AlarmIdentification;
}

export function readTail(r: Reader): CommonTail {
  return {
    speedKmh: r.u8(),
    altitude: r.u16(),
    latitude: r.u32() / 1e6,
    longitude: r.u32() / 1e6,
    time: r.time6(),
    vehicleStatus: r.u16(),
    alarmIdentification: readAlarmIdentification(r),
  };
}

export function writeTail(w: Writer, e: CommonTail): void {
  w.u8(e.speedKmh)
    .u16(e.altitude)
    .u32(Math.round(e.latitude * 1e6))
    .u32(Math.round(e.longitude * 1e6))
    .time6(e.time)
    .u16(e.vehicleStatus);
  writeAlarmIdentification(w, e.alarmIdentification);
}

/** 报警级别 (0x64/0x65): 1 一级报警, 2 二级报警. */
export function levelName(level: number): 'level1' | 'level2' | 'unknown' {
  return level === 1 ? 'level1' : level === 2 ? 'level2' : 'unknown';
}
