// 0x0900 / 0x8900 数据上行/下行透传: type BYTE + content (kept raw). 苏标 uses type 0xF7 (peripheral
// status) and 0xF8 (peripheral information).
export interface PassThroughBody {
  passThroughType: number;
  data: Uint8Array;
}
