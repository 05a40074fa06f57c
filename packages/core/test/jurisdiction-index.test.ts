import { describe, expect, it } from 'vitest';
import {
  type AreaGeometry,
  JurisdictionIndex,
  type JurisdictionEntry,
  type MultiPolygonGeometry,
  PolygonIndex,
  distanceToBoundary,
  geometryBBox,
  pointInGeometry,
} from '../src/index.js';
import { kupangEntries, kupangFeatures } from './kupang.js';

const entries = kupangEntries();
const kupang = new JurisdictionIndex(entries);
const kelurahan = entries.filter((entry) => entry.level === 4);
const kupangBBox = geometryBBox(entries.find((entry) => entry.code === '53.71')!.geometry!)!;
const levelOf = new Map(entries.map((entry) => [entry.code, entry.level]));
/** Plain containment per level, to check locate() against (PolygonIndex is tested in geo.test.ts). */
const byLevel = (level: number): PolygonIndex<string> =>
  new PolygonIndex(entries.filter((entry) => entry.level === level).map((entry) => ({ key: entry.code, geometry: entry.geometry! })));
const kelurahanAreas = byLevel(4);
const kecamatanAreas = byLevel(3);

function geometryOf(code: string): AreaGeometry {
  return entries.find((entry) => entry.code === code)!.geometry!;
}

/** Grid over the whole city's box, used to find the data's real overlaps and slivers. */
function* grid(size: number): Generator<[number, number]> {
  const [x0, y0, x1, y1] = kupangBBox;
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) yield [x0 + ((i + 0.5) * (x1 - x0)) / size, y0 + ((j + 0.5) * (y1 - y0)) / size];
  }
}

/** A point inside this kelurahan and no other: its centroid if that works, else the deepest grid point. */
function interiorPoint(entry: JurisdictionEntry & { centroid: [number, number] }): [number, number] {
  const onlyHere = (lng: number, lat: number): boolean => {
    const found = kelurahanAreas.containing(lng, lat);
    return found.length === 1 && found[0] === entry.code;
  };
  const centroid = entry.centroid;
  if (onlyHere(...centroid) && distanceToBoundary(entry.geometry!, ...centroid) > 1) return centroid;
  const [x0, y0, x1, y1] = geometryBBox(entry.geometry!)!;
  const candidates: [number, number][] = [];
  for (let i = 1; i < 30; i++) for (let j = 1; j < 30; j++) candidates.push([x0 + ((x1 - x0) * i) / 30, y0 + ((y1 - y0) * j) / 30]);
  let best: [number, number] | null = null;
  let bestDepth = -1;
  for (const [lng, lat] of candidates) {
    if (!onlyHere(lng, lat)) continue;
    const depth = distanceToBoundary(entry.geometry!, lng, lat);
    if (depth > bestDepth) [best, bestDepth] = [[lng, lat], depth];
  }
  if (!best) throw new Error(`no interior point for ${entry.code}`);
  return best;
}

