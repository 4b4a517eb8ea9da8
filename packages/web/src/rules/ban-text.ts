/** A ban window's time in words for the list: daily windows with weekdays, and dated periods (China time). Pure. */
import type { MessageKey } from '../i18n/dict.js';
import { isoToChinaLocal } from './forms.js';
import type { BanWindow } from './types.js';

type T = (k: MessageKey, v?: Record<string, string | number>) => string;

export function banWhen(b: Pick<BanWindow, 'daily' | 'weekdays' | 'periods'>, t: T): string {
  const parts: string[] = [];
  if (b.daily.length > 0) {
    const days = b.weekdays?.length
      ? b.weekdays.map((d) => t(`ban.weekday.${d}` as MessageKey)).join('、')
      : t('ban.everyDay');
    parts.push(`${days} ${b.daily.map((w) => `${w.start}–${w.end}`).join(', ')}`);
  }
  for (const p of b.periods)
    parts.push(`${isoToChinaLocal(p.from).replace('T', ' ')} → ${isoToChinaLocal(p.to).replace('T', ' ')}`);
  return parts.length > 0 ? parts.join('; ') : t('ban.always');
}
