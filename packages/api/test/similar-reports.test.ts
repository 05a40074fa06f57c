// Duplicates: similarReports (open reports of a category nearby, thin and rounded) and
// supportReport ("+1 resident", idempotent per key, counted for staff).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundingBox, haversineMeters, roundToTens } from '../src/similar/index.js';
import { createApiToken } from '../src/staff/index.js';
import { createTestAduan, KUPANG, SUBMIT, type TestAduan } from './support/aduan.js';
import { databaseKinds } from './support/databases.js';

const SIMILAR = /* GraphQL */ `
  query Similar($category: String!, $location: LocationInput!, $radiusMeters: Int, $locale: Locale) {
    similarReports(category: $category, location: $location, radiusMeters: $radiusMeters, locale: $locale) {
      trackingCode category status ageDays distanceMeters supporters area { code name displayName }
    }
  }
`;
const SUPPORT = /* GraphQL */ `
  mutation Support($code: String!, $key: String, $locale: Locale) {
    supportReport(trackingCode: $code, idempotencyKey: $key, locale: $locale) {
      __typename
      ... on ReportSupported { supporters replayed report { trackingCode status } }
      ... on InvalidInput { code message fields { field message } }
    }
  }
`;
const UPDATE = /* GraphQL */ `
  mutation Update($input: UpdateReportStatusInput!) { updateReportStatus(input: $input) { __typename } }
`;

/** A point `north` and `east` metres from `from`. */
function offset(from: { lat: number; lng: number }, north: number, east: number) {
  const m = 111_320;
  return { lat: from.lat + north / m, lng: from.lng + east / (m * Math.cos((from.lat * Math.PI) / 180)) };
}

