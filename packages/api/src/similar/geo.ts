// Distances on the Earth for "is this the same problem nearby?": a bounding box the
// database can filter with an index, then the exact great-circle distance in memory.

/** Mean Earth radius (IUGG), metres. */
const EARTH_RADIUS_M = 6_371_008.8;
const METRES_PER_DEGREE_LAT = (Math.PI * EARTH_RADIUS_M) / 180;

export interface Point {
  lat: number;
  lng: number;
}

/** Great-circle distance in metres (haversine). */
export function haversineMeters(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The lat/lng box that contains every point within `radius` metres of `center` (a little
 * more: it is a prefilter). Not split at the antimeridian: no Indonesian city is near it.
 */
export function boundingBox(center: Point, radius: number): { minLat: number; maxLat: number; minLng: number; maxLng: number } {
  const dLat = radius / METRES_PER_DEGREE_LAT;
  const cos = Math.max(Math.cos((Math.abs(center.lat) + dLat) * (Math.PI / 180)), 1e-6);
  const dLng = Math.min(180, dLat / cos);
  return { minLat: center.lat - dLat, maxLat: center.lat + dLat, minLng: center.lng - dLng, maxLng: center.lng + dLng };
}
