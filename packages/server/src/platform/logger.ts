import { pino, type Logger } from 'pino';
import type { Config } from '../config.js';

/**
 * Structured logs (pino, JSON lines). Categories are a fixed set, carried in `cat`, so an
 * operator can filter one subsystem: http, db, bus, gateway, pipeline, rules, alarms, jobs.
 */
export type LogCategory =
  'app' | 'http' | 'db' | 'bus' | 'gateway' | 'pipeline' | 'rules' | 'alarms' | 'jobs';

export function createLogger(config: Pick<Config, 'LOG_LEVEL'>): Logger {
  return pino({
    level: config.LOG_LEVEL,
    base: { service: 'weiyun' },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password'], censor: '***' },
  });
}

export function categoryLogger(logger: Logger, cat: LogCategory): Logger {
  return logger.child({ cat });
}
