// One file per message id and per additional item, all registered in one table each.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KNOWN_EXTRA_IDS } from './location-extras/index.js';
import { MESSAGE_CODECS } from './messages/index.js';

const idsFromFiles = (dir: string, width: number): number[] =>
  readdirSync(new URL(dir, import.meta.url))
    .filter((f) => new RegExp(`^[0-9a-f]{${width}}-.*(?<!\\.test)\\.ts$`).test(f))
    .map((f) => parseInt(f.slice(0, width), 16))
    .sort((a, b) => a - b);

describe('registries', () => {
  it('every messages/<id>-<name>.ts is in the message table, and nothing else', () => {
    const table = MESSAGE_CODECS.map((c) => c.id).sort((a, b) => a - b);
    expect(table).toEqual(idsFromFiles('./messages/', 4));
    expect(new Set(MESSAGE_CODECS.map((c) => c.type)).size).toBe(MESSAGE_CODECS.length);
  });

  it('every location-extras/<id>-<name>.ts is in the item table', () => {
    expect([...KNOWN_EXTRA_IDS].sort((a, b) => a - b)).toEqual(idsFromFiles('./location-extras/', 2));
  });

  it('covers the ids the issue lists', () => {
    const ids = new Set(MESSAGE_CODECS.map((c) => c.id));
    const required = [
      0x0001, 0x8001, 0x0002, 0x0003, 0x0004, 0x8004, 0x0005, 0x8003, 0x0100, 0x8100, 0x0102, 0x8103, 0x8104,
      0x0104, 0x8105, 0x8201, 0x0201, 0x8202, 0x0200, 0x0704, 0x0702, 0x0800, 0x0801, 0x8300, 0x8600, 0x8601,
      0x8602, 0x8603, 0x8604, 0x8605, 0x8606, 0x8607, 0x0900, 0x8900, 0x0107, 0x9208, 0x1210, 0x1211, 0x1212,
      0x9212,
    ];
    expect(required.filter((id) => !ids.has(id))).toEqual([]);
    const extras = new Set(KNOWN_EXTRA_IDS);
    const requiredExtras = [
      0x01, 0x02, 0x03, 0x04, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x25, 0x2a, 0x2b, 0x30, 0x31,
      0x64, 0x65, 0x66, 0x67,
    ];
    expect(requiredExtras.filter((id) => !extras.has(id))).toEqual([]);
  });
});
