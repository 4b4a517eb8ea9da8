import type { Reader } from '../reader.js';
import type { MessageCodec } from './types.js';

/**
 * Which 0x0100 layout (JT/T 808-2011/2013/2019 §8.5): the field widths of manufacturer, model and
 * terminal id are 5/8/7 (2011), 5/20/7 (2013) and 11/30/30 (2019).
 */
export type RegisterLayout = '2011' | '2013' | '2019';

const WIDTHS: Record<RegisterLayout, readonly [number, number, number]> = {
  '2011': [5, 8, 7],
  '2013': [5, 20, 7],
  '2019': [11, 30, 30],
};

/** 0x0100 终端注册. */
export interface Register {
  type: 'register';
  layout: RegisterLayout;
  /** 省域ID: GB/T 2260 first two digits. */
  province: number;
  /** 市县域ID: GB/T 2260 last four digits. */
  city: number;
  manufacturer: string;
  model: string;
  terminalId: string;
  /** 车牌颜色 (JT/T 415): 0 no plate (then `plate` is the VIN), 1 blue, 2 yellow, 3 black, 4 white, 9 other. */
  plateColor: number;
  /** 车辆标识: plate (GBK) or VIN. */
  plate: string;
}

/** Plate colours a terminal can send (JT/T 415, plus 5 green in 2019 and JT/T 809's 91–94). */
function isPlateColor(c: number | undefined): boolean {
  return c !== undefined && (c <= 5 || c === 9 || (c >= 91 && c <= 94));
}

/**
 * 2011 and 2013 share a header, so the body tells them apart. A 2013 body has at least 37 fixed bytes
 * with the plate colour at offset 36; a 2011 body has it at offset 24. A long body is read as 2011 only
 * when offset 36 cannot be a colour and offset 24 can (a 2011 VIN after colour 0, for example).
 */
function layoutOf(edition: number, r: Reader): RegisterLayout {
  if (edition === 2019) return '2019';
  if (r.remaining < 37) return '2011';
  const b = r.buf;
  return !isPlateColor(b[r.pos + 36]) && isPlateColor(b[r.pos + 24]) ? '2011' : '2013';
}

export const register: MessageCodec<Register> = {
  id: 0x0100,
  type: 'register',
  decode: (r, h) => {
    const layout = layoutOf(h.edition, r);
    const [m, t, i] = WIDTHS[layout];
    return {
      type: 'register',
      layout,
      province: r.u16(),
      city: r.u16(),
      manufacturer: r.text(m),
      model: r.text(t),
      terminalId: r.text(i),
      plateColor: r.u8(),
      plate: r.restText(),
    };
  },
  encode: (w, msg, edition) => {
    // The header decides 2019; `layout` only chooses between 2011 and 2013 under a 2013 header.
    const layout = edition === 2019 ? '2019' : msg.layout === '2011' ? '2011' : '2013';
    const [m, t, i] = WIDTHS[layout];
    w.u16(msg.province).u16(msg.city).text(msg.manufacturer, m).text(msg.model, t).text(msg.terminalId, i);
    w.u8(msg.plateColor).rawText(msg.plate);
  },
};
