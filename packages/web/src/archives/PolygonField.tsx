/**
 * A place's outline (GeoJSON Polygon) drawn on the map: click to add vertices; the other places
 * are shown for context; the GeoJSON text stays editable for pasting a surveyed outline. The
 * form value is the JSON text, as for every json field (form-values.ts).
 */
import { Collapse, Input } from 'antd';
import { useMemo } from 'react';
import type { ArchiveRecord, Page } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { ShapeMap } from '../geo/ShapeMap.js';
import { toGeoPolygon, verticesOf, type LonLat, type ShapeFeature } from '../geo/shapes.js';
import { useI18n } from '../i18n/I18n.js';
import { polygonTextVertices } from './polygon-text.js';

export function PolygonField({
  value,
  onChange,
  id,
  recordId,
}: {
  value?: string;
  onChange?: (v: string) => void;
  id?: string;
  recordId?: string;
}) {
  const { t } = useI18n();
  const places = useApi<Page<ArchiveRecord>>('/api/archives/places', { pageSize: 500 });
  const vertices = polygonTextVertices(value) ?? [];
  const context = useMemo<ShapeFeature[]>(
    () =>
      (places.data?.items ?? [])
        .filter((p) => p.id !== recordId)
        .flatMap((p) => {
          const v = verticesOf(p.polygon);
          return v.length >= 3
            ? [
                {
                  type: 'Feature' as const,
                  geometry: toGeoPolygon(v),
                  properties: { id: p.id, name: String(p.name ?? ''), kind: String(p.kind ?? '') },
                },
              ]
            : [];
        }),
    [places.data, recordId],
  );
  const set = (pts: LonLat[]) => onChange?.(pts.length === 0 ? '' : JSON.stringify(toGeoPolygon(pts)));
  return (
    <div id={id}>
      {/* Mounted once the context is there, so the camera can frame it for a new place. */}
      {!places.loading && (
        <ShapeMap
          shape={{ type: 'polygon', coordinates: vertices }}
          onChange={(s) => set(s.type === 'polygon' ? s.coordinates : [])}
          context={context}
          height={300}
          testId="polygon-map"
        />
      )}
      <Collapse
        size="small"
        ghost
        items={[
          {
            key: 'json',
            label: t('shape.geojson'),
            children: (
              <Input.TextArea
                value={value}
                onChange={(e) => onChange?.(e.target.value)}
                rows={3}
                style={{ fontFamily: 'monospace' }}
                data-testid="polygon-json"
              />
            ),
          },
        ]}
      />
    </div>
  );
}
