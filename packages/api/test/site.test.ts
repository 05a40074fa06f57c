// site(key): what an embed needs to know about its site — its name, the area whose
// kelurahan it lists and the map it offers — and nothing else of its configuration.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index.js';
import { databaseKinds } from './support/databases.js';
import { FormStartDocument, type FormStartQuery } from '@aduan/client/operations';
import { createTestAduan, ORIGIN, type TestAduan } from './support/aduan.js';

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

  it('starts a form in one GET with no preflight: the catalogue, the site and its kelurahan grouped by kecamatan', async () => {
    const url = new URL('http://aduan.test/graphql');
    url.searchParams.set('query', FormStartDocument);
    url.searchParams.set('variables', JSON.stringify({ site: 'demo', locale: 'ID' }));
    // What a browser sends for a simple request from an allowed page: no Content-Type, nothing custom.
    const response = await aduan.yoga.fetch(url, { headers: { accept: 'application/graphql-response+json, application/json', origin: ORIGIN } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const { data, errors } = (await response.json()) as { data: FormStartQuery; errors?: unknown };
    expect(errors).toBeUndefined();
    expect(data.categories.map((c) => c.code)).toContain('jalan-rusak');
    expect(data.site?.area?.code).toBe('53.71');
    expect(data.site?.kelurahan).toHaveLength(51);
    expect(data.site?.kecamatan.map((k) => k.name)).toEqual(['Alak', 'Kelapa Lima', 'Kota Lama', 'Kota Raja', 'Maulafa', 'Oebobo']);
    expect(data.site?.kelurahan.every((k) => data.site?.kecamatan.some((c) => c.code === k.parentCode))).toBe(true);
    // A page that names its own kecamatan lists only its kelurahan.
    const oebobo = await aduan.gql(FormStartDocument, { site: 'demo', within: '53.71.04' });
    expect(oebobo.data!.site.kelurahan.map((k: { parentCode: string }) => k.parentCode)).toEqual(Array(oebobo.data!.site.kelurahan.length).fill('53.71.04'));
    expect(oebobo.data!.site.kecamatan).toEqual([]);
    // An area that does not exist has none.
    expect((await aduan.gql('{ site(key: "demo") { areas(level: 4, within: "99") { code } } }')).data!.site.areas).toEqual([]);
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
    // No area of its own to list, unless the page names one.
    expect((await aduan.gql('{ site(key: "nasional") { areas(level: 4) { code } } }')).data!.site.areas).toEqual([]);
    expect((await aduan.gql('{ site(key: "nasional") { areas(level: 4, within: "53.71.04") { code } } }')).data!.site.areas.length).toBeGreaterThan(5);
  });

  it('shows its settings to nobody but an ADMIN of its city', async () => {
    const anonymous = await aduan.gql('{ site(key: "demo") { settings { allowedOrigins } } }');
    expect(anonymous.data!.site).toEqual({ settings: null });
  });
});

describe('Site type', () => {
  it('exposes key, name, area, the areas to pick from, map and its embed code — allowed origins and categories only to its city’s ADMINs (settings), the theme to nobody', () => {
    const site = schema.getType('Site');
    expect(site && 'getFields' in site && Object.keys(site.getFields()).sort()).toEqual(['area', 'areas', 'embedSnippet', 'key', 'map', 'name', 'settings']);
  });
});
