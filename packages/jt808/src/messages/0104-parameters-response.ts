import { readParameters, writeParameters, type TerminalParameter } from './parameters.js';
import type { MessageCodec } from './types.js';

/** 0x0104 查询终端参数应答: reply serial WORD, count BYTE, parameters. */
export interface ParametersResponse {
  type: 'parametersResponse';
  replySerial: number;
  parameters: TerminalParameter[];
}

export const parametersResponse: MessageCodec<ParametersResponse> = {
  id: 0x0104,
  type: 'parametersResponse',
  decode: (r) => {
    const replySerial = r.u16();
    return { type: 'parametersResponse', replySerial, parameters: readParameters(r, r.u8()) };
  },
  encode: (w, m) => writeParameters(w.u16(m.replySerial).u8(m.parameters.length), m.parameters),
};
