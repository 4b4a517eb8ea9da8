import type { MessageCodec } from './types.js';

/**
 * 0x0107 查询终端属性应答 (JT/T 808-2013 §8.15, 2019 §8.16): terminal type WORD, manufacturer BYTE[5]
 * (2019: 11), model BYTE[20] (2019: 30), terminal id BYTE[7] (2019: 30), SIM ICCID BCD[10],
 * hardware version length BYTE + STRING, firmware version length BYTE + STRING, GNSS module BYTE
 * (bit0 GPS, bit1 BeiDou, bit2 GLONASS, bit3 Galileo), communication module BYTE.
 */
export interface TerminalAttributes {
  type: 'terminalAttributes';
  terminalType: number;
  manufacturer: string;
  model: string;
  terminalId: string;
  iccid: string;
  hardwareVersion: string;
  firmwareVersion: string;
  gnssModules: number;
  commModules: number;
}

export const terminalAttributes: MessageCodec<TerminalAttributes> = {
  id: 0x0107,
  type: 'terminalAttributes',
  decode: (r, h) => {
    const wide = h.edition === 2019;
    return {
      type: 'terminalAttributes',
      terminalType: r.u16(),
      manufacturer: r.text(wide ? 11 : 5),
      model: r.text(wide ? 30 : 20),
      terminalId: r.text(wide ? 30 : 7),
      iccid: r.bcd(10),
      hardwareVersion: r.text8(),
      firmwareVersion: r.text8(),
      gnssModules: r.u8(),
      commModules: r.u8(),
    };
  },
  encode: (w, m, edition) => {
    const wide = edition === 2019;
    w.u16(m.terminalType)
      .text(m.manufacturer, wide ? 11 : 5)
      .text(m.model, wide ? 30 : 20)
      .text(m.terminalId, wide ? 30 : 7)
      .bcd(m.iccid, 10)
      .text8(m.hardwareVersion)
      .text8(m.firmwareVersion)
      .u8(m.gnssModules)
      .u8(m.commModules);
  },
};
