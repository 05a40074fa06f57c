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
 * Grid cells per polygon part: the grid is uniform over all parts' bounding box. Finer
 * grids answer more points outright but cost memory and cache misses; on the national
 * kecamatan this was as fast as 8 to 64.
 */
const CELLS_PER_PART = 4;
const MAX_CELLS = 4_000_000;
/**
 * Degrees; a cell counts as crossed by an edge that passes this close to it. Far above
 * ON_BOUNDARY_TOLERANCE and floating-point rounding, so a cell not crossed holds no point
 * within the tolerance of an edge of that part, and the whole cell is inside or outside.
 */
const CELL_MARGIN = 1e-7;
/** Numbers per part in PolygonIndex.#parts: 8 doubles, one cache line. */
const PART_FIELDS = 8;

/**
 * Which of many (multi)polygons contain a point, built once and queried fast.
 *
 * Layout, chosen for a national index (7,284 kecamatan, ≥ 1M lookups/s on one core),
 * where a lookup's cost is mostly cache misses on random points:
 * - every polygon of every geometry (each part of a MultiPolygon separately) is a part,
 *   and what a lookup needs of a part sits side by side in `parts`;
 * - all edges live in one Float64Array as [ax, ay, bx, by] quadruples;
 * - each part's y-range is cut into horizontal bands, and each band lists the edges
 *   whose y-range meets it (CSR layout: `bandOffsets` into `bandEdges`). A point needs
 *   only the edges of its own band: every edge its horizontal ray can cross is there;
 * - a uniform grid over all parts says, per cell, which parts can contain a point in
 *   it (CSR layout: `cellOffsets` into `cellEntries`). A part whose edges all stay clear
 *   of a cell contains either the whole cell or none of it, decided once at build time
 *   from the cell's centre: such a cell lists the part's item as found outright, or not
 *   at all. Only parts whose boundary crosses the cell are tested per point, so points
 *   at sea and points deep inside an area need no edge test at all.
 *
 * Containment is even-odd over all rings of a part, boundary-inclusive (see
 * edge-test.ts); a geometry contains the point when any of its parts does.
 * The index is immutable; it holds no reference to the input geometries.
 */
export class PolygonIndex<T> {
  readonly #keys: readonly T[];
  /**
   * Per part, PART_FIELDS numbers: its bounding box widened by the tolerance [minX, minY,
   * maxX, maxY], then its minY, bands per degree of latitude (0 when it has one band),
   * first band and band count.
   */
  readonly #parts: Float64Array;
  /** Band → first entry in #bandEdges (length: bands + 1). */
  readonly #bandOffsets: Uint32Array;
  /** Offsets into #edges (edge index × 4). */
  readonly #bandEdges: Uint32Array;
  readonly #edges: Float64Array;
  readonly #itemBBoxes: readonly (BBox | null)[];
  readonly #bbox: BBox | null;
  /** The grid: its origin, cells per degree, and size in cells (0 × 0 when empty). */
  readonly #gridMinX: number;
  readonly #gridMinY: number;
  readonly #gridMaxX: number;
  readonly #gridMaxY: number;
  readonly #cellsPerX: number;
  readonly #cellsPerY: number;
  readonly #columns: number;
  readonly #rows: number;
  /** Cell → first entry in #cellEntries, in pairs (length: cells + 1). */
  readonly #cellOffsets: Uint32Array;
  /** Pairs [part, item]: part -1 when the item contains the whole cell, else the part to test. */
  readonly #cellEntries: Int32Array;

