// Duplicates: similarReports (open reports of a category nearby: no tracking code, a
// band of distance between grid cells, an opaque handle) and supportReport ("+1
// resident" by handle, one per address, idempotent per key, counted for staff).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundingBox, haversineMeters, radiusStep, snapToGrid } from '../src/similar/index.js';
import { createApiToken } from '../src/staff/index.js';
import { createTestAduan, KUPANG, SUBMIT, type TestAduan } from './support/aduan.js';
import { databaseKinds } from './support/databases.js';

const SIMILAR = /* GraphQL */ `
  query Similar($category: String!, $location: LocationInput!, $radiusMeters: Int, $locale: Locale) {
    similarReports(category: $category, location: $location, radiusMeters: $radiusMeters, locale: $locale) {
      handle category status ageDays distance supporters area { code name displayName }
    }
  }
`;
const SUPPORT = /* GraphQL */ `
  mutation Support($handle: String!, $key: String, $locale: Locale) {
    supportReport(handle: $handle, idempotencyKey: $key, locale: $locale) {
      __typename
      ... on ReportSupported { supporters replayed report { trackingCode status } }
      ... on InvalidInput { code message fields { field message } }
    }
  }
`;
const UPDATE = /* GraphQL */ `
  mutation Update($input: UpdateReportStatusInput!) { updateReportStatus(input: $input) { __typename } }
`;

/** The centre of Oebobo's grid cell, and points whole cells (0.001°) away from it. */
const CELL = snapToGrid(KUPANG.oebobo);
const cells = (north: number, east: number, metresInside = { north: 0, east: 0 }) => ({
  lat: CELL.lat + north * 0.001 + metresInside.north / 111_320,
  lng: CELL.lng + east * 0.001 + metresInside.east / 109_500,
});
const from = (address: string) => ({ 'x-forwarded-for': address });
type Nearby = { handle: string; status: string; ageDays: number; distance: string; supporters: number };
/** An answer without its handles, which differ every time. */
const withoutHandles = (list: Nearby[]) => list.map(({ handle: _handle, ...rest }) => rest);

describe('geometry', () => {
  it('haversine, the box around a circle, the grid and the radius steps', () => {
    const a = KUPANG.oebobo;
    const north100 = { lat: a.lat + 100 / 111_320, lng: a.lng };
    expect(haversineMeters(a, north100)).toBeCloseTo(100, -0.5);
    const box = boundingBox(a, 200);
    expect(north100.lat <= box.maxLat && north100.lat >= box.minLat).toBe(true);
    // Every point of a cell snaps to its centre; the next cell to the next centre.
    expect(snapToGrid(cells(0, 0, { north: 45, east: -45 }))).toEqual(snapToGrid(cells(0, 0, { north: -45, east: 45 })));
    expect(haversineMeters(snapToGrid(cells(0, 0)), snapToGrid(cells(1, 0)))).toBeCloseTo(111, -1);
    expect([1, 250, 251, 500, 777, 1000].map(radiusStep)).toEqual([250, 250, 500, 500, 1000, 1000]);
  });
});

