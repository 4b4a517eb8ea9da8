import { readFileInfo, writeFileInfo, type FileInfo } from './file-info.js';
import type { MessageCodec } from './types.js';

/** 苏标 0x1212 文件上传完成消息: answered by 0x9212. */
export interface FileUploadComplete extends FileInfo {
  type: 'fileUploadComplete';
}

export const fileUploadComplete: MessageCodec<FileUploadComplete> = {
  id: 0x1212,
  type: 'fileUploadComplete',
  decode: (r) => ({ type: 'fileUploadComplete', ...readFileInfo(r) }),
  encode: (w, m) => writeFileInfo(w, m),
};
