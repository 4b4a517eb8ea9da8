import { readFileInfo, writeFileInfo, type FileInfo } from './file-info.js';
import type { MessageCodec } from './types.js';

/** 苏标 0x1211 文件信息上传: sent before each attachment's data stream. */
export interface FileInfoUpload extends FileInfo {
  type: 'fileInfoUpload';
}

export const fileInfoUpload: MessageCodec<FileInfoUpload> = {
  id: 0x1211,
  type: 'fileInfoUpload',
  decode: (r) => ({ type: 'fileInfoUpload', ...readFileInfo(r) }),
  encode: (w, m) => writeFileInfo(w, m),
};
