/**
 * The one edge test behind every point-in-polygon answer, so the indexed and the
 * unindexed paths cannot disagree.
 *
 * Even-odd ray casting: a ray from the point towards +lng crosses the polygon's rings
 * an odd number of times iff the point is inside. With every ring of a polygon counted
 * together, holes work, and invalid polygons (holes outside their shell, self-crossing
 * rings) get the plain ray-cast answer, which on the Indonesian boundary data agrees
 * with PostGIS `ST_Contains(ST_MakeValid(geom), pt)`.
 *
 * Boundary-inclusive: a point within ON_BOUNDARY_TOLERANCE of an edge counts as inside,
 * so a point on the edge shared by two neighbours is in both and the caller's tie-break
 * decides, instead of floating-point rounding picking one at random.
 */

/** Degrees; about 0.1 mm on the ground, far below the data's precision. */
export const ON_BOUNDARY_TOLERANCE = 1e-9;
const TOLERANCE_SQUARED = ON_BOUNDARY_TOLERANCE * ON_BOUNDARY_TOLERANCE;

export const EDGE_MISSES = 0;
export const EDGE_CROSSES_RAY = 1;
export const EDGE_TOUCHES_POINT = 2;
export type EdgeEffect = typeof EDGE_MISSES | typeof EDGE_CROSSES_RAY | typeof EDGE_TOUCHES_POINT;

/** What edge (a → b) means for point p: nothing, a ray crossing, or p lies on it. */
export function edgeEffect(px: number, py: number, ax: number, ay: number, bx: number, by: number): EdgeEffect {
  // Ternaries rather than Math.min/max: this runs for every edge of every point located.
  // biome-ignore-start lint/complexity/useMathMinMax: see above
  const lowY = ay < by ? ay : by;
  const highY = ay < by ? by : ay;
  if (py < lowY - ON_BOUNDARY_TOLERANCE || py > highY + ON_BOUNDARY_TOLERANCE) return EDGE_MISSES;
  const lowX = ax < bx ? ax : bx;
  const highX = ax < bx ? bx : ax;
  // biome-ignore-end lint/complexity/useMathMinMax: see above
  if (px >= lowX - ON_BOUNDARY_TOLERANCE && px <= highX + ON_BOUNDARY_TOLERANCE) {
    if (segmentDistanceSquared(px, py, ax, ay, bx, by) <= TOLERANCE_SQUARED) return EDGE_TOUCHES_POINT;
  }
  // Half-open in y (a vertex on the ray counts for exactly one of its two edges).
  if (ay > py !== by > py && px < ax + ((py - ay) * (bx - ax)) / (by - ay)) return EDGE_CROSSES_RAY;
  return EDGE_MISSES;
}

/** Squared planar distance from p to segment a–b, in the units of the coordinates. */
export function segmentDistanceSquared(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSquared = dx * dx + dy * dy;
  let t = lengthSquared > 0 ? ((px - ax) * dx + (py - ay) * dy) / lengthSquared : 0;
  if (t < 0) t = 0;
  else if (t > 1) t = 1;
  const ex = ax + t * dx - px;
  const ey = ay + t * dy - py;
  return ex * ex + ey * ey;
}
