// site(key): what an embed needs to know about its site — its name, the area whose
// kelurahan it lists and the map it offers — and nothing else of its configuration.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index.js';
import { databaseKinds } from './support/databases.js';
import { createTestAduan, type TestAduan } from './support/aduan.js';

const SITE = /* GraphQL */ `
  query Site($key: ID!) {
    site(key: $key) { key name area { code name displayName level timeZone } }
  }
`;

describe.each(databaseKinds)('site(key) on %s', (kind) => {
  let aduan: TestAduan;
  beforeAll(async () => {
    aduan = await createTestAduan(kind);
  });
  afterAll(async () => {
    await aduan?.close();
  });

  it("answers the demo site's name and area, and the widget can list that area's kelurahan", async () => {
    const response = await aduan.gql(SITE, { key: 'demo' });
    expect(response.errors).toBeUndefined();
    expect(response.data!.site).toEqual({
      key: 'demo',
      name: 'Demo Aduan Kota Kupang',
      area: { code: '53.71', name: 'Kota Kupang', displayName: 'Kota Kupang', level: 2, timeZone: 'Asia/Makassar' },
    });
    const kelurahan = await aduan.gql(`{ jurisdictions(parentCode: "53.71", level: 4) { code } }`);
    expect(kelurahan.data!.jurisdictions).toHaveLength(51);
  });

  it('offers the map the city configured, opened on the box around the site’s area', async () => {
    const response = await aduan.gql('{ site(key: "demo") { map { tiles attribution maxZoom bounds } } }');
    const map = response.data!.site.map;
    expect(map).toMatchObject({ tiles: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', attribution: '© OpenStreetMap contributors', maxZoom: 19 });
    // Kota Kupang lies around 123.5–123.7 °E, 10.1–10.3 °S.
    const [west, south, east, north] = map.bounds as [number, number, number, number];
    expect(west).toBeGreaterThan(123.4);
    expect(east).toBeLessThan(123.8);
    expect(south).toBeGreaterThan(-10.35);
    expect(north).toBeLessThan(-10.05);
    expect(west).toBeLessThan(east);
    expect(south).toBeLessThan(north);
  });

  it('is null for an unknown key, and forgives surrounding spaces', async () => {
    for (const key of ['nope', '', 'x'.repeat(500)]) {
      const response = await aduan.gql(SITE, { key });
      expect(response.errors, key).toBeUndefined();
      expect(response.data!.site, key).toBeNull();
    }
    expect((await aduan.gql(SITE, { key: ' demo ' })).data!.site.key).toBe('demo');
  });

  it('has a null area for a site that serves every area', async () => {
    await aduan.test.database.prisma.site.create({
      data: { key: 'nasional', name: 'Semua wilayah', allowedOrigins: [], categoryCodes: [] },
    });
    const response = await aduan.gql(SITE, { key: 'nasional' });
    expect(response.data!.site).toEqual({ key: 'nasional', name: 'Semua wilayah', area: null });
    expect((await aduan.gql('{ site(key: "nasional") { map { tiles } } }')).data!.site.map).toBeNull();
  });

  it('shows its settings to nobody but an ADMIN of its city', async () => {
    const anonymous = await aduan.gql('{ site(key: "demo") { settings { allowedOrigins } } }');
    expect(anonymous.data!.site).toEqual({ settings: null });
  });
});

describe('Site type', () => {
  it('exposes key, name, area, map and its embed code — allowed origins and categories only to its city’s ADMINs (settings), the theme to nobody', () => {
    const site = schema.getType('Site');
    expect(site && 'getFields' in site && Object.keys(site.getFields()).sort()).toEqual(['area', 'embedSnippet', 'key', 'map', 'name', 'settings']);
  });
});
