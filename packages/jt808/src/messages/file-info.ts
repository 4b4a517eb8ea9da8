// Body shared by 苏标 0x1211 and 0x1212: name length BYTE + name, file type BYTE, size DWORD.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

/** 文件类型: 0 picture, 1 audio, 2 video, 3 text, 4 other (粤标: 4 face picture, 5 other). */
export interface FileInfo {
  name: string;
  fileType: number;
  size: number;
}

export function readFileInfo(r: Reader): FileInfo {
  return { name: r.text8(), fileType: r.u8(), size: r.u32() };
}

export function writeFileInfo(w: Writer, f: FileInfo): void {
  w.text8(f.name).u8(f.fileType).u32(f.size);
}