describe('JurisdictionIndex on the real Kupang boundaries', () => {
  it('holds the city, its 6 kecamatan and 51 kelurahan', () => {
    expect(kupang.size).toBe(58);
    expect(kelurahan).toHaveLength(51);
    expect(kupang.children(null).map((ref) => ref.code)).toEqual(['53.71']); // parent 53 is absent
    expect(kupang.children('53.71').map((ref) => ref.name)).toEqual([
      'Kecamatan Alak',
      'Kecamatan Maulafa',
      'Kecamatan Kelapa Lima',
      'Kecamatan Oebobo',
      'Kecamatan Kota Raja',
      'Kecamatan Kota Lama',
    ]);
    expect(kupang.children('53.71.04').length).toBeGreaterThan(3);
    expect(kupang.children('53.71.04.1001')).toEqual([]);
  });

  it('locates an interior point of every kelurahan to that kelurahan, with its ancestry', () => {
    const centroids = new Map(kupangFeatures('kelurahan').map((feature) => [feature.properties.code, feature.properties.centroid]));
    for (const entry of kelurahan) {
      const [lng, lat] = interiorPoint({ ...entry, centroid: centroids.get(entry.code)! });
      const located = kupang.locate(lng, lat);
      expect(located?.code, entry.name).toBe(entry.code);
      expect(located!.tieBreak).toBe(false);
      const kecamatanCode = entry.code.split('.').slice(0, 3).join('.');
      expect(located!.ancestry.map((ref) => ref.code)).toEqual([entry.code, kecamatanCode, '53.71']);
      expect(located!.ancestry[1]!.name).toMatch(/^Kecamatan /);
      expect(located!.ancestry[2]!.name).toBe('Kota Kupang');
      expect(located!.candidates[0]).toBe(entry.code);
    }
  });

  it('names Kelurahan Oebobo, Kecamatan Oebobo, Kota Kupang', () => {
    expect(kupang.ancestry('53.71.04.1001')).toEqual([
      { code: '53.71.04.1001', name: 'Kelurahan Oebobo', level: 4 },
      { code: '53.71.04', name: 'Kecamatan Oebobo', level: 3 },
      { code: '53.71', name: 'Kota Kupang', level: 2 },
    ]);
    expect(kupang.isWithin('53.71.04.1001', '53.71.04')).toBe(true);
    expect(kupang.isWithin('53.71.04.1001', '53.71')).toBe(true);
    expect(kupang.isWithin('53.71.04.1001', '53.71.04.1001')).toBe(true);
    expect(kupang.isWithin('53.71.04.1001', '53.71.01')).toBe(false);
    expect(kupang.isWithin('53.71.04.1001', '53')).toBe(false); // not in the index
    expect(kupang.ancestry('99.99')).toEqual([]);
    expect(kupang.get('53.71.04')?.name).toBe('Kecamatan Oebobo');
    expect(kupang.get('nope')).toBeUndefined();
  });

  it('resolves a point on the edge shared by two kelurahan to the lowest code, every time', () => {
    // Find an edge whose two vertices appear, consecutively, in two different kelurahan.
    const edgeOwners = new Map<string, string[]>();
    for (const entry of kelurahan) {
      const ring = (entry.geometry as MultiPolygonGeometry).coordinates[0]![0]!;
      for (let i = 0; i + 1 < ring.length; i++) {
        const [a, b] = [ring[i]!.join(), ring[i + 1]!.join()].sort();
        const key = `${a}|${b}`;
        edgeOwners.set(key, [...(edgeOwners.get(key) ?? []), entry.code]);
      }
    }
    const shared = [...edgeOwners.entries()].filter(([, owners]) => new Set(owners).size === 2);
    let tested = 0;
    for (const [key, owners] of shared) {
      const [a, b] = key.split('|').map((position) => position.split(',').map(Number)) as [number[], number[]];
      const [lng, lat] = [(a[0]! + b[0]!) / 2, (a[1]! + b[1]!) / 2];
      // Skip the rare midpoint that a third kelurahan also covers (an overlap, tested below).
      if (kelurahanAreas.containing(lng, lat).length !== 2) continue;
      const first = kupang.locate(lng, lat)!;
      expect(first.candidates.filter((code) => levelOf.get(code) === 4).sort()).toEqual([...new Set(owners)].sort());
      // On the shared edge the point is equally deep (0 m) in both: the lowest code wins.
      expect(first.code).toBe([...owners].sort()[0]);
      expect(first).toMatchObject({ tieBreak: true, tieBreakBy: 'code' });
      for (let repeat = 0; repeat < 3; repeat++) expect(kupang.locate(lng, lat)).toEqual(first);
      tested++;
    }
    expect(tested).toBeGreaterThan(10);
  });

  it('resolves real overlaps between kelurahan to the one the point lies deeper inside', () => {
    let overlaps = 0;
    for (const [lng, lat] of grid(400)) {
      const located = kupang.locate(lng, lat);
      if (!located?.tieBreak) continue;
      overlaps++;
      // Overlaps occur between kelurahan and, in slivers no kelurahan covers, between kecamatan.
      const rivals = located.candidates.filter((code) => levelOf.get(code) === located.ancestry[0]!.level);
      expect(rivals.length).toBeGreaterThan(1);
      const depths = rivals.map((code) => distanceToBoundary(geometryOf(code), lng, lat));
      const deepest = Math.max(...depths);
      expect(distanceToBoundary(geometryOf(located.code), lng, lat)).toBe(deepest);
      expect(located.tieBreakBy).toBe('depth');
      expect(located.alsoContaining.map((ref) => ref.code).sort()).toEqual(rivals.filter((code) => code !== located.code).sort());
    }
    expect(overlaps).toBeGreaterThan(5);
  });

  it('falls back to the kecamatan or the city in slivers no kelurahan covers', () => {
    let toKecamatan = 0;
    let toCity = 0;
    for (const [lng, lat] of grid(200)) {
      if (kelurahanAreas.containing(lng, lat).length > 0) continue;
      const located = kupang.locate(lng, lat);
      const inKecamatan = kecamatanAreas.containing(lng, lat);
      if (inKecamatan.length > 0) {
        expect(located?.ancestry[0]?.level).toBe(3);
        expect(inKecamatan).toContain(located!.code);
        toKecamatan++;
      } else if (pointInGeometry(geometryOf('53.71'), lng, lat)) {
        expect(located?.code).toBe('53.71');
        expect(located!.ancestry).toEqual([{ code: '53.71', name: 'Kota Kupang', level: 2 }]);
        toCity++;
      } else {
        expect(located).toBeNull();
      }
    }
    expect(toKecamatan).toBeGreaterThan(10);
    expect(toCity).toBeGreaterThan(10);
  });

  it('finds a kelurahan even where it pokes out of its kecamatan polygon', () => {
    let pokingOut = 0;
    for (const [lng, lat] of grid(200)) {
      const located = kupang.locate(lng, lat);
      if (located === null || located.ancestry[0]!.level !== 4) continue;
      const kecamatanCode = located.ancestry[1]!.code;
      if (!pointInGeometry(geometryOf(kecamatanCode), lng, lat)) pokingOut++;
    }
    expect(pokingOut).toBeGreaterThan(10);
  });

  it('answers null at sea and for non-finite points', () => {
    const [lng, lat] = [123.58, -10.05]; // Teluk Kupang, north of the city
    expect(entries.some((entry) => pointInGeometry(entry.geometry!, lng, lat))).toBe(false);
    expect(kupang.locate(lng, lat)).toBeNull();
    expect(kupang.locate(Number.NaN, -10.17)).toBeNull();
    expect(kupang.locate(123.6, Number.NaN)).toBeNull();
    expect(kupang.locate(Infinity, -10.17)).toBeNull();
  });
});

