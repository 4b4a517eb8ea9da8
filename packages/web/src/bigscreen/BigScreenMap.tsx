/**
 * The vehicles in scope on a dark map, fed live by the same worker as the live map (snapshot, then
 * deltas over /api/live/stream), so the wall shows every vehicle moving, not a once-a-minute poll.
 */
import { DistrictLayer } from '../map/layers/DistrictLayer.js';
import { VehicleLayer } from '../map/layers/VehicleLayer.js';
import { useLiveClient } from '../map/LiveMapPage.js';
import { MapView } from '../map/MapView.js';
import { DarkMap } from './DarkMap.js';

export function BigScreenMap() {
  const client = useLiveClient();
  return (
    <div className="shape-map" style={{ height: '100%' }} data-testid="big-map">
      <MapView tileUrl={localStorage.getItem('weiyun.basemapUrl')} onError={() => undefined}>
        <DistrictLayer />
        <DarkMap />
        {client && <VehicleLayer client={client} selected={null} />}
      </MapView>
    </div>
  );
}
