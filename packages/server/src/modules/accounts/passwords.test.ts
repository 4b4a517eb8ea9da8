import { describe, expect, it } from 'vitest';
import { characterClasses, hashPassword, passwordProblems, verifyPassword } from './passwords.js';
import { generatePassword } from './service.js';

describe('password policy', () => {
  it('counts lower, upper, digits and anything else (symbols, CJK) as classes', () => {
    expect(characterClasses('abc')).toBe(1);
    expect(characterClasses('abcDEF')).toBe(2);
    expect(characterClasses('abcDEF123')).toBe(3);
    expect(characterClasses('abc123危运')).toBe(3);
    expect(characterClasses('aB3-')).toBe(4);
  });

  it('needs the minimum length and three classes, and not the username', () => {
    expect(passwordProblems('Abcdef-12', 10)).toEqual(['at least 10 characters']);
    expect(passwordProblems('abcdefghijkl', 10)).toEqual([
      'at least three of: lower-case, upper-case, digits, symbols',
    ]);
    expect(passwordProblems('Zhang.san-2026', 10, 'zhang.san')).toEqual(['must not contain the username']);
    expect(passwordProblems('Abcdefg-123', 10)).toEqual([]);
    // Length counts characters, not UTF-16 units or bytes.
    expect(passwordProblems('危运监管平台Ab12', 10)).toEqual([]);
  });

  it('generates passwords of the asked length with four classes', () => {
    for (let i = 0; i < 50; i++) {
      const p = generatePassword(20);
      expect(p).toHaveLength(20);
      expect(characterClasses(p)).toBe(4);
    }
  });
});

describe('argon2id', () => {
  it('hashes with argon2id and verifies only the right password', async () => {
    const stored = await hashPassword('Abcdefg-123', { minLength: 10, memoryKib: 1024 });
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=1024,t=2,p=1\$/);
    expect(await verifyPassword(stored, 'Abcdefg-123')).toBe(true);
    expect(await verifyPassword(stored, 'Abcdefg-124')).toBe(false);
    expect(await verifyPassword('not a hash', 'Abcdefg-123')).toBe(false);
  });
});
