import { describe, expect, it } from 'vitest';
import { type AreaGeometry, PolygonIndex, bboxContains, distanceToBoundary, geometryBBox, labelPoint, pointInGeometry, unionBBox } from '../src/index.js';
import { kupangFeatures } from './kupang.js';

function square(x0: number, y0: number, size: number): number[][] {
  return [
    [x0, y0],
    [x0 + size, y0],
    [x0 + size, y0 + size],
    [x0, y0 + size],
    [x0, y0],
  ];
}

/** A many-vertex ring (a regular polygon close to a circle), unclosed on purpose. */
function circle(cx: number, cy: number, r: number, vertices: number): number[][] {
  return Array.from({ length: vertices }, (_, i) => {
    const a = (2 * Math.PI * i) / vertices;
    return [cx + r * Math.cos(a), cy + r * Math.sin(a)];
  });
}

/** Both implementations must agree on every point: they share one edge test. */
function contains(geometry: AreaGeometry, lng: number, lat: number): boolean {
  const indexed = new PolygonIndex([{ key: 'g', geometry }]).containing(lng, lat).length === 1;
  expect(pointInGeometry(geometry, lng, lat), `unindexed at ${lng},${lat}`).toBe(indexed);
  return indexed;
}

const donut: AreaGeometry = { type: 'Polygon', coordinates: [square(0, 0, 10), square(3, 3, 4)] };

describe('point in polygon', () => {
  it('respects holes', () => {
    expect(contains(donut, 1, 1)).toBe(true);
    expect(contains(donut, 5, 5)).toBe(false);
    expect(contains(donut, 8, 5)).toBe(true);
    expect(contains(donut, 11, 5)).toBe(false);
  });

  it('counts edges and vertices as inside, including the edges of holes', () => {
    expect(contains(donut, 0, 0)).toBe(true); // shell vertex
    expect(contains(donut, 10, 4.2)).toBe(true); // shell edge
    expect(contains(donut, 5, 10)).toBe(true); // top edge (horizontal)
    expect(contains(donut, 3, 5)).toBe(true); // hole edge
    expect(contains(donut, 7, 7)).toBe(true); // hole vertex
    expect(contains(donut, 10 + 1e-6, 5)).toBe(false); // ≈ 10 cm outside
    expect(contains(donut, 10 + 1e-10, 5)).toBe(true); // within the 1e-9° tolerance
    // Diagonal edge: exactly on it, and just off either side.
    const triangle: AreaGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [4, 0],
          [0, 4],
        ],
      ],
    };
    expect(contains(triangle, 1, 3)).toBe(true);
    expect(contains(triangle, 1.1, 3)).toBe(false);
    expect(contains(triangle, 0.9, 3)).toBe(true);
  });

  it('unions the parts of a MultiPolygon', () => {
    const two: AreaGeometry = { type: 'MultiPolygon', coordinates: [[square(0, 0, 1)], [square(5, 5, 1), square(5.25, 5.25, 0.5)]] };
    expect(contains(two, 0.5, 0.5)).toBe(true);
    expect(contains(two, 5.1, 5.1)).toBe(true);
    expect(contains(two, 5.5, 5.5)).toBe(false); // in the second part's hole
    expect(contains(two, 3, 3)).toBe(false); // between the parts, inside the joint bbox
  });

  it('treats unclosed rings as closed', () => {
    const open: AreaGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [2, 0],
          [2, 2],
          [0, 2],
        ],
      ],
    };
    expect(contains(open, 1, 1)).toBe(true);
    expect(contains(open, 0, 1)).toBe(true); // on the implied closing edge
    expect(contains(open, -0.5, 1)).toBe(false);
  });

  it('applies plain even-odd to invalid polygons (hole outside its shell)', () => {
    const invalid: AreaGeometry = { type: 'Polygon', coordinates: [square(0, 0, 2), square(5, 5, 1)] };
    expect(contains(invalid, 1, 1)).toBe(true);
    expect(contains(invalid, 5.5, 5.5)).toBe(true); // the stray "hole" counts as area
    expect(contains(invalid, 4, 4)).toBe(false);
  });

  it('never contains non-finite points', () => {
    for (const [lng, lat] of [
      [Number.NaN, 1],
      [1, Number.NaN],
      [Infinity, 1],
      [1, -Infinity],
    ] as const) {
      expect(contains(donut, lng, lat)).toBe(false);
    }
  });

  it('rejects geometries with invalid coordinates', () => {
    expect(
      () =>
        new PolygonIndex([
          {
            key: 1,
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [0, 0],
                  [1, Number.NaN],
                  [1, 1],
                ],
              ],
            },
          },
        ]),
    ).toThrow(RangeError);
    expect(() => pointInGeometry({ type: 'Point' } as unknown as AreaGeometry, 0, 0)).toThrow(TypeError);
  });

  it('uses horizontal bands correctly on many-vertex rings', () => {
    // 2,000-vertex circle with a 500-vertex hole: many bands, long band lists near the poles.
    const ring: AreaGeometry = {
      type: 'Polygon',
      coordinates: [circle(120, -10, 1, 2000), circle(120.2, -10, 0.3, 500)],
    };
    const index = new PolygonIndex([{ key: 'ring', geometry: ring }]);
    let state = 12345;
    const random = (): number => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    let inside = 0;
    for (let i = 0; i < 20_000; i++) {
      const lng = 118.9 + random() * 2.2;
      const lat = -11.1 + random() * 2.2;
      const r1 = Math.hypot(lng - 120, lat + 10);
      const r2 = Math.hypot(lng - 120.2, lat + 10);
      // Skip the thin annuli between each true circle and its inscribed polygon.
      if (Math.abs(r1 - 1) < 1e-5 || Math.abs(r2 - 0.3) < 1e-5) continue;
      const expected = r1 < 1 && r2 > 0.3;
      expect(index.containing(lng, lat).length === 1, `${lng},${lat}`).toBe(expected);
      if (i % 20 === 0) expect(pointInGeometry(ring, lng, lat)).toBe(expected); // the slow unindexed path
      if (expected) inside++;
    }
    expect(inside).toBeGreaterThan(10_000);
    // Every vertex of the shell and of the hole is on the boundary, hence inside.
    for (const [lng, lat] of [...circle(120, -10, 1, 2000), ...circle(120.2, -10, 0.3, 500)]) {
      expect(index.containing(lng!, lat!)).toEqual(['ring']);
    }
  });
});

