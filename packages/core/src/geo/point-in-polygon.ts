import { EDGE_CROSSES_RAY, EDGE_TOUCHES_POINT, edgeEffect } from './edge-test.js';
import { type AreaGeometry, polygonsOf, ringVertices } from './geometry.js';

/**
 * Whether a geometry contains a point, edges and vertices included (see edge-test.ts).
 * Unindexed: for one-off checks. Use PolygonIndex for many polygons or many points.
 * A MultiPolygon contains a point when any of its polygons does (its union).
 * Non-finite coordinates are never contained.
 */
export function pointInGeometry(geometry: AreaGeometry, lng: number, lat: number): boolean {
  if (!Number.isFinite(lng) || !Number.isFinite(lat)) return false;
  for (const polygon of polygonsOf(geometry)) {
    let inside = false;
    for (const ring of polygon) {
      const v = ringVertices(ring);
      const n = v.length;
      if (n < 6) continue; // fewer than 3 vertices encloses nothing
      for (let i = 0; i < n; i += 2) {
        const j = (i + 2) % n;
        const effect = edgeEffect(lng, lat, v[i]!, v[i + 1]!, v[j]!, v[j + 1]!);
        if (effect === EDGE_TOUCHES_POINT) return true;
        if (effect === EDGE_CROSSES_RAY) inside = !inside;
      }
    }
    if (inside) return true;
  }
  return false;
}
