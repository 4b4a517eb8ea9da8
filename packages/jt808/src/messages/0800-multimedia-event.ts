import { readMultimediaHead, writeMultimediaHead, type MultimediaHead } from './multimedia.js';
import type { MessageCodec } from './types.js';

/** 0x0800 多媒体事件信息上传. */
export interface MultimediaEvent extends MultimediaHead {
  type: 'multimediaEvent';
}

export const multimediaEvent: MessageCodec<MultimediaEvent> = {
  id: 0x0800,
  type: 'multimediaEvent',
  decode: (r) => ({ type: 'multimediaEvent', ...readMultimediaHead(r) }),
  encode: (w, m) => writeMultimediaHead(w, m),
};
