// Declarative city configuration on both databases: the Kupang demo applies,
// re-applies as a no-op, applies changes exactly, and every bad file is refused
// with the offending path while the database stays as it was.
import { addChannel, parseChannelSpec } from '../src/delivery/index.js';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { demoCityPath, type PrismaClient } from '@aduan/prisma';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyCityConfig,
  CityConfigError,
  loadCityConfig,
  originPatternProblem,
  type ApplyProgress,
  type ApplySummary,
  type CityConfigInput,
} from '../src/city-config/index.js';
import { boundaryHash, jsonbText, plainDecimal } from '../src/city-config/boundary-hash.js';
import { jurisdictionDisplayName } from '../src/jurisdictions/display-name.js';
import { publicLocationSetting, readPublicLocation } from '../src/open311/location.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases.js';

const fixtures = new URL('./fixtures/city-config/', import.meta.url).pathname;
const kupangDir = join(demoCityPath, '..');

/** Every table the configuration writes, row for row, in a stable order. */
async function dumpDatabase(prisma: PrismaClient) {
  return {
    settings: await prisma.setting.findMany({ orderBy: { key: 'asc' } }),
    jurisdictions: await prisma.jurisdiction.findMany({ orderBy: { code: 'asc' } }),
    holidays: await prisma.holiday.findMany({ orderBy: [{ jurisdictionCode: 'asc' }, { date: 'asc' }] }),
    agencies: await prisma.agency.findMany({ orderBy: { slug: 'asc' } }),
    categoryGroups: await prisma.categoryGroup.findMany({ orderBy: { code: 'asc' } }),
    categories: await prisma.category.findMany({ orderBy: { code: 'asc' } }),
    rules: await prisma.routingRule.findMany({ orderBy: { id: 'asc' } }),
    sites: await prisma.site.findMany({ orderBy: { key: 'asc' } }),
    channels: await prisma.deliveryChannel.findMany({ orderBy: [{ agencyId: 'asc' }, { name: 'asc' }] }),
  };
}
type Dump = Awaited<ReturnType<typeof dumpDatabase>>;

/** Rows of `table` that differ between two dumps, by their key. */
function changedRows<T extends keyof Dump>(before: Dump, after: Dump, table: T, keyOf: (row: Dump[T][number]) => string) {
  const index = (rows: Dump[T]) => new Map((rows as Dump[T][number][]).map((row) => [keyOf(row), JSON.stringify(row)]));
  const was = index(before[table]);
  const now = index(after[table]);
  const keys = new Set([...was.keys(), ...now.keys()]);
  return [...keys].filter((key) => was.get(key) !== now.get(key)).sort();
}

function allUnchanged(summary: ApplySummary): boolean {
  return (
    Object.values(summary).every((counts) => counts.created === 0 && counts.updated === 0) &&
    summary.rules.deleted === 0 &&
    summary.categories.deactivated === 0
  );
}

const tempDirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'aduan-city-config-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true }))));

const square = (lng: number, lat: number, size: number) => [
  [
    [lng, lat],
    [lng + size, lat],
    [lng + size, lat + size],
    [lng, lat + size],
    [lng, lat],
  ],
];
const feature = (code: string, name: string, level: string, geometry: unknown) => ({
  type: 'Feature',
  properties: { code, name, level },
  geometry,
});

/** A small valid city, written with its boundary file to a fresh folder; `mutate` adds one mistake. */
async function writeSmallCity(
  mutate: (config: Record<string, any>, boundaries: Record<string, any>) => void = () => {},
  fileName = 'city.json',
): Promise<string> {
  const config: Record<string, any> = {
    trackingCodePrefix: 'TST',
    boundaries: [{ file: 'areas.geojson' }],
    jurisdictions: [
      {
        code: '98.71',
        timeZone: 'Asia/Makassar',
        workingDays: [1, 2, 3, 4, 5],
        holidays: [
          { date: '2026-08-17', name: 'Proklamasi Kemerdekaan' },
          { date: '2026-12-25', name: 'Kelahiran Yesus Kristus' },
        ],
      },
    ],
    agencies: [
      { slug: 'meja-pengaduan', name: 'Meja Pengaduan Kota Contoh', jurisdiction: '98.71', triage: true },
      { slug: 'dinas-pu', name: 'Dinas Pekerjaan Umum Kota Contoh', jurisdiction: '98.71', escalatesTo: 'meja-pengaduan' },
    ],
    categoryGroups: [{ code: 'umum', name: { id: 'Umum', en: 'General' } }],
    categories: [
      { code: 'jalan', name: { id: 'Jalan rusak', en: 'Damaged road' }, group: 'umum' },
      { code: 'lain', name: { id: 'Lainnya', en: 'Other' } },
    ],
    rules: [{ category: 'jalan', jurisdiction: '98.71', agency: 'dinas-pu', responseHours: 72 }],
    sites: [{ key: 'kecil', name: 'Situs Kota Contoh', allowedOrigins: ['https://*.example.org'], jurisdiction: '98.71.01', categories: ['jalan'] }],
  } satisfies CityConfigInput;
  const boundaries = JSON.parse(await readFile(join(fixtures, 'areas.geojson'), 'utf8'));
  mutate(config, boundaries);
  const dir = await tempDir();
  // JSON has no Infinity; a number too large for a double is how one arrives in a real file.
  await writeFile(join(dir, 'areas.geojson'), JSON.stringify(boundaries).replaceAll('"INFINITY"', '1e999'));
  const path = join(dir, fileName);
  await writeFile(path, fileName.endsWith('.json') ? JSON.stringify(config, null, 2) : stringify(config));
  return path;
}

interface BadFile {
  name: string;
  mutate?: (config: Record<string, any>, boundaries: Record<string, any>) => void;
  /** Writes the file itself instead (syntax errors). */
  write?: () => Promise<string>;
  /** The start of the error message: the offending path, then what is wrong. */
  error: RegExp;
}

