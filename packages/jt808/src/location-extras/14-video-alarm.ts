import type { ExtraCodec } from './types.js';

/** JT/T 1078 0x14 视频相关报警 DWORD bit names. */
export const VIDEO_ALARM_BITS = [
  'signalLoss', // 0 视频信号丢失
  'signalBlocked', // 1 视频信号遮挡
  'storageFault', // 2 存储单元故障
  'otherDeviceFault', // 3 其他视频设备故障
  'passengerOverload', // 4 客车超员
  'abnormalDriving', // 5 异常驾驶行为
  'specialRecordingFull', // 6 特殊报警录像达到存储阈值
] as const;

/** 0x14 视频相关报警 (JT/T 1078 Table 14): DWORD bitmask. */
export interface VideoAlarmExtra {
  kind: 'videoAlarm';
  bits: number;
}

export const videoAlarm: ExtraCodec<VideoAlarmExtra> = {
  id: 0x14,
  kind: 'videoAlarm',
  fits: (n) => n === 4,
  decode: (r) => ({ kind: 'videoAlarm', bits: r.u32() }),
  encode: (w, e) => void w.u32(e.bits),
};
