// A city's catalogue and routing from the console: an ADMIN adds a category and a rule
// for it, withdraws one, changes an agency and the working calendar — each validated
// like the city file, in the audit log, live at once — sees before saving where
// reports would go differently (above all, a category left to the triage desk), and
// tests where a report would go. Another city's ADMIN can do none of it to this city,
// and the other city's settings stay exactly as they were.
import type { PrismaClient } from '@aduan/prisma';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/staff/index.js';
import type { TestAduan } from './support/aduan.js';
import { databaseKinds } from './support/databases.js';
import { removeSecondCities } from './support/second-city.js';
import { aduanWithTwoCities, cityAdmins } from './support/two-cities.js';

const RESULT = /* GraphQL */ `
  __typename
  ... on CityChanged { saved changed routingChanges { categoryCode categoryName fromAgency toAgency toTriage areas } }
  ... on InvalidInput { code message fields { field message } }
`;
const SAVE_CATEGORY = `mutation($i: CategoryInput!, $d: Boolean, $c: String) { saveCategory(input: $i, dryRun: $d, city: $c) { ${RESULT} } }`;
const SAVE_RULE = `mutation($i: RoutingRuleInput!, $d: Boolean) { saveRoutingRule(input: $i, dryRun: $d) { ${RESULT} } }`;
const DELETE_RULE = `mutation($i: RoutingRuleKeyInput!, $d: Boolean) { deleteRoutingRule(input: $i, dryRun: $d) { ${RESULT} } }`;
const SAVE_AGENCY = `mutation($i: AgencyInput!, $d: Boolean) { saveAgency(input: $i, dryRun: $d) { ${RESULT} } }`;
const SAVE_CALENDAR = `mutation($i: WorkingCalendarInput!) { saveWorkingCalendar(input: $i) { ${RESULT} } }`;
const ROUTING_TEST = /* GraphQL */ `
  query($i: RoutingTestInput!) {
    routingTest(input: $i) {
      __typename
      ... on RoutingTest { agency { slug } area { code } reason responseHours dueAt viaTriage }
      ... on InvalidInput { code fields { field } }
    }
  }
`;

const pohon = {
  code: 'pohon-tumbang',
  name: { id: 'Pohon tumbang', en: 'Fallen tree' },
  description: { id: 'Pohon roboh menghalangi jalan atau membahayakan.', en: 'A tree down across a road or about to fall.' },
  group: 'jalan-dan-drainase',
  keywords: ['pohon', 'dahan'],
  active: true,
};

/** What a city's settings are, without ids and times: to show nothing else moved. */
async function settingsOf(prisma: PrismaClient, city: string) {
  const within = { OR: [{ jurisdictionCode: city }, { jurisdictionCode: { startsWith: `${city}.` } }] };
  return {
    categories: await prisma.category.findMany({ where: { cityCode: city }, orderBy: { code: 'asc' }, omit: { id: true, createdAt: true, updatedAt: true } }),
    rules: await prisma.routingRule.findMany({
      where: within,
      orderBy: [{ jurisdictionCode: 'asc' }, { name: 'asc' }],
      select: { name: true, jurisdictionCode: true, responseHours: true, agencyId: true, categoryId: true },
    }),
    agencies: await prisma.agency.findMany({ where: within, orderBy: { slug: 'asc' }, omit: { createdAt: true, updatedAt: true } }),
    holidays: await prisma.holiday.findMany({ where: within, orderBy: [{ jurisdictionCode: 'asc' }, { date: 'asc' }] }),
  };
}

