import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ConfigInvalidError, configCatalog, parseConfig, renderConfigDoc } from './config.js';
import { docsDir } from './platform/paths.js';

describe('config', () => {
  it('fills every default', () => {
    const c = parseConfig({});
    expect(c.PORT).toBe(8080);
    expect(c.WEIYUN_MODE).toBe('demo');
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.PGLITE_DATA_DIR).toBe('./data/pg');
    expect(c.BUS_PARTITIONS).toBe(16);
    expect(c.RULES_SNAPSHOT_INTERVAL_S).toBe(30);
  });

  it('parses given values with their types', () => {
    const c = parseConfig({
      PORT: '9090',
      DATABASE_URL: 'postgres://weiyun@127.0.0.1:5432/weiyun',
      NATS_URL: 'nats://127.0.0.1:4222',
      LOG_LEVEL: 'warn',
    });
    expect(c).toMatchObject({
      PORT: 9090,
      DATABASE_URL: 'postgres://weiyun@127.0.0.1:5432/weiyun',
      NATS_URL: 'nats://127.0.0.1:4222',
      LOG_LEVEL: 'warn',
    });
  });

  it('reports every bad key at once, not only the first', () => {
    let error: unknown;
    try {
      parseConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x:secret@host/db' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigInvalidError);
    const errors = (error as ConfigInvalidError).errors;
    expect(errors.map((e) => e.key)).toEqual(['PORT', 'LOG_LEVEL', 'DATABASE_URL']);
    expect((error as Error).message).toContain('PORT: not an integer: "eighty"');
    expect((error as Error).message).toContain('LOG_LEVEL: "loud" is not one of');
    expect((error as Error).message).not.toContain('secret');
  });

  it('rejects out-of-range numbers', () => {
    expect(() => parseConfig({ PORT: '70000' })).toThrow(/PORT: 70000 is outside 1–65535/);
    // A rule-state save more often than every 5 s would spend the engine's CPU on snapshots.
    expect(() => parseConfig({ RULES_SNAPSHOT_INTERVAL_S: '2' })).toThrow(
      /RULES_SNAPSHOT_INTERVAL_S: 2 is outside 5–3600/,
    );
  });

  it('keeps docs/config.md in sync with the catalog (run `npm run docs` after changing config.ts)', async () => {
    const doc = await readFile(`${docsDir}/config.md`, 'utf8');
    expect(doc).toBe(renderConfigDoc());
    for (const key of Object.keys(configCatalog)) expect(doc).toContain(`\`${key}\``);
  });
});
