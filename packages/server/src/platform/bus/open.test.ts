import { describe, expect, it } from 'vitest';
import type { ClaimWatch, Db } from '../db/db.js';
import { claimInProcessBus, IN_PROCESS_BUS_CLAIM, pullEndedLog, serverInProcessBus } from './open.js';

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

  it('logs a dropped claim and its return, and stops the server when another one took it', async () => {
    let watch: ClaimWatch | undefined;
    const db = {
      claim: (_name: string, w?: ClaimWatch) => {
        watch = w;
        return Promise.resolve(true);
      },
      query: () => Promise.resolve({ rows: [], rowCount: 0 }),
    } as unknown as Db;
    const logged: string[] = [];
    const log = (level: string) => (_obj: unknown, msg: string) => logged.push(`${level}: ${msg}`);
    const lost: Error[] = [];
    const bus = await serverInProcessBus(
      db,
      { info: log('info'), warn: log('warn'), error: log('error') } as never,
      { onClaimLost: (err) => lost.push(err) },
    );
    try {
      watch!.dropped!(new Error('connection ended'));
      watch!.retaken!();
      expect(lost).toEqual([]);
      watch!.lost(new Error('taken'));
      expect(lost.map((e) => e.message)).toEqual(['taken']);
      expect(logged).toEqual([
        'warn: the in-process bus lost its claim on the database; taking it back',
        'info: the in-process bus holds its claim on the database again',
        expect.stringMatching(
          /^error: 另一台服务器.*本服务器须停止 \/ another server took .* this server must stop$/,
        ),
      ]);
    } finally {
      await bus.close();
    }
  });
});

describe('JetStream pull requests that end early', () => {
  it('are logged once a minute per consumer, in Chinese and English, with how many more ended since', () => {
    const logged: { obj: Record<string, unknown>; msg: string }[] = [];
    let t = 0;
    const log = pullEndedLog(
      { warn: (obj: Record<string, unknown>, msg: string) => logged.push({ obj, msg }) } as never,
      () => t,
    );
    const ended = (durable: string) => log({ stream: 'events', durable, reason: 'heartbeats missed' });
    ended('alarms-rules');
    t = 1_000;
    ended('alarms-rules');
    ended('alarms-rules');
    ended('store_5'); // another consumer: its own minute
    t = 61_000;
    ended('alarms-rules');
    expect(logged.map((l) => [l.obj['durable'], l.obj['moreInTheLastMinute'], l.obj['reason']])).toEqual([
      ['alarms-rules', 0, 'heartbeats missed'],
      ['store_5', 0, 'heartbeats missed'],
      ['alarms-rules', 2, 'heartbeats missed'],
    ]);
    expect(logged[0]!.msg).toMatch(/拉取请求提前结束.*a JetStream pull request ended early/);
  });
});
