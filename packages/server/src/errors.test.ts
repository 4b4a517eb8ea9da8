import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { AppError, errorBody, errorCatalog, langFromAcceptLanguage, renderErrorDoc } from './errors.js';
import { docsDir } from './platform/paths.js';

describe('error catalog', () => {
  it('gives every code an HTTP status and a message in both languages', () => {
    for (const [code, spec] of Object.entries(errorCatalog)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(spec.status).toBeGreaterThanOrEqual(400);
      expect(spec.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(spec.en.length).toBeGreaterThan(3);
    }
  });

  it('answers zh-CN first and English when asked', () => {
    expect(langFromAcceptLanguage(undefined)).toBe('zh');
    expect(langFromAcceptLanguage('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh');
    expect(langFromAcceptLanguage('en-US,en;q=0.9')).toBe('en');
    expect(errorBody('NOT_FOUND', 'zh')).toEqual({ code: 'NOT_FOUND', message: '记录不存在' });
    expect(errorBody('NOT_FOUND', 'en', { id: 'x' })).toEqual({
      code: 'NOT_FOUND',
      message: 'Not found',
      details: { id: 'x' },
    });
  });

  it('carries its status on AppError', () => {
    expect(new AppError('CONFLICT').status).toBe(409);
  });

  it('keeps docs/errors.md in sync with the catalog (run `npm run docs` after changing errors.ts)', async () => {
    expect(await readFile(`${docsDir}/errors.md`, 'utf8')).toBe(renderErrorDoc());
  });
});
