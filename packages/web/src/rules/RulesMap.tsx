/** The geofences on a map, coloured by kind, framed on the selected one. */
import { useMemo, useState } from 'react';
import { ShapesLayer } from '../geo/ShapesLayer.js';
import { boundsOf, shapePoints } from '../geo/shapes.js';
import { CameraTo } from '../map/layers/CameraTo.js';
import { DistrictLayer } from '../map/layers/DistrictLayer.js';
import { MapView } from '../map/MapView.js';
import { geofenceFeatures, kindColourExpression } from './present.js';
import type { Geofence } from './types.js';

export function RulesMap({
  geofences,
  selected,
}: {
  geofences: readonly Geofence[];
  selected?: string | null;
}) {
  const [, setError] = useState<string | null>(null);
  const features = useMemo(() => geofenceFeatures(geofences), [geofences]);
  const focus = geofences.find((g) => g.id === selected);
  const bounds = focus ? boundsOf(shapePoints(focus.shape)) : null;
  return (
    <div className="shape-map" style={{ height: '100%', minHeight: 420 }} data-testid="rules-map">
      <MapView tileUrl={localStorage.getItem('weiyun.basemapUrl')} onError={setError}>
        <DistrictLayer />
        <ShapesLayer id="geofences" features={features} colour={kindColourExpression} />
        {bounds && <CameraTo bounds={bounds} animate />}
      </MapView>
    </div>
  );
}
