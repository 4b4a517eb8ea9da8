import { fillLocation, writeLocation, type Location } from './location.js';
import type { MessageCodec } from './types.js';

/** 0x0200 位置信息汇报 (JT/T 808-2019 §8.18): basic information + additional items. */
export interface LocationReport extends Location {
  type: 'locationReport';
}

export const locationReport: MessageCodec<LocationReport> = {
  id: 0x0200,
  type: 'locationReport',
  decode: (r) => {
    const l: LocationReport = {
      type: 'locationReport',
      alarm: 0,
      status: 0,
      latitude: 0,
      longitude: 0,
      altitude: 0,
      speedKmh: 0,
      heading: 0,
      time: null,
      extras: [],
    };
    fillLocation(r, r.end, true, l);
    return l;
  },
  encode: (w, m) => writeLocation(w, m, true),
};
