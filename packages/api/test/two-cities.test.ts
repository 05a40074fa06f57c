// Many cities in one deployment: a city file owns its city and nothing else. Kota
// Kupang and a second city that uses some of the same category codes, applied in
// either order, leave each other exactly as they were — catalogue, rules, sites,
// prefix and the agency every category routes to — each city's reports carry its own
// prefix, and an ADMIN's powers end at their city.
import { labelPoint, type AreaGeometry } from '@aduan/core';
import { demoCityPath, type PrismaClient } from '@aduan/prisma';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyCityConfig, EXPORT_BOUNDARY_FILE, exportCityConfig, loadCityConfig } from '../src/city-config/index.js';
import { routeSubmission } from '../src/intake/route-submission.js';
import { RoutingCatalog } from '../src/routing/catalog.js';
import { createApiToken } from '../src/staff/index.js';
import { createTestAduan, type TestAduan } from './support/aduan.js';
import { LOGIN, signedInStaff } from './support/staff.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases.js';
import { removeSecondCities, writeSecondCity } from './support/second-city.js';
import { aduanWithTwoCities, cityAdmins } from './support/two-cities.js';

const within = (city: string) => ({ OR: [{ jurisdictionCode: city }, { jurisdictionCode: { startsWith: `${city}.` } }] });

/** A city's part of the deployment, without row ids and times. */
async function cityState(prisma: PrismaClient, city: string) {
  const [area, categories, groups, rules, sites, agencies] = await Promise.all([
    prisma.jurisdiction.findUniqueOrThrow({ where: { code: city }, select: { trackingCodePrefix: true, timeZone: true, workingDays: true } }),
    prisma.category.findMany({ where: { cityCode: city }, orderBy: { code: 'asc' }, omit: { id: true, createdAt: true, updatedAt: true } }),
    prisma.categoryGroup.findMany({ where: { cityCode: city }, orderBy: { code: 'asc' } }),
    prisma.routingRule.findMany({
      where: within(city),
      select: {
        name: true,
        jurisdictionCode: true,
        responseHours: true,
        category: { select: { code: true, cityCode: true } },
        agency: { select: { slug: true } },
      },
    }),
    prisma.site.findMany({ where: within(city), orderBy: { key: 'asc' }, omit: { id: true, createdAt: true, updatedAt: true } }),
    prisma.agency.findMany({ where: within(city), orderBy: { slug: 'asc' }, select: { slug: true, name: true, triage: true, jurisdictionCode: true } }),
  ]);
  const sortedRules = rules.sort((a, b) => `${a.category?.code}|${a.jurisdictionCode}`.localeCompare(`${b.category?.code}|${b.jurisdictionCode}`));
  return { area, categories, groups, rules: sortedRules, sites, agencies };
}

/** The agency each of a site's categories goes to, at a point inside each of the city's areas. */
async function routing(prisma: PrismaClient, site: string) {
  const snapshot = await new RoutingCatalog(prisma, 0).current();
  const city = snapshot.cityOf(snapshot.sitesByKey.get(site)!.jurisdictionCode)!;
  const areas = (await prisma.jurisdiction.findMany({ where: { OR: [{ code: city }, { code: { startsWith: `${city}.` } }] } })).filter(
    (a) => a.boundary !== null,
  );
  const out: string[] = [];
  for (const category of snapshot.categoriesOf(city).values()) {
    for (const area of areas.sort((a, b) => a.code.localeCompare(b.code))) {
      const [lng, lat] = labelPoint(area.boundary as unknown as AreaGeometry)!;
      const outcome = routeSubmission(snapshot, { site, category: category.code, location: { lat: lat!, lng: lng! } }, { origin: null, ownOrigin: '' }, 'EN');
      out.push(
        `${category.code} @ ${area.code} → ${outcome.ok ? `${outcome.routed.agency.slug} ${outcome.routed.decision.responseHours}h` : outcome.invalid.code}`,
      );
    }
  }
  return out;
}