describe.each(databaseKinds)('similar reports on %s', (kind) => {
  let aduan: TestAduan;
  let clock = new Date('2026-12-01T02:00:00Z');
  let staff: Record<string, string>;
  const codes: Record<string, string> = {};

  async function submit(category: string, location: { lat: number; lng: number }): Promise<string> {
    const input = {
      site: 'demo',
      category,
      description: 'Sama-sama rusak di sini',
      location,
      placeText: 'depan gereja',
      reporter: { name: 'Ina', email: 'ina@example.org' },
    };
    const result = await aduan.gql(SUBMIT, { input });
    expect(result.data?.submitReport.__typename).toBe('ReportSubmitted');
    return result.data!.submitReport.report.trackingCode;
  }

  const similar = async (variables: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Nearby[]> => {
    const result = await aduan.gql(SIMILAR, { category: 'jalan-rusak', location: CELL, ...variables }, headers);
    expect(result.errors).toBeUndefined();
    return result.data!.similarReports;
  };

  beforeAll(async () => {
    aduan = await createTestAduan(kind, { now: () => clock, graphql: { trustedProxyHops: 1 } });
    const { token } = await createApiToken(aduan.test.database.prisma, { agency: 'dinas-pupr', role: 'ADMIN', name: 'dup-test' });
    staff = { authorization: `Bearer ${token}` };
    codes['far'] = await submit('jalan-rusak', cells(4, 0));
    codes['twoCells'] = await submit('jalan-rusak', cells(0, 2, { north: 20, east: 0 }));
    clock = new Date('2026-12-04T03:00:00Z');
    codes['sameCell'] = await submit('jalan-rusak', cells(0, 0, { north: 30, east: -20 }));
    codes['otherCategory'] = await submit('trotoar-rusak', CELL);
    codes['resolved'] = await submit('jalan-rusak', cells(0, 0, { north: 5, east: 5 }));
    for (const status of ['ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED']) {
      await aduan.gql(UPDATE, { input: { trackingCode: codes['resolved'], status } }, staff);
    }
    await aduan.gql(UPDATE, { input: { trackingCode: codes['twoCells'], status: 'ACKNOWLEDGED' } }, staff);
    clock = new Date('2026-12-06T03:00:00Z');
  }, 120_000);
  afterAll(async () => {
    await aduan?.close();
  });

  it('finds open reports of the category nearby, nearest first, with a band of distance and no tracking code', async () => {
    const found = await similar({});
    expect(withoutHandles(found)).toEqual([
      {
        category: 'jalan-rusak',
        status: 'RECEIVED',
        ageDays: 2,
        distance: 'UNDER_100_M',
        supporters: 0,
        area: { code: '53.71.04.1001', name: 'Oebobo', displayName: 'Kelurahan Oebobo' },
      },
      expect.objectContaining({ status: 'ACKNOWLEDGED', ageDays: 5, distance: 'UNDER_250_M' }),
    ]);
    const text = JSON.stringify(found);
    for (const code of Object.values(codes)) expect(text).not.toContain(code.slice(4));
    // A wider radius reaches the one four cells away.
    expect((await similar({ radiusMeters: 1000 })).map((r) => r.distance)).toEqual(['UNDER_100_M', 'UNDER_250_M', 'UNDER_500_M']);
    // The other category only for its own code; nothing from the sea.
    expect(await similar({ category: 'trotoar-rusak' })).toHaveLength(1);
    expect(await similar({ location: KUPANG.sea })).toEqual([]);
  });

  it('tells nothing finer than a grid cell: moving the centre within a cell or the radius a metre at a time changes nothing', async () => {
    const answers = new Set<string>();
    for (let north = -45; north <= 45; north += 9) {
      for (let east = -45; east <= 45; east += 15) answers.add(JSON.stringify(withoutHandles(await similar({ location: cells(0, 0, { north, east }) }))));
    }
    expect(answers.size).toBe(1);
    const byRadius = new Set<string>();
    for (let radius = 1; radius <= 1000; radius += 37) byRadius.add(JSON.stringify(withoutHandles(await similar({ radiusMeters: radius }))));
    expect(byRadius.size).toBeLessThanOrEqual(3);
  });

  it('gives a new handle every time, which opens nothing but supportReport', async () => {
    const [first] = await similar({});
    const [second] = await similar({});
    expect(first!.handle).not.toBe(second!.handle);
    for (const query of ['query($c: String!) { reportStatus(trackingCode: $c) { status } }']) {
      const result = await aduan.gql(query, { c: first!.handle });
      expect(result.data?.reportStatus ?? null).toBeNull();
    }
  });

  it('supportReport counts one supporter per address, once per idempotency key, refuses what it cannot count, and staff see the supporters', async () => {
    const [nearest] = await similar({});
    const before = await aduan.counts();
    const first = await aduan.gql(SUPPORT, { handle: nearest!.handle, key: 'support-key-0001' }, from('198.51.100.1'));
    expect(first.data!.supportReport).toEqual({
      __typename: 'ReportSupported',
      supporters: 1,
      replayed: false,
      report: { trackingCode: codes['sameCell'], status: 'RECEIVED' },
    });
    // The same address again, with or without a key, with a fresh handle: still one.
    const [fresh] = await similar({});
    expect((await aduan.gql(SUPPORT, { handle: fresh!.handle }, from('198.51.100.1'))).data!.supportReport).toMatchObject({ supporters: 1, replayed: true });
    expect((await aduan.gql(SUPPORT, { handle: fresh!.handle, key: 'support-key-0002' }, from('198.51.100.1'))).data!.supportReport).toMatchObject({
      supporters: 1,
      replayed: true,
    });
    // Other addresses count.
    expect((await aduan.gql(SUPPORT, { handle: fresh!.handle }, from('198.51.100.2'))).data!.supportReport).toMatchObject({ supporters: 2, replayed: false });
    expect((await aduan.gql(SUPPORT, { handle: fresh!.handle }, from('198.51.100.3'))).data!.supportReport).toMatchObject({ supporters: 3 });
    // Neither a report nor an event is written for a supporter, and no address is kept.
    expect(await aduan.counts()).toEqual(before);
    const prisma = aduan.test.database.prisma;
    expect(JSON.stringify(await prisma.reportSupport.findMany())).not.toContain('198.51.100');

    const supports = await prisma.reportSupport.count();
    const forged = `${fresh!.handle.slice(0, -4)}AAAA`;
    const resolvedCell = await aduan.gql(SIMILAR, { category: 'jalan-rusak', location: CELL });
    expect(resolvedCell.data!.similarReports).toHaveLength(2); // the resolved report is not offered
    const refusals: [Record<string, unknown>, string, string][] = [
      [{ handle: forged }, 'UNKNOWN_REPORT', 'handle'],
      [{ handle: codes['sameCell'] }, 'UNKNOWN_REPORT', 'handle'],
      [{ handle: 'x'.repeat(300) }, 'UNKNOWN_REPORT', 'handle'],
      [{ handle: fresh!.handle, key: 'short' }, 'VALIDATION_FAILED', 'idempotencyKey'],
    ];
    for (const [variables, refusal, field] of refusals) {
      const result = await aduan.gql(SUPPORT, { ...variables, locale: 'EN' }, from('198.51.100.9'));
      expect(result.data!.supportReport).toMatchObject({ __typename: 'InvalidInput', code: refusal, fields: [{ field }] });
    }
    // A handle an hour old no longer opens.
    clock = new Date(clock.getTime() + 3_600_001);
    expect((await aduan.gql(SUPPORT, { handle: fresh!.handle }, from('198.51.100.9'))).data!.supportReport).toMatchObject({ code: 'UNKNOWN_REPORT' });
    expect(await prisma.reportSupport.count()).toBe(supports);

    expect((await similar({}))[0]).toMatchObject({ supporters: 3 });
    const report = await aduan.gql(`query($c: String!) { report(trackingCode: $c) { supporters } }`, { c: codes['sameCell'] }, staff);
    expect(report.data!.report.supporters).toBe(3);
    const anonymous = await aduan.gql(`query($c: String!) { report(trackingCode: $c) { supporters } }`, { c: codes['sameCell'] });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('returns at most 10, nearest first', async () => {
    for (let i = 0; i < 10; i++) await submit('jalan-rusak', cells(-1 - (i % 2), 0, { north: 0, east: i * 3 }));
    const distances = (await similar({})).map((r) => r.distance);
    expect(distances).toHaveLength(10);
    expect([...distances].sort()).toEqual(distances);
  });
});
