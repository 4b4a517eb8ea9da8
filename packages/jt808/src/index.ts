// Public API of @weiyun/jt808: a pure JT/T 808 (2011/2013/2019) + 苏标 T/JSATL 12 codec. No I/O.
export { createFramer, checksum, escapeFrame, MIN_FRAME_LENGTH } from './framer.js';
export type { Framer, FramerOptions, FrameProblem } from './framer.js';
export { decodeFrame, decodePacket, decodeBody, fromHex, toHex } from './decode.js';
export type { DecodeResult, DecodeFailure } from './decode.js';
export { encode, encodeBody, encodePackets } from './encode.js';
export type { Header, HeaderInput, Edition, PacketInfo } from './header.js';
export type { DecodeErrorCode } from './reader.js';
export { createReassembler } from './reassembler.js';
export type { Reassembler, ReassemblerOptions, PushResult, ResendNeeded, Dropped } from './reassembler.js';
export {
  generalResponse,
  registerResponse,
  serverTimeResponse,
  resendRequest,
  replyHeader,
} from './replies.js';
// Message and item shapes are types; codec objects and tables stay internal.
export type * from './messages/index.js';
export type * from './location-extras/index.js';
export { messageIdOf, PARAMETERS, parameterName } from './messages/index.js';
export { GeneralResult } from './messages/8001-platform-general-response.js';
export { RegisterResult } from './messages/8100-register-response.js';
export { TerminalCommand } from './messages/8105-terminal-control.js';
export { textFlags } from './messages/8300-text-message.js';
export {
  ADAS_TYPES,
  adasName,
  BSD_TYPES,
  bsdName,
  DSM_TYPES,
  dsmName,
  KNOWN_EXTRA_IDS,
  TPMS_EVENT_BITS,
  tpmsEventNames,
  VEHICLE_SIGNAL_BITS,
  VIDEO_ALARM_BITS,
} from './location-extras/index.js';
export * from './location-flags.js';
export type { AlarmIdentification } from './alarm-identification.js';
export {
  PlateColor,
  plateColorName,
  plateColorLabel,
  normalizePlate,
  isPlate,
  encodePlate,
  decodePlate,
} from './plate.js';
export type { PlateColorName } from './plate.js';
export { decodeGbk, encodeGbk } from './gbk.js';
