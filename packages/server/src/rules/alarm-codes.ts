/**
 * Normalised names for JT/T 808 alarm bits (报警标志, regulations.md §1.5) and 苏标 active-safety
 * types (T/JSATL 12-2017, §2.1), with the severity the rule engine gives each. The codec will
 * produce the same names; `alarmNames` converts a raw 报警标志 DWORD for callers that have one.
 */
import type { Severity } from './types.js';

/**
 * JT/T 808 报警标志 bit → name, spelt exactly as the @weiyun/jt808 codec's ALARM_BITS_2013
 * (bits 15–17 and 29 take the 2019 names, which the 2013 edition leaves reserved or calls a
 * warning), so decoded names pass through unchanged.
 */
export const JT808_ALARM_BITS: readonly (string | undefined)[] = [
  'sos', // 0 紧急报警
  'overspeed', // 1 超速报警 (terminal side)
  'fatigue', // 2 疲劳驾驶 (terminal side)
  'danger', // 3 危险预警 (2013); the codec names the 2019 bit 'dangerousDriving'
  'gnssFault', // 4 GNSS 模块故障
  'gnssAntennaDisconnected', // 5 GNSS 天线未接或被剪断
  'gnssAntennaShort', // 6 GNSS 天线短路
  'powerUndervoltage', // 7 终端主电源欠压
  'powerOff', // 8 终端主电源掉电
  'displayFault', // 9
  'ttsFault', // 10
  'cameraFault', // 11
  'icCardFault', // 12 道路运输证 IC 卡模块故障
  'overspeedWarning', // 13 超速预警
  'fatigueWarning', // 14 疲劳驾驶预警
  'illegalDriving', // 15 (2019) 违规行驶报警
  'tyrePressureWarning', // 16 (2019) 胎压预警
  'rightTurnBlindSpot', // 17 (2019) 右转盲区异常报警
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
  'collisionWarning', // 29 碰撞预警 (2013); 2019 'collisionRollover' 碰撞侧翻报警
  'rolloverWarning', // 30 侧翻预警 (2013); 2019 meaning unconfirmed
  'illegalDoorOpen', // 31 非法开门报警 (2013); 保留 in 2019
];

export function alarmNames(flags: number): string[] {
  const out: string[] = [];
  for (let bit = 0; bit < 32; bit++) {
    if ((flags >>> bit) & 1) {
      const name = JT808_ALARM_BITS[bit];
      if (name) out.push(name);
    }
  }
  return out;
}

/**
 * Device alarms the engine turns into episodes, with their severity. Terminal-side overspeed,
 * fatigue, area and route alarms are left out: the platform computes those itself from the
 * positions (the terminal's own thresholds are not the regulation's).
 */
export const DEVICE_ALARM_SEVERITY: Readonly<Record<string, Severity>> = {
  sos: 'critical',
  danger: 'high',
  dangerousDriving: 'high',
  collisionWarning: 'critical',
  collisionRollover: 'critical',
  rolloverWarning: 'high',
  illegalDoorOpen: 'high',
  illegalIgnition: 'high',
  illegalMovement: 'high',
  theft: 'critical',
  powerOff: 'high',
  powerUndervoltage: 'medium',
  gnssFault: 'medium',
  gnssAntennaDisconnected: 'high',
  gnssAntennaShort: 'medium',
  cameraFault: 'low',
  icCardFault: 'low',
  vssFault: 'low',
  fuelAbnormal: 'medium',
  tyrePressureWarning: 'medium',
  rightTurnBlindSpot: 'medium',
  illegalDriving: 'medium',
};

/** 苏标 type codes → names (ADAS 0x64, DSM 0x65, BSD 0x67; TPMS 0x66 uses bit names), as the codec spells them. */
export const ADAS_TYPES: Readonly<Record<number, string>> = {
  0x01: 'forwardCollision',
  0x02: 'laneDeparture',
  0x03: 'headwayTooClose',
  0x04: 'pedestrianCollision',
  0x05: 'frequentLaneChange',
  0x06: 'roadSignExceeded',
  0x07: 'obstacle',
  0x10: 'roadSignRecognized',
  0x11: 'activeCapture',
};
export const DSM_TYPES: Readonly<Record<number, string>> = {
  0x01: 'fatigue',
  0x02: 'phoneCall',
  0x03: 'smoking',
  0x04: 'distraction',
  0x05: 'driverAbnormal',
  0x10: 'autoCapture',
  0x11: 'driverChange',
};
export const BSD_TYPES: Readonly<Record<number, string>> = {
  0x01: 'rearApproach',
  0x02: 'leftRearApproach',
  0x03: 'rightRearApproach',
};
export const TPMS_BITS: readonly string[] = [
  'periodicReport',
  'pressureHigh',
  'pressureLow',
  'temperatureHigh',
  'sensorFault',
  'pressureUnbalanced',
  'slowLeak',
  'batteryLow',
];

/** Event types that are records, not alarms (captures, periodic reports): not turned into episodes. */
const NOT_ALARMS = new Set([
  'adas:roadSignRecognized',
  'adas:activeCapture',
  'dsm:autoCapture',
  'dsm:driverChange',
  'tpms:periodicReport',
]);

export function isActiveSafetyAlarm(source: string, type: string): boolean {
  return !NOT_ALARMS.has(`${source}:${type}`);
}

/** 报警级别 0x02 (二级) is the more serious one. */
export function activeSafetySeverity(source: string, type: string, level: number | undefined): Severity {
  if (source === 'adas' && (type === 'forwardCollision' || type === 'pedestrianCollision')) return 'high';
  if (source === 'dsm' && type === 'fatigue') return level === 2 ? 'high' : 'medium';
  return level === 2 ? 'medium' : 'low';
}
