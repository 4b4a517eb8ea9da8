import type { MessageCodec } from './types.js';

/**
 * 0x0702 驾驶员身份信息采集上报 (JT/T 808-2013 §8.47, 2019 §8.51):
 * status BYTE (1 IC card inserted / on duty, 2 removed / off duty), time BCD[6];
 * when inserted: read result BYTE (0 OK, 1 key auth failed, 2 card locked, 3 card pulled, 4 checksum error);
 * when read OK: name length BYTE + name, qualification certificate STRING[20], issuing authority length
 * BYTE + name, expiry BCD[4] YYYYMMDD, and in 2019 the driver's ID number STRING[20].
 */
export interface DriverIdentity {
  type: 'driverIdentity';
  status: number;
  /** Epoch ms UTC (wire: GMT+8), null if not a date. */
  time: number | null;
  readResult?: number;
  driverName?: string;
  /** 从业资格证编码 */
  certificateNumber?: string;
  /** 发证机构名称 */
  issuingAuthority?: string;
  /** 证件有效期 as 'YYYYMMDD'. */
  expiry?: string;
  /** 2019: 驾驶员身份证号 */
  idNumber?: string;
}

export const driverIdentity: MessageCodec<DriverIdentity> = {
  id: 0x0702,
  type: 'driverIdentity',
  decode: (r, h) => {
    const m: DriverIdentity = { type: 'driverIdentity', status: r.u8(), time: r.time6() };
    if (m.status !== 1 || r.remaining === 0) return m;
    m.readResult = r.u8();
    if (m.readResult !== 0) return m;
    m.driverName = r.text8();
    m.certificateNumber = r.text(20);
    m.issuingAuthority = r.text8();
    m.expiry = r.bcd(4);
    if (h.edition === 2019 && r.remaining >= 20) m.idNumber = r.text(20);
    return m;
  },
  encode: (w, m, edition) => {
    w.u8(m.status).time6(m.time);
    if (m.status !== 1 || m.readResult === undefined) return;
    w.u8(m.readResult);
    if (m.readResult !== 0) return;
    w.text8(m.driverName ?? '')
      .text(m.certificateNumber ?? '', 20)
      .text8(m.issuingAuthority ?? '')
      .bcd(m.expiry ?? '', 4);
    if (edition === 2019) w.text(m.idNumber ?? '', 20);
  },
};
