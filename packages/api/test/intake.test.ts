// A resident's report goes in, is routed by place and category, and can be
// followed by its tracking code — on PGlite and on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from './support/databases.js';
import { createTestAduan, KUPANG, SUBMIT, type TestAduan } from './support/aduan.js';

const STATUS = /* GraphQL */ `
  query Status($code: String!) {
    reportStatus(trackingCode: $code) {
      trackingCode status dueAt submittedAt overdue
      agency { slug } area { code } category { code name }
      timeline { at status note }
    }
  }
`;

describe.each(databaseKinds)('intake on %s', (kind) => {
  let aduan: TestAduan;
  // Wednesday 1 July 2026, 10:00 in Kupang: deadlines count Kupang's working days (Monday to Friday, holidays off).
  const clock = new Date('2026-07-01T02:00:00Z');
  beforeAll(async () => {
    aduan = await createTestAduan(kind, { now: () => clock });
  });
  afterAll(async () => {
    await aduan?.close();
  });

  async function submit(input: Record<string, unknown>) {
    const response = await aduan.gql(SUBMIT, {
      input: { site: 'demo', description: 'Sampah menumpuk sejak minggu lalu', ...input },
    });
    expect(response.errors).toBeUndefined();
    return response.data!.submitReport;
  }

  it('routes a point in Kecamatan Oebobo to the kecamatan override, with the reason stored', async () => {
    const result = await submit({ category: 'sampah', location: KUPANG.oebobo, locale: 'EN' });
    expect(result.__typename).toBe('ReportSubmitted');
    const { report } = result;
    expect(report.trackingCode).toMatch(/^KPG-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(report.status).toBe('RECEIVED');
    expect(report.agency.slug).toBe('upt-kebersihan-oebobo');
    expect(report.area).toMatchObject({ code: '53.71.04.1001', displayName: 'Kelurahan Oebobo', level: 4 });
    expect(report.category).toEqual({ code: 'sampah', name: expect.any(String) });
    expect(report.submittedAt).toBe(clock.toISOString());
    expect(report.dueAt).toBe('2026-07-03T02:00:00.000Z'); // 48 working hours: Friday 10:00
    expect(report.overdue).toBe(false);
    expect(report.timeZone).toBe('Asia/Makassar'); // set on Kota Kupang, inherited by its kelurahan
    expect(report.timeline).toEqual([{ at: report.submittedAt, status: 'RECEIVED', note: null }]);

    const stored = await aduan.test.database.prisma.report.findUniqueOrThrow({
      where: { trackingCode: report.trackingCode },
      include: { events: true },
    });
    expect(stored.routingMethod).toBe('POINT');
    expect(stored.routingReason).toContain('Kelurahan Oebobo');
    expect(stored.routingReason).toContain('Kecamatan Oebobo');
    expect(stored.routingReason).toContain('UPT Kebersihan');
    expect(stored.routingRuleId).not.toBeNull();
    expect(stored.events).toHaveLength(1);
    expect(stored.events[0]).toMatchObject({ kind: 'SUBMITTED', status: 'RECEIVED', actor: 'resident' });
  });

  it('routes the same category elsewhere in the city by the city-wide rule', async () => {
    const { report } = await submit({ category: 'sampah', location: KUPANG.namosain });
    expect(report.agency.slug).toBe('dlhk');
    expect(report.area.code).toBe('53.71.01.1001');
    expect(report.dueAt).toBe('2026-07-06T02:00:00.000Z'); // 72 working hours: Monday 10:00, the weekend does not count
  });

  it('routes a kelurahan the resident picked, using its kecamatan and kelurahan rules', async () => {
    const fatululi = await submit({ category: 'sampah', jurisdictionCode: '53.71.04.1011' });
    expect(fatululi.report.agency.slug).toBe('upt-kebersihan-oebobo');
    expect(fatululi.report.area.code).toBe('53.71.04.1011');

    const drain = await submit({ category: 'drainase-tersumbat', jurisdictionCode: '53.71.03.1010' });
    expect(drain.report.agency.slug).toBe('dinas-pupr');
    expect(drain.report.dueAt).toBe('2026-07-02T02:00:00.000Z'); // 24 working hours: Thursday 10:00
    const stored = await aduan.test.database.prisma.report.findUniqueOrThrow({
      where: { trackingCode: drain.report.trackingCode },
    });
    expect(stored.routingMethod).toBe('NAMED');
  });

  it('sends a category without a rule to the triage desk, and says so', async () => {
    const { report } = await submit({ category: 'lainnya', location: KUPANG.namosain });
    expect(report.agency.slug).toBe('pusat-pengaduan');
    const stored = await aduan.test.database.prisma.report.findUniqueOrThrow({
      where: { trackingCode: report.trackingCode },
    });
    expect(stored.routingRuleId).toBeNull();
    expect(stored.routingReason.toLowerCase()).toContain('triage');
  });

  it("routes a category that needs no place by the site's own area", async () => {
    const { report } = await submit({ category: 'layanan-publik', description: 'Antrean di kantor kelurahan sangat lama' });
    expect(report.area.code).toBe('53.71');
    expect(report.agency.slug).toBe('pusat-pengaduan');
  });

  it('stores text exactly as given and contact privately', async () => {
    const description = '<script>alert("x")</script> & \'quotes\' — tidak diangkut\nbaris kedua';
    const { report } = await submit({
      category: 'sampah',
      location: KUPANG.namosain,
      description,
      placeText: 'Depan pasar <b>Oeba</b>',
      reporter: { name: 'Maria Ndun', email: 'maria@example.org', phone: '+62 812-3456-7890' },
    });
    const stored = await aduan.test.database.prisma.report.findUniqueOrThrow({
      where: { trackingCode: report.trackingCode },
    });
    expect(stored.description).toBe(description);
    expect(stored.placeText).toBe('Depan pasar <b>Oeba</b>');
    expect(stored).toMatchObject({ reporterName: 'Maria Ndun', reporterEmail: 'maria@example.org', reporterPhone: '+62 812-3456-7890' });
    expect(stored.lat).toBeCloseTo(KUPANG.namosain.lat, 6);

    const status = await aduan.gql(STATUS, { code: report.trackingCode });
    const publicJson = JSON.stringify(status.data);
    for (const secret of ['Maria', 'maria@example.org', '3456', 'alert', 'Oeba', String(KUPANG.namosain.lat)]) {
      expect(publicJson).not.toContain(secret);
    }
  });

  it('finds a report by a tracking code typed carelessly', async () => {
    const { report } = await submit({ category: 'air-mati', location: KUPANG.oebobo });
    const code: string = report.trackingCode;
    const body = code.slice(4).replace('-', '');
    const variants = [
      code,
      code.toLowerCase(),
      code.replaceAll('-', ''),
      code.replaceAll('-', ' '),
      ` ${code.toLowerCase().replaceAll('-', '  ')} `,
      body, // without the prefix
      code.replaceAll('0', 'O').replaceAll('1', 'l'),
      code.replaceAll('1', 'I').toLowerCase(),
    ];
    for (const variant of variants) {
      const response = await aduan.gql(STATUS, { code: variant });
      expect(response.data!.reportStatus?.trackingCode, variant).toBe(code);
    }
    const found = (await aduan.gql(STATUS, { code })).data!.reportStatus;
    expect(found).toMatchObject({ status: 'RECEIVED', agency: { slug: 'pdam-tirta-kupang' }, area: { code: '53.71.04.1001' } });
  });

  it('answers null, not an error, for unknown or malformed codes', async () => {
    const { report } = await submit({ category: 'air-mati', location: KUPANG.oebobo });
    const code: string = report.trackingCode;
    const last = code.at(-1)!;
    const typo = code.slice(0, -1) + (last === 'A' ? 'B' : 'A'); // the check symbol catches it
    for (const wrong of [typo, 'KPG-00000-00000', '', 'not a code', 'X'.repeat(500), 'KPG-U0000-00000']) {
      const response = await aduan.gql(STATUS, { code: wrong });
      expect(response.errors, wrong).toBeUndefined();
      expect(response.data!.reportStatus, wrong).toBeNull();
    }
  });

  it('returns the same report when an idempotency key is reused, even concurrently', async () => {
    const input = { category: 'pipa-bocor', location: KUPANG.oebobo, idempotencyKey: `retry-${kind}-0001` };
    const before = await aduan.counts();
    const first = await submit(input);
    const again = await submit(input);
    expect(first.replayed).toBe(false);
    expect(again.replayed).toBe(true);
    expect(again.report.trackingCode).toBe(first.report.trackingCode);

    const concurrentKey = `burst-${kind}-0002`;
    const burst = await Promise.all(Array.from({ length: 8 }, () => submit({ ...input, idempotencyKey: concurrentKey })));
    expect(new Set(burst.map((r) => r.report.trackingCode)).size).toBe(1);
    expect(burst.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await aduan.counts()).toEqual({ ...before, reports: before.reports + 2, events: before.events + 2 });
  });

  it('gives 100 concurrent submissions 100 distinct tracking codes', async () => {
    const before = await aduan.counts();
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => submit({ category: i % 2 ? 'sampah' : 'jalan-rusak', location: i % 3 ? KUPANG.oebobo : KUPANG.namosain })),
    );
    expect(results.every((r) => r.__typename === 'ReportSubmitted')).toBe(true);
    expect(new Set(results.map((r) => r.report.trackingCode)).size).toBe(100);
    expect(await aduan.counts()).toEqual({ ...before, reports: before.reports + 100, events: before.events + 100 });
  });
});

