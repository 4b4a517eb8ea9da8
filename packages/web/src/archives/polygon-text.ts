/** A place outline's JSON text (the form value) read and checked for the map editor. Pure. */
import { ringProblems, verticesOf, type LonLat } from '../geo/shapes.js';
import type { MessageKey } from '../i18n/dict.js';

function parse(text: string | undefined): unknown {
  if (!text?.trim()) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The text's vertices, or null when it is not JSON at all. */
export function polygonTextVertices(text: string | undefined): LonLat[] | null {
  const v = parse(text);
  return v === undefined ? null : verticesOf(v);
}

/** The form's check of the drawn outline: message keys of its problems (none for an empty field). */
export function polygonTextProblems(text: string | undefined): MessageKey[] {
  if (!text?.trim()) return [];
  const vertices = polygonTextVertices(text);
  if (vertices === null) return ['shape.notJson'];
  return ringProblems(vertices).map((p) => `shape.${p}` as const);
}
