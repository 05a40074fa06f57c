import Flatbush from 'flatbush';
import { EDGE_CROSSES_RAY, EDGE_TOUCHES_POINT, ON_BOUNDARY_TOLERANCE, edgeEffect } from './edge-test.js';
import { type AreaGeometry, type BBox, polygonsOf, ringVertices, unionBBox } from './geometry.js';

export interface IndexedArea<T> {
  readonly key: T;
  readonly geometry: AreaGeometry;
}

/** Polygons with at most this many edges are scanned whole: banding would not pay off. */
const EDGES_SCANNED_WHOLE = 8;
/** Target number of edges per horizontal band in larger polygons. */
const EDGES_PER_BAND = 2;

/**
 * Which of many (multi)polygons contain a point, built once and queried fast.
 *
 * Layout, chosen for a national index (7,284 kecamatan, ≥ 1M lookups/s on one core):
 * - every polygon of every geometry (each part of a MultiPolygon separately) gets its
 *   bounding box in a Flatbush packed R-tree, so a lookup only visits the few parts
 *   whose box holds the point;
 * - all edges live in one Float64Array as [ax, ay, bx, by] quadruples;
 * - each part's y-range is cut into horizontal bands, and each band lists the edges
 *   whose y-range meets it (CSR layout: `bandOffsets` into `bandEdges`). A point needs
 *   only the edges of its own band: every edge its horizontal ray can cross is there.
 *
 * Containment is even-odd over all rings of a part, boundary-inclusive (see
 * edge-test.ts); a geometry contains the point when any of its parts does.
 * The index is immutable; it holds no reference to the input geometries.
 */
export class PolygonIndex<T> {
  readonly #keys: readonly T[];
  readonly #tree: Flatbush | null;
  /** Part → item (index into #keys). */
  readonly #partItem: Uint32Array;
  readonly #partFirstBand: Uint32Array;
  readonly #partBandCount: Uint32Array;
  readonly #partMinY: Float64Array;
  /** Bands per degree of latitude; 0 when the part has one band. */
  readonly #partBandScale: Float64Array;
  /** Band → first entry in #bandEdges (length: bands + 1). */
  readonly #bandOffsets: Uint32Array;
  /** Offsets into #edges (edge index × 4). */
  readonly #bandEdges: Uint32Array;
  readonly #edges: Float64Array;
  readonly #itemBBoxes: readonly (BBox | null)[];
  readonly #bbox: BBox | null;