describe('PolygonIndex', () => {
  it('finds the right square in a 100 × 100 grid (10,000 lookups)', () => {
    const items = [];
    for (let row = 0; row < 100; row++) {
      for (let col = 0; col < 100; col++) {
        items.push({ key: `${row}:${col}`, geometry: { type: 'Polygon' as const, coordinates: [square(100 + col * 0.01, -10 + row * 0.01, 0.01)] } });
      }
    }
    const index = new PolygonIndex(items);
    expect(index.size).toBe(10_000);
    for (let row = 0; row < 100; row++) {
      for (let col = 0; col < 100; col++) {
        const lng = 100 + col * 0.01 + 0.0037;
        const lat = -10 + row * 0.01 + 0.0071;
        expect(index.containing(lng, lat)).toEqual([`${row}:${col}`]);
      }
    }
    // A shared corner of four squares belongs to all four, in input order.
    expect(index.containing(100 + 0.5, -10 + 0.5)).toEqual(['49:49', '49:50', '50:49', '50:50']);
    expect(index.containing(99.99, -9.5)).toEqual([]);
    expect(index.containing(Number.NaN, -9.5)).toEqual([]);
    expect(index.bbox).toEqual([100, -10, 101, -9]);
  });

  it('returns every overlapping area once, even for MultiPolygons with several hit parts', () => {
    const index = new PolygonIndex([
      { key: 'a', geometry: { type: 'Polygon', coordinates: [square(0, 0, 2)] } },
      { key: 'b', geometry: { type: 'MultiPolygon', coordinates: [[square(1, 1, 2)], [square(1.5, 1.5, 0.1)]] } },
      { key: 'c', geometry: { type: 'Polygon', coordinates: [] } },
    ]);
    expect(index.containing(1.55, 1.55)).toEqual(['a', 'b']);
    expect(index.containing(0.5, 0.5)).toEqual(['a']);
    expect(index.itemBBox(1)).toEqual([1, 1, 3, 3]);
    expect(index.itemBBox(2)).toBeNull();
    expect(index.bbox).toEqual([0, 0, 3, 3]);
  });

  it('agrees with the unindexed test on, near and between the edges of many overlapping areas', () => {
    // Enough areas for a grid of many cells, most of them crossed by some boundary: wobbly
    // rings of 5 to 60 vertices, some with a hole, some MultiPolygons, some self-crossing.
    let state = 2024;
    const random = (): number => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    const wobbly = (cx: number, cy: number, r: number, vertices: number): number[][] =>
      Array.from({ length: vertices }, (_, i) => {
        const a = (2 * Math.PI * i) / vertices;
        const radius = r * (0.6 + 0.4 * random());
        return [cx + radius * Math.cos(a), cy + radius * Math.sin(a)];
      });
    const items: { key: number; geometry: AreaGeometry }[] = [];
    for (let i = 0; i < 300; i++) {
      const [cx, cy, r] = [100 + random() * 3, -8 + random() * 2, 0.02 + random() * 0.2];
      const shell = wobbly(cx, cy, r, 5 + Math.floor(random() * 56));
      let geometry: AreaGeometry = { type: 'Polygon', coordinates: [shell] };
      if (i % 5 === 0) geometry = { type: 'Polygon', coordinates: [shell, wobbly(cx, cy, r / 3, 7)] };
      if (i % 7 === 0) geometry = { type: 'MultiPolygon', coordinates: [[shell], [wobbly(cx + r, cy, r / 2, 9)]] };
      if (i % 11 === 0)
        geometry = {
          type: 'Polygon',
          coordinates: [
            [
              [cx, cy],
              [cx + r, cy + r],
              [cx + r, cy],
              [cx, cy + r],
            ],
          ],
        }; // bow-tie
      items.push({ key: i, geometry });
    }
    const index = new PolygonIndex(items);
    const boxes = items.map((item) => geometryBBox(item.geometry)!);
    const expected = (lng: number, lat: number): number[] =>
      items
        .filter((_, i) => bboxContains([boxes[i]![0] - 1e-6, boxes[i]![1] - 1e-6, boxes[i]![2] + 1e-6, boxes[i]![3] + 1e-6], lng, lat))
        .filter((item) => pointInGeometry(item.geometry, lng, lat))
        .map((item) => item.key);

    const points: [number, number][] = [];
    for (let i = 0; i < 20_000; i++) points.push([99.8 + random() * 3.4, -8.3 + random() * 2.6]);
    // On and beside the boundary: at, inside and outside the tolerance, and around 1e-7.
    const offsets = [0, 5e-10, 1e-9, 2e-9, 1e-8, 1e-7, 2e-7, 1e-5];
    items.forEach((item, i) => {
      const ring = (item.geometry.type === 'Polygon' ? item.geometry.coordinates[0] : item.geometry.coordinates[0]![0])!;
      for (let v = 0; v < ring.length; v += 3) {
        const [ax, ay] = ring[v] as [number, number];
        const [bx, by] = ring[(v + 1) % ring.length] as [number, number];
        const d = offsets[(i + v) % offsets.length]!;
        for (const [x, y] of [
          [ax, ay],
          [(ax + bx) / 2, (ay + by) / 2],
        ] as [number, number][]) {
          points.push([x, y], [x + d, y], [x - d, y], [x, y + d], [x, y - d]);
        }
      }
    });
    let inside = 0;
    for (const [lng, lat] of points) {
      const found = index.containingIndices(lng, lat);
      expect(found, `${lng},${lat}`).toEqual(expected(lng, lat));
      if (found.length > 0) inside++;
    }
    expect(inside).toBeGreaterThan(points.length / 4);
  });

  it('works empty', () => {
    const index = new PolygonIndex<string>([]);
    expect(index.containing(0, 0)).toEqual([]);
    expect(index.bbox).toBeNull();
  });
});

