/**
 * GeoJSON area geometries and bounding boxes. Positions are GeoJSON order: [lng, lat].
 */

export type Position = readonly number[];

export interface PolygonGeometry {
  readonly type: 'Polygon';
  readonly coordinates: readonly (readonly Position[])[];
}

export interface MultiPolygonGeometry {
  readonly type: 'MultiPolygon';
  readonly coordinates: readonly (readonly (readonly Position[])[])[];
}

/** The geometries a jurisdiction boundary may have. */
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

/** [minLng, minLat, maxLng, maxLat]. */
export type BBox = readonly [minLng: number, minLat: number, maxLng: number, maxLat: number];

/** The polygons of a geometry, each a list of rings (shell first, then holes). */
export function polygonsOf(geometry: AreaGeometry): readonly (readonly (readonly Position[])[])[] {
  switch (geometry.type) {
    case 'Polygon':
      return [geometry.coordinates];
    case 'MultiPolygon':
      return geometry.coordinates;
    default:
      throw new TypeError(`Unsupported geometry type ${JSON.stringify((geometry as { type?: unknown }).type)}`);
  }
}

/**
 * A ring's vertices as a flat [lng0, lat0, lng1, lat1, …] list, without the repeated
 * closing vertex: rings are treated as closed whether or not the data closes them.
 * Throws on a non-finite coordinate, which would otherwise poison every comparison.
 */
export function ringVertices(ring: readonly Position[]): number[] {
  const flat: number[] = [];
  for (const position of ring) {
    const lng = position[0];
    const lat = position[1];
    if (lng === undefined || lat === undefined || !Number.isFinite(lng) || !Number.isFinite(lat)) {
      throw new RangeError(`Ring has an invalid position ${JSON.stringify(position)}`);
    }
    flat.push(lng, lat);
  }
  const n = flat.length;
  if (n >= 4 && flat[0] === flat[n - 2] && flat[1] === flat[n - 1]) flat.length = n - 2;
  return flat;
}

/** The bounding box of a geometry, or null when it has no positions. */
export function geometryBBox(geometry: AreaGeometry): BBox | null {
  let minLng = Infinity;
  let minLat = Infinity;
  let maxLng = -Infinity;
  let maxLat = -Infinity;
  for (const polygon of polygonsOf(geometry)) {
    for (const ring of polygon) {
      const flat = ringVertices(ring);
      for (let i = 0; i < flat.length; i += 2) {
        const lng = flat[i]!;
        const lat = flat[i + 1]!;
        if (lng < minLng) minLng = lng;
        if (lng > maxLng) maxLng = lng;
        if (lat < minLat) minLat = lat;
        if (lat > maxLat) maxLat = lat;
      }
    }
  }
  return minLng <= maxLng ? [minLng, minLat, maxLng, maxLat] : null;
}

/** Whether a point lies in a bounding box, edges included. Non-finite points never do. */
export function bboxContains(bbox: BBox, lng: number, lat: number): boolean {
  return lng >= bbox[0] && lat >= bbox[1] && lng <= bbox[2] && lat <= bbox[3];
}

/** The smallest box holding both boxes. */
export function unionBBox(a: BBox, b: BBox): BBox {
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}
