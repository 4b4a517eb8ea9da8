/**
 * Rule thresholds (规则阈值, `/api/rules/params`): the parameters in the order the page shows
 * them, their units and readable hints, and the form ↔ body builders (pure).
 */
import type { Lang, MessageKey } from '../i18n/dict.js';

export type ParamScope = 'city' | 'enterprise' | 'vehicle';
export type ParamUnit = 's' | 'kmh' | 'm' | 'minuteOfDay' | 'minutes' | 'fixes';

export interface ParamLayer {
  scope: ParamScope;
  id: string | null;
  name: string | null;
  /** A vehicle layer's company (null for the other layers). */
  enterpriseName: string | null;
  overrides: Record<string, number>;
  basis: string | null;
  version: number;
  updatedAt: string;
}

export interface ParamCatalogue {
  defaults: Record<string, number>;
  bounds: Record<string, [number, number]>;
  layers: ParamLayer[];
}

/** The parameters by group, in the page's order, each with its unit. */
export const PARAM_GROUPS: readonly { group: MessageKey; keys: readonly [string, ParamUnit][] }[] = [
  {
    group: 'params.group.speed',
    keys: [
      ['expresswayLimitKmh', 'kmh'],
      ['otherRoadLimitKmh', 'kmh'],
      ['overspeedMinDurationSec', 's'],
      ['overspeedMergeSec', 's'],
      ['movingSpeedKmh', 'kmh'],
    ],
  },
  {
    group: 'params.group.fatigue',
    keys: [
      ['fatigueDayLimitSec', 's'],
      ['fatigueNightLimitSec', 's'],
      ['fatigueRestSec', 's'],
      ['dailyDrivingLimitSec', 's'],
      ['nightStartMinute', 'minuteOfDay'],
      ['nightEndMinute', 'minuteOfDay'],
    ],
  },
  {
    group: 'params.group.places',
    keys: [
      ['parkingMinSec', 's'],
      ['routeDeviationMetres', 'm'],
      ['routeDeviationSec', 's'],
      ['noWaybillMovingSec', 's'],
      ['noWaybillStopSec', 's'],
      ['driverMismatchSec', 's'],
      ['unqualifiedDrivingSec', 's'],
    ],
  },
  {
    group: 'params.group.online',
    keys: [
      ['offlineSec', 's'],
      ['offlineDisplacementMetres', 'm'],
      ['driftSpeedKmh', 'kmh'],
      ['driftMinMetres', 'm'],
      ['driftAcceptAfter', 'fixes'],
      ['trackGapMetres', 'm'],
      ['maxIntervalSec', 's'],
    ],
  },
  {
    group: 'params.group.other',
    keys: [
      ['tripMinMovingSec', 's'],
      ['tripStopSec', 's'],
      ['tripDesignatedStopSec', 's'],
      ['alarmMergeSec', 's'],
      ['updateEverySec', 's'],
      ['utcOffsetMinutes', 'minutes'],
    ],
  },
];

/**
 * Whether the list shows a layer for the search text: the city's always (every vehicle stacks on
 * it), the others when their company's name or their plate holds the text (case and spaces ignored).
 */
export function matchesLayer(l: ParamLayer, search: string): boolean {
  const q = search.replace(/\s+/g, '').toLowerCase();
  if (q === '' || l.scope === 'city') return true;
  return [l.name, l.enterpriseName].some((x) => x?.replace(/\s+/g, '').toLowerCase().includes(q));
}

export const PARAM_KEYS: readonly string[] = PARAM_GROUPS.flatMap((g) => g.keys.map(([k]) => k));

/** A value as people read it: "4 h", "20 min 30 s", "22:00", "80 km/h", "1.5 km". */
export function paramHint(value: number, unit: ParamUnit, lang: Lang): string {
  const zh = lang !== 'en';
  switch (unit) {
    case 's': {
      const h = Math.floor(value / 3600);
      const m = Math.floor((value % 3600) / 60);
      const s = Math.round(value % 60);
      const parts = [
        h > 0 ? `${h} ${zh ? '小时' : 'h'}` : '',
        m > 0 ? `${m} ${zh ? '分钟' : 'min'}` : '',
        s > 0 || value === 0 ? `${s} ${zh ? '秒' : 's'}` : '',
      ];
      return parts.filter(Boolean).join(' ');
    }
    case 'minuteOfDay': {
      const m = ((Math.round(value) % 1440) + 1440) % 1440;
      return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    }
    case 'minutes': {
      const sign = value < 0 ? '-' : '+';
      const a = Math.abs(value);
      return `UTC${sign}${Math.floor(a / 60)}${a % 60 ? `:${String(a % 60).padStart(2, '0')}` : ''}`;
    }
    case 'kmh':
      return `${value} km/h`;
    case 'm':
      return value >= 1000 ? `${value / 1000} km` : `${value} m`;
    case 'fixes':
      return zh ? `${value} 个定位点` : `${value} fixes`;
  }
}

/** The unit written beside the input. */
export function unitLabel(unit: ParamUnit, lang: Lang): string {
  const zh = lang !== 'en';
  switch (unit) {
    case 's':
      return zh ? '秒' : 's';
    case 'kmh':
      return 'km/h';
    case 'm':
      return zh ? '米' : 'm';
    case 'minuteOfDay':
    case 'minutes':
      return zh ? '分钟' : 'min';
    case 'fixes':
      return zh ? '个' : 'fixes';
  }
}

export interface ParamValues {
  /** One field per parameter; empty (null or undefined) = not set in this layer. */
  overrides: Record<string, number | null | undefined>;
  basis?: string | null;
}

export function toParamValues(layer: ParamLayer | undefined): ParamValues {
  return { overrides: { ...(layer?.overrides ?? {}) }, basis: layer?.basis ?? null };
}

/** The PUT body: only the parameters given, the basis (trimmed, null when empty), the version read. */
export function toParamBody(values: ParamValues, version: number): Record<string, unknown> {
  const overrides: Record<string, number> = {};
  for (const k of PARAM_KEYS) {
    const v = values.overrides[k];
    if (typeof v === 'number' && Number.isFinite(v)) overrides[k] = v;
  }
  const basis = values.basis?.trim();
  return { overrides, basis: basis ? basis : null, version };
}

const ORDER: readonly ParamScope[] = ['city', 'enterprise', 'vehicle'];

/** What a layer at `scope` stacks on: the defaults and the layers above it among `layers`. */
export function inherited(
  defaults: Record<string, number>,
  layers: readonly ParamLayer[],
  scope: ParamScope,
): Record<string, number> {
  const out = { ...defaults };
  for (const l of [...layers].sort((a, b) => ORDER.indexOf(a.scope) - ORDER.indexOf(b.scope)))
    if (ORDER.indexOf(l.scope) < ORDER.indexOf(scope)) Object.assign(out, l.overrides);
  return out;
}
