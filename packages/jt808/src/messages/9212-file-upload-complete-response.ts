import type { MessageCodec } from './types.js';

export interface FileRange {
  offset: number;
  length: number;
}

/**
 * 苏标 0x9212 文件上传完成消息应答: name length BYTE + name, file type BYTE, result BYTE (0 complete,
 * 1 re-send needed), count BYTE, then (offset DWORD, length DWORD) ranges to send again.
 */
export interface FileUploadCompleteResponse {
  type: 'fileUploadCompleteResponse';
  name: string;
  fileType: number;
  result: number;
  missing: FileRange[];
}

export const fileUploadCompleteResponse: MessageCodec<FileUploadCompleteResponse> = {
  id: 0x9212,
  type: 'fileUploadCompleteResponse',
  decode: (r) => {
    const name = r.text8();
    const fileType = r.u8();
    const result = r.u8();
    const n = r.u8();
    const missing: FileRange[] = [];
    for (let i = 0; i < n; i++) missing.push({ offset: r.u32(), length: r.u32() });
    return { type: 'fileUploadCompleteResponse', name, fileType, result, missing };
  },
  encode: (w, m) => {
    w.text8(m.name).u8(m.fileType).u8(m.result).u8(m.missing.length);
    for (const f of m.missing) w.u32(f.offset).u32(f.length);
  },
};