describe.each(databaseKinds)('catalogue and areas on %s', (kind) => {
  let aduan: TestAduan;
  beforeAll(async () => {
    aduan = await createTestAduan(kind);
  });
  afterAll(async () => {
    await aduan?.close();
  });

  it("lists a site's categories in the resident's language, grouped", async () => {
    const query = `query ($locale: Locale) { categories(site: "demo", locale: $locale) { code name group groupCode locationRequired } }`;
    const id = (await aduan.gql(query, { locale: 'ID' })).data!.categories;
    const en = (await aduan.gql(query, { locale: 'EN' })).data!.categories;
    expect(id.length).toBeGreaterThanOrEqual(12);
    const sampahId = id.find((c: any) => c.code === 'sampah');
    const sampahEn = en.find((c: any) => c.code === 'sampah');
    expect(sampahId.name).not.toBe(sampahEn.name);
    expect(sampahId.group).toBe('Kebersihan dan Lingkungan');
    expect(sampahEn.group).toBe('Cleanliness and environment');
    // Categories of one group are listed together.
    const groups = id.map((c: any) => c.groupCode);
    const firstSeen = groups.filter((g: string, i: number) => groups.indexOf(g) === i);
    for (const group of firstSeen) {
      const positions = groups.map((g: string, i: number) => (g === group ? i : -1)).filter((i: number) => i >= 0);
      expect(positions.at(-1) - positions[0] + 1).toBe(positions.length);
    }
    expect(id.find((c: any) => c.code === 'layanan-publik').locationRequired).toBe(false);
  });

  it('refuses an unknown site with a typed error', async () => {
    const response = await aduan.gql(`{ categories(site: "nope") { code } }`);
    expect(response.status).toBe(200);
    expect(response.errors?.[0]).toMatchObject({ extensions: { code: 'UNKNOWN_SITE' } });
  });

  it('lists areas for picking a kelurahan without GPS', async () => {
    const top = (await aduan.gql(`{ jurisdictions { code kind } }`)).data!.jurisdictions;
    expect(top).toEqual([{ code: '53.71', kind: 'kota' }]);
    const kecamatan = (await aduan.gql(`{ jurisdictions(parentCode: "53.71") { code level displayName } }`)).data!.jurisdictions;
    expect(kecamatan).toHaveLength(6);
    expect(kecamatan.every((j: any) => j.level === 3 && j.displayName.startsWith('Kecamatan '))).toBe(true);
    const kelurahan = (await aduan.gql(`{ jurisdictions(parentCode: "53.71", level: 4) { code parent { code } } }`)).data!.jurisdictions;
    expect(kelurahan).toHaveLength(51);
    expect(kelurahan.every((j: any) => j.code.startsWith(`${j.parent.code}.`))).toBe(true);
    const one = (await aduan.gql(`{ jurisdiction(code: "53.71.04.1001") { displayName timeZone parent { displayName } } }`)).data!.jurisdiction;
    expect(one).toEqual({ displayName: 'Kelurahan Oebobo', timeZone: 'Asia/Makassar', parent: { displayName: 'Kecamatan Oebobo' } });
    expect((await aduan.gql(`{ jurisdiction(code: "99.99") { code } }`)).data!.jurisdiction).toBeNull();
    const oebobo = (await aduan.gql(`{ jurisdictions(parentCode: "53.71.04") { code } }`)).data!.jurisdictions;
    expect(oebobo.map((j: any) => j.code)).toContain('53.71.04.1001');
  });

  it('previews the routing of a point without storing anything', async () => {
    const before = await aduan.counts();
    const query = `query ($input: RoutingPreviewInput!) { routingPreview(input: $input) {
      __typename ... on RoutingPreview { agency { slug } area { code } reason responseHours }
      ... on InvalidInput { code fields { field } } } }`;
    const preview = (await aduan.gql(query, { input: { site: 'demo', category: 'sampah', location: KUPANG.oebobo } })).data!.routingPreview;
    expect(preview).toMatchObject({
      __typename: 'RoutingPreview',
      agency: { slug: 'upt-kebersihan-oebobo' },
      area: { code: '53.71.04.1001' },
      responseHours: 48,
    });
    const outside = (await aduan.gql(query, { input: { site: 'demo', category: 'sampah', location: KUPANG.sea } })).data!.routingPreview;
    expect(outside).toMatchObject({ __typename: 'InvalidInput', code: 'OUTSIDE_SERVICE_AREA', fields: [{ field: 'location' }] });
    expect(await aduan.counts()).toEqual(before);
  });
});