const badFiles: BadFile[] = [
  {
    name: 'a webhook channel without its secret variable',
    mutate: (c) => (c.agencies[1].channels = [{ name: 'hook', kind: 'webhook', url: 'https://x.example/hook' }]),
    error: /^agencies\[1\]\.channels\[0\]\.secretEnv: is required: the environment variable holding the signing secret/,
  },
  {
    name: 'a channel with a secret written into the file',
    mutate: (c) => (c.agencies[1].channels = [{ name: 'hook', kind: 'webhook', url: 'https://x.example/hook', secretEnv: 'ADUAN_SECRET_A', secret: 'plain' }]),
    error: /^agencies\[1\]\.channels\[0\]: .*"secret"/,
  },
  {
    name: 'a channel whose secret is another setting',
    mutate: (c) => (c.agencies[1].channels = [{ name: 'hook', kind: 'webhook', url: 'https://x.example/hook', secretEnv: 'DATABASE_URL' }]),
    error: /^agencies\[1\]\.channels\[0\]\.secretEnv: must be an environment variable named ADUAN_SECRET_/,
  },
  {
    name: 'two channels of one agency with the same name',
    mutate: (c) =>
      (c.agencies[1].channels = [
        { name: 'surel', kind: 'email' },
        { name: 'surel', kind: 'email', email: 'a@b.example' },
      ]),
    error: /^agencies\[1\]\.channels\[1\]\.name: duplicate channel name "surel" \(also channels\[0\]\)/,
  },
  {
    name: 'a site map whose tiles are plain http on the internet',
    mutate: (c) => (c.sites[0].map = { tiles: 'http://tiles.example.org/{z}/{x}/{y}.png', attribution: '© Contributors' }),
    error: /^sites\[0\]\.map\.tiles: tiles "http:\/\/tiles\.example\.org\/\{z\}\/\{x\}\/\{y\}\.png" must be https:\/\//,
  },
  {
    name: 'a site map whose tile template lacks {y}',
    mutate: (c) => (c.sites[0].map = { tiles: 'https://tile.openstreetmap.org/{z}/{x}.png', attribution: '© OpenStreetMap contributors' }),
    error: /^sites\[0\]\.map\.tiles: .*lacks \{y\}/,
  },
  {
    name: 'a site map without an attribution',
    mutate: (c) => (c.sites[0].map = { tiles: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', attribution: ' ' }),
    error: /^sites\[0\]\.map\.attribution: /,
  },
  {
    name: 'a site map deeper than any tiles go',
    mutate: (c) => (c.sites[0].map = { tiles: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', attribution: '© OpenStreetMap contributors', maxZoom: 30 }),
    error: /^sites\[0\]\.map\.maxZoom: /,
  },
  {
    name: 'an agency in an unknown jurisdiction',
    mutate: (c) => (c.agencies[1].jurisdiction = '53.71.99'),
    error: /^agencies\[1\]\.jurisdiction: unknown jurisdiction "53\.71\.99"/,
  },
  {
    name: 'a rule for an unknown agency',
    mutate: (c) => (c.rules[0].agency = 'dinas-tidak-ada'),
    error: /^rules\[0\]\.agency: unknown agency "dinas-tidak-ada"/,
  },
  {
    name: 'a duplicate category code',
    mutate: (c) => c.categories.push({ code: 'jalan', name: { id: 'Jalan', en: 'Road' } }),
    error: /^categories\[2\]\.code: duplicate code "jalan" \(also categories\[0\]\)/,
  },
  {
    name: 'two rules for one (category, jurisdiction) pair',
    mutate: (c) => c.rules.push({ category: 'jalan', jurisdiction: '98.71', agency: 'meja-pengaduan' }),
    error: /^rules\[1\]: two rules for category "jalan" in 98\.71 \(also rules\[0\]\)/,
  },
  {
    name: 'an origin pattern with a path',
    mutate: (c) => c.sites[0].allowedOrigins.push('https://kupangkota.go.id/lapor'),
    error: /^sites\[0\]\.allowedOrigins\[1\]: origin "https:\/\/kupangkota\.go\.id\/lapor" has a path/,
  },
  {
    name: 'a wildcard in the middle of a host',
    mutate: (c) => (c.sites[0].allowedOrigins = ['https://www.*.example.org']),
    error: /^sites\[0\]\.allowedOrigins\[0\]: .*"\*" may only be the whole port or the leftmost subdomain label/,
  },
  {
    name: 'responseHours 0',
    mutate: (c) => (c.rules[0].responseHours = 0),
    error: /^rules\[0\]\.responseHours: must be at least 1 hour/,
  },
  {
    name: 'a missing boundary file',
    mutate: (c) => c.boundaries.push({ file: 'kelurahan.geojson' }),
    error: /^boundaries\[1\]\.file: boundary file "kelurahan\.geojson" does not exist/,
  },
  {
    name: 'a non-finite coordinate',
    mutate: (_, b) => (b.features[2].geometry.coordinates[0][1] = ['INFINITY', -10]),
    error: /^boundaries\[0\]\.features\[2\]\.geometry\.coordinates\[0\]\[1\]: coordinates must be finite numbers, not \[Infinity, -10\]/,
  },
  {
    name: 'a latitude out of range',
    mutate: (_, b) => (b.features[3].geometry.coordinates[0][2] = [120.1, -95]),
    error: /^boundaries\[0\]\.features\[3\]\.geometry\.coordinates\[0\]\[2\]: latitude -95 is outside -90\.\.90/,
  },
  {
    name: 'a ring of three positions',
    mutate: (_, b) =>
      (b.features[3].geometry.coordinates[0] = [
        [120, -10],
        [120.1, -10],
        [120, -10],
      ]),
    error: /^boundaries\[0\]\.features\[3\]\.geometry\.coordinates\[0\]: a linear ring needs at least 4 positions/,
  },
  {
    name: 'a feature without a code',
    mutate: (_, b) => delete b.features[1].properties.code,
    error: /^boundaries\[0\]\.features\[1\]\.properties\.code: is missing or not a string/,
  },
  {
    name: 'a kelurahan whose kecamatan is nowhere',
    mutate: (_, b) => b.features.push(feature('98.71.02.1001', 'Yatim', 'kelurahan_desa', { type: 'Polygon', coordinates: square(121, -10, 0.01) })),
    error: /^boundaries\[0\]\.features\[4\]\.properties\.code: parent "98\.71\.02" of "98\.71\.02\.1001" is neither in this file nor in the database/,
  },
  {
    name: 'a JSON syntax error',
    write: async () => {
      const path = join(await tempDir(), 'city.json');
      await writeFile(path, '{\n  "trackingCodePrefix": "TST",\n  "agencies": [\n    { "slug": "x", }\n  ]\n}\n');
      return path;
    },
    error: /^city\.json: JSON syntax error at line 4, column \d+/,
  },
  {
    name: 'a YAML syntax error',
    write: async () => {
      const path = join(await tempDir(), 'city.yaml');
      await writeFile(path, 'trackingCodePrefix: TST\nagencies:\n  - slug: x\n   name: [unclosed\n');
      return path;
    },
    error: /^city\.yaml: YAML syntax error at line \d+, column \d+/,
  },
  {
    name: 'no triage agency for the city (another city’s does not serve it)',
    mutate: (c) => (c.agencies[0].triage = false),
    error: /^agencies: no triage agency/,
  },
  {
    name: 'taking over another city’s agency',
    mutate: (c) => c.agencies.push({ slug: 'pusat-pengaduan', name: 'Pusat Pengaduan', jurisdiction: '98.71', triage: false }),
    error: /^agencies\[2\]\.slug: "pusat-pengaduan" is an agency of another city \(its area is "53\.71"\); choose another slug/,
  },
  {
    name: 'an agency in another city’s area',
    mutate: (c) => (c.agencies[1].jurisdiction = '53.71'),
    error: /^agencies\[1\]\.jurisdiction: jurisdiction "53\.71" is outside the city this file sets up \("98\.71"\)/,
  },
  {
    name: 'taking over another city’s site',
    mutate: (c) => (c.sites[0].key = 'demo'),
    error: /^sites\[0\]\.key: "demo" is a site of another city \(it serves "53\.71"\); choose another key/,
  },
  {
    name: 'another city’s tracking-code prefix',
    mutate: (c) => (c.trackingCodePrefix = 'KPG'),
    error: /^trackingCodePrefix: "KPG" is already the prefix of another city \("53\.71"\)/,
  },
  {
    name: 'two cities in one file',
    mutate: (c) => c.jurisdictions.push({ code: '98.72', name: 'Kota Lain', level: 2, kind: 'kota' }),
    error: /^city: name the city this file sets up \("city": "…"\): its topmost jurisdictions are "98\.71", "98\.72"/,
  },
  {
    name: 'escalation to an unknown agency',
    mutate: (c) => (c.agencies[1].escalatesTo = 'walikota'),
    error: /^agencies\[1\]\.escalatesTo: unknown agency "walikota"/,
  },
  {
    name: 'an escalation loop',
    mutate: (c) => (c.agencies[0].escalatesTo = 'dinas-pu'),
    error: /^agencies\[0\]\.escalatesTo: escalation from "meja-pengaduan" loops back to it/,
  },
  {
    name: 'an unknown site category',
    mutate: (c) => c.sites[0].categories.push('banjir'),
    error: /^sites\[0\]\.categories\[1\]: unknown category "banjir"/,
  },
  {
    name: 'a rule for another city’s category',
    mutate: (c) => c.rules.push({ category: 'sampah', agency: 'dinas-pu' }),
    error: /^rules\[1\]\.category: unknown category "sampah"$/,
  },
  {
    name: 'a misspelt field',
    mutate: (c) => (c.agencies[1].escalateTo = 'meja-pengaduan'),
    error: /^agencies\[1\]: Unrecognized key: "escalateTo"/,
  },
  {
    name: 'a lowercase tracking-code prefix',
    mutate: (c) => (c.trackingCodePrefix = 'tst'),
    error: /^trackingCodePrefix: must be 2–6 capital letters A–Z/,
  },
  {
    name: 'a working day outside 1–7',
    mutate: (c) => (c.jurisdictions[0].workingDays = [1, 2, 8]),
    error: /^jurisdictions\[0\]\.workingDays\[2\]: must be an ISO weekday: 1 \(Monday\) to 7 \(Sunday\)/,
  },
  {
    name: 'a working day given as a name',
    mutate: (c) => (c.jurisdictions[0].workingDays = ['senin']),
    error: /^jurisdictions\[0\]\.workingDays\[0\]: must be an ISO weekday/,
  },
  {
    name: 'an empty working week',
    mutate: (c) => (c.jurisdictions[0].workingDays = []),
    error: /^jurisdictions\[0\]\.workingDays: must name at least one working day; omit it to inherit the parent’s/,
  },
  {
    name: 'a working day listed twice',
    mutate: (c) => (c.jurisdictions[0].workingDays = [1, 2, 2, 3]),
    error: /^jurisdictions\[0\]\.workingDays\[2\]: duplicate weekday 2 \(also workingDays\[1\]\)/,
  },
  {
    name: 'a holiday on 30 February',
    mutate: (c) => (c.jurisdictions[0].holidays[1].date = '2026-02-30'),
    error: /^jurisdictions\[0\]\.holidays\[1\]\.date: must be a real date written YYYY-MM-DD such as "2026-08-17"/,
  },
  {
    name: 'a holiday written day first',
    mutate: (c) => (c.jurisdictions[0].holidays[0].date = '17-08-2026'),
    error: /^jurisdictions\[0\]\.holidays\[0\]\.date: must be a real date written YYYY-MM-DD/,
  },
  {
    name: 'the same holiday date twice',
    mutate: (c) => c.jurisdictions[0].holidays.push({ date: '2026-08-17', name: 'Hari Kemerdekaan' }),
    error: /^jurisdictions\[0\]\.holidays\[2\]\.date: duplicate date "2026-08-17" \(also holidays\[0\]\)/,
  },
  {
    name: 'a holiday without a name',
    mutate: (c) => delete c.jurisdictions[0].holidays[0].name,
    error: /^jurisdictions\[0\]\.holidays\[0\]\.name: must be a name/,
  },
  {
    name: 'a time-zone setting for an unknown jurisdiction',
    mutate: (c) => c.jurisdictions.push({ code: '98.72', timeZone: 'Asia/Jayapura' }),
    error: /^jurisdictions\[1\]\.code: unknown jurisdiction "98\.72"/,
  },
  {
    name: 'an Open311 public location other than none or coarse',
    mutate: (c) => (c.open311 = { publicLocation: 'exact' }),
    error: /^open311\.publicLocation: must be "none" or "coarse"/,
  },
  {
    name: 'Open311 settings that are not an object',
    mutate: (c) => (c.open311 = 'coarse'),
    error: /^open311: must be an object such as \{ "publicLocation": "coarse" \}/,
  },
];

describe.each(databaseKinds)('the Kupang demo on %s', (kind) => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    prisma = db.database.prisma;
  });
  afterAll(() => db?.drop());

  it('applies the demo city: jurisdictions, agencies, categories, rules and the demo site', async () => {
    const summary = await applyCityConfig(prisma, await loadCityConfig(demoCityPath));
    expect(summary.jurisdictions).toEqual({ created: 58, updated: 0, unchanged: 0 });
    expect(summary.holidays).toEqual({ created: 25, updated: 0, unchanged: 0, deleted: 0 });
    expect(summary.agencies.created).toBeGreaterThanOrEqual(9);
    expect(summary.categories.created).toBeGreaterThanOrEqual(14);
    expect(summary.settings).toEqual({ created: 1, updated: 0, unchanged: 0 });

    const jurisdictions = await prisma.jurisdiction.findMany({ orderBy: { code: 'asc' } });
    expect(jurisdictions).toHaveLength(58);
    const byKind = (k: string) => jurisdictions.filter((j) => j.kind === k);
    expect(byKind('kota').map((j) => [j.code, j.name, j.level, j.parentCode, j.timeZone, j.workingDays])).toEqual([
      ['53.71', 'Kota Kupang', 2, null, 'Asia/Makassar', [1, 2, 3, 4, 5]],
    ]);
    // Below the city everything inherits: no zone, working days or holidays of its own.
    expect(jurisdictions.filter((j) => j.code !== '53.71').every((j) => j.timeZone === null && j.workingDays.length === 0)).toBe(true);
    // The 2026 national holidays and cuti bersama (SKB 3 Menteri), on the city.
    const holidays = await prisma.holiday.findMany({ orderBy: { date: 'asc' } });
    expect(holidays).toHaveLength(25);
    expect(new Set(holidays.map((h) => h.jurisdictionCode))).toEqual(new Set(['53.71']));
    expect(holidays.filter((h) => h.date >= '2026-03-18' && h.date <= '2026-03-24').map((h) => h.date)).toEqual([
      '2026-03-18',
      '2026-03-19',
      '2026-03-20',
      '2026-03-21',
      '2026-03-22',
      '2026-03-23',
      '2026-03-24',
    ]);
    expect(holidays.find((h) => h.date === '2026-08-17')?.name).toBe('Proklamasi Kemerdekaan');
    expect(byKind('kecamatan')).toHaveLength(6);
    expect(byKind('kelurahan')).toHaveLength(51);
    expect(byKind('kecamatan').every((j) => j.level === 3 && j.parentCode === '53.71')).toBe(true);
    expect(byKind('kelurahan').every((j) => j.level === 4 && j.parentCode === j.code.slice(0, 8))).toBe(true);
    const oebobo = jurisdictions.find((j) => j.code === '53.71.04.1001')!;
    expect(jurisdictionDisplayName(oebobo)).toBe('Kelurahan Oebobo');
    expect((oebobo.boundary as { type: string }).type).toBe('MultiPolygon');

    const agencies = await prisma.agency.findMany({ include: { escalationParent: true } });
    expect(agencies.length).toBeGreaterThanOrEqual(9);
    expect(agencies.filter((a) => a.triage).map((a) => a.slug)).toEqual(['pusat-pengaduan']);
    const upt = agencies.find((a) => a.slug === 'upt-kebersihan-oebobo')!;
    expect([upt.jurisdictionCode, upt.escalationParent?.slug]).toEqual(['53.71.04', 'dlhk']);

    // The demo site offers OpenStreetMap's standard tiles for the form's map.
    const demo = await prisma.site.findUniqueOrThrow({ where: { key: 'demo' } });
    expect(demo.map).toEqual({ tiles: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', attribution: '© OpenStreetMap contributors', maxZoom: 19 });

    const categories = await prisma.category.findMany({ orderBy: { position: 'asc' } });
    expect(categories.length).toBeGreaterThanOrEqual(14);
    expect(new Set(categories.map((c) => c.groupCode)).size).toBeGreaterThanOrEqual(5);
    expect(categories.find((c) => c.code === 'layanan-publik')?.locationRequired).toBe(false);

    const rules = await prisma.routingRule.findMany({ include: { category: true, agency: true } });
    expect(rules).toHaveLength(summary.rules.created);
    const rule = (category: string, jurisdiction: string) => rules.find((r) => r.category?.code === category && r.jurisdictionCode === jurisdiction);
    expect([rule('sampah', '53.71')?.agency.slug, rule('sampah', '53.71')?.responseHours]).toEqual(['dlhk', 72]);
    expect([rule('sampah', '53.71.04')?.agency.slug, rule('sampah', '53.71.04')?.responseHours]).toEqual(['upt-kebersihan-oebobo', 48]);
    expect(rule('air-mati', '53.71')?.responseHours).toBe(24);
    expect(rule('listrik-padam', '53.71')?.agency.slug).toBe('pln-up3-kupang');
    expect(rules.some((r) => r.jurisdictionCode?.split('.').length === 4)).toBe(true);
    expect(rules.some((r) => r.category?.code === 'lainnya')).toBe(false);

    const sites = await prisma.site.findMany();
    expect(sites.map((s) => [s.key, s.allowedOrigins, s.jurisdictionCode, s.categoryCodes])).toEqual([
      ['demo', ['http://localhost:*', 'http://127.0.0.1:*'], '53.71', []],
    ]);
    expect(await prisma.jurisdiction.findUniqueOrThrow({ where: { code: '53.71' } })).toMatchObject({ trackingCodePrefix: 'KPG' });
    expect(new Set((await prisma.category.findMany()).map((c) => c.cityCode))).toEqual(new Set(['53.71']));
  });

  it('applies the same file again as a no-op, row for row', async () => {
    const before = await dumpDatabase(prisma);
    const summary = await applyCityConfig(prisma, await loadCityConfig(demoCityPath));
    expect(allUnchanged(summary)).toBe(true);
    expect(summary.jurisdictions).toEqual({ created: 0, updated: 0, unchanged: 58 });
    expect(summary.holidays).toEqual({ created: 0, updated: 0, unchanged: 25, deleted: 0 });
    expect(summary.rules.unchanged).toBe(before.rules.length);
    expect(await dumpDatabase(prisma)).toEqual(before);
  });

  it('applies a changed copy as exactly those changes', async () => {
    const dir = await tempDir();
    await cp(kupangDir, dir, { recursive: true });
    const config = JSON.parse(await readFile(join(dir, 'city.json'), 'utf8'));
    config.agencies.find((a: { slug: string }) => a.slug === 'dlhk').name = 'Dinas Lingkungan Hidup Kota Kupang';
    config.rules = config.rules.filter((r: { category: string }) => r.category !== 'trotoar-rusak');
    config.categories.push({ code: 'pohon-tumbang', name: { id: 'Pohon tumbang', en: 'Fallen tree' }, group: 'kebersihan' });
    // Holidays: one renamed, one dropped, one added on the city; a kecamatan gets a local one and Saturdays.
    const city = config.jurisdictions[0];
    city.holidays.find((h: { date: string }) => h.date === '2026-08-17').name = 'Hari Kemerdekaan Republik Indonesia';
    city.holidays = city.holidays.filter((h: { date: string }) => h.date !== '2026-12-24');
    city.holidays.push({ date: '2026-12-31', name: 'Cuti bersama Tahun Baru (contoh)' });
    config.jurisdictions.push({ code: '53.71.04', workingDays: [1, 2, 3, 4, 5, 6], holidays: [{ date: '2026-11-08', name: 'Hari jadi (contoh)' }] });
    await writeFile(join(dir, 'city.json'), JSON.stringify(config));
    const kelurahanFile = join(dir, 'boundaries', 'kupang-kelurahan.geojson');
    const kelurahan = JSON.parse(await readFile(kelurahanFile, 'utf8'));
    const oesapa = kelurahan.features.find((f: { properties: { code: string } }) => f.properties.code === '53.71.03.1010');
    oesapa.geometry = { type: 'Polygon', coordinates: square(123.64, -10.16, 0.02) };
    await writeFile(kelurahanFile, JSON.stringify(kelurahan));

    const before = await dumpDatabase(prisma);
    const summary = await applyCityConfig(prisma, await loadCityConfig(join(dir, 'city.json')));
    const after = await dumpDatabase(prisma);
    expect(summary.jurisdictions).toEqual({ created: 0, updated: 2, unchanged: 56 });
    expect(summary.holidays).toEqual({ created: 2, updated: 1, unchanged: 23, deleted: 1 });
    expect(summary.agencies).toEqual({ created: 0, updated: 1, unchanged: before.agencies.length - 1 });
    expect(summary.categories).toMatchObject({ created: 1, updated: 0, deactivated: 0 });
    expect(summary.rules).toEqual({ created: 0, updated: 0, unchanged: before.rules.length - 1, deleted: 1 });
    expect(summary.sites).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect(changedRows(before, after, 'jurisdictions', (j) => j.code)).toEqual(['53.71.03.1010', '53.71.04']);
    expect(after.jurisdictions.find((j) => j.code === '53.71.04')?.workingDays).toEqual([1, 2, 3, 4, 5, 6]);
    expect(changedRows(before, after, 'holidays', (h) => `${h.jurisdictionCode} ${h.date}`)).toEqual([
      '53.71 2026-08-17',
      '53.71 2026-12-24',
      '53.71 2026-12-31',
      '53.71.04 2026-11-08',
    ]);
    expect(after.jurisdictions.find((j) => j.code === '53.71.03.1010')?.boundary).toEqual(oesapa.geometry);
    expect(changedRows(before, after, 'agencies', (a) => a.slug)).toEqual(['dlhk']);
    expect(changedRows(before, after, 'categories', (c) => c.code)).toEqual(['pohon-tumbang']);
    expect(changedRows(before, after, 'rules', (r) => r.id)).toHaveLength(1);
    expect(after.rules).toHaveLength(before.rules.length - 1);
    for (const table of ['settings', 'categoryGroups', 'sites'] as const) expect(after[table]).toEqual(before[table]);

    // Back to the demo: the category the demo lacks is deactivated, never deleted.
    const back = await applyCityConfig(prisma, await loadCityConfig(demoCityPath));
    expect(back.holidays).toEqual({ created: 1, updated: 1, unchanged: 23, deleted: 2 });
    expect(await prisma.holiday.findMany({ orderBy: [{ jurisdictionCode: 'asc' }, { date: 'asc' }] })).toEqual(before.holidays);
    expect((await prisma.jurisdiction.findUniqueOrThrow({ where: { code: '53.71.04' } })).workingDays).toEqual([]);
    expect(back.categories.deactivated).toBe(1);
    expect(back.rules.created).toBe(1);
    expect(await prisma.category.findUnique({ where: { cityCode_code: { cityCode: '53.71', code: 'pohon-tumbang' } } })).toMatchObject({ active: false });
  });

  it('accepts the small city a bad file is made from (as a dry run that changes nothing)', async () => {
    const before = await dumpDatabase(prisma);
    const summary = await applyCityConfig(prisma, await loadCityConfig(await writeSmallCity()), { dryRun: true });
    expect(summary.jurisdictions.created).toBe(4);
    // Its own holidays only: Kupang's, which it does not mention, are not its to delete.
    expect(summary.holidays).toEqual({ created: 2, updated: 0, unchanged: 0, deleted: 0 });
    expect(await dumpDatabase(prisma)).toEqual(before);
  });

  it.each(badFiles)('refuses $name, naming the path, and changes nothing', async ({ mutate, write, error }) => {
    const before = await dumpDatabase(prisma);
    const path = write ? await write() : await writeSmallCity(mutate);
    const attempt = (async () => applyCityConfig(prisma, await loadCityConfig(path)))();
    await expect(attempt).rejects.toThrow(CityConfigError);
    await expect(attempt).rejects.toThrow(error);
    expect(await dumpDatabase(prisma)).toEqual(before);
  });

  it('lists every problem of a file, not just the first', async () => {
    const path = await writeSmallCity((c) => {
      c.agencies[1].jurisdiction = '98.71.99';
      c.rules[0].responseHours = 9000;
    });
    const error = await loadCityConfig(path)
      .then((loaded) => applyCityConfig(prisma, loaded))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CityConfigError);
    // Schema problems are found before references: the first pass stops at responseHours.
    expect((error as CityConfigError).issues).toEqual([{ path: 'rules[0].responseHours', message: 'must be at most 8760 hours (one year)' }]);
    const twoReferences = await writeSmallCity((c) => {
      c.agencies[1].jurisdiction = '98.71.99';
      c.sites[0].jurisdiction = '98.71.98';
    });
    const both = (await applyCityConfig(prisma, await loadCityConfig(twoReferences)).catch((e: unknown) => e)) as CityConfigError;
    expect(both.message).toBe('agencies[1].jurisdiction: unknown jurisdiction "98.71.99" (and 1 more)');
    expect(both.issues.map((i) => i.path)).toEqual(['agencies[1].jurisdiction', 'sites[0].jurisdiction']);
  });
});

describe.each(databaseKinds)('small and large cities on %s', (kind) => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    prisma = db.database.prisma;
  });
  afterAll(() => db?.drop());

  it('applies a YAML file, and its JSON equivalent is then a no-op', async () => {
    const summary = await applyCityConfig(prisma, await loadCityConfig(join(fixtures, 'small-city.yaml')));
    expect(summary.jurisdictions).toEqual({ created: 5, updated: 0, unchanged: 0 });
    expect(summary.agencies).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(summary.rules).toEqual({ created: 1, updated: 0, unchanged: 0, deleted: 0 });
    const jurisdictions = await prisma.jurisdiction.findMany({ orderBy: { code: 'asc' } });
    expect(jurisdictions.map((j) => [j.code, j.level, j.kind, j.parentCode, j.boundary === null])).toEqual([
      ['98.71', 2, 'kota', null, false],
      ['98.71.01', 3, 'kecamatan', '98.71', false],
      ['98.71.01.1001', 4, 'kelurahan', '98.71.01', false],
      ['98.71.01.1099', 4, 'kelurahan', '98.71.01', true],
      ['98.71.01.2001', 4, 'desa', '98.71.01', false],
    ]);
    expect(jurisdictions.map(jurisdictionDisplayName)).toEqual([
      'Kota Contoh',
      'Kecamatan Contoh Tengah',
      'Kelurahan Kota Contoh',
      'Kelurahan Pulau Kecil',
      'Desa Sukamaju',
    ]);
    const rule = await prisma.routingRule.findFirstOrThrow({ include: { agency: true, category: true } });
    // Without responseHours, a rule takes its agency's default.
    expect([rule.category?.code, rule.agency.slug, rule.responseHours, rule.name]).toEqual(['jalan', 'dinas-pu', 96, 'jalan in 98.71']);

    const yaml = (await import('yaml')).parse(await readFile(join(fixtures, 'small-city.yaml'), 'utf8'));
    const dir = await tempDir();
    await cp(join(fixtures, 'areas.geojson'), join(dir, 'areas.geojson'));
    await writeFile(join(dir, 'city.json'), JSON.stringify(yaml));
    const before = await dumpDatabase(prisma);
    expect(allUnchanged(await applyCityConfig(prisma, await loadCityConfig(join(dir, 'city.json'))))).toBe(true);
    expect(await dumpDatabase(prisma)).toEqual(before);
  });

  it('makes an agency’s config channels exactly the file’s, leaving command-line channels alone', async () => {
    const withChannels = (channels: unknown[]) => (c: Record<string, any>) => (c.agencies[1].channels = channels);
    const first = await applyCityConfig(
      prisma,
      await loadCityConfig(
        await writeSmallCity(
          withChannels([
            { name: 'hook', kind: 'webhook', url: 'https://pu.example/hook', secretEnv: 'ADUAN_SECRET_PU' },
            { name: 'surel', kind: 'email', email: 'pu@kota.example', locale: 'en' },
          ]),
        ),
      ),
    );
    expect(first.channels).toEqual({ created: 2, updated: 0, unchanged: 0, removed: 0 });
    await addChannel(prisma, 'dinas-pu', parseChannelSpec({ name: 'manual', kind: 'email' }));
    const second = await applyCityConfig(
      prisma,
      await loadCityConfig(
        await writeSmallCity(withChannels([{ name: 'hook', kind: 'webhook', url: 'https://pu.example/hook2', secretEnv: 'ADUAN_SECRET_PU' }])),
      ),
    );
    expect(second.channels).toEqual({ created: 0, updated: 1, unchanged: 0, removed: 1 });
    const rows = await prisma.deliveryChannel.findMany({ where: { agency: { slug: 'dinas-pu' } }, orderBy: { name: 'asc' } });
    expect(rows.map((r) => [r.name, r.kind, r.url, r.source, r.removedAt === null])).toEqual([
      ['hook', 'WEBHOOK', 'https://pu.example/hook2', 'config', true],
      ['manual', 'EMAIL', null, 'cli', true],
      ['surel', 'EMAIL', null, 'config', false],
    ]);
    const again = await applyCityConfig(
      prisma,
      await loadCityConfig(
        await writeSmallCity(withChannels([{ name: 'hook', kind: 'webhook', url: 'https://pu.example/hook2', secretEnv: 'ADUAN_SECRET_PU' }])),
      ),
    );
    expect(again.channels).toEqual({ created: 0, updated: 0, unchanged: 1, removed: 0 });
  });

  it('hashes a boundary exactly as the database prints it, so unchanged boundaries are not rewritten', async () => {
    const awkward = [
      [120, -10],
      [120.00000001, -10],
      [120.1 + 0.2, -9.999999999999998],
      [1e-7, 5e-324],
      [120, -10],
    ];
    const path = await writeSmallCity((_, b) => (b.features[3].geometry.coordinates = [awkward]));
    const loaded = await loadCityConfig(path);
    await applyCityConfig(prisma, loaded);
    const geometry = loaded.features.find((f) => f.code === '98.71.01.2001')!.geometry;
    const [row] = await prisma.$queryRaw<{ text: string; hash: string }[]>`
      SELECT boundary::text AS text, md5(boundary::text) AS hash FROM "Jurisdiction" WHERE code = '98.71.01.2001'`;
    expect(row?.text).toBe(jsonbText(geometry));
    expect(row?.hash).toBe(boundaryHash(geometry));
    expect(plainDecimal(1.5e-7)).toBe('0.00000015');
    expect(allUnchanged(await applyCityConfig(prisma, loaded))).toBe(true);
  });

  it('imports 3,000 gzipped kelurahan polygons with progress, then re-applies them unchanged', async () => {
    const dir = await tempDir();
    const count = 3000;
    const upper = {
      type: 'FeatureCollection',
      features: [
        feature('97.71', 'Kota Sintetis', 'kabupaten_kota', { type: 'Polygon', coordinates: square(100, -5, 1) }),
        feature('97.71.01', 'Tengah', 'kecamatan', { type: 'Polygon', coordinates: square(100, -5, 1) }),
      ],
    };
    const villages = {
      type: 'FeatureCollection',
      features: Array.from({ length: count }, (_, i) =>
        feature(`97.71.01.${1001 + i}`, `Kelurahan ${i + 1}`, 'kelurahan_desa', {
          type: 'MultiPolygon',
          coordinates: [square(100 + (i % 60) / 60, -5 + Math.floor(i / 60) / 60, 1 / 60)],
        }),
      ),
    };
    await writeFile(join(dir, 'upper.geojson'), JSON.stringify(upper));
    await writeFile(join(dir, 'villages.geojson.gz'), gzipSync(JSON.stringify(villages)));
    await writeFile(
      join(dir, 'city.json'),
      JSON.stringify({
        trackingCodePrefix: 'SIN',
        boundaries: [{ file: 'villages.geojson.gz' }, { file: 'upper.geojson' }],
        agencies: [{ slug: 'pengaduan-sintetis', name: 'Pengaduan Kota Sintetis', jurisdiction: '97.71', triage: true }],
      }),
    );

    const reports: ApplyProgress[] = [];
    const started = Date.now();
    const summary = await applyCityConfig(prisma, await loadCityConfig(join(dir, 'city.json')), {
      onProgress: (p) => reports.push(p),
    });
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(summary.jurisdictions).toEqual({ created: count + 2, updated: 0, unchanged: 0 });
    const bar = reports.filter((p) => p.phase === 'jurisdictions');
    expect(bar.length).toBeGreaterThanOrEqual(Math.ceil((count + 2) / 500) + 1);
    expect(bar.every((p) => p.total === count + 2)).toBe(true);
    expect(bar.map((p) => p.done)).toEqual([...bar.map((p) => p.done)].sort((a, b) => a - b));
    expect(bar.at(-1)?.done).toBe(count + 2);

    const created = await prisma.jurisdiction.groupBy({
      by: ['level', 'kind', 'parentCode'],
      where: { code: { startsWith: '97.' } },
      _count: true,
      orderBy: [{ level: 'asc' }, { kind: 'asc' }],
    });
    expect(created.map((g) => [g.level, g.kind, g.parentCode, g._count])).toEqual([
      [2, 'kota', null, 1],
      [3, 'kecamatan', '97.71', 1],
      // 1001–1999 are kelurahan (last segment starts with 1), 2000–4000 desa.
      [4, 'desa', '97.71.01', 2001],
      [4, 'kelurahan', '97.71.01', 999],
    ]);

    const again = await applyCityConfig(prisma, await loadCityConfig(join(dir, 'city.json')));
    expect(again.jurisdictions).toEqual({ created: 0, updated: 0, unchanged: count + 2 });

    // Every village moves a little: all of them are rewritten, with the same progress reports.
    for (const village of villages.features) {
      for (const position of (village.geometry as { coordinates: number[][][][] }).coordinates[0]![0]!) position[1]! += 1e-6;
    }
    await writeFile(join(dir, 'villages.geojson.gz'), gzipSync(JSON.stringify(villages)));
    const moves: ApplyProgress[] = [];
    const moved = await applyCityConfig(prisma, await loadCityConfig(join(dir, 'city.json')), { onProgress: (p) => moves.push(p) });
    expect(moved.jurisdictions).toEqual({ created: 0, updated: count, unchanged: 2 });
    expect(moves.filter((p) => p.phase === 'jurisdictions').at(-1)).toEqual({ phase: 'jurisdictions', done: count, total: count });
  }, 120_000);
});

