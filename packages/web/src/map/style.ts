/**
 * The MapLibre style: a plain background (works offline, no tile server) and, when the bureau
 * configures one, a raster basemap from a `{z}/{x}/{y}` tile URL. No glyphs or sprites are
 * needed: every layer is a fill, line or circle.
 */
export interface MapStyle {
  version: 8;
  sources: Record<string, unknown>;
  layers: Record<string, unknown>[];
}

export function isTileUrl(url: string): boolean {
  return /^https?:\/\/\S+$/.test(url) && url.includes('{z}') && url.includes('{x}') && url.includes('{y}');
}

export function buildMapStyle(tileUrl: string | null): MapStyle {
  const style: MapStyle = {
    version: 8,
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef2f6' } }],
  };
  if (tileUrl && isTileUrl(tileUrl)) {
    style.sources.basemap = { type: 'raster', tiles: [tileUrl], tileSize: 256, maxzoom: 19 };
    style.layers.push({ id: 'basemap', type: 'raster', source: 'basemap' });
  }
  return style;
}
