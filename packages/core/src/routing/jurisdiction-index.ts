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
 * An entry with an area, as the polygon index holds it. The parts of a located answer
 * that depend on this entry alone are built on first use and then shared, frozen, by
 * every answer: most points lie in one polygon, and their answer then needs no
 * sorting, filtering or walk up the hierarchy.
 */
interface Area {
  readonly entry: JurisdictionEntry;
  /** entry.code, here so that a lookup reads one object. */
  readonly code: string;
  ancestry: readonly JurisdictionRef[] | null;
  /** [code]: the candidates when this area is the only one containing the point. */
  alone: readonly string[] | null;
}

const NONE: readonly JurisdictionRef[] = Object.freeze([]);

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
  readonly #areas: PolygonIndex<Area>;
  /** The keys of #areas, in its input order. */
  readonly #areaList: readonly Area[];

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

    const withArea = entries.filter((entry) => entry.geometry);
    this.#areaList = withArea.map((entry): Area => ({ entry, code: entry.code, ancestry: null, alone: null }));
    this.#areas = new PolygonIndex(this.#areaList.map((area) => ({ key: area, geometry: area.entry.geometry! })));
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

  /** ancestry(area.entry.code), frozen and kept for the next answer in this area. */
  #ancestryOf(area: Area): readonly JurisdictionRef[] {
    return (area.ancestry ??= Object.freeze(this.ancestry(area.code).map((ref) => Object.freeze(ref))));
  }

  /** Direct children, by code; `null` gives the roots (no parent, or a parent not in the index). */
  children(parentCode: string | null): JurisdictionRef[] {
    return (this.#children.get(parentCode) ?? []).map(refOf);
  }

  /** Whether `code` is `ancestorCode` or lies below it in the hierarchy. */
  isWithin(code: string, ancestorCode: string): boolean {
    return this.ancestry(code).some((ref) => ref.code === ancestorCode);
  }

  /**
   * The deepest jurisdiction containing the point (see the class comment), or null.
   * The answer's arrays and refs are frozen and may be shared with other answers.
   */
  locate(lng: number, lat: number): Located | null {
    const found = this.#areas.containingIndices(lng, lat);
    if (found.length === 0) return null;
    if (found.length === 1) {
      const area = this.#areaList[found[0]!]!;
      return {
        code: area.code,
        ancestry: this.#ancestryOf(area),
        candidates: (area.alone ??= Object.freeze([area.code])),
        tieBreak: false,
        alsoContaining: NONE,
        tieBreakBy: null,
      };
    }

    const containing = found.map((index) => this.#areaList[index]!);
    containing.sort((a, b) => b.entry.level - a.entry.level || byCode(a.entry, b.entry));
    const deepestLevel = containing[0]!.entry.level;
    const tied = containing.filter((area) => area.entry.level === deepestLevel);

    let chosen = tied[0]!;
    let tieBreakBy: Located['tieBreakBy'] = null;
    if (tied.length > 1) {
      const depths = tied.map((area) => distanceToBoundary(area.entry.geometry!, lng, lat));
      const deepest = Math.max(...depths);
      // `tied` is sorted by code, so the first deep-enough entry has the lowest code.
      const winners = tied.filter((_, i) => depths[i]! >= deepest - EQUAL_DEPTH_METRES);
      chosen = winners[0]!;
      tieBreakBy = winners.length > 1 ? 'code' : 'depth';
    }

    return {
      code: chosen.entry.code,
      ancestry: this.#ancestryOf(chosen),
      candidates: containing.map((area) => area.entry.code),
      tieBreak: tied.length > 1,
      alsoContaining: tied.filter((area) => area !== chosen).map((area) => refOf(area.entry)),
      tieBreakBy,
    };
  }
}
