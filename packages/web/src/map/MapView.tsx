/**
 * The MapLibre map and its context. Layers are children that render nothing: each adds its
 * source and layers when the map is ready and removes them on unmount (traccar-web style).
 */
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { buildMapStyle } from './style.js';

// MapLibre 6 loads its (self-contained) worker by URL; Vite ships the file as a hashed asset.
maplibregl.setWorkerUrl(workerUrl);

const MapCtx = createContext<maplibregl.Map | null>(null);

export function useMap(): maplibregl.Map | null {
  return useContext(MapCtx);
}

/** Panjin city centre (WGS-84) and a zoom that shows its four districts. */
const PANJIN: [number, number] = [122.07, 41.08];

export function MapView({
  tileUrl,
  onError,
  children,
}: {
  tileUrl: string | null;
  onError: (message: string) => void;
  children?: ReactNode;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<maplibregl.Map | null>(null);
  useEffect(() => {
    if (!box.current) return;
    let m: maplibregl.Map;
    try {
      m = new maplibregl.Map({
        container: box.current,
        style: buildMapStyle(tileUrl) as maplibregl.StyleSpecification,
        center: PANJIN,
        zoom: 8.6,
        attributionControl: false,
      });
    } catch (e) {
      onError(String(e));
      return;
    }
    m.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    m.addControl(new maplibregl.ScaleControl({}), 'bottom-right');
    m.on('load', () => setMap(m));
    // For the browser tests: the zoom the map settled at.
    const box_ = box.current;
    const settled = () => {
      box_.dataset.zoom = m.getZoom().toFixed(2);
    };
    m.on('load', settled);
    m.on('moveend', settled);
    return () => {
      setMap(null);
      m.remove();
    };
  }, [tileUrl]);
  return (
    <div className="map-canvas" ref={box} data-testid="map" data-map-ready={map ? 'yes' : 'no'}>
      <MapCtx.Provider value={map}>{children}</MapCtx.Provider>
    </div>
  );
}
