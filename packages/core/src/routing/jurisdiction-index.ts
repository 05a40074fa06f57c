import { distanceToBoundary } from '../geo/distance.js';
import type { AreaGeometry } from '../geo/geometry.js';
import { PolygonIndex } from '../geo/polygon-index.js';

/**
 * An administrative area in the hierarchy. `level`: 1 province, 2 kota/kabupaten,
 * 3 kecamatan, 4 kelurahan/desa. Entries without geometry belong to the hierarchy but
 * are never found by point.
 */
export interface JurisdictionEntry {
  readonly code: string;
  readonly name: string;
  readonly level: number;
  readonly parentCode: string | null;
  readonly geometry: AreaGeometry | null;
}

export interface JurisdictionRef {
  readonly code: string;
  readonly name: string;
  readonly level: number;
}

/** Where a point was found, and everything needed to explain why. */
export interface Located {
  /** The deepest jurisdiction containing the point. */
  readonly code: string;
  /** From the located jurisdiction up to the root, deepest first. */
  readonly ancestry: readonly JurisdictionRef[];
  /** Every jurisdiction whose polygon contains the point, deepest first, then by code. */
  readonly candidates: readonly string[];
  /** Whether other jurisdictions at the located level also contained the point. */
  readonly tieBreak: boolean;
  /** Those other jurisdictions (empty unless tieBreak). */
  readonly alsoContaining: readonly JurisdictionRef[];
  /**
   * How the tie was broken: 'depth' when the point lies deeper inside the chosen one,
   * 'code' when it is equally deep in several (on their shared edge) and the lowest
   * code won; null without a tie.
   */
  readonly tieBreakBy: 'depth' | 'code' | null;
}

/**
 * Distances to the boundary closer than this are treated as equal, so that a point on
 * a shared edge (distance ≈ 0 to both, up to rounding) falls to the lowest code rather
 * than to floating-point noise.
 */
const EQUAL_DEPTH_METRES = 0.001;

function byCode(a: { code: string }, b: { code: string }): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

function refOf(entry: JurisdictionEntry): JurisdictionRef {
  return { code: entry.code, name: entry.name, level: entry.level };
}

/**
 * The jurisdiction hierarchy with a point lookup.
 *
 * `locate` answers with the deepest jurisdiction whose polygon contains the point:
 * - levels are compared, not the tree: a kelurahan polygon that pokes out of its
 *   kecamatan's polygon still wins there (boundaries at different levels are
 *   simplified separately, so they do not nest exactly);
 * - a point in no kelurahan but in a kecamatan or city (slivers between simplified
 *   polygons) goes to that ancestor;
 * - edges are inside (boundary-inclusive), so a point on a shared edge is in both
 *   neighbours and the tie-break decides;
 * - overlapping jurisdictions at the same level: the one whose boundary is farthest
 *   from the point (the point lies deeper inside it) wins, and at equal depth (within
 *   1 mm) the lowest code. The result is deterministic and explainable.
 */
export class JurisdictionIndex {
  readonly #entries: ReadonlyMap<string, JurisdictionEntry>;
  readonly #children: ReadonlyMap<string | null, readonly JurisdictionEntry[]>;
  readonly #areas: PolygonIndex<JurisdictionEntry>;

  constructor(entries: readonly JurisdictionEntry[]) {
    const byCodeMap = new Map<string, JurisdictionEntry>();
    for (const entry of entries) {
      if (byCodeMap.has(entry.code)) throw new Error(`Duplicate jurisdiction code ${entry.code}`);
      if (entry.parentCode === entry.code) throw new Error(`Jurisdiction ${entry.code} is its own parent`);
      byCodeMap.set(entry.code, entry);
    }
    this.#entries = byCodeMap;

    // Entries whose parent is absent are roots, so every entry is reachable by children().
    const children = new Map<string | null, JurisdictionEntry[]>();
    for (const entry of [...byCodeMap.values()].sort(byCode)) {
      const parent = entry.parentCode !== null && byCodeMap.has(entry.parentCode) ? entry.parentCode : null;
      const siblings = children.get(parent);
      if (siblings) siblings.push(entry);
      else children.set(parent, [entry]);
    }
    this.#children = children;

    this.#areas = new PolygonIndex(
      entries.flatMap((entry) => (entry.geometry ? [{ key: entry, geometry: entry.geometry }] : [])),
    );
  }

  get size(): number {
    return this.#entries.size;
  }

  get(code: string): JurisdictionEntry | undefined {
    return this.#entries.get(code);
  }

  /**
   * The jurisdiction and its ancestors, deepest first, following parentCode through
   * entries that exist (a missing parent ends the chain). Empty for an unknown code.
   */
  ancestry(code: string): JurisdictionRef[] {
    const chain: JurisdictionRef[] = [];
    const seen = new Set<string>();
    let entry = this.#entries.get(code);
    while (entry && !seen.has(entry.code)) {
      seen.add(entry.code);
      chain.push(refOf(entry));
      entry = entry.parentCode === null ? undefined : this.#entries.get(entry.parentCode);
    }
    return chain;
  }

  /** Direct children, by code; `null` gives the roots (no parent, or a parent not in the index). */
  children(parentCode: string | null): JurisdictionRef[] {
    return (this.#children.get(parentCode) ?? []).map(refOf);
  }

  /** Whether `code` is `ancestorCode` or lies below it in the hierarchy. */
  isWithin(code: string, ancestorCode: string): boolean {
    return this.ancestry(code).some((ref) => ref.code === ancestorCode);
  }

  /** The deepest jurisdiction containing the point (see the class comment), or null. */
  locate(lng: number, lat: number): Located | null {
    const containing = this.#areas.containing(lng, lat);
    if (containing.length === 0) return null;

    containing.sort((a, b) => b.level - a.level || byCode(a, b));
    const deepestLevel = containing[0]!.level;
    const tied = containing.filter((entry) => entry.level === deepestLevel);

    let chosen = tied[0]!;
    let tieBreakBy: Located['tieBreakBy'] = null;
    if (tied.length > 1) {
      const depths = tied.map((entry) => distanceToBoundary(entry.geometry!, lng, lat));
      const deepest = Math.max(...depths);
      // `tied` is sorted by code, so the first deep-enough entry has the lowest code.
      const winners = tied.filter((_, i) => depths[i]! >= deepest - EQUAL_DEPTH_METRES);
      chosen = winners[0]!;
      tieBreakBy = winners.length > 1 ? 'code' : 'depth';
    }

    return {
      code: chosen.code,
      ancestry: this.ancestry(chosen.code),
      candidates: containing.map((entry) => entry.code),
      tieBreak: tied.length > 1,
      alsoContaining: tied.filter((entry) => entry !== chosen).map(refOf),
      tieBreakBy,
    };
  }
}
