// The inbox as the console lists it (`inboxPage`, one statement per page) against the
// Report connection (`inbox`): for every viewer, filter and order, the same entries with
// the same fields, in the same order, with the same cursors, pages and counts; the same
// refusals for bad input, before any report is read; and nobody sees another agency's
// reports through it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { applyMigrations } from '../src/db/migrate.js';
import { RoutingCatalog } from '../src/routing/catalog.js';
import { createApiToken } from '../src/staff/index.js';
import type { Viewer } from '../src/staff/viewer.js';
import { inboxPage } from '../src/workflow/inbox-page.js';
import { createTestAduan, KUPANG, SUBMIT, type TestAduan } from './support/aduan.js';
import { databaseKinds } from './support/databases.js';
import { logIn, signedInStaff } from './support/staff.js';

/** What a row of the console's inbox shows, and more, as each shape names it. */
const SCALARS = 'trackingCode status description placeText submittedAt dueAt overdue escalatedAt';
const PAGE_INFO = 'pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';
const CONNECTION = `query Old($filter: InboxFilter, $first: Int, $after: String, $locale: Locale) {
  inbox(filter: $filter, first: $first, after: $after) {
    edges { cursor node { ${SCALARS} category { code name(locale: $locale) } area { code displayName timeZone } agency { slug name shortName } assignee { name email } } }
    ${PAGE_INFO} totalCount
  }
}`;
const PAGE = `query New($filter: InboxFilter, $first: Int, $after: String, $locale: Locale) {
  inboxPage(filter: $filter, first: $first, after: $after) {
    entries { cursor ${SCALARS} categoryCode categoryName(locale: $locale) areaCode areaDisplayName timeZone agencySlug agencyName agencyShortName assigneeName assigneeEmail }
    ${PAGE_INFO} totalCount
  }
}`;

/** A Report connection's edge as an inbox entry names the same values. */
function asEntry({ cursor, node }: { cursor: string; node: Record<string, any> }) {
  const { category, area, agency, assignee, ...scalars } = node;
  return {
    cursor,
    ...scalars,
    categoryCode: category.code,
    categoryName: category.name,
    areaCode: area.code,
    areaDisplayName: area.displayName,
    timeZone: area.timeZone,
    agencySlug: agency.slug,
    agencyName: agency.name,
    agencyShortName: agency.shortName,
    assigneeName: assignee?.name ?? null,
    assigneeEmail: assignee?.email ?? null,
  };
}
const ASSIGN = 'mutation($code: String!, $to: String) { assignReport(trackingCode: $code, assignee: $to) { __typename } }';
const UPDATE = 'mutation($input: UpdateReportStatusInput!) { updateReportStatus(input: $input) { __typename } }';

type Headers = Record<string, string>;
interface Answer {
  page: { entries: Record<string, unknown>[]; pageInfo: Record<string, unknown>; totalCount: number } | null;
  errors: { message: string; code: unknown; field: unknown }[] | undefined;
}

