import { describe, expect, it } from 'vitest';
import { polygonTextProblems, polygonTextVertices } from './polygon-text.js';

const ring = [
  [122.07, 41.12],
  [122.0724, 41.12],
  [122.0724, 41.1209],
  [122.07, 41.1209],
  [122.07, 41.12],
];
const text = (coordinates: number[][]) => JSON.stringify({ type: 'Polygon', coordinates: [coordinates] });

describe('polygon text', () => {
  it('reads the open vertices of the stored outline', () => {
    expect(polygonTextVertices(text(ring))).toHaveLength(4);
    expect(polygonTextVertices('')).toEqual([]);
    expect(polygonTextVertices('{oops')).toBeNull();
  });

  it('leaves an empty field to the server and names each problem of a drawn one', () => {
    expect(polygonTextProblems('')).toEqual([]);
    expect(polygonTextProblems(text(ring))).toEqual([]);
    expect(polygonTextProblems('{oops')).toEqual(['shape.notJson']);
    expect(polygonTextProblems(text(ring.slice(0, 2)))).toEqual(['shape.tooFewVertices']);
    expect(polygonTextProblems(text([ring[0]!, ring[1]!, ring[3]!, ring[2]!]))).toEqual([
      'shape.selfIntersecting',
    ]);
    expect(polygonTextProblems(text([...ring.slice(0, 3), [116.4, 39.9]]))).toEqual(['shape.outsideCity']);
  });
});