describe.each(databaseKinds)('two cities in one deployment on %s', (kind) => {
  const dbs: TestDatabase[] = [];
  let second: string;
  const fresh = async () => {
    const db = await createTestDatabase(kind);
    dbs.push(db);
    return db.database.prisma;
  };
  beforeAll(async () => {
    second = await writeSecondCity();
  });
  afterAll(async () => {
    for (const db of dbs) await db.drop();
    await removeSecondCities();
  });

  // Six databases each given whole city files (boundaries, rules, tallies): on PGlite, beside
  // the other test files, this takes 20–70 s.
  it('leave each other exactly as they were, applied in either order', async () => {
    const kupangAlone = await fresh();
    await applyCityConfig(kupangAlone, await loadCityConfig(demoCityPath));
    const secondAlone = await fresh();
    await applyCityConfig(secondAlone, await loadCityConfig(second));

    const kupangFirst = await fresh();
    await applyCityConfig(kupangFirst, await loadCityConfig(demoCityPath));
    const added = await applyCityConfig(kupangFirst, await loadCityConfig(second));
    // The second city's file touched nothing of Kupang's.
    expect(added.categories.deactivated).toBe(0);
    expect(added.rules.deleted).toBe(0);
    const secondFirst = await fresh();
    await applyCityConfig(secondFirst, await loadCityConfig(second));
    const then = await applyCityConfig(secondFirst, await loadCityConfig(demoCityPath));
    expect(then.categories.deactivated).toBe(0);
    expect(then.rules.deleted).toBe(0);

    const kupang = await cityState(kupangAlone, '53.71');
    expect(kupang.categories.find((c) => c.code === 'sampah')?.nameId).toBe('Sampah tidak diangkut');
    expect(kupang.categories.filter((c) => c.active)).toHaveLength(16);
    expect(await cityState(kupangFirst, '53.71')).toEqual(kupang);
    expect(await cityState(secondFirst, '53.71')).toEqual(kupang);
    const small = await cityState(secondAlone, '98.71');
    expect(small.area.trackingCodePrefix).toBe('TST');
    expect(small.categories.find((c) => c.code === 'sampah')?.nameId).toBe('Sampah di jalan');
    // "For anywhere" in a city file means anywhere in that city.
    expect(small.rules.find((r) => r.category?.code === 'sampah')?.jurisdictionCode).toBe('98.71');
    expect(small.sites.map((s) => [s.key, s.jurisdictionCode])).toEqual([['kecil', '98.71']]);
    expect(await cityState(kupangFirst, '98.71')).toEqual(small);
    expect(await cityState(secondFirst, '98.71')).toEqual(small);

    const kupangRoutes = await routing(kupangAlone, 'demo');
    expect(kupangRoutes.length).toBeGreaterThan(16 * 50);
    expect(kupangRoutes).toContain('sampah @ 53.71.04.1001 → upt-kebersihan-oebobo 48h');
    expect(await routing(kupangFirst, 'demo')).toEqual(kupangRoutes);
    expect(await routing(secondFirst, 'demo')).toEqual(kupangRoutes);
    const smallRoutes = await routing(secondAlone, 'kecil');
    expect(smallRoutes).toContain('sampah @ 98.71.01.1001 → dinas-pu 24h');
    expect(smallRoutes).toContain('jalan-rusak @ 98.71.01.1001 → dinas-pu 72h');
    expect(await routing(kupangFirst, 'kecil')).toEqual(smallRoutes);
    expect(await routing(secondFirst, 'kecil')).toEqual(smallRoutes);

    // Each file applied again changes nothing; nor does each city's export, applied.
    const exported = async (city: string) => {
      const dir = await mkdtemp(join(tmpdir(), 'aduan-export-'));
      const { config, boundaries } = await exportCityConfig(kupangFirst, city);
      await writeFile(join(dir, 'city.json'), JSON.stringify(config));
      await writeFile(join(dir, EXPORT_BOUNDARY_FILE), JSON.stringify(boundaries));
      try {
        return await applyCityConfig(kupangFirst, await loadCityConfig(join(dir, 'city.json')));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    };
    const again = await applyCityConfig(kupangFirst, await loadCityConfig(demoCityPath));
    const againSecond = await applyCityConfig(kupangFirst, await loadCityConfig(second));
    for (const summary of [again, againSecond, await exported('53.71'), await exported('98.71')]) {
      for (const counts of Object.values(summary)) expect(counts.created + counts.updated).toBe(0);
      expect(summary.categories.deactivated + summary.rules.deleted + summary.holidays.deleted + summary.channels.removed).toBe(0);
    }
    expect(await cityState(kupangFirst, '53.71')).toEqual(kupang);
    expect(await cityState(kupangFirst, '98.71')).toEqual(small);
    await expect(exportCityConfig(kupangFirst, '53.71.04')).rejects.toThrow(/"53\.71\.04" is not a city/);
  }, 180_000);
});

describe.each(databaseKinds)('reports of two cities on %s', (kind) => {
  let aduan: TestAduan;
  beforeAll(async () => {
    aduan = await aduanWithTwoCities(kind);
  });
  afterAll(async () => {
    await aduan?.close();
    await removeSecondCities();
  });

  const SUBMIT = `mutation($input: SubmitReportInput!) { submitReport(input: $input) {
    __typename ... on ReportSubmitted { report { trackingCode category { code names { id } } agency { slug } } } ... on InvalidInput { code } } }`;
  const submit = async (site: string, category: string, location: { lat: number; lng: number }) =>
    (await aduan.gql(SUBMIT, { input: { site, category, description: 'Sampah menumpuk sejak minggu lalu', location, placeText: 'pasar' } })).data!.submitReport;
  const categories = async (site: string) =>
    ((await aduan.gql('query($s: ID!) { categories(site: $s) { code name } }', { s: site })).data!.categories as { code: string; name: string }[]).map(
      (c) => `${c.code}: ${c.name}`,
    );

  it('each site offers its own city’s catalogue, and each city’s reports carry its own prefix', async () => {
    expect(await categories('kecil')).toEqual(['sampah: Sampah di jalan', 'jalan-rusak: Jalan berlubang', 'lain: Lainnya']);
    expect(await categories('demo')).toContain('sampah: Sampah tidak diangkut');
    expect(await categories('demo')).not.toContain('lain: Lainnya');

    const there = await submit('kecil', 'sampah', { lat: -9.95, lng: 120.05 });
    expect(there).toMatchObject({
      __typename: 'ReportSubmitted',
      report: { category: { code: 'sampah', names: { id: 'Sampah di jalan' } }, agency: { slug: 'dinas-pu' } },
    });
    expect(there.report.trackingCode).toMatch(/^TST-/);
    const here = await submit('demo', 'sampah', { lat: -10.1668, lng: 123.6005 });
    expect(here.report.trackingCode).toMatch(/^KPG-/);
    expect(here.report.category.names.id).toBe('Sampah tidak diangkut');
    // A city's site takes no report from the other city, whatever the category code.
    expect(await submit('kecil', 'sampah', { lat: -10.1668, lng: 123.6005 })).toMatchObject({ code: 'OUTSIDE_SERVICE_AREA' });

    // A code typed without its prefix still finds its report, in either city.
    for (const code of [there.report.trackingCode, here.report.trackingCode]) {
      const bare = code.slice(code.indexOf('-') + 1);
      const found = await aduan.gql('query($c: String!) { reportStatus(trackingCode: $c) { trackingCode } }', { c: bare });
      expect(found.data!.reportStatus).toEqual({ trackingCode: code });
    }
  });
});

describe.each(databaseKinds)('ADMINs of two cities on %s', (kind) => {
  let aduan: TestAduan;
  const headers: Record<string, Record<string, string>> = {};
  const codes: Record<string, string> = {};
  beforeAll(async () => {
    aduan = await createTestAduan(kind);
    const prisma = aduan.test.database.prisma;
    await applyCityConfig(prisma, await loadCityConfig(await writeSecondCity()));
    // A province above Kota Kupang, with an agency of its own.
    await prisma.jurisdiction.create({ data: { code: '53', name: 'Nusa Tenggara Timur', level: 1, kind: 'provinsi', workingDays: [] } });
    await prisma.agency.create({ data: { slug: 'ombudsman-ntt', name: 'Ombudsman NTT', jurisdictionCode: '53' } });
    aduan.catalog.invalidate();
    // One ADMIN of the second city signs in; the others use ADMIN API tokens.
    headers['second'] = (await signedInStaff(aduan, { agency: 'meja-pengaduan', email: 'admin@contoh.example', role: 'ADMIN', name: 'Admin Contoh' })).headers;
    for (const [who, agency] of [
      ['kupang', 'pusat-pengaduan'],
      ['province', 'ombudsman-ntt'],
    ] as const) {
      headers[who] = { authorization: `Bearer ${(await createApiToken(prisma, { agency, role: 'ADMIN', name: `admin ${who}` })).token}` };
    }
    const submit = async (site: string, location: { lat: number; lng: number }) =>
      (
        await aduan.gql(`mutation($input: SubmitReportInput!) { submitReport(input: $input) { ... on ReportSubmitted { report { trackingCode } } } }`, {
          input: { site, category: 'sampah', description: 'Sampah menumpuk sejak minggu lalu', location, placeText: 'pasar' },
        })
      ).data!.submitReport.report.trackingCode as string;
    codes['kupang'] = await submit('demo', { lat: -10.1668, lng: 123.6005 });
    codes['second'] = await submit('kecil', { lat: -9.95, lng: 120.05 });
  });
  afterAll(async () => {
    await aduan?.close();
    await removeSecondCities();
  });

  const inbox = async (who: string) =>
    (
      (await aduan.gql('{ inbox(first: 100) { edges { node { trackingCode } } } }', {}, headers[who])).data!.inbox.edges as { node: { trackingCode: string } }[]
    ).map((e) => e.node.trackingCode);
  const read = async (who: string, code: string) =>
    await aduan.gql('query($c: String!) { report(trackingCode: $c) { trackingCode } }', { c: code }, headers[who]);
  const acknowledge = async (who: string, code: string) =>
    (
      await aduan.gql(
        'mutation($i: UpdateReportStatusInput!) { updateReportStatus(input: $i) { __typename } }',
        { i: { trackingCode: code, status: 'ACKNOWLEDGED' } },
        headers[who],
      )
    ).errors?.[0]?.extensions?.['code'] ?? 'OK';

  it('see and change their own city’s reports and staff only, by session or by token; a province’s covers the cities below it', async () => {
    expect(await inbox('second')).toEqual([codes['second']]);
    expect(await inbox('kupang')).toContain(codes['kupang']);
    expect(await inbox('kupang')).not.toContain(codes['second']);
    expect(await inbox('province')).toContain(codes['kupang']);
    expect(await inbox('province')).not.toContain(codes['second']);

    expect((await read('second', codes['kupang']!)).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect((await read('kupang', codes['second']!)).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(await acknowledge('second', codes['kupang']!)).toBe('FORBIDDEN');
    expect(await acknowledge('kupang', codes['second']!)).toBe('FORBIDDEN');
    expect(await acknowledge('province', codes['second']!)).toBe('FORBIDDEN');
    expect(await acknowledge('second', codes['second']!)).toBe('OK');
    expect(await acknowledge('province', codes['kupang']!)).toBe('OK');

    const staffOf = async (who: string, agency: string) =>
      (await aduan.gql('query($a: String) { agencyStaff(agency: $a) { email } }', { a: agency }, headers[who])).errors?.[0]?.extensions?.['code'] ?? 'OK';
    expect(await staffOf('second', 'dinas-pupr')).toBe('FORBIDDEN');
    expect(await staffOf('kupang', 'dinas-pu')).toBe('FORBIDDEN');
    expect(await staffOf('second', 'dinas-pu')).toBe('OK');

    // A report goes only to an agency serving its place: not to another city's.
    const reroute = await aduan.gql(
      'mutation($c: String!, $a: String!) { rerouteReport(trackingCode: $c, agency: $a, reason: "bukan wilayah kami") { __typename ... on InvalidInput { code } } }',
      { c: codes['kupang'], a: 'dinas-pu' },
      headers['kupang'],
    );
    expect(reroute.data!.rerouteReport).toEqual({ __typename: 'InvalidInput', code: 'AGENCY_ELSEWHERE' });
  });
});

describe.each(databaseKinds)('an ADMIN sets up a site from the console on %s', (kind) => {
  let aduan: TestAduan;
  let second: Record<string, string>;
  let kupang: Record<string, string>;
  let adminId: string;
  beforeAll(async () => {
    aduan = await aduanWithTwoCities(kind, { catalogRecheckMs: 60_000 });
    const signedIn = await signedInStaff(aduan, { agency: 'meja-pengaduan', email: 'admin@contoh.example', role: 'ADMIN', name: 'Admin Contoh' });
    second = signedIn.headers;
    adminId = signedIn.account.id;
    kupang = {
      authorization: `Bearer ${(await createApiToken(aduan.test.database.prisma, { agency: 'pusat-pengaduan', role: 'ADMIN', name: 'admin kupang' })).token}`,
    };
  });
  afterAll(async () => {
    await aduan?.close();
    await removeSecondCities();
  });

  const SAVE = `mutation($i: SaveSiteInput!) { saveSite(input: $i) {
    __typename ... on SiteSaved { site { key name embedSnippet area { code } settings { allowedOrigins categoryCodes } } }
    ... on InvalidInput { code fields { field message } } } }`;
  const save = async (input: Record<string, unknown>, headers = second) => (await aduan.gql(SAVE, { i: input }, headers)).data!.saveSite;
  const dinas = { name: 'Dinas PU Kota Contoh', jurisdictionCode: '98.71.01', allowedOrigins: ['https://pu.contoh.example'], categoryCodes: ['jalan-rusak'] };

  it('creates a site whose embed code works at once from its origin, in the audit log; another city’s ADMIN sees none of it', async () => {
    const created = await save(dinas);
    expect(created.__typename).toBe('SiteSaved');
    const { key } = created.site;
    expect(key).toMatch(/^dinas-pu-kota-contoh-[0-9a-f]{6}$/);
    expect(created.site.embedSnippet).toBe(`<script src="http://aduan.test/widget/aduan.js" data-site="${key}" async></script>\n<aduan-report></aduan-report>`);
    expect(created.site.settings).toEqual({ allowedOrigins: ['https://pu.contoh.example'], categoryCodes: ['jalan-rusak'] });

    // A page on the new origin files a report at once (the catalogue is read again on save).
    const filed = await aduan.gql(
      `mutation($input: SubmitReportInput!) { submitReport(input: $input) { __typename ... on InvalidInput { code } } }`,
      { input: { site: key, category: 'jalan-rusak', description: 'Jalan berlubang di depan sekolah', location: { lat: -9.95, lng: 120.05 } } },
      { origin: 'https://pu.contoh.example' },
    );
    expect(filed.data!.submitReport).toEqual({ __typename: 'ReportSubmitted' });
    // Only the site's categories.
    const categories = await aduan.gql('query($s: ID!) { categories(site: $s) { code } }', { s: key });
    expect(categories.data!.categories).toEqual([{ code: 'jalan-rusak' }]);

    const allows = async (url: string) =>
      (await aduan.gql('query($k: ID!, $u: String!) { site(key: $k) { settings { allowsPage(url: $u) } } }', { k: key, u: url }, second)).data!.site.settings
        .allowsPage;
    expect(await allows('https://pu.contoh.example/lapor?x=1')).toBe(true);
    expect(await allows('https://lain.contoh.example/')).toBe(false);
    expect(await allows('pu.contoh.example')).toBe(false);
    const changed = await save({ ...dinas, key, allowedOrigins: ['https://pu.contoh.example', 'http://localhost:*'], categoryCodes: [] });
    expect(changed.site.settings).toEqual({ allowedOrigins: ['https://pu.contoh.example', 'http://localhost:*'], categoryCodes: [] });

    const sites = async (headers: Record<string, string>) =>
      ((await aduan.gql('{ sites { key } }', {}, headers)).data!.sites as { key: string }[]).map((s) => s.key);
    expect(await sites(second)).toEqual(expect.arrayContaining([key, 'kecil']));
    expect(await sites(kupang)).not.toContain(key);
    expect(await sites(kupang)).toContain('demo');
    // Kupang's ADMIN can neither read its settings nor change it.
    const seen = await aduan.gql('query($k: ID!) { site(key: $k) { name settings { allowedOrigins } } }', { k: key }, kupang);
    expect(seen.data!.site).toEqual({ name: 'Dinas PU Kota Contoh', settings: null });
    expect(await save({ ...dinas, key, name: 'Diambil alih' }, kupang)).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ field: 'jurisdictionCode' }, { field: 'key' }],
    });

    const LOG = '{ auditLog { actor action subject before after } }';
    const log = (await aduan.gql(LOG, {}, second)).data!.auditLog as { actor: string; action: string; subject: string; before: string | null; after: string }[];
    const mine = log.filter((e) => e.subject === key);
    expect(mine.map((e) => [e.actor, e.action])).toEqual([
      [`staff:${adminId}`, 'site.update'],
      [`staff:${adminId}`, 'site.create'],
    ]);
    expect(JSON.parse(mine[0]!.before!).categoryCodes).toEqual(['jalan-rusak']);
    expect(JSON.parse(mine[0]!.after).categoryCodes).toEqual([]);
    // The city file's own site came through the same path.
    expect(log.some((e) => e.actor === 'config' && e.action === 'site.create' && e.subject === 'kecil')).toBe(true);
    expect(((await aduan.gql(LOG, {}, kupang)).data!.auditLog as { subject: string }[]).map((e) => e.subject)).not.toContain(key);
  });

  it('refuses what the city file would refuse, naming each field, and writes nothing', async () => {
    const before = await aduan.test.database.prisma.site.count();
    const entries = await aduan.test.database.prisma.auditEntry.count();
    const refused = await save({
      name: ' ',
      jurisdictionCode: '53.71',
      allowedOrigins: ['pu.contoh.example', 'https://*.org'],
      categoryCodes: ['sampah', 'banjir'],
    });
    expect(refused).toMatchObject({ __typename: 'InvalidInput', code: 'VALIDATION_FAILED' });
    expect(refused.fields.map((f: { field: string }) => f.field)).toEqual([
      'name',
      'jurisdictionCode',
      'allowedOrigins.0',
      'allowedOrigins.1',
      'categoryCodes.1',
    ]);
    expect(await save({ ...dinas, jurisdictionCode: '98.99' })).toMatchObject({
      fields: [{ field: 'jurisdictionCode', message: 'There is no area "98.99".' }],
    });
    expect(await save({ ...dinas, allowedOrigins: [] })).toMatchObject({ fields: [{ field: 'allowedOrigins' }] });
    expect(await save({ ...dinas, key: 'tidak-ada' })).toMatchObject({ fields: [{ field: 'key', message: 'You manage no site "tidak-ada".' }] });
    expect(await aduan.test.database.prisma.site.count()).toBe(before);
    expect(await aduan.test.database.prisma.auditEntry.count()).toBe(entries);
    // Not for staff who are not ADMINs.
    const staff = {
      authorization: `Bearer ${(await createApiToken(aduan.test.database.prisma, { agency: 'dinas-pu', role: 'SUPERVISOR', name: 'pu' })).token}`,
    };
    expect((await aduan.gql(SAVE, { i: dinas }, staff)).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });
});

