import type { ExtraCodec } from './types.js';

/** 位置类型 (JT/T 808 Table 28): 0 none, 1 circle, 2 rectangle, 3 polygon, 4 road segment. */
export type PositionType = number;

/** 0x11 超速报警附加信息: type BYTE [+ area/segment id DWORD when type ≠ 0]. */
export interface OverspeedExtra {
  kind: 'overspeed';
  positionType: PositionType;
  /** Absent when positionType is 0. */
  areaId?: number;
}

export const overspeed: ExtraCodec<OverspeedExtra> = {
  id: 0x11,
  kind: 'overspeed',
  fits: (n) => n === 1 || n === 5,
  decode: (r, n) => {
    const positionType = r.u8();
    return n === 5
      ? { kind: 'overspeed', positionType, areaId: r.u32() }
      : { kind: 'overspeed', positionType };
  },
  encode: (w, e) => {
    w.u8(e.positionType);
    if (e.areaId !== undefined) w.u32(e.areaId);
  },
};
