/**
 * A polygon with its edges sorted into latitude bands, so a point test reads the few edges of
 * one band instead of the whole ring (a 500-vertex city boundary is tested on every fix).
 */
import { segmentTouchesRect, type Rect } from './fence-cells.js';

export class BandedRing {
  private readonly minLat: number;
  private readonly bandHeight: number;
  private readonly bands: Int32Array[];
  private readonly nBands: number;
  constructor(private readonly ring: readonly number[]) {
    let minLat = Infinity;
    let maxLat = -Infinity;
    for (let i = 1; i < ring.length; i += 2) {
      minLat = Math.min(minLat, ring[i]!);
      maxLat = Math.max(maxLat, ring[i]!);
    }
    const edges = ring.length / 2;
    const nBands = Math.max(1, Math.min(256, Math.ceil(edges / 4)));
    this.nBands = nBands;
    this.minLat = minLat;
    this.bandHeight = (maxLat - minLat) / nBands || 1;
    const lists: number[][] = Array.from({ length: nBands }, () => []);
    for (let i = 0, j = ring.length - 2; i < ring.length; j = i, i += 2) {
      const y0 = Math.min(ring[i + 1]!, ring[j + 1]!);
      const y1 = Math.max(ring[i + 1]!, ring[j + 1]!);
      const b0 = this.band(y0);
      const b1 = this.band(y1);
      for (let b = b0; b <= b1; b++) lists[b]!.push(i, j);
    }
    this.bands = lists.map((l) => Int32Array.from(l));
  }
  private band(lat: number): number {
    const b = Math.floor((lat - this.minLat) / this.bandHeight);
    return b < 0 ? 0 : b >= this.nBands ? this.nBands - 1 : b;
  }
  /** Whether an edge meets the rect (then its points may lie on either side). */
  crosses(rect: Rect): boolean {
    const r = this.ring;
    for (let b = this.band(rect.y0); b <= this.band(rect.y1); b++) {
      const edges = this.bands[b]!;
      for (let k = 0; k < edges.length; k += 2) {
        const i = edges[k]!;
        const j = edges[k + 1]!;
        if (segmentTouchesRect(rect, r[i]!, r[i + 1]!, r[j]!, r[j + 1]!)) return true;
      }
    }
    return false;
  }

  contains(lat: number, lon: number): boolean {
    const edges = this.bands[this.band(lat)]!;
    const r = this.ring;
    let inside = false;
    for (let k = 0; k < edges.length; k += 2) {
      const i = edges[k]!;
      const j = edges[k + 1]!;
      const xi = r[i]!;
      const yi = r[i + 1]!;
      const xj = r[j]!;
      const yj = r[j + 1]!;
      if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  }
}
