/**
 * Who drove when, as tags: each span of the card in the terminal's reader (whose card, on file or
 * not, none, unreadable, no report yet) with the time it covers. Used by the track page (the
 * playhead's span marked) and the alarm drawer (the alarm's own time).
 */
import { Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { api } from '../api/client.js';
import { useI18n } from '../i18n/I18n.js';
import type { DriverCardReport } from '../map/driver-card.js';
import { cardSpans, type CardSpan } from './driver-cards.js';

export function CardSpanTags({
  spans,
  current,
  testId,
  label = true,
}: {
  spans: readonly CardSpan[];
  current?: CardSpan | undefined;
  testId: string;
  /** Show the "Driver IC card" caption before the tags. */
  label?: boolean;
}) {
  const { t } = useI18n();
  const text = (s: CardSpan): string =>
    s.card.kind === 'card'
      ? `${s.card.name}${s.card.onFile ? '' : ` · ${t('live.cardNotOnFile')}`}`
      : s.card.kind === 'none'
        ? t('live.noCard')
        : s.card.kind === 'unreadable'
          ? t('track.cardUnreadable')
          : t('track.cardUnknown');
  // Spans within one day show the time only; longer ones the date too.
  const sameDay = spans.every((s) => dayjs(s.from).isSame(dayjs(s.to - 1), 'day'));
  const time = (ms: number) => dayjs(ms).format(sameDay ? 'HH:mm' : 'MM-DD HH:mm');
  return (
    <Space size={4} wrap data-testid={testId}>
      {label && <Typography.Text type="secondary">{t('track.cards')}</Typography.Text>}
      {spans.map((s) => {
        const c = s.card;
        const color =
          c.kind === 'card' ? (c.onFile ? 'blue' : 'red') : c.kind === 'unreadable' ? 'orange' : 'default';
        const on = s === current;
        return (
          <Tag key={s.from} color={color} data-testid="track-card-span" data-current={on || undefined}>
            {on ? '▶ ' : ''}
            {text(s)} {time(s.from)}–{time(s.to)}
          </Tag>
        );
      })}
    </Space>
  );
}

/**
 * The vehicle's card spans over [from, to] (epoch ms): loaded from the driver-cards route when
 * `allowed`; null while loading, when not allowed, or when the route refused.
 */
export function useCardSpans(
  vehicleId: string | null,
  from: number,
  to: number,
  allowed: boolean,
): CardSpan[] | null {
  const [spans, setSpans] = useState<CardSpan[] | null>(null);
  useEffect(() => {
    setSpans(null);
    if (!vehicleId || !allowed || !(to > from)) return;
    let live = true;
    api<{ items: DriverCardReport[] }>(
      `/api/gateway/vehicles/${encodeURIComponent(vehicleId)}/driver-cards`,
      {
        query: { from: new Date(from).toISOString(), to: new Date(to).toISOString(), limit: 500 },
      },
    )
      .then((r) => live && setSpans(cardSpans(r.items, from, to)))
      .catch(() => live && setSpans(null));
    return () => {
      live = false;
    };
  }, [vehicleId, from, to, allowed]);
  return spans;
}
