import type { ExtraCodec } from './types.js';

/** 0x04 需要人工确认报警事件的ID: WORD, counted from 1 (answered by 0x8203). */
export interface ManualAlarmEventExtra {
  kind: 'manualAlarmEvent';
  eventId: number;
}

export const manualAlarmEvent: ExtraCodec<ManualAlarmEventExtra> = {
  id: 0x04,
  kind: 'manualAlarmEvent',
  fits: (n) => n === 2,
  decode: (r) => ({ kind: 'manualAlarmEvent', eventId: r.u16() }),
  encode: (w, e) => void w.u16(e.eventId),
};
