/**
 * A map to draw one shape on: the bundled districts, stored shapes for context, the draft, and
 * a toolbar (undo, clear, point count). The camera frames the draft (or the context) once.
 */
import { Button, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useI18n } from '../i18n/I18n.js';
import { CameraTo } from '../map/layers/CameraTo.js';
import { DistrictLayer } from '../map/layers/DistrictLayer.js';
import { MapView } from '../map/MapView.js';
import { addPoint, clearShape, pointCount, removeLast } from './edit.js';
import { ShapeEditor } from './ShapeEditor.js';
import { ShapesLayer } from './ShapesLayer.js';
import { boundsOf, shapePoints, type Shape, type ShapeFeature } from './shapes.js';

/** The live map's basemap setting (same key), so a configured tile server shows here too. */
const TILE_KEY = 'weiyun.basemapUrl';

export function ShapeMap({
  shape,
  onChange,
  context = [],
  height = 360,
  testId = 'shape-map',
}: {
  shape: Shape;
  onChange: (s: Shape) => void;
  context?: readonly ShapeFeature[];
  height?: number;
  testId?: string;
}) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const tileUrl = useMemo(() => localStorage.getItem(TILE_KEY), []);
  // Framed once, when the map opens: the draft if it has points, else the context shapes.
  const [frame] = useState(() => {
    const own = pointCount(shape) > (shape.type === 'circle' ? 0 : 2) ? shapePoints(shape) : [];
    const around = context.flatMap((f) =>
      f.geometry.type === 'Polygon'
        ? f.geometry.coordinates[0]!
        : f.geometry.type === 'LineString'
          ? f.geometry.coordinates
          : f.geometry.coordinates.flatMap((p) => p[0]!),
    );
    const b = boundsOf(own.length > 0 ? own : around);
    // A single point (a lone place) gets some room around it.
    return b && (b[2] - b[0] > 0.0005 || b[3] - b[1] > 0.0005) ? b : null;
  });
  const drawing = shape.type === 'circle' ? t('shape.hintCircle') : t('shape.hintPoints');
  return (
    <div data-testid={testId}>
      <div className="shape-map" style={{ height }}>
        <MapView tileUrl={tileUrl} onError={setError}>
          <DistrictLayer />
          <ShapesLayer id="context-shapes" features={context} colour="#1677ff" />
          <ShapeEditor
            shape={shape}
            mode={shape.type === 'circle' ? 'centre' : 'points'}
            onClick={(p) => onChange(addPoint(shape, p))}
          />
          {frame && <CameraTo bounds={frame} />}
        </MapView>
      </div>
      <Space style={{ marginTop: 6 }} wrap>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {drawing}
        </Typography.Text>
        {shape.type !== 'circle' && (
          <>
            <Typography.Text data-testid={`${testId}-count`}>
              {t('shape.points', { n: shape.coordinates.length })}
            </Typography.Text>
            <Button
              size="small"
              onClick={() => onChange(removeLast(shape))}
              disabled={shape.coordinates.length === 0}
            >
              {t('shape.undo')}
            </Button>
            <Button
              size="small"
              onClick={() => onChange(clearShape(shape))}
              disabled={shape.coordinates.length === 0}
            >
              {t('shape.clear')}
            </Button>
          </>
        )}
        {error && <Typography.Text type="danger">{`${t('map.noWebgl')} ${error}`}</Typography.Text>}
      </Space>
    </div>
  );
}
