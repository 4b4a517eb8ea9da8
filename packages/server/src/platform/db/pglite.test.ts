import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockDataDir, openPglite } from './pglite.js';

describe('PGlite data directory lock', () => {
  let base: string;
  beforeEach(async () => {
    base = await mkdtemp(join(tmpdir(), 'weiyun-pglite-'));
  });
  afterEach(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('lets one opening at a time have the directory, and takes it back when closed', async () => {
    const dir = join(base, 'data');
    const db = await openPglite({ dataDir: dir });
    try {
      expect((await readFile(`${dir}.lock`, 'utf8')).trim()).toBe(String(process.pid));
      await db.query('CREATE TABLE kept (n int)');
      await expect(openPglite({ dataDir: dir })).rejects.toThrow(/正被本进程使用.*in use by this process/s);
      // The refused opening changed nothing.
      await db.query('INSERT INTO kept VALUES (1)');
    } finally {
      await db.close();
    }
    await expect(stat(`${dir}.lock`)).rejects.toThrow(/ENOENT/);
    const again = await openPglite({ dataDir: dir });
    try {
      expect((await again.query('SELECT n FROM kept')).rows).toEqual([{ n: 1 }]);
    } finally {
      await again.close();
    }
  });

  it('refuses a directory a running process holds, and takes over from one that is gone', async () => {
    const dir = join(base, 'other');
    // The parent of this test process runs: its lock stands.
    await writeFile(`${dir}.lock`, `${process.ppid}\n`);
    await expect(lockDataDir(dir)).rejects.toThrow(new RegExp(`in use by process ${process.ppid}`));
    // A process that has ended (killed, say) left its lock behind.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    await writeFile(`${dir}.lock`, gone.stdout.toString());
    const release = await lockDataDir(dir);
    expect((await readFile(`${dir}.lock`, 'utf8')).trim()).toBe(String(process.pid));
    release();
    await expect(stat(`${dir}.lock`)).rejects.toThrow(/ENOENT/);
    // A lock carrying this process's own pid that it does not hold: left by an earlier run.
    await writeFile(`${dir}.lock`, `${process.pid}\n`);
    (await lockDataDir(dir))();
    // An unreadable lock is no one's.
    await writeFile(`${dir}.lock`, 'garbage');
    (await lockDataDir(dir))();
  });
});
