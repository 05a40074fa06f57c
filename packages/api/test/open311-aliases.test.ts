// Open311 aliases: other names for `jurisdiction_id` (a city's domain, a short name)
// that a city's file declares on a jurisdiction or a site. The file format refuses a
// malformed alias or one claimed twice; applying refuses one another city has claimed
// and writes nothing; the export gives each back where it was declared; Open311 reads
// an alias as the area it names. On PGlite and PostgreSQL.
import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCityConfig, CityConfigError, exportCityConfig, loadCityConfig, validateCityConfig, type CityConfigInput } from '../src/city-config/index.js';
import { editCity } from '../src/city-config/edit.js';
import { aliasesSetting } from '../src/open311/aliases.js';
import { handleOpen311 } from '../src/open311/index.js';
import { createOpen311Key } from '../src/open311/keys.js';
import { createTestAduan, KUPANG, type TestAduan } from './support/aduan.js';
import { databaseKinds } from './support/databases.js';
import { removeSecondCities, writeSecondCity } from './support/second-city.js';

/** The issues a document is refused with, as `path: message`. */
function refusal(document: Record<string, unknown>): string[] {
  try {
    validateCityConfig({ trackingCodePrefix: 'KPG', ...document });
  } catch (error) {
    if (error instanceof CityConfigError) return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
    throw error;
  }
  throw new Error('the document was accepted');
}

const site = { key: 'demo', name: 'Demo', allowedOrigins: ['https://kupangkota.go.id'] };

describe('Open311 aliases in a city file', () => {
  it('takes domains and short names on jurisdictions and sites, without case or a final dot', () => {
    const config = validateCityConfig({
      trackingCodePrefix: 'KPG',
      jurisdictions: [{ code: '53.71', aliases: ['KupangKota.Go.ID.', 'kupang'] }],
      sites: [{ ...site, aliases: ['lapor-warga.kupangkota.go.id'] }],
    });
    expect(config.jurisdictions[0]!.aliases).toEqual(['kupangkota.go.id', 'kupang']);
    expect(config.sites[0]!.aliases).toEqual(['lapor-warga.kupangkota.go.id']);
  });

  it('refuses what cannot be a domain or a name, naming the entry', () => {
    const message =
      'must be a domain such as "kupangkota.go.id" or a short name such as "kupang": letters, digits, hyphens inside, dots between, with a letter';
    for (const alias of ['kupang kota', '53.71', 'kupang..go.id', '-kupang.go.id', 'kupang_kota', `${'a'.repeat(64)}.id`, '', 'ḱupang.go.id']) {
      expect(refusal({ jurisdictions: [{ code: '53.71', aliases: [alias] }] }), alias).toEqual([`jurisdictions[0].aliases[0]: ${message}`]);
    }
    expect(refusal({ sites: [{ ...site, aliases: 'kupangkota.go.id' }] })).toEqual(['sites[0].aliases: must be a list of names such as ["kupangkota.go.id"]']);
    const many = Array.from({ length: 21 }, (_, i) => `k${i}.go.id`);
    expect(refusal({ jurisdictions: [{ code: '53.71', aliases: many }] })).toEqual(['jurisdictions[0].aliases: must list at most 20 aliases']);
  });

  it('refuses an alias claimed twice in one file, by two jurisdictions or a jurisdiction and a site', () => {
    expect(
      refusal({
        jurisdictions: [
          { code: '53.71', aliases: ['kupang.go.id'] },
          { code: '53.71.04', aliases: ['oebobo.kupang.go.id', 'Kupang.go.id'] },
        ],
        sites: [{ ...site, aliases: ['oebobo.kupang.go.id.'] }],
      }),
    ).toEqual([
      'jurisdictions[1].aliases[1]: alias "kupang.go.id" is claimed twice (also jurisdictions[0].aliases[0])',
      'sites[0].aliases[0]: alias "oebobo.kupang.go.id" is claimed twice (also jurisdictions[1].aliases[0])',
    ]);
  });
});

