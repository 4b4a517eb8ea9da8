/**
 * Live vehicles as circles coloured by state (moving / stopped / offline / alarm), clustered when
 * zoomed out (a cluster turns red when it holds an alarm, grows with its count; a click zooms to
 * where it splits). A MapLibre custom layer: the live worker clusters and builds a GPU-ready
 * batch (vehicle-batch.ts), this layer uploads it in the map's next render and draws it with its
 * own shader (gl-points.ts), so no GeoJSON crosses the main thread. Clicks are hit-tested here
 * against the batch drawn (pick.ts). Reports each batch's first drawn frame to the client (its
 * timing) and marks the first frame with vehicles. Renders nothing.
 */
import * as maplibregl from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { GlPoints } from '../gl-points.js';
import { LIVE_FIRST_RENDER_MARK, type LiveClient } from '../live-client.js';
import { useMap } from '../MapView.js';
import { findItem, pickAt } from '../pick.js';
import { selectionBatch, type VehicleBatch } from '../vehicle-batch.js';

const LAYER = 'vehicles';
/** CSS px across the world at zoom 0 (MapLibre's 512 px tiles). */
const WORLD_PX = 512;

export function VehicleLayer({ client, selected }: { client: LiveClient; selected: number | null }) {
  const map = useMap();
  const selectedRef = useRef(selected);
  selectedRef.current = selected;

  useEffect(() => {
    if (!map) return;
    let points: GlPoints | null = null;
    let ring: GlPoints | null = null;
    /** The batch shown, and one received but not uploaded yet. */
    let current: VehicleBatch | null = null;
    let incoming: VehicleBatch | null = null;
    /** Set in a render that uploaded a batch: its seq and when the frame began. */
    let drawnSeq: number | null = null;
    let frameStart = 0;
    let rafStart: number | null = null;
    let marked = performance.getEntriesByName(LIVE_FIRST_RENDER_MARK).length > 0;

    const layer: maplibregl.CustomLayerInterface = {
      id: LAYER,
      type: 'custom',
      renderingMode: '2d',
      render(gl, args) {
        points ??= new GlPoints(gl);
        ring ??= new GlPoints(gl);
        if (incoming) {
          // The frame began at our animation-frame callback when it ran before MapLibre's.
          frameStart = rafStart ?? performance.now();
          rafStart = null;
          current = incoming;
          incoming = null;
          points.upload(current.items, current.count, current.originX, current.originY);
          drawnSeq = current.seq;
        }
        const matrix = args.defaultProjectionData.mainMatrix;
        const ratio = window.devicePixelRatio || 1;
        points.draw(matrix, ratio);
        const sel = selectedRef.current;
        const at = current && sel !== null && !current.clustered ? findItem(current, sel) : null;
        if (at) {
          const b = selectionBatch(sel!, at.x, at.y);
          ring.upload(b.items, b.count, b.originX, b.originY);
          ring.draw(matrix, ratio);
        }
      },
      onRemove() {
        points?.dispose();
        ring?.dispose();
        points = ring = null;
      },
    };
    map.addLayer(layer);

    const onRender = () => {
      if (drawnSeq === null) return;
      const seq = drawnSeq;
      drawnSeq = null;
      client.drawn(seq, performance.now() - frameStart);
      if (!marked && current && current.count > 0) {
        marked = true;
        performance.mark(LIVE_FIRST_RENDER_MARK);
      }
    };
    map.on('render', onRender);

    const level = () => Math.floor(map.getZoom());
    let zoom = level();
    client.setZoom(zoom);
    const onZoom = () => {
      if (level() === zoom) return;
      zoom = level();
      client.setZoom(zoom);
    };
    map.on('zoom', onZoom);

    const onClick = (e: maplibregl.MapMouseEvent) => {
      if (!current) return;
      const m = maplibregl.MercatorCoordinate.fromLngLat(e.lngLat);
      const hit = pickAt(current, m.x, m.y, WORLD_PX * 2 ** map.getZoom());
      if (!hit) return;
      if (hit.id >= 0) {
        client.pick(hit.id);
        return;
      }
      const centre = new maplibregl.MercatorCoordinate(hit.x, hit.y).toLngLat();
      void client.expansionZoom(current.seq, -1 - hit.id).then((z) => {
        map.easeTo({ center: centre, zoom: z ?? map.getZoom() + 2 });
      });
    };
    map.on('click', onClick);

    const detach = client.attach((batch) => {
      incoming = batch;
      requestAnimationFrame(() => {
        if (incoming === batch) rafStart = performance.now();
      });
      map.triggerRepaint();
    });
    return () => {
      detach();
      map.off('render', onRender);
      map.off('zoom', onZoom);
      map.off('click', onClick);
      if (!map.getStyle()) return; // the map is already gone
      if (map.getLayer(LAYER)) map.removeLayer(LAYER);
    };
  }, [map, client]);

  useEffect(() => {
    map?.triggerRepaint();
  }, [map, selected]);
  return null;
}
