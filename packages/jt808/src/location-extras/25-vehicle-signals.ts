import type { ExtraCodec } from './types.js';

/** 0x25 扩展车辆信号状态位, bit names (JT/T 808-2013 Table 31). */
export const VEHICLE_SIGNAL_BITS = [
  'lowBeam', // 0 近光灯
  'highBeam', // 1 远光灯
  'rightTurn', // 2 右转向灯
  'leftTurn', // 3 左转向灯
  'brake', // 4 制动
  'reverse', // 5 倒档
  'fogLight', // 6 雾灯
  'positionLight', // 7 示廓灯
  'horn', // 8 喇叭
  'airConditioner', // 9 空调
  'neutral', // 10 空档
  'retarder', // 11 缓速器
  'abs', // 12 ABS
  'heater', // 13 加热器
  'clutch', // 14 离合器
] as const;

export interface VehicleSignalsExtra {
  kind: 'vehicleSignals';
  bits: number;
}

export const vehicleSignals: ExtraCodec<VehicleSignalsExtra> = {
  id: 0x25,
  kind: 'vehicleSignals',
  fits: (n) => n === 4,
  decode: (r) => ({ kind: 'vehicleSignals', bits: r.u32() }),
  encode: (w, e) => void w.u32(e.bits),
};