describe.each(databaseKinds)('the Open311 public location on %s', (kind) => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    prisma = db.database.prisma;
  });
  afterAll(() => db?.drop());

  const apply = async (publicLocation?: string) =>
    applyCityConfig(prisma, await loadCityConfig(await writeSmallCity((c) => publicLocation !== undefined && (c.open311 = { publicLocation }))));
  const stored = async () => (await prisma.setting.findUnique({ where: { key: publicLocationSetting('98.71') } }))?.value ?? null;

  it('writes no setting for a file without it, since no setting already means "none"', async () => {
    expect((await apply()).settings).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(await stored()).toBeNull();
    expect(await readPublicLocation(prisma, '98.71')).toBe('none');
  });

  it('sets it with the other settings, and applying the same file again changes nothing', async () => {
    expect((await apply('coarse')).settings).toEqual({ created: 1, updated: 0, unchanged: 1 });
    expect(await stored()).toBe('coarse');
    expect(await readPublicLocation(prisma, '98.71')).toBe('coarse');
    const before = await dumpDatabase(prisma);
    const again = await apply('coarse');
    expect(again.settings).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect(allUnchanged(again)).toBe(true);
    expect(await dumpDatabase(prisma)).toEqual(before);
  });

  it('refuses a bad value, naming the path, and keeps the city’s choice', async () => {
    const before = await dumpDatabase(prisma);
    await expect(apply('precise')).rejects.toThrow(/^open311\.publicLocation: must be "none" or "coarse"/);
    expect(await dumpDatabase(prisma)).toEqual(before);
    expect(await stored()).toBe('coarse');
  });

  it('is each city’s own: another city’s file leaves it alone', async () => {
    await applyCityConfig(prisma, await loadCityConfig(demoCityPath));
    expect(await readPublicLocation(prisma, '53.71')).toBe('none');
    expect(await stored()).toBe('coarse');
    expect(await readPublicLocation(prisma, '98.71')).toBe('coarse');
  });

  it('goes back to "none" when the file says so or no longer says anything', async () => {
    expect((await apply('none')).settings).toEqual({ created: 0, updated: 1, unchanged: 1 });
    expect(await readPublicLocation(prisma, '98.71')).toBe('none');
    await apply('coarse');
    expect((await apply()).settings).toEqual({ created: 0, updated: 1, unchanged: 1 });
    expect(await stored()).toBe('none');
    expect((await apply()).settings).toEqual({ created: 0, updated: 0, unchanged: 2 });
  });
});