describe.each(databaseKinds)('an ADMIN manages their city’s catalogue and routing on %s', (kind) => {
  let aduan: TestAduan;
  let kupang: Record<string, string>;
  let second: Record<string, string>;
  let prisma: PrismaClient;

  beforeAll(async () => {
    aduan = await aduanWithTwoCities(kind);
    ({ kupang, second } = await cityAdmins(aduan));
    prisma = aduan.test.database.prisma;
  });
  afterAll(async () => {
    await aduan?.close();
    await removeSecondCities();
  });

  const run = async (query: string, variables: Record<string, unknown>, headers = kupang) => {
    const result = await aduan.gql(query, variables, headers);
    expect(result.errors).toBeUndefined();
    return Object.values(result.data!)[0] as Record<string, any>;
  };
  const offered = async (site: string) =>
    ((await aduan.gql('query($s: ID!) { categories(site: $s) { code } }', { s: site })).data!.categories as { code: string }[]).map((c) => c.code);
  const routeOf = (input: Record<string, unknown>, headers = kupang) => run(ROUTING_TEST, { i: input }, headers);

  it('shows, before saving, a category that would be left to the triage desk, and saves nothing on a dry run', async () => {
    const untouched = await settingsOf(prisma, '53.71');
    const entries = await prisma.auditEntry.count();
    const dry = await run(DELETE_RULE, { i: { category: 'jalan-rusak', jurisdiction: '53.71' }, d: true });
    expect(dry).toMatchObject({ __typename: 'CityChanged', saved: false, changed: true });
    expect(dry.routingChanges).toHaveLength(1);
    expect(dry.routingChanges[0]).toMatchObject({
      categoryCode: 'jalan-rusak',
      categoryName: 'Jalan rusak atau berlubang',
      fromAgency: expect.stringContaining('Pekerjaan Umum'),
      toAgency: expect.stringContaining('Pengaduan'),
      toTriage: true,
    });
    // Every kelurahan of the city, by name.
    expect(dry.routingChanges[0].areas).toHaveLength(51);
    expect(dry.routingChanges[0].areas).toContain('Kelurahan Oebobo');

    // Oebobo's own rule for rubbish gone: its kelurahan go back to the city's rule, not the triage desk.
    const oebobo = await run(DELETE_RULE, { i: { category: 'sampah', jurisdiction: '53.71.04' }, d: true });
    expect(oebobo.routingChanges).toEqual([
      expect.objectContaining({ categoryCode: 'sampah', toTriage: false, toAgency: expect.stringContaining('Lingkungan') }),
    ]);
    expect(oebobo.routingChanges[0].areas).toHaveLength(7);

    expect(await settingsOf(prisma, '53.71')).toEqual(untouched);
    expect(await prisma.auditEntry.count()).toBe(entries);
  });

  it('adds a category and its rule, live at once for residents and the routing tester, in the audit log; the other city is untouched', async () => {
    const otherCity = await settingsOf(prisma, '98.71');
    const added = await run(SAVE_CATEGORY, { i: pohon });
    // No rule yet: the triage desk gets it everywhere, and the answer says so.
    expect(added).toMatchObject({ saved: true, routingChanges: [{ categoryCode: 'pohon-tumbang', fromAgency: null, toTriage: true }] });
    expect(await offered('demo')).toContain('pohon-tumbang');
    expect(await offered('kecil')).not.toContain('pohon-tumbang');

    const ruled = await run(SAVE_RULE, { i: { category: 'pohon-tumbang', agency: 'dinas-pupr', responseHours: 24, name: 'Pohon tumbang, Kota Kupang' } });
    expect(ruled.routingChanges).toEqual([expect.objectContaining({ toTriage: false, toAgency: expect.stringContaining('Pekerjaan Umum') })]);

    const routed = await routeOf({ category: 'pohon-tumbang', jurisdictionCode: '53.71.04.1010' });
    expect(routed).toMatchObject({
      __typename: 'RoutingTest',
      agency: { slug: 'dinas-pupr' },
      area: { code: '53.71.04.1010' },
      responseHours: 24,
      viaTriage: false,
    });
    expect(routed.reason).toContain("aturan 'Pohon tumbang, Kota Kupang'");
    // 24 hours on Kupang's working days: never sooner than a day away.
    expect(new Date(routed.dueAt).getTime() - Date.now()).toBeGreaterThanOrEqual(24 * 3_600_000 - 60_000);
    const english = await routeOf({ category: 'layanan-publik', jurisdictionCode: '53.71.04', locale: 'EN' });
    expect(english.reason).toContain("rule 'Layanan publik, Kota Kupang'");
    expect(await routeOf({ category: 'pohon-tumbang', location: { lat: -8.0, lng: 110.0 } })).toMatchObject({
      __typename: 'InvalidInput',
      code: 'OUTSIDE_SERVICE_AREA',
    });

    const log = (await aduan.gql('{ auditLog(first: 5) { actor action subject before after } }', {}, kupang)).data!.auditLog as Record<string, string | null>[];
    expect(log.slice(0, 2).map((e) => [e.action, e.subject])).toEqual([
      ['rule.save', 'pohon-tumbang @ city'],
      ['category.save', 'pohon-tumbang'],
    ]);
    expect(log[1]!.actor).toMatch(/^staff:/);
    expect(log[1]!.before).toBeNull();
    expect(JSON.parse(log[1]!.after!)).toMatchObject({ code: 'pohon-tumbang', name: { id: 'Pohon tumbang' } });
    expect(((await aduan.gql('{ auditLog { subject } }', {}, second)).data!.auditLog as { subject: string }[]).map((e) => e.subject)).not.toContain(
      'pohon-tumbang',
    );
    expect(await settingsOf(prisma, '98.71')).toEqual(otherCity);
  });

  it('withdraws a category with its rules and offers it again', async () => {
    const withdrawn = await run(SAVE_CATEGORY, { i: { ...pohon, active: false } });
    expect(withdrawn.saved).toBe(true);
    expect(await offered('demo')).not.toContain('pohon-tumbang');
    expect(await prisma.routingRule.count({ where: { category: { code: 'pohon-tumbang' } } })).toBe(0);
    const configuration = (await aduan.gql('{ cityConfiguration { cityCode withdrawnCategories } }', {}, kupang)).data!.cityConfiguration;
    expect(configuration.cityCode).toBe('53.71');
    expect(JSON.parse(configuration.withdrawnCategories).map((c: { code: string }) => c.code)).toContain('pohon-tumbang');

    expect((await run(SAVE_CATEGORY, { i: { ...pohon, position: 0 } })).saved).toBe(true);
    expect((await offered('demo'))[0]).toBe('pohon-tumbang');
    expect(await prisma.category.count({ where: { code: 'pohon-tumbang' } })).toBe(1);
  });

  it('takes a withdrawn category off the sites that offer a few, and refuses while a site offers only it', async () => {
    const SAVE_SITE = 'mutation($i: SaveSiteInput!) { saveSite(input: $i) { ... on SiteSaved { site { key } } } }';
    const site = async (name: string, categoryCodes: string[]) =>
      (await run(SAVE_SITE, { i: { name, jurisdictionCode: '53.71', allowedOrigins: ['https://contoh.example'], categoryCodes } })).site.key as string;
    const some = await site('Dinkes', ['sarang-nyamuk', 'sampah']);
    const only = await site('Layanan', ['layanan-publik']);
    const withdrawal = { code: 'sarang-nyamuk', name: { id: 'Sarang nyamuk', en: 'Mosquitoes' }, active: false };
    // Before saving: where it could be reported and no longer can.
    const dry = await run(SAVE_CATEGORY, { i: withdrawal, d: true });
    expect(dry.routingChanges).toEqual([expect.objectContaining({ categoryCode: 'sarang-nyamuk', toAgency: null, toTriage: false })]);
    expect(dry.routingChanges[0].areas).toHaveLength(51);
    expect((await run(SAVE_CATEGORY, { i: withdrawal })).saved).toBe(true);
    expect((await prisma.site.findUniqueOrThrow({ where: { key: some } })).categoryCodes).toEqual(['sampah']);
    // The ADMIN, not a city file, changed the site; the withdrawal keeps the rules that went with it.
    const [siteEntry] = await prisma.auditEntry.findMany({ where: { subject: some }, orderBy: { at: 'desc' }, take: 1 });
    expect(siteEntry).toMatchObject({ action: 'site.update', actor: expect.stringMatching(/^staff:/) });
    const [withdrawn] = await prisma.auditEntry.findMany({ where: { action: 'category.withdraw', subject: 'sarang-nyamuk' } });
    expect((withdrawn!.before as { rules: { agency: string }[] }).rules).toEqual([expect.objectContaining({ agency: 'dinkes' })]);
    const refused = await run(SAVE_CATEGORY, { i: { code: 'layanan-publik', name: { id: 'Layanan publik', en: 'Public services' }, active: false } });
    expect(refused.fields).toEqual([{ field: 'active', message: `the site "${only}" offers only this category: give it others first` }]);
    expect(await offered(only)).toEqual(['layanan-publik']);
  });

  it('changes an agency’s delivery and the working calendar; saving what already is changes nothing', async () => {
    const configuration = JSON.parse((await aduan.gql('{ cityConfiguration { document } }', {}, kupang)).data!.cityConfiguration.document);
    const dishub = configuration.agencies.find((a: { slug: string }) => a.slug === 'dishub');
    const input = { ...dishub, email: 'pengaduan@dishub.example', channels: [{ name: 'surel', kind: 'email', email: 'lalin@dishub.example' }] };
    expect(await run(SAVE_AGENCY, { i: input })).toMatchObject({ saved: true, routingChanges: [] });
    expect(await prisma.deliveryChannel.findMany({ where: { agency: { slug: 'dishub' }, removedAt: null }, select: { name: true, email: true } })).toEqual([
      { name: 'surel', email: 'lalin@dishub.example' },
    ]);
    const entries = await prisma.auditEntry.count();
    expect(await run(SAVE_AGENCY, { i: input })).toMatchObject({ saved: false, changed: false });
    expect(await prisma.auditEntry.count()).toBe(entries);

    const holidays = [
      ...configuration.jurisdictions.find((j: { code: string }) => j.code === '53.71').holidays,
      { date: '2027-01-01', name: 'Tahun Baru 2027 Masehi' },
    ];
    expect((await run(SAVE_CALENDAR, { i: { jurisdiction: '53.71', workingDays: [1, 2, 3, 4, 5], holidays } })).saved).toBe(true);
    expect(await prisma.holiday.findUnique({ where: { jurisdictionCode_date: { jurisdictionCode: '53.71', date: '2027-01-01' } } })).toMatchObject({
      name: 'Tahun Baru 2027 Masehi',
    });
    expect((await aduan.catalog.current()).calendarOf('53.71.04').holidays).toContain('2027-01-01');
  });

  it('refuses what the city file would refuse, naming each field, and another city’s ADMIN altogether; nothing is written', async () => {
    const before = await settingsOf(prisma, '53.71');
    const entries = await prisma.auditEntry.count();
    const blank = await run(SAVE_CATEGORY, { i: { ...pohon, code: 'Pohon Tumbang', name: { id: ' ', en: 'Fallen tree' }, group: 'tidak-ada' } });
    expect(blank).toMatchObject({ __typename: 'InvalidInput', code: 'VALIDATION_FAILED' });
    expect(blank.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['code', 'name.id']));
    expect((await run(SAVE_CATEGORY, { i: { ...pohon, group: 'tidak-ada' } })).fields).toEqual([
      { field: 'group', message: expect.stringContaining('tidak-ada') },
    ]);
    // Another city's agency, and an area outside the city.
    expect((await run(SAVE_RULE, { i: { category: 'sampah', agency: 'dinas-pu' } })).__typename).toBe('InvalidInput');
    expect((await run(SAVE_RULE, { i: { category: 'sampah', jurisdiction: '98.71.01', agency: 'dlhk' } })).__typename).toBe('InvalidInput');
    expect((await run(DELETE_RULE, { i: { category: 'banjir', jurisdiction: null } })).fields).toEqual([
      { field: 'rule', message: 'there is no rule for banjir @ city' },
    ]);
    const agency = { slug: 'dinas-baru', name: 'Dinas Baru', jurisdiction: '98.71', triage: false, defaultResponseHours: 0, channels: [] };
    const refusedAgency = await run(SAVE_AGENCY, { i: agency });
    expect(refusedAgency.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['defaultResponseHours']));
    // The other city's ADMIN cannot name this city, nor take over its agency as theirs.
    expect(await run(SAVE_CATEGORY, { i: pohon, c: '53.71' }, second)).toMatchObject({ fields: [{ field: 'city' }] });
    expect((await aduan.gql('query { cityConfiguration(city: "53.71") { document } }', {}, second)).data!.cityConfiguration).toBeNull();
    const takeover = { slug: 'dlhk', name: 'Diambil alih', jurisdiction: '98.71', triage: false, defaultResponseHours: 24, channels: [] };
    expect((await run(SAVE_AGENCY, { i: takeover }, second)).__typename).toBe('InvalidInput');
    expect(await routeOf({ category: 'sampah', jurisdictionCode: '53.71.04' }, second)).toMatchObject({ code: 'UNKNOWN_JURISDICTION' });

    // Each city keeps a triage desk of its own for its whole area: moving it into a kecamatan
    // would send reports elsewhere in the city to whichever desk came first in the deployment.
    const configuration = JSON.parse((await aduan.gql('{ cityConfiguration { document } }', {}, kupang)).data!.cityConfiguration.document);
    const desk = configuration.agencies.find((a: { slug: string }) => a.slug === 'pusat-pengaduan');
    expect((await run(SAVE_AGENCY, { i: { ...desk, jurisdiction: '53.71.04' } })).fields.map((f: { field: string }) => f.field)).toEqual(['agencies']);
    // A secret is the city's own: another name would send someone else's key to an address of the ADMIN's choosing.
    const dinkes = configuration.agencies.find((a: { slug: string }) => a.slug === 'dinkes');
    const hook = (secretEnv: string) => ({ ...dinkes, channels: [{ name: 'sistem', kind: 'webhook', url: 'https://sistem.dinkes.example/aduan', secretEnv }] });
    expect((await run(SAVE_AGENCY, { i: hook('ADUAN_SECRET_TST_OPEN311'), d: true })).fields).toEqual([
      {
        field: 'channels.0.secretEnv',
        message: "must be one of this city's secret variables: a name starting with ADUAN_SECRET_KPG_, or one its channels already use",
      },
    ]);
    expect(await run(SAVE_AGENCY, { i: hook('ADUAN_SECRET_KPG_DINKES'), d: true })).toMatchObject({ __typename: 'CityChanged', changed: true });
    // Zero hours, control characters, too many holidays, a date out of range: refused, not an internal error.
    expect((await run(SAVE_RULE, { i: { category: 'sampah', agency: 'dlhk', responseHours: 0 } })).fields[0].field).toBe('responseHours');
    expect((await run(SAVE_CATEGORY, { i: { ...pohon, name: { id: 'Pohon\u0000', en: 'Tree' } } })).fields[0].field).toBe('name.id');
    const many = Array.from({ length: 201 }, (_, i) => ({ date: new Date(Date.UTC(2030, 0, 1 + i)).toISOString().slice(0, 10), name: `Libur ${i}` }));
    expect((await run(SAVE_CALENDAR, { i: { jurisdiction: '53.71', workingDays: [1, 2, 3, 4, 5], holidays: many } })).fields[0].field).toBe('holidays');
    expect((await run(SAVE_CALENDAR, { i: { jurisdiction: '53.71', workingDays: [1], holidays: [{ date: '1999-12-31', name: 'Lama' }] } })).fields).toEqual([
      { field: 'holidays.0.date', message: 'must be a date between 2000 and 2100' },
    ]);

    expect(await settingsOf(prisma, '53.71')).toEqual(before);
    expect(await prisma.auditEntry.count()).toBe(entries);
    // Not for staff who are not ADMINs.
    const token = await createApiToken(prisma, { agency: 'dinas-pupr', role: 'SUPERVISOR', name: 'pupr' });
    const supervisor = await aduan.gql(SAVE_CATEGORY, { i: pohon }, { authorization: `Bearer ${token.token}` });
    expect(supervisor.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(await prisma.category.count({ where: { code: 'pohon-tumbang' } })).toBe(1);
  });

  it('never lets a site change and a city change undo each other, and keeps at least one category', async () => {
    const SAVE_SITE = 'mutation($i: SaveSiteInput!) { saveSite(input: $i) { __typename ... on SiteSaved { site { key } } } }';
    for (let round = 0; round < 4; round++) {
      const origins = [`https://putaran-${round}.example`];
      await Promise.all([
        run(
          SAVE_CATEGORY,
          { i: { code: 'lain', name: { id: 'Lainnya', en: 'Other' }, keywords: [`kata-${round}`], locationRequired: false, active: true } },
          second,
        ),
        run(SAVE_SITE, { i: { key: 'kecil', name: 'Situs Kota Contoh', jurisdictionCode: '98.71', allowedOrigins: origins, categoryCodes: [] } }, second),
      ]);
      expect((await prisma.site.findUniqueOrThrow({ where: { key: 'kecil' } })).allowedOrigins).toEqual(origins);
      expect((await prisma.category.findFirstOrThrow({ where: { cityCode: '98.71', code: 'lain' } })).keywords).toEqual([`kata-${round}`]);
    }
    const withdraw = (code: string) => run(SAVE_CATEGORY, { i: { code, name: { id: code, en: code }, active: false } }, second);
    expect((await withdraw('sampah')).saved).toBe(true);
    expect((await withdraw('jalan-rusak')).saved).toBe(true);
    expect((await withdraw('lain')).fields).toEqual([{ field: 'active', message: 'is the city’s last category: residents could report nothing' }]);
    expect(await offered('kecil')).toEqual(['lain']);
  });
});
