/** Labels for values the server names (alarm types, step actions) that may be new to the console. */
import { zh, type MessageKey } from '../i18n/dict.js';

/** The dictionary's label for `prefix.value`, or the value itself when the console has none. */
export function labelFor(
  t: (key: MessageKey) => string,
  prefix: 'alarmType' | 'alarmAction' | 'alarmStatus' | 'alarmLevel' | 'severity' | 'qualReason',
  value: string,
): string {
  const key = `${prefix}.${value}`;
  return key in zh ? t(key as MessageKey) : value;
}