  constructor(items: readonly IndexedArea<T>[]) {
    this.#keys = items.map((item) => item.key);

    const partItem: number[] = [];
    const partFirstBand: number[] = [];
    const partBandCount: number[] = [];
    const partMinY: number[] = [];
    const partBandScale: number[] = [];
    const partBoxes: number[] = [];
    const bandOffsets: number[] = [0];
    const bandEdges: number[] = [];
    const edges: number[] = [];
    const itemBBoxes: (BBox | null)[] = [];

    items.forEach((item, itemIndex) => {
      let itemBox: [number, number, number, number] | null = null;
      for (const polygon of polygonsOf(item.geometry)) {
        const firstEdge = edges.length / 4;
        let minX = Infinity;
        let minY = Infinity;
        let maxX = -Infinity;
        let maxY = -Infinity;
        for (const ring of polygon) {
          const v = ringVertices(ring);
          const n = v.length;
          if (n < 6) continue; // fewer than 3 vertices encloses nothing
          for (let i = 0; i < n; i += 2) {
            const j = (i + 2) % n;
            const ax = v[i]!;
            const ay = v[i + 1]!;
            const bx = v[j]!;
            const by = v[j + 1]!;
            if (ax === bx && ay === by) continue; // repeated vertex: no edge
            edges.push(ax, ay, bx, by);
            if (ax < minX) minX = ax;
            if (ax > maxX) maxX = ax;
            if (ay < minY) minY = ay;
            if (ay > maxY) maxY = ay;
          }
        }
        const edgeCount = edges.length / 4 - firstEdge;
        if (edgeCount === 0) continue;

        const bandCount = edgeCount <= EDGES_SCANNED_WHOLE ? 1 : Math.ceil(edgeCount / EDGES_PER_BAND);
        const height = maxY - minY;
        const scale = bandCount > 1 && height > 0 ? bandCount / height : 0;
        const bandOf = (y: number): number => {
          const band = Math.floor((y - minY) * scale);
          return band < 0 ? 0 : band >= bandCount ? bandCount - 1 : band;
        };
        const perBand: number[][] = Array.from({ length: bandCount }, () => []);
        for (let e = firstEdge; e < firstEdge + edgeCount; e++) {
          const ay = edges[e * 4 + 1]!;
          const by = edges[e * 4 + 3]!;
          // Widened by the tolerance so that near-boundary points still meet the edge.
          // bandOf is monotonic, so a query's band always lies in [first, last].
          const first = bandOf(Math.min(ay, by) - ON_BOUNDARY_TOLERANCE);
          const last = bandOf(Math.max(ay, by) + ON_BOUNDARY_TOLERANCE);
          for (let b = first; b <= last; b++) perBand[b]!.push(e * 4);
        }

        partItem.push(itemIndex);
        partFirstBand.push(bandOffsets.length - 1);
        partBandCount.push(bandCount);
        partMinY.push(minY);
        partBandScale.push(scale);
        for (const list of perBand) {
          for (const offset of list) bandEdges.push(offset);
          bandOffsets.push(bandEdges.length);
        }
        partBoxes.push(
          minX - ON_BOUNDARY_TOLERANCE,
          minY - ON_BOUNDARY_TOLERANCE,
          maxX + ON_BOUNDARY_TOLERANCE,
          maxY + ON_BOUNDARY_TOLERANCE,
        );
        itemBox = itemBox
          ? [Math.min(itemBox[0], minX), Math.min(itemBox[1], minY), Math.max(itemBox[2], maxX), Math.max(itemBox[3], maxY)]
          : [minX, minY, maxX, maxY];
      }
      itemBBoxes.push(itemBox);
    });

    const partCount = partItem.length;
    if (partCount > 0) {
      const tree = new Flatbush(partCount);
      for (let p = 0; p < partCount; p++) {
        tree.add(partBoxes[p * 4]!, partBoxes[p * 4 + 1]!, partBoxes[p * 4 + 2]!, partBoxes[p * 4 + 3]!);
      }
      tree.finish();
      this.#tree = tree;
    } else {
      this.#tree = null;
    }
    this.#bbox = itemBBoxes.reduce<BBox | null>(
      (all, box) => (box === null ? all : all === null ? box : unionBBox(all, box)),
      null,
    );
    this.#partItem = Uint32Array.from(partItem);
    this.#partFirstBand = Uint32Array.from(partFirstBand);
    this.#partBandCount = Uint32Array.from(partBandCount);
    this.#partMinY = Float64Array.from(partMinY);
    this.#partBandScale = Float64Array.from(partBandScale);
    this.#bandOffsets = Uint32Array.from(bandOffsets);
    this.#bandEdges = Uint32Array.from(bandEdges);
    this.#edges = Float64Array.from(edges);
    this.#itemBBoxes = itemBBoxes;
  }

  /** Number of items the index was built from (including any without area). */
  get size(): number {
    return this.#keys.length;
  }

  /** Bounding box of all indexed areas, or null when there are none. */
  get bbox(): BBox | null {
    return this.#bbox;
  }

  /** Bounding box of the item at `itemIndex` (input order), or null if it has no area. */
  itemBBox(itemIndex: number): BBox | null {
    return this.#itemBBoxes[itemIndex] ?? null;
  }

  /** Keys of all items whose area contains the point (edges included), in input order. */
  containing(lng: number, lat: number): T[] {
    return this.containingIndices(lng, lat).map((itemIndex) => this.#keys[itemIndex]!);
  }

  /** Input positions of all items whose area contains the point, ascending. */
  containingIndices(lng: number, lat: number): number[] {
    const tree = this.#tree;
    if (tree === null || !Number.isFinite(lng) || !Number.isFinite(lat)) return [];
    const parts = tree.search(lng, lat, lng, lat);
    const found: number[] = [];
    for (const part of parts) {
      const itemIndex = this.#partItem[part]!;
      if (found.includes(itemIndex)) continue; // another part of the same MultiPolygon
      if (this.#partContains(part, lng, lat)) found.push(itemIndex);
    }
    if (found.length > 1) found.sort((a, b) => a - b);
    return found;
  }

  #partContains(part: number, px: number, py: number): boolean {
    const bandCount = this.#partBandCount[part]!;
    let band = Math.floor((py - this.#partMinY[part]!) * this.#partBandScale[part]!);
    if (band < 0) band = 0;
    else if (band >= bandCount) band = bandCount - 1;
    const slot = this.#partFirstBand[part]! + band;
    const end = this.#bandOffsets[slot + 1]!;
    const edges = this.#edges;
    const bandEdges = this.#bandEdges;
    let inside = false;
    for (let k = this.#bandOffsets[slot]!; k < end; k++) {
      const e = bandEdges[k]!;
      const effect = edgeEffect(px, py, edges[e]!, edges[e + 1]!, edges[e + 2]!, edges[e + 3]!);
      if (effect === EDGE_TOUCHES_POINT) return true;
      if (effect === EDGE_CROSSES_RAY) inside = !inside;
    }
    return inside;
  }
}
