import { describe, expect, it } from 'vitest';
import { toHex } from './decode.js';
import { decodeGbk, encodeGbk } from './gbk.js';
import {
  decodePlate,
  encodePlate,
  isPlate,
  normalizePlate,
  PlateColor,
  plateColorLabel,
  plateColorName,
} from './plate.js';

describe('plates and GBK', () => {
  it('names plate colours', () => {
    expect(PlateColor.yellow).toBe(2);
    expect(plateColorName(2)).toBe('yellow');
    expect(plateColorName(94)).toBe('gradientGreen');
    expect(plateColorName(7)).toBeUndefined();
    expect(plateColorLabel(1)).toBe('蓝色');
    expect(plateColorLabel(7)).toBe('未知(7)');
  });

  it('normalises and recognises plates', () => {
    expect(normalizePlate(' 辽l·12345 ')).toBe('辽L12345');
    expect(isPlate('辽L12345')).toBe(true);
    expect(isPlate('辽LD12345')).toBe(true); // new-energy, 6 characters
    expect(isPlate('辽L1234挂')).toBe(true); // trailer
    expect(isPlate('LL12345')).toBe(false);
    expect(isPlate('辽L123')).toBe(false);
  });

  it('encodes GBK like the standard tables and decodes it back', () => {
    expect(toHex(encodeGbk('危险货物'))).toBe('cea3cfd5bbf5ceef');
    expect(toHex(encodePlate('辽L12345'))).toBe('c1c94c3132333435');
    expect(decodePlate(Uint8Array.of(0xc1, 0xc9, 0x4c, 0x31, 0, 0))).toBe('辽L1');
    expect(decodeGbk(encodeGbk('€ 盘锦 ABC'))).toBe('€ 盘锦 ABC');
    expect(toHex(encodeGbk('😀'))).toBe('3f3f'); // no GBK code: '?' per UTF-16 unit
  });
});
