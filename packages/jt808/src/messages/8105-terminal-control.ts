import type { MessageCodec } from './types.js';

/** 0x8105 命令字 (JT/T 808-2019 Table 17). */
export const TerminalCommand = {
  upgrade: 1, // 无线升级
  connectServer: 2, // 控制终端连接指定服务器
  powerOff: 3, // 终端关机
  reset: 4, // 终端复位
  factoryReset: 5, // 恢复出厂设置
  closeDataLink: 6, // 关闭数据通信
  closeAllWireless: 7, // 关闭所有无线通信
} as const;

/** 0x8105 终端控制: command BYTE, then its parameters as one ';'-separated STRING (empty for most commands). */
export interface TerminalControl {
  type: 'terminalControl';
  command: number;
  parameters: string;
}

export const terminalControl: MessageCodec<TerminalControl> = {
  id: 0x8105,
  type: 'terminalControl',
  decode: (r) => ({ type: 'terminalControl', command: r.u8(), parameters: r.restText() }),
  encode: (w, m) => void w.u8(m.command).rawText(m.parameters),
};