describe('geometry', () => {
  it('haversine, the box around a circle and rounding', () => {
    const a = KUPANG.oebobo;
    expect(haversineMeters(a, offset(a, 100, 0))).toBeCloseTo(100, -0.5);
    expect(haversineMeters(a, offset(a, 0, 300))).toBeCloseTo(300, -0.5);
    const box = boundingBox(a, 200);
    for (const [n, e] of [
      [199, 0],
      [0, 199],
      [-199, 0],
      [0, -199],
      [140, 140],
    ] as const) {
      const p = offset(a, n, e);
      expect(p.lat >= box.minLat && p.lat <= box.maxLat && p.lng >= box.minLng && p.lng <= box.maxLng).toBe(true);
    }
    expect(roundToTens(144.9)).toBe(140);
    expect(roundToTens(145)).toBe(150);
    expect(roundToTens(4)).toBe(0);
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

  beforeAll(async () => {
    aduan = await createTestAduan(kind, { now: () => clock });
    const { token } = await createApiToken(aduan.test.database.prisma, { agency: 'dinas-pupr', role: 'ADMIN', name: 'dup-test' });
    staff = { authorization: `Bearer ${token}` };
    const here = KUPANG.oebobo;
    codes['far'] = await submit('jalan-rusak', offset(here, 400, 0));
    codes['east150'] = await submit('jalan-rusak', offset(here, 0, 146));
    clock = new Date('2026-12-04T03:00:00Z');
    codes['north50'] = await submit('jalan-rusak', offset(here, 52, 0));
    codes['otherCategory'] = await submit('trotoar-rusak', here);
    codes['resolved'] = await submit('jalan-rusak', offset(here, 10, 10));
    for (const status of ['ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED']) {
      await aduan.gql(UPDATE, { input: { trackingCode: codes['resolved'], status } }, staff);
    }
    await aduan.gql(UPDATE, { input: { trackingCode: codes['east150'], status: 'ACKNOWLEDGED' } }, staff);
    clock = new Date('2026-12-06T03:00:00Z');
  }, 120_000);
  afterAll(async () => {
    await aduan?.close();
  });

  it('finds open reports of the category nearby, nearest first, with nothing private', async () => {
    const result = await aduan.gql(SIMILAR, { category: 'jalan-rusak', location: KUPANG.oebobo });
    expect(result.errors).toBeUndefined();
    expect(result.data!.similarReports).toEqual([
      {
        trackingCode: codes['north50'],
        category: 'jalan-rusak',
        status: 'RECEIVED',
        ageDays: 2,
        distanceMeters: 50,
        supporters: 0,
        area: { code: '53.71.04.1001', name: 'Oebobo', displayName: 'Kelurahan Oebobo' },
      },
      expect.objectContaining({ trackingCode: codes['east150'], status: 'ACKNOWLEDGED', ageDays: 5, distanceMeters: 150 }),
    ]);
    // A wider radius reaches the one 400 m away.
    const wide = await aduan.gql(SIMILAR, { category: 'jalan-rusak', location: KUPANG.oebobo, radiusMeters: 1000 });
    expect(wide.data!.similarReports.map((r: { trackingCode: string }) => r.trackingCode)).toEqual([codes['north50'], codes['east150'], codes['far']]);
    expect(wide.data!.similarReports[2].distanceMeters).toBe(400);
    // The other category only for its own code; nothing from the sea.
    const other = await aduan.gql(SIMILAR, { category: 'trotoar-rusak', location: KUPANG.oebobo });
    expect(other.data!.similarReports.map((r: { trackingCode: string }) => r.trackingCode)).toEqual([codes['otherCategory']]);
    expect((await aduan.gql(SIMILAR, { category: 'jalan-rusak', location: KUPANG.sea })).data!.similarReports).toEqual([]);
  });

  it('refuses bad input with a typed error naming the field', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ category: 'jalan-rusak', location: KUPANG.oebobo, radiusMeters: 1001 }, 'VALIDATION_FAILED', 'radiusMeters'],
      [{ category: 'jalan-rusak', location: KUPANG.oebobo, radiusMeters: 0 }, 'VALIDATION_FAILED', 'radiusMeters'],
      [{ category: 'jalan-rusak', location: { lat: 95, lng: 123 } }, 'VALIDATION_FAILED', 'location.lat'],
      [{ category: 'jalan-rusak', location: { lat: -10, lng: 190 } }, 'VALIDATION_FAILED', 'location.lng'],
      [{ category: 'naga-lewat', location: KUPANG.oebobo }, 'UNKNOWN_CATEGORY', 'category'],
    ];
    for (const [variables, code, field] of cases) {
      const result = await aduan.gql(SIMILAR, { ...variables, locale: 'EN' });
      expect(result.data).toBeNull();
      expect(result.errors?.[0]?.extensions).toMatchObject({ code, field });
    }
  });

  it('supportReport counts once per idempotency key, refuses what it cannot count, and staff see the supporters', async () => {
    const code = codes['north50']!;
    const before = await aduan.counts();
    const first = await aduan.gql(SUPPORT, { code, key: 'support-key-0001' });
    expect(first.data!.supportReport).toEqual({
      __typename: 'ReportSupported',
      supporters: 1,
      replayed: false,
      report: { trackingCode: code, status: 'RECEIVED' },
    });
    const again = await aduan.gql(SUPPORT, { code: code.toLowerCase(), key: 'support-key-0001' });
    expect(again.data!.supportReport).toMatchObject({ supporters: 1, replayed: true });
    expect((await aduan.gql(SUPPORT, { code })).data!.supportReport).toMatchObject({ supporters: 2, replayed: false });
    expect((await aduan.gql(SUPPORT, { code, key: 'support-key-0002' })).data!.supportReport).toMatchObject({ supporters: 3 });
    // Neither a report nor an event is written for a supporter.
    expect(await aduan.counts()).toEqual(before);

    const prisma = aduan.test.database.prisma;
    const supports = await prisma.reportSupport.count();
    const refusals: [Record<string, unknown>, string, string][] = [
      [{ code: 'ADU-ZZZZ-ZZZZ' }, 'UNKNOWN_REPORT', 'trackingCode'],
      [{ code, key: 'short' }, 'VALIDATION_FAILED', 'idempotencyKey'],
      [{ code, key: 'has spaces in it' }, 'VALIDATION_FAILED', 'idempotencyKey'],
      [{ code: codes['resolved'] }, 'REPORT_NOT_OPEN', 'trackingCode'],
    ];
    for (const [variables, refusal, field] of refusals) {
      const result = await aduan.gql(SUPPORT, { ...variables, locale: 'EN' });
      expect(result.data!.supportReport).toMatchObject({ __typename: 'InvalidInput', code: refusal, fields: [{ field }] });
    }
    expect(await prisma.reportSupport.count()).toBe(supports);

    const similar = await aduan.gql(SIMILAR, { category: 'jalan-rusak', location: KUPANG.oebobo });
    expect(similar.data!.similarReports[0]).toMatchObject({ trackingCode: code, supporters: 3 });
    const report = await aduan.gql(`query($c: String!) { report(trackingCode: $c) { supporters } }`, { c: code }, staff);
    expect(report.data!.report.supporters).toBe(3);
    // Anonymous callers cannot read the staff type.
    const anonymous = await aduan.gql(`query($c: String!) { report(trackingCode: $c) { supporters } }`, { c: code });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('returns at most 10', async () => {
    for (let i = 0; i < 10; i++) await submit('jalan-rusak', offset(KUPANG.oebobo, -20 - i * 5, 0));
    const result = await aduan.gql(SIMILAR, { category: 'jalan-rusak', location: KUPANG.oebobo });
    const distances = result.data!.similarReports.map((r: { distanceMeters: number }) => r.distanceMeters);
    expect(distances).toHaveLength(10);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
  });
});
