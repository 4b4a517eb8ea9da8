/**
 * The shell's alarm centre: one push connection (/api/alarms/stream, reconnecting) for the whole
 * console, the unread count for the menu badge (/api/alarms/inbox), and the high-severity hints
 * the server sends: a sound, and a desktop notification when the user allowed them.
 */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { api } from '../api/client.js';
import { openSocket } from '../api/socket.js';
import type { Alarm, AlarmPush } from '../api/types.js';
import { useI18n } from '../i18n/I18n.js';

type Listener = (alarm: Alarm, event: string) => void;

interface AlarmCenter {
  connected: boolean;
  unread: number;
  /** Pushed alarms, to the pages that show them; returns the unsubscribe function. */
  subscribe: (l: Listener) => () => void;
  /** Called once per (re)connection, so lists reload what they may have missed. */
  onReconnect: (l: () => void) => () => void;
  refreshUnread: () => void;
  markAllRead: () => Promise<void>;
}

const Ctx = createContext<AlarmCenter | null>(null);

/** A short two-tone beep (Web Audio, no sound file to ship). */
function beep(): void {
  try {
    const ctx = new AudioContext();
    const o = ctx.createOscillator();
    const g = ctx.createGain();
    o.connect(g);
    g.connect(ctx.destination);
    g.gain.value = 0.15;
    o.frequency.setValueAtTime(880, ctx.currentTime);
    o.frequency.setValueAtTime(660, ctx.currentTime + 0.18);
    o.start();
    o.stop(ctx.currentTime + 0.36);
    o.onended = () => void ctx.close();
  } catch {
    // no audio device: the list still shows the alarm
  }
}

export function AlarmCenterProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const { t } = useI18n();
  const [connected, setConnected] = useState(false);
  const [unread, setUnread] = useState(0);
  const listeners = useRef(new Set<Listener>());
  const reconnects = useRef(new Set<() => void>());
  const tRef = useRef(t);
  tRef.current = t;
  const timer = useRef<ReturnType<typeof setTimeout>>();

  const refreshUnread = useCallback(() => {
    clearTimeout(timer.current);
    // Coalesce bursts of pushes into one inbox read.
    timer.current = setTimeout(() => {
      api<{ unread: number }>('/api/alarms/inbox', { query: { limit: 1 } })
        .then((r) => setUnread(r.unread))
        .catch(() => undefined);
    }, 300);
  }, []);

  useEffect(() => {
    if (!enabled) return;
    refreshUnread();
    const close = openSocket('/api/alarms/stream', {
      onState: (s) => setConnected(s === 'open'),
      onOpen: (again) => {
        if (again) for (const l of reconnects.current) l();
        refreshUnread();
      },
      onMessage: (raw) => {
        const m = raw as AlarmPush;
        if (m.type !== 'alarm') return;
        for (const l of listeners.current) l(m.data, m.event);
        refreshUnread();
        if (m.hint?.sound) beep();
        if (m.hint?.desktop && m.event === 'opened' && 'Notification' in window) {
          if (Notification.permission === 'granted')
            new Notification(
              tRef.current('alarm.newHigh', { plate: m.data.plate ?? '', type: m.data.type }),
              { tag: m.data.id },
            );
        }
      },
    });
    return () => {
      close();
      clearTimeout(timer.current);
    };
  }, [enabled, refreshUnread]);

  const value = useMemo<AlarmCenter>(
    () => ({
      connected,
      unread,
      subscribe: (l) => {
        listeners.current.add(l);
        return () => listeners.current.delete(l);
      },
      onReconnect: (l) => {
        reconnects.current.add(l);
        return () => reconnects.current.delete(l);
      },
      refreshUnread,
      markAllRead: async () => {
        const r = await api<{ items: Alarm[] }>('/api/alarms/inbox', { query: { limit: 200 } });
        if (r.items.length)
          await api('/api/alarms/inbox/read', {
            method: 'POST',
            body: { alarmIds: r.items.map((a) => a.id) },
          });
        refreshUnread();
      },
    }),
    [connected, unread, refreshUnread],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useAlarmCenter(): AlarmCenter {
  const v = useContext(Ctx);
  if (!v) throw new Error('useAlarmCenter outside AlarmCenterProvider');
  return v;
}
