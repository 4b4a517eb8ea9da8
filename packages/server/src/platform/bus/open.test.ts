import { describe, expect, it } from 'vitest';
import type { Db } from '../db/db.js';
import { claimInProcessBus, IN_PROCESS_BUS_CLAIM } from './open.js';

/** A database whose claim answers from `answers`, one per try (the last one repeated). */
function claiming(answers: boolean[]): { db: Db; names: string[] } {
  const names: string[] = [];
  const db = {
    claim: (name: string) => {
      names.push(name);
      return Promise.resolve(answers.length > 1 ? answers.shift()! : answers[0]!);
    },
  } as unknown as Db;
  return { db, names };
}

describe('the in-process bus claims its database', () => {
  it('starts when the claim is granted, also after the last holder let go a moment ago', async () => {
    const { db, names } = claiming([false, false, true]);
    await claimInProcessBus(db, 5_000);
    expect(names).toEqual([IN_PROCESS_BUS_CLAIM, IN_PROCESS_BUS_CLAIM, IN_PROCESS_BUS_CLAIM]);
  });

  it('refuses to start, in Chinese and English, while another server holds it', async () => {
    const { db, names } = claiming([false]);
    await expect(claimInProcessBus(db, 600)).rejects.toThrow(
      /另一台服务器正以进程内总线使用此数据库.*Another server uses this database with the in-process bus.*NATS_URL/s,
    );
    expect(names.length).toBeGreaterThanOrEqual(2);
  });
});
