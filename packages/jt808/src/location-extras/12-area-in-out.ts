import type { ExtraCodec } from './types.js';

/** 0x12 进出区域/路线报警附加信息: position type BYTE, area/route id DWORD, direction BYTE (0 in, 1 out). */
export interface AreaInOutExtra {
  kind: 'areaInOut';
  positionType: number;
  areaId: number;
  direction: 'in' | 'out';
}

export const areaInOut: ExtraCodec<AreaInOutExtra> = {
  id: 0x12,
  kind: 'areaInOut',
  fits: (n) => n === 6,
  decode: (r) => ({
    kind: 'areaInOut',
    positionType: r.u8(),
    areaId: r.u32(),
    direction: r.u8() === 0 ? 'in' : 'out',
  }),
  encode: (w, e) =>
    void w
      .u8(e.positionType)
      .u32(e.areaId)
      .u8(e.direction === 'in' ? 0 : 1),
};
