import { readParameters, writeParameters, type TerminalParameter } from './parameters.js';
import type { MessageCodec } from './types.js';

/** 0x8103 设置终端参数: count BYTE, then parameters. */
export interface SetParameters {
  type: 'setParameters';
  parameters: TerminalParameter[];
}

export const setParameters: MessageCodec<SetParameters> = {
  id: 0x8103,
  type: 'setParameters',
  decode: (r) => ({ type: 'setParameters', parameters: readParameters(r, r.u8()) }),
  encode: (w, m) => writeParameters(w.u8(m.parameters.length), m.parameters),
};
