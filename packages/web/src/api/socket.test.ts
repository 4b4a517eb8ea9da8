import { describe, expect, it } from 'vitest';
import { backoffMs, socketUrl } from './socket.js';

describe('socket', () => {
  it('backs off 1 s, 2 s, 4 s … up to 30 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 20].map(backoffMs)).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
  });
  it('uses wss behind https', () => {
    expect(socketUrl('/api/alarms/stream', { protocol: 'https:', host: 'jg.example.cn' })).toBe(
      'wss://jg.example.cn/api/alarms/stream',
    );
    expect(socketUrl('/api/live/stream', { protocol: 'http:', host: '127.0.0.1:8080' })).toBe(
      'ws://127.0.0.1:8080/api/live/stream',
    );
  });
});