describe.each(databaseKinds)('an ADMIN manages their city’s staff and tokens on %s', (kind) => {
  let aduan: TestAduan;
  let kupang: Record<string, string>;
  let second: Record<string, string>;
  beforeAll(async () => {
    aduan = await aduanWithTwoCities(kind);
    ({ kupang, second } = await cityAdmins(aduan));
  });
  afterAll(async () => {
    await aduan?.close();
    await removeSecondCities();
  });

  const INVITE = `mutation($i: InviteStaffInput!) { inviteStaff(input: $i) {
    __typename ... on OneTimePassword { password account { email name role active mustChangePassword agency { slug } } } ... on InvalidInput { code fields { field message } } } }`;

  it('invites, resets and disables its own city’s staff, with read-aloud one-time passwords, all in the audit log', async () => {
    const invited = (await aduan.gql(INVITE, { i: { agency: 'dinas-pupr', email: 'Rina@Kupangkota.go.id', name: 'Rina', role: 'STAFF' } }, kupang)).data!
      .inviteStaff;
    expect(invited).toMatchObject({
      __typename: 'OneTimePassword',
      account: { email: 'rina@kupangkota.go.id', name: 'Rina', role: 'STAFF', active: true, mustChangePassword: true, agency: { slug: 'dinas-pupr' } },
    });
    expect(invited.password).toMatch(/^\d{4}( \d{4}){4}$/);
    // Rina signs in with it as it was read to her, without the spaces.
    const login = await aduan.gql(LOGIN, { email: 'rina@kupangkota.go.id', password: invited.password.replaceAll(' ', '') });
    expect(login.data!.login.__typename).toBe('LoggedIn');

    const reset = (
      await aduan.gql(
        'mutation($e: String!) { resetStaffPassword(email: $e) { __typename ... on OneTimePassword { password } } }',
        { e: 'rina@kupangkota.go.id' },
        kupang,
      )
    ).data!.resetStaffPassword;
    expect(reset.password).not.toBe(invited.password);
    const disabled = await aduan.gql(
      'mutation($e: String!) { disableStaff(email: $e) { __typename ... on StaffDisabled { account { active } reportsUnassigned } } }',
      { e: 'rina@kupangkota.go.id' },
      kupang,
    );
    expect(disabled.data!.disableStaff).toEqual({ __typename: 'StaffDisabled', account: { active: false }, reportsUnassigned: 0 });
    expect((await aduan.gql(LOGIN, { email: 'rina@kupangkota.go.id', password: reset.password })).data!.login.__typename).toBe('InvalidInput');

    const log = (await aduan.gql('{ auditLog { action subject after } }', {}, kupang)).data!.auditLog as { action: string; subject: string; after: string }[];
    expect(log.filter((e) => e.subject === 'rina@kupangkota.go.id').map((e) => e.action)).toEqual(['staff.disable', 'staff.reset', 'staff.invite']);
    expect(JSON.stringify(log)).not.toContain(invited.password);
    expect(JSON.stringify(log)).not.toContain(reset.password);

    // The staff list is the city's own.
    const emails = async (headers: Record<string, string>) =>
      ((await aduan.gql('{ staffAccounts { email } }', {}, headers)).data!.staffAccounts as { email: string }[]).map((a) => a.email);
    expect(await emails(kupang)).toContain('rina@kupangkota.go.id');
    expect(await emails(second)).not.toContain('rina@kupangkota.go.id');
  });

  it('refuses another city’s agencies and accounts, and what `aduan staff` refuses, writing nothing', async () => {
    const before = await aduan.test.database.prisma.staffAccount.count();
    const entries = await aduan.test.database.prisma.auditEntry.count();
    const invite = async (i: Record<string, string>, headers = second) => (await aduan.gql(INVITE, { i }, headers)).data!.inviteStaff;
    expect(await invite({ agency: 'dinas-pupr', email: 'x@contoh.example', name: 'X', role: 'ADMIN' })).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ field: 'agency', message: 'Your city has no agency "dinas-pupr".' }],
    });
    expect(await invite({ agency: 'dinas-pu', email: 'bukan alamat', name: 'X', role: 'STAFF' })).toMatchObject({ fields: [{ field: 'email' }] });
    expect(await invite({ agency: 'dinas-pu', email: 'admin@kupangkota.go.id', name: 'X', role: 'STAFF' })).toMatchObject({ fields: [{ field: 'email' }] });
    expect(await invite({ agency: 'dinas-pu', email: 'y@contoh.example', name: ' ', role: 'STAFF' })).toMatchObject({ fields: [{ field: 'name' }] });
    const resetOther = await aduan.gql(
      'mutation($e: String!) { resetStaffPassword(email: $e) { __typename ... on InvalidInput { fields { field } } } }',
      { e: 'admin@kupangkota.go.id' },
      second,
    );
    expect(resetOther.data!.resetStaffPassword).toEqual({ __typename: 'InvalidInput', fields: [{ field: 'email' }] });
    const self = await aduan.gql(
      'mutation($e: String!) { disableStaff(email: $e) { __typename ... on InvalidInput { fields { message } } } }',
      { e: 'admin@contoh.example' },
      second,
    );
    expect(self.data!.disableStaff.fields[0].message).toBe('You cannot disable your own account.');
    expect(await aduan.test.database.prisma.staffAccount.count()).toBe(before);
    expect(await aduan.test.database.prisma.auditEntry.count()).toBe(entries);
  });

  it('creates a token shown once that works at once, lists it, and revokes it; another city’s cannot', async () => {
    const created = await aduan.gql(
      'mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { __typename ... on ApiTokenCreated { token info { id name role agency { slug } } } } }',
      { i: { agency: 'dinas-pupr', name: 'sim-pupr', role: 'STAFF' } },
      kupang,
    );
    const { token, info } = created.data!.createApiToken;
    expect(info).toMatchObject({ name: 'sim-pupr', role: 'STAFF', agency: { slug: 'dinas-pupr' } });
    const bearer = { authorization: `Bearer ${token}` };
    expect((await aduan.gql('{ me { name } }', {}, bearer)).data!.me).toEqual({ name: 'sim-pupr' });
    const tokens = ((await aduan.gql('{ apiTokens { id revokedAt } }', {}, kupang)).data!.apiTokens as { id: string }[]).map((t) => t.id);
    expect(tokens).toContain(info.id);
    expect(((await aduan.gql('{ apiTokens { id } }', {}, second)).data!.apiTokens as { id: string }[]).map((t) => t.id)).not.toContain(info.id);
    const REVOKE = 'mutation($id: ID!) { revokeApiToken(id: $id) { __typename ... on ApiTokenRevoked { info { revokedAt } } } }';
    expect((await aduan.gql(REVOKE, { id: info.id }, second)).data!.revokeApiToken.__typename).toBe('InvalidInput');
    const revoked = await aduan.gql(REVOKE, { id: info.id }, kupang);
    expect(revoked.data!.revokeApiToken.info.revokedAt).not.toBeNull();
    expect((await aduan.gql('{ me { name } }', {}, bearer)).errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });
});

