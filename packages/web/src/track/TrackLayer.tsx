/** The track on the map: lines between gaps, dashed gap segments, stops, alarm markers, and the playhead. */
import { useMemo } from 'react';
import type { TrackPoint } from '../api/types.js';
import { GeoJsonLayer } from '../map/layers/GeoJsonLayer.js';
import { gapLines, pointFeatures, trackLines, type Marker, type Playhead, type Stop } from './track.js';

export function TrackLayer({
  points,
  stops,
  markers,
}: {
  points: readonly TrackPoint[];
  stops: readonly Stop[];
  markers: readonly Marker[];
}) {
  const lines = useMemo(() => trackLines(points), [points]);
  const gaps = useMemo(() => gapLines(points), [points]);
  const stopPoints = useMemo(() => pointFeatures(stops), [stops]);
  const markerPoints = useMemo(() => pointFeatures(markers), [markers]);
  return (
    <>
      <GeoJsonLayer
        id="track-line"
        data={lines}
        layers={[
          { id: 'track-line-casing', type: 'line', paint: { 'line-color': '#fff', 'line-width': 6 } },
          { id: 'track-line-main', type: 'line', paint: { 'line-color': '#1677ff', 'line-width': 3 } },
        ]}
      />
      <GeoJsonLayer
        id="track-gaps"
        data={gaps}
        layers={[
          {
            id: 'track-gaps-line',
            type: 'line',
            paint: { 'line-color': '#8c8c8c', 'line-width': 2, 'line-dasharray': [2, 2] },
          },
        ]}
      />
      <GeoJsonLayer
        id="track-stops"
        data={stopPoints}
        layers={[
          {
            id: 'track-stops-dot',
            type: 'circle',
            paint: {
              'circle-radius': 7,
              'circle-color': '#faad14',
              'circle-stroke-color': '#fff',
              'circle-stroke-width': 2,
            },
          },
        ]}
      />
      <GeoJsonLayer
        id="track-alarms"
        data={markerPoints}
        layers={[
          {
            id: 'track-alarms-dot',
            type: 'circle',
            paint: {
              'circle-radius': 6,
              'circle-color': ['match', ['get', 'source'], 'platform', '#f5222d', '#ff7a45'],
              'circle-stroke-color': '#fff',
              'circle-stroke-width': 2,
            },
          },
        ]}
      />
    </>
  );
}

export function PlayheadLayer({ at }: { at: Playhead | null }) {
  const data = useMemo(
    () => pointFeatures(at ? [{ lat: at.lat, lon: at.lon, heading: at.heading }] : []),
    [at?.lat, at?.lon],
  );
  return (
    <GeoJsonLayer
      id="track-playhead"
      data={data}
      layers={[
        {
          id: 'track-playhead-dot',
          type: 'circle',
          paint: {
            'circle-radius': 8,
            'circle-color': '#52c41a',
            'circle-stroke-color': '#135200',
            'circle-stroke-width': 2,
          },
        },
      ]}
    />
  );
}
