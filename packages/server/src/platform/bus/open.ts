import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { ClaimWatch, Db } from '../db/db.js';
import type { Bus, DeadLetter } from './bus.js';
import { createInProcessBus } from './inprocess.js';
import { createJetStreamBus, type PullEnded } from './jetstream.js';
import { DbBusJournal } from './journal.js';
import { EVENTS_STREAM } from './streams.js';

/**
 * Chooses the bus adapter from config: NATS JetStream when NATS_URL is set, in-process otherwise.
 * The in-process bus journals the domain events' stream in the database (`bus_journal`), so
 * events published and not yet handled when the process dies are delivered after the restart;
 * positions need no journal (they are committed to the position store before they are published).
 */
export async function openBus(
  config: Config,
  logger: Logger,
  db: Db,
  options: InProcessBusOptions = {},
): Promise<Bus> {
  const onDeadLetter = (d: DeadLetter): void =>
    logger.error({ cat: 'bus', ...d }, 'message dropped after maxDeliver');
  if (config.NATS_URL) {
    const bus = await createJetStreamBus({
      servers: config.NATS_URL,
      onDeadLetter,
      onPullEnded: pullEndedLog(logger),
    });
    logger.info({ cat: 'bus', bus: 'jetstream' }, 'connected to NATS JetStream');
    return bus;
  }
  return serverInProcessBus(db, logger, { ...options, onDeadLetter });
}

/**
 * Logs JetStream pull requests that ended in an error (`onPullEnded`), at most once a minute per
 * consumer, with how many more ended since: under load they can come every second, and each means
 * deliveries held back for the consumer's ackWait (an alarm 30 s late), which the operator should
 * see rather than guess.
 */
export function pullEndedLog(logger: Logger, now: () => number = Date.now): (e: PullEnded) => void {
  const last = new Map<string, { at: number; more: number }>();
  return (e) => {
    const key = `${e.stream}/${e.durable}`;
    const t = now();
    const seen = last.get(key);
    if (seen && t - seen.at < 60_000) {
      seen.more++;
      return;
    }
    last.set(key, { at: t, more: 0 });
    logger.warn(
      { cat: 'bus', ...e, moreInTheLastMinute: seen?.more ?? 0 },
      'JetStream 拉取请求提前结束，在途消息须待确认超时后重投（负载过高？）/ a JetStream pull request ended early: what was in flight to it comes back after the ackWait (overloaded?)',
    );
  };
}

/** The claim (`Db.claim`) of the server whose in-process bus owns the database's journal. */
export const IN_PROCESS_BUS_CLAIM = 'weiyun:in-process-bus';

/**
 * The in-process bus is one process's: its journal's ids come from that process, and its rule
 * state, alarm consumers and gateway sessions assume no other server works on the same data. A
 * second server started on the same database with the in-process bus is refused (several servers
 * need JetStream). A server killed a moment ago may still hold the claim until PostgreSQL notices
 * its connection is gone, so the claim is tried for `waitMs` before giving up.
 */
export async function claimInProcessBus(db: Db, waitMs = 10_000, watch?: ClaimWatch): Promise<void> {
  const until = Date.now() + waitMs;
  for (;;) {
    if (await db.claim(IN_PROCESS_BUS_CLAIM, watch)) return;
    if (Date.now() >= until)
      throw new Error(
        '另一台服务器正以进程内总线使用此数据库：进程内总线只能有一台服务器；多台服务器请配置 NATS JetStream（NATS_URL）。' +
          ' / Another server uses this database with the in-process bus, which serves one server only; several servers need NATS JetStream (set NATS_URL).',
      );
    await new Promise((r) => setTimeout(r, 250));
  }
}

export interface InProcessBusOptions {
  onDeadLetter?: (d: DeadLetter) => void;
  /**
   * Another server took the database's claim while this one's connection to it was down (see
   * `Db.claim`): both would now handle the same events and terminals, so this server must stop.
   * It is logged either way; without a handler nothing else happens.
   */
  onClaimLost?: (err: Error) => void;
}

/**
 * The in-process bus as the server runs it: the events' stream journaled in `db`, once this
 * process holds the database's claim (`claimInProcessBus`). A dropped claim is logged, and so is
 * its return; a lost one is logged as an error and handed to `onClaimLost`.
 */
export async function serverInProcessBus(
  db: Db,
  logger: Pick<Logger, 'info' | 'warn' | 'error'>,
  options: InProcessBusOptions = {},
): Promise<Bus> {
  const { onDeadLetter, onClaimLost } = options;
  await claimInProcessBus(db, 10_000, {
    dropped: (err) =>
      logger.warn({ cat: 'bus', err }, 'the in-process bus lost its claim on the database; taking it back'),
    retaken: () => logger.info({ cat: 'bus' }, 'the in-process bus holds its claim on the database again'),
    lost: (err) => {
      logger.error(
        { cat: 'bus', err },
        '另一台服务器在连接中断时取得了此数据库的进程内总线占用，本服务器须停止 / another server took the in-process bus claim on this database while the connection was down; this server must stop',
      );
      onClaimLost?.(err);
    },
  });
  return createInProcessBus({
    ...(onDeadLetter ? { onDeadLetter } : {}),
    journal: new DbBusJournal(db),
    journaled: [EVENTS_STREAM.name],
    onJournalError: (err) =>
      logger.warn({ cat: 'bus', err }, 'settled events not deleted from the bus journal; trying again later'),
  });
}