describe('bbox helpers', () => {
  it('computes, tests and unions boxes', () => {
    const box = geometryBBox(donut)!;
    expect(box).toEqual([0, 0, 10, 10]);
    expect(bboxContains(box, 10, 0)).toBe(true);
    expect(bboxContains(box, 10.1, 0)).toBe(false);
    expect(bboxContains(box, Number.NaN, 0)).toBe(false);
    expect(unionBBox(box, [-1, 5, 3, 20])).toEqual([-1, 0, 10, 20]);
    expect(geometryBBox({ type: 'MultiPolygon', coordinates: [] })).toBeNull();
  });
});

describe('distanceToBoundary', () => {
  it('measures approximate metres to the nearest edge of any ring', () => {
    const metresPerDegree = 111_195; // at the equator
    const equatorSquare: AreaGeometry = { type: 'Polygon', coordinates: [square(-1, -1, 2)] };
    expect(distanceToBoundary(equatorSquare, 0, 0)).toBeCloseTo(metresPerDegree, -2);
    expect(distanceToBoundary(equatorSquare, 0.5, 0)).toBeCloseTo(metresPerDegree / 2, -2);
    expect(distanceToBoundary(equatorSquare, 2, 0)).toBeCloseTo(metresPerDegree, -2); // outside
    expect(distanceToBoundary(equatorSquare, 1, 0.3)).toBe(0);
    // Holes are boundary too.
    expect(distanceToBoundary(donut, 2, 5)).toBeLessThan(distanceToBoundary(donut, 1.5, 5));
    expect(distanceToBoundary(equatorSquare, Number.NaN, 0)).toBeNaN();
  });

  it('shrinks longitude degrees by cos(latitude)', () => {
    // At 60°S a degree of longitude is half a degree of latitude on the ground.
    const tall: AreaGeometry = { type: 'Polygon', coordinates: [square(10, -61, 2)] };
    const east = distanceToBoundary(tall, 11.8, -60); // 0.2° of longitude from the east edge
    expect(east).toBeCloseTo(0.1 * 111_195, -2);
  });
});