describe.each(databaseKinds)('an ADMIN carries out a privacy request on %s', (kind) => {
  let aduan: TestAduan;
  let kupang: Record<string, string>;
  let second: Record<string, string>;
  let code: string;
  beforeAll(async () => {
    aduan = await aduanWithTwoCities(kind);
    ({ kupang, second } = await cityAdmins(aduan));
    const submitted = await aduan.gql(
      `mutation($input: SubmitReportInput!) { submitReport(input: $input) { ... on ReportSubmitted { report { trackingCode } } } }`,
      {
        input: {
          site: 'demo',
          category: 'sampah',
          description: 'Sampah menumpuk di depan rumah saya',
          location: { lat: -10.1668, lng: 123.6005 },
          reporter: { name: 'Maria Seran', email: 'maria@example.org', phone: '081234567890' },
        },
      },
    );
    code = submitted.data!.submitReport.report.trackingCode;
  });
  afterAll(async () => {
    await aduan?.close();
    await removeSecondCities();
  });

  it('exports and erases the reporter’s data of its own city’s report only, each in the audit log without the data', async () => {
    const EXPORT = 'mutation($c: String!) { exportReportData(trackingCode: $c) }';
    expect((await aduan.gql(EXPORT, { c: code }, second)).errors?.[0]?.extensions?.['code']).toBe('UNKNOWN_REPORT');
    const exported = JSON.parse((await aduan.gql(EXPORT, { c: code }, kupang)).data!.exportReportData);
    expect(exported).toMatchObject({ trackingCode: code, reporter: { name: 'Maria Seran', email: 'maria@example.org', phone: '081234567890' } });

    const ERASE = 'mutation($c: String!) { eraseReporterData(trackingCode: $c) { trackingCode contactErased photosErased } }';
    expect((await aduan.gql(ERASE, { c: code }, second)).errors?.[0]?.extensions?.['code']).toBe('UNKNOWN_REPORT');
    const erased = await aduan.gql(ERASE, { c: code }, kupang);
    expect(erased.data!.eraseReporterData).toEqual({ trackingCode: code, contactErased: true, photosErased: 0 });
    const after = JSON.parse((await aduan.gql(EXPORT, { c: code }, kupang)).data!.exportReportData);
    expect(after.reporter).toEqual({ name: null, email: null, phone: null });

    const log = (await aduan.gql('{ auditLog { actor action subject after } }', {}, kupang)).data!.auditLog as {
      action: string;
      subject: string;
      after: string;
    }[];
    expect(log.filter((e) => e.subject === code).map((e) => e.action)).toEqual(['privacy.export', 'privacy.erase', 'privacy.export']);
    expect(JSON.stringify(log)).not.toContain('maria@example.org');
    // Not for staff who are not ADMINs.
    const staff = (await signedInStaff(aduan, { agency: 'dlhk', email: 'staf@kupangkota.go.id', role: 'SUPERVISOR', name: 'Staf' })).headers;
    expect((await aduan.gql(EXPORT, { c: code }, staff)).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });
});