  constructor(items: readonly IndexedArea<T>[]) {
    this.#keys = items.map((item) => item.key);

    const partItem: number[] = [];
    const parts: number[] = [];
    const partFirstEdge: number[] = [0];
    const bandOffsets: number[] = [0];
    /** Offsets into `edges` (edge index × 4), band after band. */
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
        partFirstEdge.push(edges.length / 4);
        parts.push(
          minX - ON_BOUNDARY_TOLERANCE,
          minY - ON_BOUNDARY_TOLERANCE,
          maxX + ON_BOUNDARY_TOLERANCE,
          maxY + ON_BOUNDARY_TOLERANCE,
          minY,
          scale,
          bandOffsets.length - 1,
          bandCount,
        );
        for (const list of perBand) {
          for (const offset of list) bandEdges.push(offset);
          bandOffsets.push(bandEdges.length);
        }
        itemBox = itemBox
          ? [Math.min(itemBox[0], minX), Math.min(itemBox[1], minY), Math.max(itemBox[2], maxX), Math.max(itemBox[3], maxY)]
          : [minX, minY, maxX, maxY];
      }
      itemBBoxes.push(itemBox);
    });

    this.#bbox = itemBBoxes.reduce<BBox | null>((all, box) => (box === null ? all : all === null ? box : unionBBox(all, box)), null);
    this.#parts = Float64Array.from(parts);
    this.#bandOffsets = Uint32Array.from(bandOffsets);
    this.#bandEdges = Uint32Array.from(bandEdges);
    this.#edges = Float64Array.from(edges);
    this.#itemBBoxes = itemBBoxes;

    // The grid spans every part's widened box, with roughly square cells.
    const partCount = partItem.length;
    const meta = this.#parts;
    let gridMinX = Infinity;
    let gridMinY = Infinity;
    let gridMaxX = -Infinity;
    let gridMaxY = -Infinity;
    for (let m = 0; m < meta.length; m += PART_FIELDS) {
      gridMinX = Math.min(gridMinX, meta[m]!);
      gridMinY = Math.min(gridMinY, meta[m + 1]!);
      gridMaxX = Math.max(gridMaxX, meta[m + 2]!);
      gridMaxY = Math.max(gridMaxY, meta[m + 3]!);
    }
    // With any part, width and height are > 0: the boxes are widened by the tolerance.
    const empty = partCount === 0;
    const width = gridMaxX - gridMinX;
    const height = gridMaxY - gridMinY;
    const cellTarget = Math.min(MAX_CELLS, partCount * CELLS_PER_PART);
    const side = Math.sqrt((width * height) / cellTarget);
    const columns = empty ? 0 : Math.max(1, Math.min(cellTarget, Math.ceil(width / side)));
    const rows = empty ? 0 : Math.max(1, Math.min(cellTarget, Math.ceil(height / side)));
    this.#gridMinX = gridMinX;
    this.#gridMinY = gridMinY;
    this.#gridMaxX = gridMaxX;
    this.#gridMaxY = gridMaxY;
    this.#columns = columns;
    this.#rows = rows;
    this.#cellsPerX = empty ? 0 : columns / width;
    this.#cellsPerY = empty ? 0 : rows / height;
    const cellWidth = width / columns;
    const cellHeight = height / rows;

    // Every (cell, part) whose cell holds points the part may contain: [cell, part or -1, item].
    const found: number[] = [];
    for (let p = 0; p < partCount; p++) {
      const m = p * PART_FIELDS;
      const column0 = this.#column(meta[m]!);
      const row0 = this.#row(meta[m + 1]!);
      const spanX = this.#column(meta[m + 2]!) - column0 + 1;
      const spanY = this.#row(meta[m + 3]!) - row0 + 1;
      // Cells of this part's box that one of its edges crosses (or passes within the margin of).
      const crossed = new Uint8Array(spanX * spanY);
      for (let e = partFirstEdge[p]!; e < partFirstEdge[p + 1]!; e++) {
        const ax = edges[e * 4]!;
        const ay = edges[e * 4 + 1]!;
        const bx = edges[e * 4 + 2]!;
        const by = edges[e * 4 + 3]!;
        // One cell more on each side than the edge's box reaches, against rounding.
        const fromX = Math.max(0, this.#column(Math.min(ax, bx) - CELL_MARGIN) - column0 - 1);
        const toX = Math.min(spanX - 1, this.#column(Math.max(ax, bx) + CELL_MARGIN) - column0 + 1);
        const fromY = Math.max(0, this.#row(Math.min(ay, by) - CELL_MARGIN) - row0 - 1);
        const toY = Math.min(spanY - 1, this.#row(Math.max(ay, by) + CELL_MARGIN) - row0 + 1);
        for (let y = fromY; y <= toY; y++) {
          const cellMinY = gridMinY + (row0 + y) * cellHeight - CELL_MARGIN;
          const cellMaxY = gridMinY + (row0 + y + 1) * cellHeight + CELL_MARGIN;
          for (let x = fromX; x <= toX; x++) {
            const local = y * spanX + x;
            if (crossed[local] === 1) continue;
            const cellMinX = gridMinX + (column0 + x) * cellWidth - CELL_MARGIN;
            const cellMaxX = gridMinX + (column0 + x + 1) * cellWidth + CELL_MARGIN;
            if (segmentMeetsBox(ax, ay, bx, by, cellMinX, cellMinY, cellMaxX, cellMaxY)) crossed[local] = 1;
          }
        }
      }
      const itemIndex = partItem[p]!;
      for (let y = 0; y < spanY; y++) {
        for (let x = 0; x < spanX; x++) {
          const cell = (row0 + y) * columns + column0 + x;
          if (crossed[y * spanX + x] === 1) {
            found.push(cell, p, itemIndex);
            continue;
          }
          // No edge near the cell: its centre answers for all of it.
          const centreX = gridMinX + (column0 + x + 0.5) * cellWidth;
          const centreY = gridMinY + (row0 + y + 0.5) * cellHeight;
          if (this.#partContains(p, centreX, centreY)) found.push(cell, -1, itemIndex);
        }
      }
    }

    // Counting sort by cell into the CSR arrays (stable: parts stay in input order).
    const cellCount = columns * rows;
    const cellOffsets = new Uint32Array(cellCount + 1);
    for (let k = 0; k < found.length; k += 3) cellOffsets[found[k]! + 1]! += 2;
    for (let c = 0; c < cellCount; c++) cellOffsets[c + 1]! += cellOffsets[c]!;
    const cellEntries = new Int32Array((found.length / 3) * 2);
    const fill = cellOffsets.slice(0, cellCount);
    for (let k = 0; k < found.length; k += 3) {
      const at = fill[found[k]!]!;
      cellEntries[at] = found[k + 1]!;
      cellEntries[at + 1] = found[k + 2]!;
      fill[found[k]!] = at + 2;
    }
    this.#cellOffsets = cellOffsets;
    this.#cellEntries = cellEntries;
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
    // Also false for NaN: a non-finite point is never contained.
    if (!(lng >= this.#gridMinX && lng <= this.#gridMaxX && lat >= this.#gridMinY && lat <= this.#gridMaxY)) return [];
    const cell = this.#row(lat) * this.#columns + this.#column(lng);
    const end = this.#cellOffsets[cell + 1]!;
    const entries = this.#cellEntries;
    const meta = this.#parts;
    const found: number[] = [];
    for (let k = this.#cellOffsets[cell]!; k < end; k += 2) {
      const part = entries[k]!;
      const itemIndex = entries[k + 1]!;
      if (found.includes(itemIndex)) continue; // another part of the same MultiPolygon
      if (part < 0) {
        found.push(itemIndex);
      } else {
        const m = part * PART_FIELDS;
        if (lng < meta[m]! || lat < meta[m + 1]! || lng > meta[m + 2]! || lat > meta[m + 3]!) continue;
        if (this.#partContains(part, lng, lat)) found.push(itemIndex);
      }
    }
    if (found.length > 1) found.sort((a, b) => a - b);
    return found;
  }

  /** Grid column of a longitude, clamped to the grid (monotonic in lng). */
  #column(lng: number): number {
    const column = Math.floor((lng - this.#gridMinX) * this.#cellsPerX);
    return column < 0 ? 0 : column >= this.#columns ? this.#columns - 1 : column;
  }

  /** Grid row of a latitude, clamped to the grid (monotonic in lat). */
  #row(lat: number): number {
    const row = Math.floor((lat - this.#gridMinY) * this.#cellsPerY);
    return row < 0 ? 0 : row >= this.#rows ? this.#rows - 1 : row;
  }

  #partContains(part: number, px: number, py: number): boolean {
    const meta = this.#parts;
    const m = part * PART_FIELDS;
    const bandCount = meta[m + 7]!;
    let band = Math.floor((py - meta[m + 4]!) * meta[m + 5]!);
    if (band < 0) band = 0;
    else if (band >= bandCount) band = bandCount - 1;
    const slot = meta[m + 6]! + band;
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

/**
 * Whether segment a–b meets the box (edges included). Used only to decide which cells an
 * edge may come near, so erring towards true is harmless: the separating-axis test on
 * the box's extent and on the segment's line.
 */
function segmentMeetsBox(ax: number, ay: number, bx: number, by: number, minX: number, minY: number, maxX: number, maxY: number): boolean {
  if (Math.max(ax, bx) < minX || Math.min(ax, bx) > maxX || Math.max(ay, by) < minY || Math.min(ay, by) > maxY) return false;
  const dx = bx - ax;
  const dy = by - ay;
  const side = (x: number, y: number): number => dx * (y - ay) - dy * (x - ax);
  const s1 = side(minX, minY);
  const s2 = side(maxX, minY);
  const s3 = side(minX, maxY);
  const s4 = side(maxX, maxY);
  return !((s1 > 0 && s2 > 0 && s3 > 0 && s4 > 0) || (s1 < 0 && s2 < 0 && s3 < 0 && s4 < 0));
}
