// Names for the 0x0200 alarm and status DWORDs, JT/T 808-2013 Table 24/25 and JT/T 808-2019 Table 25/26.
// Decoded messages keep the raw DWORDs (cheap, lossless); these tables and helpers name the bits.
import type { Edition } from './header.js';

/** Alarm bit names, index = bit. 2013 and 2019 differ at bits 3, 15–17, 29–31. */
export const ALARM_BITS_2013 = [
  'sos', // 0 紧急报警
  'overspeed', // 1 超速报警
  'fatigue', // 2 疲劳驾驶
  'danger', // 3 危险预警
  'gnssFault', // 4 GNSS 模块故障
  'gnssAntennaDisconnected', // 5 GNSS 天线未接或被剪断
  'gnssAntennaShort', // 6 GNSS 天线短路
  'powerUndervoltage', // 7 终端主电源欠压
  'powerOff', // 8 终端主电源掉电
  'displayFault', // 9 LCD/显示器故障
  'ttsFault', // 10 TTS 模块故障
  'cameraFault', // 11 摄像头故障
  'icCardFault', // 12 道路运输证 IC 卡模块故障
  'overspeedWarning', // 13 超速预警
  'fatigueWarning', // 14 疲劳驾驶预警
  'reserved15',
  'reserved16',
  'reserved17',
  'dailyDrivingOvertime', // 18 当天累计驾驶超时
  'overtimeParking', // 19 超时停车
  'areaInOut', // 20 进出区域
  'routeInOut', // 21 进出路线
  'routeTimeAbnormal', // 22 路段行驶时间不足/过长
  'routeDeviation', // 23 路线偏离
  'vssFault', // 24 车辆 VSS 故障
  'fuelAbnormal', // 25 车辆油量异常
  'theft', // 26 车辆被盗
  'illegalIgnition', // 27 车辆非法点火
  'illegalMovement', // 28 车辆非法位移
  'collisionWarning', // 29 碰撞预警
  'rolloverWarning', // 30 侧翻预警
  'illegalDoorOpen', // 31 非法开门报警
] as const;

export const ALARM_BITS_2019 = [
  ...ALARM_BITS_2013.slice(0, 3),
  'dangerousDriving', // 3 危险驾驶行为报警
  ...ALARM_BITS_2013.slice(4, 15),
  'illegalDriving', // 15 违规行驶报警
  'tyrePressureWarning', // 16 胎压预警
  'rightTurnBlindSpot', // 17 右转盲区异常报警
  ...ALARM_BITS_2013.slice(18, 29),
  'collisionRollover', // 29 碰撞侧翻报警
  'reserved30', // 30: 2019 meaning not confirmed by a primary text
  'reserved31', // 31 保留 (2013: 非法开门)
] as const;

export type AlarmName = (typeof ALARM_BITS_2013)[number] | (typeof ALARM_BITS_2019)[number];

const NO_NAMES: readonly never[] = Object.freeze([]);

/** Names of the set alarm bits, lowest bit first. Returns a shared empty array when no bit is set. */
export function alarmNames(alarm: number, edition: Edition = 2013): readonly AlarmName[] {
  if (alarm === 0) return NO_NAMES;
  const table = edition === 2019 ? ALARM_BITS_2019 : ALARM_BITS_2013;
  const out: AlarmName[] = [];
  for (let bit = 0; bit < 32; bit++) if ((alarm >>> bit) & 1) out.push(table[bit]!);
  return out;
}

/** Alarm bit value by name, for building alarm DWORDs and masks (e.g. 0x8103 parameter 0x0050). */
export function alarmBit(name: AlarmName, edition: Edition = 2013): number {
  const table: readonly string[] = edition === 2019 ? ALARM_BITS_2019 : ALARM_BITS_2013;
  const bit = table.indexOf(name);
  return bit < 0 ? 0 : 2 ** bit;
}

/** Status DWORD, named (JT/T 808-2013 Table 25; 2019 adds bits 6, 7 and 22). */
export interface LocationStatus {
  acc: boolean; // 0 ACC 开
  fixed: boolean; // 1 已定位
  south: boolean; // 2 南纬
  west: boolean; // 3 西经
  outOfService: boolean; // 4 停运
  encrypted: boolean; // 5 经纬度已经保密插件加密
  /** 2019 bit 6: forward-collision warning from the emergency braking system; always false for 2013. */
  forwardCollisionWarning: boolean;
  /** 2019 bit 7: lane-departure warning; always false for 2013. */
  laneDepartureWarning: boolean;
  /** bits 8–9: 00 空车, 01 半载, 10 保留, 11 满载 */
  load: 'empty' | 'half' | 'reserved' | 'full';
  fuelCut: boolean; // 10 油路断开
  circuitCut: boolean; // 11 电路断开
  doorsLocked: boolean; // 12 车门加锁
  door1Open: boolean; // 13 前门
  door2Open: boolean; // 14 中门
  door3Open: boolean; // 15 后门
  door4Open: boolean; // 16 驾驶席门
  door5Open: boolean; // 17 自定义
  gps: boolean; // 18
  beidou: boolean; // 19
  glonass: boolean; // 20
  galileo: boolean; // 21
  /** 2019 bit 22: 1 行驶 / 0 停止; always false for 2013. */
  moving: boolean;
}

const LOADS = ['empty', 'half', 'reserved', 'full'] as const;

export function statusFlags(status: number, edition: Edition = 2013): LocationStatus {
  const is2019 = edition === 2019;
  const bit = (n: number): boolean => ((status >>> n) & 1) === 1;
  return {
    acc: bit(0),
    fixed: bit(1),
    south: bit(2),
    west: bit(3),
    outOfService: bit(4),
    encrypted: bit(5),
    forwardCollisionWarning: is2019 && bit(6),
    laneDepartureWarning: is2019 && bit(7),
    load: LOADS[(status >>> 8) & 3]!,
    fuelCut: bit(10),
    circuitCut: bit(11),
    doorsLocked: bit(12),
    door1Open: bit(13),
    door2Open: bit(14),
    door3Open: bit(15),
    door4Open: bit(16),
    door5Open: bit(17),
    gps: bit(18),
    beidou: bit(19),
    glonass: bit(20),
    galileo: bit(21),
    moving: is2019 && bit(22),
  };
}

export const STATUS_ACC = 1 << 0;
export const STATUS_FIXED = 1 << 1;
export const STATUS_SOUTH = 1 << 2;
export const STATUS_WEST = 1 << 3;
export const STATUS_GPS = 1 << 18;
export const STATUS_BEIDOU = 1 << 19;
