import { segmentDistanceSquared } from './edge-test.js';
import { type AreaGeometry, polygonsOf, ringVertices } from './geometry.js';

const EARTH_RADIUS_METRES = 6_371_008.8;
const METRES_PER_DEGREE = (Math.PI / 180) * EARTH_RADIUS_METRES;

/**
 * Approximate distance in metres from a point to the nearest edge of any ring of the
 * geometry, whether the point is inside or outside.
 *
 * Uses an equirectangular projection centred on the point (longitudes shrunk by
 * cos(latitude)), accurate to well under 1% over the few kilometres that matter when
 * comparing how deep a point lies inside neighbouring jurisdictions. Returns Infinity
 * for a geometry without edges and NaN for a non-finite point.
 */
export function distanceToBoundary(geometry: AreaGeometry, lng: number, lat: number): number {
  if (!Number.isFinite(lng) || !Number.isFinite(lat)) return Number.NaN;
  const lngScale = Math.cos((lat * Math.PI) / 180);
  let best = Infinity;
  for (const polygon of polygonsOf(geometry)) {
    for (const ring of polygon) {
      const v = ringVertices(ring);
      const n = v.length;
      if (n < 4) continue;
      for (let i = 0; i < n; i += 2) {
        const j = (i + 2) % n;
        // Project relative to the point so the point itself is the origin.
        const d = segmentDistanceSquared(0, 0, (v[i]! - lng) * lngScale, v[i + 1]! - lat, (v[j]! - lng) * lngScale, v[j + 1]! - lat);
        if (d < best) best = d;
      }
    }
  }
  return Math.sqrt(best) * METRES_PER_DEGREE;
}
