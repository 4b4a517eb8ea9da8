/** How geofences look on the map and in lists. Pure. */
import { shapeFeatures, type ShapeFeature, type ShapeProblem } from '../geo/shapes.js';
import type { MessageKey } from '../i18n/dict.js';
import type { Geofence, GeofenceKind } from './types.js';

export const kindColours: Record<GeofenceKind, string> = {
  ban_zone: '#cf1322',
  restricted_zone: '#fa8c16',
  speed_zone: '#1677ff',
  city_boundary: '#595959',
};

/** A MapLibre colour expression by the feature's kind. */
export const kindColourExpression: unknown[] = [
  'match',
  ['get', 'kind'],
  ...Object.entries(kindColours).flat(),
  '#8c8c8c',
];

export function geofenceFeatures(list: readonly Geofence[], except?: string): ShapeFeature[] {
  return list
    .filter((g) => g.id !== except)
    .flatMap((g) => shapeFeatures(g.shape, { id: g.id, name: g.name, kind: g.kind }));
}

export function shapeProblemKey(p: ShapeProblem): MessageKey {
  return `shape.${p}`;
}

/** A short text of a shape for the list: type and its size. */
export function shapeSummary(
  g: Pick<Geofence, 'shape'>,
  t: (k: MessageKey, v?: Record<string, string | number>) => string,
): string {
  const s = g.shape;
  switch (s.type) {
    case 'circle':
      return t('geofence.summary.circle', { r: Math.round(s.radiusM) });
    case 'polygon':
      return t('geofence.summary.polygon', { n: s.coordinates.length });
    case 'corridor':
      return t('geofence.summary.corridor', { n: s.coordinates.length, w: Math.round(s.widthM) });
  }
}

/** A goods class ('2.1') or special category ('highly_toxic') in words. */
export function goodsClassLabel(
  c: string,
  t: (k: MessageKey, v?: Record<string, string | number>) => string,
): string {
  return /^[1-9]/.test(c) ? t('rules.goodsClass', { c }) : t(`rules.goods.${c}` as MessageKey);
}
