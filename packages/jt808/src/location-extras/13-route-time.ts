import type { ExtraCodec } from './types.js';

/** 0x13 路段行驶时间不足/过长: segment id DWORD, driving time WORD (s), result BYTE (0 too short, 1 too long). */
export interface RouteTimeExtra {
  kind: 'routeTime';
  segmentId: number;
  drivingTimeS: number;
  result: 'tooShort' | 'tooLong';
}

export const routeTime: ExtraCodec<RouteTimeExtra> = {
  id: 0x13,
  kind: 'routeTime',
  fits: (n) => n === 7,
  decode: (r) => ({
    kind: 'routeTime',
    segmentId: r.u32(),
    drivingTimeS: r.u16(),
    result: r.u8() === 0 ? 'tooShort' : 'tooLong',
  }),
  encode: (w, e) =>
    void w
      .u32(e.segmentId)
      .u16(e.drivingTimeS)
      .u8(e.result === 'tooShort' ? 0 : 1),
};
