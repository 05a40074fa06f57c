/**
 * Where to put an area's label or count on a map: the point inside its largest part that
 * lies farthest from that part's edges (the pole of inaccessibility, by mapbox's
 * polylabel). Unlike the centroid it is always inside, even for a crescent or a ring of
 * coast. Plain degrees as the plane: at Indonesia's latitudes a degree of longitude is
 * within 2% of one of latitude, which moves the point a few metres at most.
 */
import polylabel from 'polylabel';
import { polygonsOf, ringVertices, type AreaGeometry, type Position } from './geometry.js';

/** About 10 m: finer changes nothing a map at street zoom can show. */
const PRECISION_DEGREES = 0.0001;

/** [lng, lat] inside the geometry's largest part; null when it has no part with an area. */
export function labelPoint(geometry: AreaGeometry): Position | null {
  let largest: readonly (readonly Position[])[] | null = null;
  let largestArea = 0;
  for (const polygon of polygonsOf(geometry)) {
    const shell = polygon[0];
    const area = shell ? Math.abs(shoelace(ringVertices(shell))) : 0;
    if (area > largestArea) {
      largest = polygon;
      largestArea = area;
    }
  }
  if (!largest) return null;
  const [lng, lat] = polylabel(largest, PRECISION_DEGREES);
  return [lng!, lat!];
}

/** Twice the signed area of a ring given as [x0, y0, x1, y1, …]. */
function shoelace(flat: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < flat.length; i += 2) {
    const j = (i + 2) % flat.length;
    sum += flat[i]! * flat[j + 1]! - flat[j]! * flat[i + 1]!;
  }
  return sum;
}
