import { describe, expect, it } from 'vitest';
import { geofenceFeatures, kindColourExpression, shapeSummary } from './present.js';
import type { Geofence } from './types.js';

const g = (id: string, shape: Geofence['shape']) => ({ id, name: id, kind: 'ban_zone', shape }) as Geofence;

describe('geofence presentation', () => {
  it('draws every geofence but the one being edited', () => {
    const list = [
      g('a', { type: 'circle', center: [122.07, 41.12], radiusM: 300 }),
      g('b', {
        type: 'polygon',
        coordinates: [
          [122, 41],
          [122.01, 41],
          [122.01, 41.01],
        ],
      }),
    ];
    const f = geofenceFeatures(list, 'a');
    expect(f.map((x) => x.properties.id)).toEqual(['b']);
    expect(f[0]!.properties.kind).toBe('ban_zone');
  });

  it('colours by kind with a grey fallback', () => {
    expect(kindColourExpression.slice(0, 2)).toEqual(['match', ['get', 'kind']]);
    expect(kindColourExpression).toContain('ban_zone');
    expect(kindColourExpression.at(-1)).toBe('#8c8c8c');
  });

  it('summarises the size of each shape', () => {
    const t = (k: string, v?: Record<string, string | number>) => `${k}:${JSON.stringify(v)}`;
    expect(
      shapeSummary(
        g('c', {
          type: 'corridor',
          coordinates: [
            [1, 2],
            [3, 4],
          ],
          widthM: 49.6,
        }),
        t,
      ),
    ).toBe('geofence.summary.corridor:{"n":2,"w":50}');
  });
});