function square(x0: number, y0: number, size: number): number[][] {
  return [
    [x0, y0],
    [x0 + size, y0],
    [x0 + size, y0 + size],
    [x0, y0 + size],
    [x0, y0],
  ];
}

function entry(code: string, level: number, parentCode: string | null, geometry: AreaGeometry | null): JurisdictionEntry {
  return { code, name: `Area ${code}`, level, parentCode, geometry };
}

describe('JurisdictionIndex on synthetic areas', () => {
  it('resolves a kelurahan outside its kecamatan polygon to the kelurahan', () => {
    const index = new JurisdictionIndex([
      entry('1', 2, null, { type: 'Polygon', coordinates: [square(0, 0, 10)] }),
      entry('1.1', 3, '1', { type: 'Polygon', coordinates: [square(0, 0, 5)] }),
      entry('1.1.1', 4, '1.1', { type: 'Polygon', coordinates: [square(4, 4, 2)] }),
    ]);
    const located = index.locate(5.5, 5.5)!; // outside 1.1's square
    expect(located.code).toBe('1.1.1');
    expect(located.ancestry.map((ref) => ref.code)).toEqual(['1.1.1', '1.1', '1']);
    expect(located.candidates).toEqual(['1.1.1', '1']);
    expect(index.locate(2, 2)!.code).toBe('1.1');
    expect(index.locate(8, 2)!.code).toBe('1');
    expect(index.locate(11, 2)).toBeNull();
  });

  it('handles holes and MultiPolygons, and never matches entries without geometry', () => {
    const index = new JurisdictionIndex([
      entry('P', 1, null, null),
      entry('P.1', 2, 'P', { type: 'Polygon', coordinates: [square(0, 0, 10), square(4, 4, 2)] }),
      entry('P.1.1', 3, 'P.1', { type: 'Polygon', coordinates: [square(4, 4, 2)] }), // fills the hole
      entry('P.2', 2, 'P', { type: 'MultiPolygon', coordinates: [[square(20, 0, 1)], [square(30, 0, 1)]] }),
    ]);
    expect(index.locate(5, 5)!.ancestry.map((ref) => ref.code)).toEqual(['P.1.1', 'P.1', 'P']);
    expect(index.locate(5, 5)!.candidates).toEqual(['P.1.1']); // the hole is not P.1's
    expect(index.locate(1, 1)!.code).toBe('P.1');
    expect(index.locate(30.5, 0.5)!.code).toBe('P.2');
    expect(index.locate(25, 0.5)).toBeNull();
    expect(index.children(null).map((ref) => ref.code)).toEqual(['P']);
    expect(index.children('P').map((ref) => ref.code)).toEqual(['P.1', 'P.2']);
  });

  it('breaks ties between overlapping siblings by depth, then by lowest code', () => {
    const index = new JurisdictionIndex([
      entry('B', 4, null, { type: 'Polygon', coordinates: [square(0, 0, 10)] }),
      entry('A', 4, null, { type: 'Polygon', coordinates: [square(9, 0, 10)] }),
    ]);
    // Overlap strip 9..10: at x = 9.2 the point is 0.8 inside B's edge, 0.2 inside A's.
    expect(index.locate(9.2, 5)).toMatchObject({ code: 'B', tieBreak: true, tieBreakBy: 'depth', candidates: ['A', 'B'] });
    expect(index.locate(9.8, 5)).toMatchObject({ code: 'A', tieBreakBy: 'depth' });
    expect(index.locate(9.5, 5)).toMatchObject({ code: 'A', tieBreakBy: 'code' }); // equally deep
    expect(index.locate(9.5, 5)!.alsoContaining).toEqual([{ code: 'B', name: 'Area B', level: 4 }]);
    expect(index.locate(5, 5)).toMatchObject({ code: 'B', tieBreak: false, tieBreakBy: null, alsoContaining: [] });
  });

  it('shares the frozen parts of an answer between lookups in the same single area', () => {
    const index = new JurisdictionIndex([
      entry('1', 2, null, { type: 'Polygon', coordinates: [square(0, 0, 10)] }),
      entry('1.1', 3, '1', { type: 'Polygon', coordinates: [square(0, 0, 5)] }),
    ]);
    const first = index.locate(7, 7)!;
    const second = index.locate(8, 8)!;
    expect(first).toEqual({ code: '1', ancestry: index.ancestry('1'), candidates: ['1'], tieBreak: false, alsoContaining: [], tieBreakBy: null });
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
    expect(second.ancestry).toBe(first.ancestry);
    expect(Object.isFrozen(first.ancestry) && Object.isFrozen(first.ancestry[0]) && Object.isFrozen(first.candidates)).toBe(true);
    // The same ancestry when the area wins among several.
    expect(index.locate(2, 2)).toMatchObject({ code: '1.1', candidates: ['1.1', '1'], ancestry: index.ancestry('1.1') });
  });

  it('rejects duplicate codes and self-parents, and survives parent cycles', () => {
    expect(() => new JurisdictionIndex([entry('A', 1, null, null), entry('A', 2, null, null)])).toThrow(/Duplicate/);
    expect(() => new JurisdictionIndex([entry('A', 1, 'A', null)])).toThrow(/own parent/);
    const cyclic = new JurisdictionIndex([entry('A', 1, 'B', null), entry('B', 2, 'A', null)]);
    expect(cyclic.ancestry('A').map((ref) => ref.code)).toEqual(['A', 'B']);
  });

  it('finds the right cell in a 100 × 100 grid of kelurahan under 10 kecamatan', () => {
    const cells: JurisdictionEntry[] = [entry('G', 2, null, null)];
    for (let band = 0; band < 10; band++) {
      cells.push(entry(`G.${band}`, 3, 'G', { type: 'Polygon', coordinates: [square(0, band * 10, 100)] }));
    }
    for (let row = 0; row < 100; row++) {
      for (let col = 0; col < 100; col++) {
        cells.push(
          entry(`G.${Math.floor(row / 10)}.${row}-${col}`, 4, `G.${Math.floor(row / 10)}`, {
            type: 'Polygon',
            coordinates: [square(col, row, 1)],
          }),
        );
      }
    }
    const index = new JurisdictionIndex(cells);
    for (let row = 0; row < 100; row++) {
      for (let col = 0; col < 100; col++) {
        const located = index.locate(col + 0.3, row + 0.6)!;
        expect(located.code).toBe(`G.${Math.floor(row / 10)}.${row}-${col}`);
        expect(located.ancestry).toHaveLength(3);
      }
    }
  });
});