describe('labelPoint', () => {
  it('is inside every Kupang kecamatan and kelurahan, away from its edges', () => {
    for (const file of ['kecamatan', 'kelurahan'] as const) {
      for (const feature of kupangFeatures(file)) {
        const [lng, lat] = labelPoint(feature.geometry)!;
        expect(pointInGeometry(feature.geometry, lng!, lat!), feature.properties.name).toBe(true);
        expect(distanceToBoundary(feature.geometry, lng!, lat!), feature.properties.name).toBeGreaterThan(50);
      }
    }
  });

  it('stays inside a C-shaped area, whose centroid is outside, and a donut, whose centre is the hole', () => {
    // A "C": the square 0..10 without the bite 3..10 × 3..7; its centroid (≈ 4, 5) is in the bite.
    const c: AreaGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [10, 0],
          [10, 3],
          [3, 3],
          [3, 7],
          [10, 7],
          [10, 10],
          [0, 10],
          [0, 0],
        ],
      ],
    };
    const [x, y] = labelPoint(c)!;
    expect(pointInGeometry(c, x!, y!)).toBe(true);
    const [dx, dy] = labelPoint(donut)!;
    expect(pointInGeometry(donut, dx!, dy!)).toBe(true);
  });

  it('uses the largest part of a MultiPolygon, and has none for an empty one', () => {
    const islands: AreaGeometry = { type: 'MultiPolygon', coordinates: [[square(20, 20, 1)], [square(0, 0, 5)]] };
    const [lng, lat] = labelPoint(islands)!;
    expect(lng).toBeCloseTo(2.5, 3);
    expect(lat).toBeCloseTo(2.5, 3);
    expect(labelPoint({ type: 'MultiPolygon', coordinates: [] })).toBeNull();
  });
});
