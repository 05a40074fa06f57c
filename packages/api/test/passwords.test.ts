// One-time passwords and changePassword: a session signed in with a one-time password
// may only read `me`, change the password or log out (PASSWORD_CHANGE_REQUIRED for every
// other staff field); API tokens are unaffected; a change ends the account's other
// sessions; a reset ends all of them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, resetStaffPassword } from '../src/staff/index.js';
import { verifyPassword } from '../src/staff/password.js';
import { createTestAduan, KUPANG, SUBMIT, type TestAduan } from './support/aduan.js';
import { databaseKinds } from './support/databases.js';
import { LOGIN, logIn, signedInStaff, type SignedIn } from './support/staff.js';

const CHANGE = /* GraphQL */ `
  mutation Change($current: String!, $next: String!) {
    changePassword(currentPassword: $current, newPassword: $next) {
      __typename
      ... on PasswordChanged { staff { email mustChangePassword } }
      ... on InvalidInput { code message fields { field } }
    }
  }
`;

describe.each(databaseKinds)('passwords on %s', (kind) => {
  let aduan: TestAduan;
  let clock = new Date('2026-12-01T02:00:00Z');
  let token: Record<string, string>;
  let code: string;

  beforeAll(async () => {
    aduan = await createTestAduan(kind, { now: () => clock });
    token = {
      authorization: `Bearer ${(await createApiToken(aduan.test.database.prisma, { agency: 'dinas-pupr', role: 'SUPERVISOR', name: 'ticketing' })).token}`,
    };
    const submitted = await aduan.gql(SUBMIT, { input: { site: 'demo', category: 'jalan-rusak', description: 'Jalan berlubang', location: KUPANG.oebobo } });
    code = submitted.data!.submitReport.report.trackingCode;
  }, 60_000);
  afterAll(async () => {
    await aduan?.close();
  });

  async function account(email: string) {
    return aduan.test.database.prisma.staffAccount.findUniqueOrThrow({ where: { email }, include: { sessions: true } });
  }

  /** Everything a staff request could change. */
  async function state() {
    const prisma = aduan.test.database.prisma;
    const [reports, events, accounts, sessions] = await Promise.all([
      prisma.report.findMany({ orderBy: { id: 'asc' } }),
      prisma.reportEvent.count(),
      prisma.staffAccount.findMany({ orderBy: { id: 'asc' } }),
      prisma.staffSession.findMany({ orderBy: { id: 'asc' }, select: { id: true } }),
    ]);
    return { reports, events, accounts, sessions };
  }

  it('gives one-time passwords that can be read aloud, typed with or without their spaces', async () => {
    const budi = await signedInStaff(aduan, { agency: 'dinas-pupr', email: 'budi.baca@pupr.test', role: 'STAFF', name: 'Budi' }, { oneTimePassword: true });
    expect(budi.password).toMatch(/^\d{4} \d{4} \d{4} \d{4} \d{4}$/);
    const digits = budi.password.replaceAll(' ', '');
    for (const typed of [digits, digits.match(/.{4}/g)!.join('-'), ` ${budi.password} `.replaceAll(' ', '  ')]) {
      const login = await aduan.gql(LOGIN, { email: 'budi.baca@pupr.test', password: typed });
      expect(login.data!.login.__typename, typed).toBe('LoggedIn');
    }
    // A digit wrong is a wrong password.
    const wrong = `${digits.slice(0, -1)}${(Number(digits.at(-1)) + 1) % 10}`;
    expect((await aduan.gql(LOGIN, { email: 'budi.baca@pupr.test', password: wrong })).data!.login.__typename).toBe('InvalidInput');
    // Twenty digits each time, evenly spread.
    const { generatePassword } = await import('../src/staff/password.js');
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 500; i++) for (const d of generatePassword().replaceAll(' ', '')) counts[Number(d)]++;
    for (const n of counts) expect(n).toBeGreaterThan(800); // 1,000 each expected of 10,000
  });

  it('lets a one-time password session read only `me` until it is changed; tokens are unaffected', async () => {
    const ana = await signedInStaff(aduan, { agency: 'dinas-pupr', email: 'ana@pupr.test', role: 'SUPERVISOR', name: 'Ana' }, { oneTimePassword: true });
    const login = await aduan.gql(LOGIN, { email: 'ana@pupr.test', password: ana.password });
    expect(login.data!.login.staff).toMatchObject({ email: 'ana@pupr.test', mustChangePassword: true });
    expect((await aduan.gql('{ me { email mustChangePassword } }', {}, ana.headers)).data!.me).toEqual({ email: 'ana@pupr.test', mustChangePassword: true });

    const before = await state();
    for (const [query, variables] of [
      ['query($c: String!) { report(trackingCode: $c) { description } }', { c: code }],
      ['{ inbox { edges { node { trackingCode } } } }', {}],
      ['query($r: [_Any!]!) { _entities(representations: $r) { ... on Report { description } } }', { r: [{ __typename: 'Report', trackingCode: code }] }],
      ['{ agencyStaff { email } }', {}],
      ['mutation($i: UpdateReportStatusInput!) { updateReportStatus(input: $i) { __typename } }', { i: { trackingCode: code, status: 'ACKNOWLEDGED' } }],
      ['mutation($i: AddReportNoteInput!) { addReportNote(input: $i) { __typename } }', { i: { trackingCode: code, internalNote: 'cek' } }],
      ['mutation($c: String!) { assignReport(trackingCode: $c, assignee: "ana@pupr.test") { __typename } }', { c: code }],
      ['mutation($c: String!) { rerouteReport(trackingCode: $c, agency: "dishub", reason: "lampu jalan") { __typename } }', { c: code }],
    ] as const) {
      const result = await aduan.gql(query, variables, ana.headers);
      expect(result.errors?.[0]?.extensions?.code, query).toBe('PASSWORD_CHANGE_REQUIRED');
      expect(JSON.stringify(result.data ?? null)).not.toContain('berlubang');
    }
    expect(await state()).toEqual(before);
    // Public queries answer as for anyone.
    expect((await aduan.gql('query($c: String!) { reportStatus(trackingCode: $c) { status } }', { c: code }, ana.headers)).data!.reportStatus.status).toBe(
      'RECEIVED',
    );
    // The agency's token works all along.
    expect((await aduan.gql('query($c: String!) { report(trackingCode: $c) { description } }', { c: code }, token)).data!.report.description).toBe(
      'Jalan berlubang',
    );
    expect((await aduan.gql('{ me { kind mustChangePassword } }', {}, token)).data!.me).toEqual({ kind: 'TOKEN', mustChangePassword: false });

    // Replacing it opens everything, and the one-time password stops working.
    const changed = await aduan.gql(CHANGE, { current: ana.password, next: 'kupang-kota-kasih-2026' }, ana.headers);
    expect(changed.data!.changePassword).toEqual({ __typename: 'PasswordChanged', staff: { email: 'ana@pupr.test', mustChangePassword: false } });
    expect((await aduan.gql('{ inbox { edges { node { trackingCode } } } }', {}, ana.headers)).data!.inbox.edges).toHaveLength(1);
    expect((await aduan.gql(LOGIN, { email: 'ana@pupr.test', password: ana.password })).data!.login.code).toBe('INVALID_CREDENTIALS');
    expect((await aduan.gql(LOGIN, { email: 'ana@pupr.test', password: 'kupang-kota-kasih-2026' })).data!.login.__typename).toBe('LoggedIn');
  });

  it('refuses a short, overlong, e-mail-like, unchanged password or a wrong current one, changing nothing', async () => {
    const budi: SignedIn = await signedInStaff(
      aduan,
      { agency: 'dinas-pupr', email: 'budi@pupr.test', role: 'STAFF', name: 'Budi' },
      { oneTimePassword: true },
    );
    const before = await state();
    for (const [current, next, expected] of [
      [budi.password, 'sebelas-huruf'.slice(0, 11), 'PASSWORD_TOO_SHORT newPassword'],
      [budi.password, 'x'.repeat(1025), 'PASSWORD_TOO_LONG newPassword'],
      [budi.password, ' BUDI@pupr.test ', 'PASSWORD_IS_EMAIL newPassword'],
      [budi.password, budi.password, 'PASSWORD_UNCHANGED newPassword'],
      ['not-the-password', 'kupang-kota-kasih-2026', 'WRONG_PASSWORD currentPassword'],
      ['', 'kupang-kota-kasih-2026', 'WRONG_PASSWORD currentPassword'],
    ] as const) {
      const result = await aduan.gql(CHANGE, { current, next }, budi.headers);
      const outcome = result.data!.changePassword;
      expect(`${outcome.code} ${outcome.fields?.[0]?.field}`, next).toBe(expected);
      expect(outcome.message).toMatch(/\.$/);
    }
    expect(await state()).toEqual(before);
    expect(await verifyPassword(budi.password, (await account('budi@pupr.test')).passwordHash)).toBe(true);
  });

  it('sets the new password, clears the flag and ends only the account’s other sessions', async () => {
    const citra = await signedInStaff(aduan, { agency: 'dinas-pupr', email: 'citra@pupr.test', role: 'STAFF', name: 'Citra' }, { oneTimePassword: true });
    const phone = await logIn(aduan, 'citra@pupr.test', citra.password);
    const colleague = await signedInStaff(aduan, { agency: 'dinas-pupr', email: 'dodi@pupr.test', role: 'STAFF', name: 'Dodi' });
    clock = new Date(clock.getTime() + 60_000);
    // Exactly 12 characters is enough.
    const result = await aduan.gql(CHANGE, { current: citra.password, next: 'dua-belas-12' }, citra.headers);
    expect(result.data!.changePassword.__typename).toBe('PasswordChanged');
    const stored = await account('citra@pupr.test');
    expect(stored).toMatchObject({ mustChangePassword: false, passwordChangedAt: clock });
    expect(stored.sessions).toHaveLength(1);
    expect((await aduan.gql('{ me { email } }', {}, citra.headers)).data!.me).toEqual({ email: 'citra@pupr.test' });
    expect((await aduan.gql('{ me { email } }', {}, phone)).data!.me).toBeNull();
    expect((await aduan.gql('{ me { email } }', {}, colleague.headers)).data!.me).toEqual({ email: 'dodi@pupr.test' });

    // Later changes work the same way (the console offers it in the header).
    const again = await aduan.gql(CHANGE, { current: 'dua-belas-12', next: 'tiga-belas-13' }, citra.headers);
    expect(again.data!.changePassword.staff.mustChangePassword).toBe(false);
  });

  it('is for signed-in people: an API token is FORBIDDEN, nobody is UNAUTHENTICATED, a form post with the cookie counts for nobody', async () => {
    const dewi = await signedInStaff(aduan, { agency: 'dinas-pupr', email: 'dewi@pupr.test', role: 'STAFF', name: 'Dewi' }, { oneTimePassword: true });
    const before = await state();
    const byToken = await aduan.gql(CHANGE, { current: 'x', next: 'kupang-kota-kasih-2026' }, token);
    expect(byToken.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(byToken.errors?.[0]?.message).toMatch(/token/i);
    expect((await aduan.gql(CHANGE, { current: 'x', next: 'kupang-kota-kasih-2026' })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const form = await aduan.yoga.fetch('http://aduan.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', accept: 'application/json', ...dewi.headers },
      body: JSON.stringify({ query: CHANGE, variables: { current: dewi.password, next: 'kupang-kota-kasih-2026' } }),
    });
    expect(await form.text()).not.toContain('PasswordChanged');
    expect(await state()).toEqual(before);
  });

  it('resets a password: a new one-time password, and every session of the account ends', async () => {
    const eko = await signedInStaff(aduan, { agency: 'dinas-pupr', email: 'eko@pupr.test', role: 'STAFF', name: 'Eko' });
    const reset = await resetStaffPassword(aduan.test.database.prisma, { email: 'Eko@pupr.test' });
    expect(reset).toMatchObject({ sessionsEnded: 1, password: expect.stringMatching(/^\d{4}( \d{4}){4}$/) });
    expect((await aduan.gql('{ me { email } }', {}, eko.headers)).data!.me).toBeNull();
    expect((await aduan.gql(LOGIN, { email: 'eko@pupr.test', password: eko.password })).data!.login.code).toBe('INVALID_CREDENTIALS');
    const fresh = await logIn(aduan, 'eko@pupr.test', reset.password);
    expect((await aduan.gql('{ me { mustChangePassword } }', {}, fresh)).data!.me.mustChangePassword).toBe(true);
    expect((await aduan.gql('{ inbox { edges { cursor } } }', {}, fresh)).errors?.[0]?.extensions?.code).toBe('PASSWORD_CHANGE_REQUIRED');
  });
});