describe('origin patterns and display names', () => {
  it.each(['*', 'http://localhost:*', 'http://127.0.0.1:8080', 'https://kupangkota.go.id', 'https://*.kupangkota.go.id'])('accepts %s', (pattern) =>
    expect(originPatternProblem(pattern)).toBeNull(),
  );
  it.each([
    ['kupangkota.go.id', /must start with http/],
    ['ftp://kupangkota.go.id', /must start with http/],
    ['https://kupangkota.go.id/', /has a path/],
    ['https://kupangkota.go.id:99999', /port "99999"/],
    ['https://kupang*.go.id', /"\*" may only be/],
    ['https://*.org', /over a whole domain/],
    ['http://localhost:8*', /port "8\*"/],
    ['https://user@kupangkota.go.id', /credentials/],
  ])('refuses %s', (pattern, problem) => expect(originPatternProblem(pattern)).toMatch(problem));

  it('names a jurisdiction with its kind, once', () => {
    expect(jurisdictionDisplayName({ name: 'Oebobo', kind: 'kelurahan' })).toBe('Kelurahan Oebobo');
    expect(jurisdictionDisplayName({ name: 'Oebobo', kind: 'kecamatan' })).toBe('Kecamatan Oebobo');
    expect(jurisdictionDisplayName({ name: 'Kota Kupang', kind: 'kota' })).toBe('Kota Kupang');
    expect(jurisdictionDisplayName({ name: 'KOTA KUPANG', kind: 'kota' })).toBe('KOTA KUPANG');
    expect(jurisdictionDisplayName({ name: 'Kota Raja', kind: 'kecamatan' })).toBe('Kecamatan Kota Raja');
    expect(jurisdictionDisplayName({ name: 'Kotabaru', kind: 'kabupaten' })).toBe('Kabupaten Kotabaru');
    expect(jurisdictionDisplayName({ name: 'Nusa Tenggara Timur', kind: 'provinsi' })).toBe('Provinsi Nusa Tenggara Timur');
    expect(jurisdictionDisplayName({ name: 'Baumata', kind: 'desa' })).toBe('Desa Baumata');
  });
});