describe.each(databaseKinds)('the inbox page on %s', (kind) => {
  let aduan: TestAduan;
  let clock = new Date('2026-12-01T02:00:00Z');
  const statements: string[] = [];
  const codes: Record<string, string> = {};
  const VIEWERS = ['budi', 'ana', 'pusat', 'pusatStaff', 'dlhk', 'admin', 'pdam', 'fresh'] as const;
  const viewers = {} as Record<(typeof VIEWERS)[number], Headers>;

  async function submit(name: string, category: string, location: { lat: number; lng: number }, description: string, placeText?: string) {
    const response = await aduan.gql(SUBMIT, { input: { site: 'demo', category, description, location, ...(placeText ? { placeText } : {}) } });
    expect(response.data?.submitReport.__typename, JSON.stringify(response)).toBe('ReportSubmitted');
    codes[name] = response.data!.submitReport.report.trackingCode;
  }

  beforeAll(async () => {
    aduan = await createTestAduan(kind, { now: () => clock, onQuery: (event) => void statements.push(event.query) });
    const prisma = aduan.test.database.prisma;
    const token = async (agency: string, role: string) => ({ authorization: `Bearer ${(await createApiToken(prisma, { agency, role, name: role })).token}` });
    viewers.admin = await token('dinas-pupr', 'ADMIN');
    viewers.pdam = await token('pdam-tirta-kupang', 'STAFF');
    // dinas-pupr and dlhk escalate to pusat-pengaduan; upt-kebersihan-oebobo to dlhk.
    const people = [
      ['budi', 'dinas-pupr', 'STAFF', 'Budi'],
      ['ana', 'dinas-pupr', 'SUPERVISOR', 'Ana'],
      ['pusat', 'pusat-pengaduan', 'SUPERVISOR', 'Putri'],
      ['pusatStaff', 'pusat-pengaduan', 'STAFF', 'Paulus'],
      ['dlhk', 'dlhk', 'SUPERVISOR', 'Dani'],
    ] as const;
    const passwords = new Map<string, string>();
    for (const [, agency, role, name] of people) {
      passwords.set(name, (await signedInStaff(aduan, { agency, role, name, email: `${name.toLowerCase()}@${agency}.test` })).password);
    }

    // Several reports a second apart, and pairs in the same second (the keyset's tie on id).
    const at = (seconds: number) => (clock = new Date(Date.UTC(2026, 11, 1, 2, 0, seconds)));
    at(1);
    await submit('road1', 'jalan-rusak', KUPANG.oebobo, 'Jalan berlubang di gang Mawar', 'depan pasar');
    await submit('road2', 'jalan-rusak', KUPANG.oebobo, 'Aspal retak dekat sekolah');
    at(2);
    await submit('road3', 'jalan-rusak', KUPANG.oebobo, 'Diskon 50% lubang_besar', 'gang MAWAR');
    at(3);
    await submit('walk1', 'trotoar-rusak', KUPANG.namosain, 'Trotoar ambles di pantai');
    await submit('walk2', 'trotoar-rusak', KUPANG.namosain, 'Trotoar 50 persen rusak', 'pantai');
    at(4);
    await submit('rubbish1', 'sampah', KUPANG.oebobo, 'Sampah menumpuk di Mawar');
    await submit('rubbish2', 'sampah', KUPANG.namosain, 'Sampah di pantai');
    at(5);
    await submit('water1', 'air-mati', KUPANG.oebobo, 'Air mati sejak pagi');
    await submit('water2', 'pipa-bocor', KUPANG.namosain, 'Pipa bocor di pantai');
    at(6);
    await submit('public', 'layanan-publik', KUPANG.oebobo, 'Pelayanan lambat');
    at(7);
    await submit('drain', 'drainase-tersumbat', KUPANG.oebobo, 'Got tersumbat');

    const move = async (code: string, status: string, extra: Record<string, unknown> = {}) => {
      const result = await aduan.gql(UPDATE, { input: { trackingCode: code, status, ...extra } }, viewers.admin);
      expect(result.data?.updateReportStatus.__typename, JSON.stringify(result)).toBe('ReportUpdated');
    };
    at(30);
    await move(codes.road1!, 'ACKNOWLEDGED');
    await move(codes.road2!, 'RESOLVED');
    await move(codes.walk1!, 'REJECTED', { reason: 'OUT_OF_SCOPE' });
    await move(codes.water1!, 'IN_PROGRESS');
    for (const [code, to] of [
      [codes.road3!, 'budi@dinas-pupr.test'],
      [codes.walk2!, 'ana@dinas-pupr.test'],
      [codes.drain!, 'budi@dinas-pupr.test'],
    ]) {
      expect((await aduan.gql(ASSIGN, { code, to }, viewers.admin)).data?.assignReport.__typename).toBe('ReportUpdated');
    }
    // Escalated as the deadline job would: two open, one already answered (no longer "escalated and open").
    await prisma.report.updateMany({
      where: { trackingCode: { in: [codes.road3!, codes.road2!, codes.rubbish1!, codes.rubbish2!] } },
      data: { escalatedAt: clock },
    });
    // Three days on: the water reports (24 h) are overdue, the roads (120 working hours) are not.
    clock = new Date('2026-12-04T03:00:00Z');
    // Signed in now, so their sessions have not expired.
    for (const [key, agency, , name] of people) viewers[key] = await logIn(aduan, `${name.toLowerCase()}@${agency}.test`, passwords.get(name)!);
    viewers.fresh = (
      await signedInStaff(aduan, { agency: 'dinas-pupr', role: 'STAFF', name: 'Fajar', email: 'fajar@dinas-pupr.test' }, { oneTimePassword: true })
    ).headers;
  }, 120_000);
  afterAll(async () => {
    await aduan?.close();
  });

  async function ask(shape: 'old' | 'new', headers: Headers, variables: Record<string, unknown>): Promise<Answer> {
    const result = await aduan.gql(shape === 'old' ? CONNECTION : PAGE, { locale: 'ID', ...variables }, headers);
    const errors = result.errors?.map((e) => ({ message: e.message, code: e.extensions?.['code'], field: e.extensions?.['field'] }));
    if (shape === 'new') return { page: result.data?.inboxPage ?? null, errors };
    const connection = result.data?.inbox;
    if (!connection) return { page: null, errors };
    const entries = connection.edges.map(asEntry);
    return { page: { entries, pageInfo: connection.pageInfo, totalCount: connection.totalCount }, errors };
  }

  /** Every page of a list, `first` at a time, as one shape answers it. */
  async function pages(shape: 'old' | 'new', headers: Headers, filter: Record<string, unknown>, first = 4): Promise<Answer[]> {
    const answers: Answer[] = [];
    let after: string | null = null;
    do {
      const answer = await ask(shape, headers, { filter, first, after });
      answers.push(answer);
      after = answer.page?.pageInfo['hasNextPage'] ? (answer.page.pageInfo['endCursor'] as string) : null;
    } while (after && answers.length < 20);
    return answers;
  }

  const codesOf = (answers: Answer[]) => answers.flatMap((a) => a.page?.entries.map((e) => e['trackingCode'] as string) ?? []);

  const FILTERS: Record<string, unknown>[] = [
    {},
    { status: ['RECEIVED'] },
    { status: ['RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS'] },
    { status: [] },
    { category: 'jalan-rusak' },
    { category: 'sampah' },
    { area: '53.71.04' },
    { area: '53.71.01.1001' },
    { overdue: true },
    { overdue: false },
    { escalated: true },
    { escalated: false },
    { assignedTo: 'ME' },
    { assignedTo: ' unassigned ' },
    { assignedTo: 'Budi@dinas-pupr.test' },
    { text: 'mawar' },
    { text: '50%' },
    { text: '   ' },
    { agency: 'dinas-pupr' },
    { agency: 'upt-kebersihan-oebobo', escalated: true },
    { escalated: true, area: '53.71.04', status: ['RECEIVED'] },
    { category: 'jalan-rusak', overdue: false, assignedTo: 'UNASSIGNED', text: 'a' },
  ];

  it.each(VIEWERS)('lists for %s the same entries, order, cursors, pages and counts as the Report connection, for every filter and order', async (who) => {
    let listed = 0;
    for (const filter of FILTERS) {
      for (const order of ['NEWEST', 'MOST_OVERDUE']) {
        const asked = { ...filter, order };
        const [old, now] = [await pages('old', viewers[who], asked), await pages('new', viewers[who], asked)];
        expect(now, JSON.stringify(asked)).toEqual(old);
        listed += codesOf(old).length;
      }
    }
    // Real lists were compared, not just refusals (a session on its one-time password gets only those).
    if (who === 'fresh') expect(listed).toBe(0);
    else expect(listed).toBeGreaterThan(8);
  });

  it('pages by keyset: a cursor from either shape continues the other, ties in time broken by id', async () => {
    const filter = { category: 'jalan-rusak', order: 'NEWEST' };
    const first = await ask('new', viewers.admin, { filter, first: 1 });
    expect(first.page!.entries.map((e) => e['trackingCode'])).toEqual([codes.road3]);
    // road1 and road2 share a second: one page boundary between them, then the other.
    const second = await ask('old', viewers.admin, { filter, first: 1, after: first.page!.pageInfo['endCursor'] });
    const third = await ask('new', viewers.admin, { filter, first: 1, after: second.page!.entries[0]!['cursor'] });
    expect([second, third].map((a) => a.page!.entries[0]!['trackingCode']).sort()).toEqual([codes.road1, codes.road2].sort());
    expect(third.page!.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(third.page!.totalCount).toBe(3);
  });

  it('shows what a row shows: names in the asked language, the area, the agency, the assignee and the badges', async () => {
    const page = (await ask('new', viewers.ana, { filter: { category: 'jalan-rusak' }, locale: 'EN' })).page!;
    expect(page.entries[0]).toEqual({
      cursor: expect.any(String),
      trackingCode: codes.road3,
      status: 'RECEIVED',
      description: 'Diskon 50% lubang_besar',
      placeText: 'gang MAWAR',
      submittedAt: '2026-12-01T02:00:02.000Z',
      dueAt: expect.any(String),
      overdue: false,
      escalatedAt: '2026-12-01T02:00:30.000Z',
      categoryCode: 'jalan-rusak',
      categoryName: expect.any(String),
      areaCode: '53.71.04.1001',
      areaDisplayName: 'Kelurahan Oebobo',
      timeZone: 'Asia/Makassar',
      agencySlug: 'dinas-pupr',
      agencyName: expect.any(String),
      agencyShortName: 'Dinas PUPR',
      assigneeName: 'Budi',
      assigneeEmail: 'budi@dinas-pupr.test',
    });
    const names = async (locale: string) =>
      (await ask('new', viewers.ana, { filter: { category: 'jalan-rusak' }, first: 1, locale })).page!.entries[0]!['categoryName'];
    expect(await names('ID')).not.toEqual(await names('EN'));
    // Both water reports came in the same second: which is first is the keyset's tie on id.
    const water = (await ask('new', viewers.pdam, { filter: { overdue: true } })).page!;
    expect(water.entries.map((e) => [e['trackingCode'], e['overdue']]).sort()).toEqual(
      [
        [codes.water1, true],
        [codes.water2, true],
      ].sort(),
    );
  });

  it('never shows another agency’s reports: staff see their own, a supervisor also the escalations of agencies escalating directly to theirs, an ADMIN their city', async () => {
    const prisma = aduan.test.database.prisma;
    const ofAgencies = async (...slugs: string[]) =>
      (await prisma.report.findMany({ where: { agency: { slug: { in: slugs } } }, select: { trackingCode: true } })).map((r) => r.trackingCode).sort();
    const listed = async (headers: Headers, filter: Record<string, unknown> = {}) => codesOf(await pages('new', headers, filter, 100)).sort();

    expect(await listed(viewers.budi)).toEqual(await ofAgencies('dinas-pupr'));
    expect(await listed(viewers.pdam)).toEqual(await ofAgencies('pdam-tirta-kupang'));
    expect(await listed(viewers.pusat)).toEqual(await ofAgencies('pusat-pengaduan'));
    expect(await listed(viewers.admin)).toEqual((await prisma.report.findMany({ select: { trackingCode: true } })).map((r) => r.trackingCode).sort());
    // Escalated and open only, and only one link up: dinas-pupr's and dlhk's for pusat-pengaduan, not dlhk's own UPT's.
    expect(await listed(viewers.pusat, { escalated: true })).toEqual([codes.road3, codes.rubbish2].sort());
    expect(await listed(viewers.dlhk, { escalated: true })).toEqual([codes.rubbish1, codes.rubbish2].sort());
    expect(await listed(viewers.pusatStaff, { escalated: true })).toEqual([]);
    for (const [headers, filter] of [
      [viewers.budi, { agency: 'pdam-tirta-kupang' }],
      [viewers.pdam, { agency: 'dinas-pupr' }],
      [viewers.pusat, { agency: 'dinas-pupr' }], // overseen only with `escalated: true`
      [viewers.pusatStaff, { agency: 'dinas-pupr', escalated: true }],
      [viewers.pusat, { agency: 'upt-kebersihan-oebobo', escalated: true }],
    ] as const) {
      const answer = await ask('new', headers, { filter });
      expect(answer.page, JSON.stringify(filter)).toBeNull();
      expect(answer.errors?.[0]?.code).toBe('FORBIDDEN');
    }
    for (const [headers, code] of [
      [{}, 'UNAUTHENTICATED'],
      [viewers.fresh, 'PASSWORD_CHANGE_REQUIRED'],
    ] as const) {
      const answer = await ask('new', headers, {});
      expect(answer).toEqual({ page: null, errors: [expect.objectContaining({ code })] });
    }
  });

  it('refuses bad input as the Report connection does, before reading any report', async () => {
    const newest = (await ask('new', viewers.admin, { first: 1 })).page!.pageInfo['endCursor'];
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const [variables, headers, code, field] of [
      [{ first: 0 }, viewers.admin, 'INVALID_FILTER', 'first'],
      [{ first: 101 }, viewers.admin, 'INVALID_FILTER', 'first'],
      [{ first: -5 }, viewers.admin, 'INVALID_FILTER', 'first'],
      [{ after: 'garbage' }, viewers.admin, 'INVALID_FILTER', 'after'],
      [{ after: forged(['NEWEST', 'not a time', 'x']) }, viewers.admin, 'INVALID_FILTER', 'after'],
      [{ after: forged(['NEWEST', '2026-12-01T02:00:00Z', 'x'.repeat(65)]) }, viewers.admin, 'INVALID_FILTER', 'after'],
      [{ after: newest, filter: { order: 'MOST_OVERDUE' } }, viewers.admin, 'INVALID_FILTER', 'after'],
      [{ filter: { area: '99' } }, viewers.admin, 'INVALID_FILTER', 'filter.area'],
      [{ filter: { category: 'nope' } }, viewers.admin, 'INVALID_FILTER', 'filter.category'],
      [{ filter: { text: 'x'.repeat(201) } }, viewers.admin, 'INVALID_FILTER', 'filter.text'],
      [{ filter: { assignedTo: 'ME' } }, viewers.admin, 'INVALID_FILTER', 'filter.assignedTo'],
      [{ filter: { assignedTo: 'nobody@dinas-pupr.test' } }, viewers.budi, 'INVALID_FILTER', 'filter.assignedTo'],
      [{ filter: { assignedTo: 'budi@dinas-pupr.test' } }, viewers.pdam, 'INVALID_FILTER', 'filter.assignedTo'],
      [{ filter: { agency: 'nope' } }, viewers.admin, 'UNKNOWN_AGENCY', 'filter.agency'],
    ] as const) {
      const old = await ask('old', headers, variables);
      statements.length = 0;
      const now = await ask('new', headers, variables);
      expect(now, JSON.stringify(variables)).toEqual(old);
      expect(now.page).toBeNull();
      expect(now.errors?.[0], JSON.stringify(variables)).toMatchObject({ code, field });
      expect(
        statements.filter((sql) => sql.includes('"Report"')),
        JSON.stringify(variables),
      ).toEqual([]);
    }
  });

  it('reads a page, with its count, in one statement', async () => {
    statements.length = 0;
    const answer = await ask('new', viewers.ana, { filter: { status: ['RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS'] }, first: 25 });
    expect(answer.page!.entries.length).toBeGreaterThan(2);
    expect(statements.filter((sql) => sql.includes('"Report"'))).toHaveLength(1);
  });

  it('counts what each of the console’s chips asks, one statement each, as the Report connection counts it', async () => {
    const chips = {
      open: { status: ['RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS'] },
      overdue: { overdue: true },
      mine: { assignedTo: 'ME' },
      unassigned: { assignedTo: 'UNASSIGNED' },
    };
    const counts = (field: string) => `query($open: InboxFilter, $overdue: InboxFilter, $mine: InboxFilter, $unassigned: InboxFilter) {
      ${Object.keys(chips)
        .map((chip) => `${chip}: ${field}(filter: $${chip}, first: 1) { totalCount }`)
        .join('\n')}
    }`;
    for (const who of ['budi', 'ana', 'pusat'] as const) {
      const old = await aduan.gql(counts('inbox'), chips, viewers[who]);
      statements.length = 0;
      const now = await aduan.gql(counts('inboxPage'), chips, viewers[who]);
      expect(now.errors).toBeUndefined();
      expect(now.data, who).toEqual(old.data);
      expect(statements.filter((sql) => sql.includes('"Report"'))).toHaveLength(4);
    }
    const budi = (await aduan.gql(counts('inboxPage'), chips, viewers.budi)).data!;
    expect(budi['mine']).toEqual({ totalCount: 2 });
  });
});

describe('the inbox page on a database this process migrated', () => {
  it('filters by status, overdue and escalation on a new embedded database (as a first `aduan serve` has)', async () => {
    // PGlite learns of enum array types when it starts: here they come with the migrations after it.
    const database = await openDatabase({ embedded: 'memory://' });
    try {
      await applyMigrations(database);
      const viewer: Viewer = {
        via: 'token',
        id: 't',
        actor: 'token:t',
        agencyId: 'a',
        role: 'ADMIN',
        actsFor: new Set(['a']),
        area: '',
        mustChangePassword: false,
      };
      const context = { prisma: database.prisma, catalog: new RoutingCatalog(database.prisma, 0), viewer, now: () => new Date() };
      const page = await inboxPage(context, { status: ['RECEIVED'], overdue: true, escalated: false }, 25, null, { entries: true, count: true });
      expect(page).toMatchObject({ entries: [], totalCount: 0, pageInfo: { hasNextPage: false } });
    } finally {
      await database.close();
    }
  });
});