describe.each(databaseKinds)('Open311 aliases on %s', (kind) => {
  let aduan: TestAduan;
  let key: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    aduan = await createTestAduan(kind, { now: () => new Date('2026-11-20T02:00:00Z') });
    key = (await createOpen311Key(aduan.test.database.prisma, { site: 'demo', name: 'aliases' })).key;
  });
  afterAll(async () => {
    await aduan?.close();
    await removeSecondCities();
  });

  const prisma = () => aduan.test.database.prisma;

  /** Kupang's aliases through the console's path (the city exported, changed, applied as a file). */
  const declare = (aliases: { city?: string[]; oebobo?: string[]; site?: string[] }) =>
    editCity(prisma(), 'admin', '53.71', {
      action: 'open311.aliases',
      subject: '53.71',
      change(document: CityConfigInput) {
        const jurisdictions = (document.jurisdictions ??= []);
        const entry = (code: string) => jurisdictions.find((j) => j.code === code) ?? jurisdictions[jurisdictions.push({ code }) - 1]!;
        entry('53.71').aliases = aliases.city ?? [];
        entry('53.71.04').aliases = aliases.oebobo ?? [];
        document.sites!.find((s) => s.key === 'demo')!.aliases = aliases.site ?? [];
        return { before: null, after: null, at: null };
      },
    });

  async function open311(path: string, init: RequestInit = {}): Promise<{ status: number; body: any }> {
    const response = await handleOpen311(new Request(`http://aduan.test/open311/v2/${path}`, init), {}, aduan.open311);
    return { status: response.status, body: await response.json() };
  }
  const file = (lat: number, lng: number, extra: Record<string, string> = {}) =>
    open311('requests.json', {
      method: 'POST',
      body: new URLSearchParams({
        api_key: key,
        service_code: 'jalan-rusak',
        lat: String(lat),
        long: String(lng),
        description: 'Jalan berlubang di sini',
        ...extra,
      }),
    });

  it('keeps a city’s aliases in its Setting, gives them back in the export, and applies the export as no change', async () => {
    const saved = await declare({ city: ['kupangkota.go.id'], oebobo: ['oebobo.kupangkota.go.id'], site: ['lapor.kupangkota.go.id'] });
    expect(saved.saved).toBe(true);
    expect((await prisma().setting.findUniqueOrThrow({ where: { key: aliasesSetting('53.71') } })).value).toEqual({
      'kupangkota.go.id': { jurisdiction: '53.71' },
      'oebobo.kupangkota.go.id': { jurisdiction: '53.71.04' },
      'lapor.kupangkota.go.id': { site: 'demo' },
    });
    const { config } = await exportCityConfig(prisma(), '53.71', { boundaries: false });
    expect(config.jurisdictions!.find((j) => j.code === '53.71')!.aliases).toEqual(['kupangkota.go.id']);
    expect(config.jurisdictions!.find((j) => j.code === '53.71.04')!.aliases).toEqual(['oebobo.kupangkota.go.id']);
    expect(config.sites!.find((s) => s.key === 'demo')!.aliases).toEqual(['lapor.kupangkota.go.id']);
    const again = await declare({ city: ['kupangkota.go.id'], oebobo: ['oebobo.kupangkota.go.id'], site: ['lapor.kupangkota.go.id'] });
    expect(again.changed).toBe(false);
  });

  it('reads an alias as the area it names: the city, a kecamatan in it, or the area a site serves', async () => {
    ids['oebobo'] = (await file(KUPANG.oebobo.lat, KUPANG.oebobo.lng)).body[0].service_request_id;
    ids['alak'] = (await file(KUPANG.namosain.lat, KUPANG.namosain.lng)).body[0].service_request_id;
    for (const id of Object.values(ids)) {
      await aduan.ledger.change({
        reportId: id,
        actor: 'system',
        at: new Date('2026-11-20T02:00:00Z'),
        changes: [{ kind: 'NOTE', publicNote: 'Sudah kami terima.' }],
      });
    }
    const listed = async (query: string) =>
      ((await open311(`requests.json?${query}`)).body as { service_request_id: string }[]).map((r) => r.service_request_id);
    const updated = async (query: string) =>
      ((await open311(`servicerequestupdates.json?${query}`)).body as { service_request_id: string }[]).map((u) => u.service_request_id);

    const everything = await listed('jurisdiction_id=53.71');
    expect(everything).toEqual(expect.arrayContaining([ids['oebobo'], ids['alak']]));
    // Case and the root's dot do not matter; the site serves the whole city.
    expect(await listed('jurisdiction_id=KupangKota.go.id.')).toEqual(everything);
    expect(await listed('jurisdiction_id=lapor.kupangkota.go.id')).toEqual(everything);
    // The kecamatan's alias keeps every read to Kecamatan Oebobo.
    expect(await listed('jurisdiction_id=oebobo.kupangkota.go.id')).toEqual([ids['oebobo']]);
    expect(await updated('jurisdiction_id=oebobo.kupangkota.go.id')).toEqual([ids['oebobo']]);
    expect(await updated('jurisdiction_id=kupangkota.go.id')).toEqual([ids['oebobo'], ids['alak']]);
    expect((await open311(`requests/${ids['alak']}.json?jurisdiction_id=oebobo.kupangkota.go.id`)).status).toBe(404);
    expect((await open311(`requests/${ids['oebobo']}.json?jurisdiction_id=oebobo.kupangkota.go.id`)).status).toBe(200);
    // Filing on it: the place must lie in the kecamatan.
    const outside = await file(KUPANG.namosain.lat, KUPANG.namosain.lng, { jurisdiction_id: 'oebobo.kupangkota.go.id' });
    expect(outside.status).toBe(400);
    expect(outside.body[0].description).toMatch(/^lat\/long: /);
    expect((await file(KUPANG.oebobo.lat, KUPANG.oebobo.lng, { jurisdiction_id: 'oebobo.kupangkota.go.id' })).status).toBe(200);
    // Anything not declared is unknown, like an unknown code.
    for (const id of ['kupang.go.id', 'kupangkota', 'kupangkota.go.id.evil.example', '53.71.04']) {
      const unknown = await open311(`services.json?jurisdiction_id=${id}`);
      expect(unknown.status, id).toBe(404);
      expect(unknown.body[0].description).toMatch(/^jurisdiction_id: /);
    }
  });

  it("refuses another city's file that claims an alias of Kupang, and writes nothing of it", async () => {
    const path = await writeSecondCity();
    const second = JSON.parse(await readFile(path, 'utf8'));
    second.jurisdictions[0].aliases = ['kotacontoh.go.id', 'kupangkota.go.id'];
    second.sites[0].aliases = ['Oebobo.KupangKota.go.id'];
    await writeFile(path, JSON.stringify(second));
    const counts = async () => ({ jurisdictions: await prisma().jurisdiction.count(), settings: await prisma().setting.findMany({ orderBy: { key: 'asc' } }) });
    const before = await counts();
    await expect(applyCityConfig(prisma(), await loadCityConfig(path))).rejects.toThrow(CityConfigError);
    const error = await applyCityConfig(prisma(), await loadCityConfig(path)).catch((e: CityConfigError) => e);
    expect((error as CityConfigError).issues).toEqual([
      { path: 'jurisdictions[0].aliases[1]', message: 'alias "kupangkota.go.id" is already claimed by another city ("53.71")' },
      { path: 'sites[0].aliases[0]', message: 'alias "oebobo.kupangkota.go.id" is already claimed by another city ("53.71")' },
    ]);
    expect(await counts()).toEqual(before);

    // Its own alias is its own; with two cities, jurisdiction_id is needed, and the alias serves.
    second.jurisdictions[0].aliases = ['kotacontoh.go.id'];
    second.sites[0].aliases = [];
    await writeFile(path, JSON.stringify(second));
    await applyCityConfig(prisma(), await loadCityConfig(path));
    expect((await open311('requests.json')).status).toBe(400);
    expect((await open311('requests.json?jurisdiction_id=kotacontoh.go.id')).body).toEqual([]);
    expect((await open311('servicerequestupdates.json?jurisdiction_id=kotacontoh.go.id')).body).toEqual([]);
    expect((await open311('servicerequestupdates.json?jurisdiction_id=kupangkota.go.id')).body.length).toBe(2);
  });

  it('forgets an alias the city no longer declares', async () => {
    await declare({ city: ['kupangkota.go.id'] });
    expect((await open311('services.json?jurisdiction_id=kupangkota.go.id')).status).toBe(200);
    expect((await open311('services.json?jurisdiction_id=oebobo.kupangkota.go.id')).status).toBe(404);
    expect((await open311('services.json?jurisdiction_id=lapor.kupangkota.go.id')).status).toBe(404);
    await declare({});
    expect((await open311('services.json?jurisdiction_id=kupangkota.go.id')).status).toBe(404);
    const { config } = await exportCityConfig(prisma(), '53.71', { boundaries: false });
    expect(JSON.stringify(config)).not.toContain('aliases');
  });
});
