// Who has a report in hand: assignReport by supervisors and by staff for themselves,
// the internal ASSIGNED event, the picker (agencyStaff), the inbox's assignedTo and
// escalated filters with keyset pages intact, and disabling an account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportChanges, type ReportChange } from '../src/events/report-changes.js';
import { addStaffAccount, createApiToken, disableStaffAccount } from '../src/staff/index.js';
import { createTestAduan, KUPANG, SUBMIT, type TestAduan } from './support/aduan.js';
import { databaseKinds } from './support/databases.js';
import { signedInStaff, type SignedIn } from './support/staff.js';

const ASSIGN = /* GraphQL */ `
  mutation Assign($code: String!, $assignee: String) {
    assignReport(trackingCode: $code, assignee: $assignee) {
      __typename
      ... on ReportUpdated { report { trackingCode status assignee { name email } } }
      ... on InvalidInput { code message fields { field } }
    }
  }
`;
const REPORT = /* GraphQL */ `
  query Report($code: String!) {
    report(trackingCode: $code) {
      assignee { name email }
      events { kind status actor actorName publicNote internalNote assignee { name email } previousAssignee { name email } }
    }
  }
`;
const INBOX = /* GraphQL */ `
  query Inbox($filter: InboxFilter, $first: Int, $after: String) {
    inbox(filter: $filter, first: $first, after: $after) {
      edges { node { trackingCode assignee { email } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

describe.each(databaseKinds)('assignment on %s', (kind) => {
  let aduan: TestAduan;
  let clock = new Date('2026-12-01T02:00:00Z');
  const changes = new ReportChanges();
  const published: ReportChange[] = [];
  changes.subscribe((change) => void published.push(change));
  let ana: SignedIn; // SUPERVISOR, dinas-pupr
  let budi: SignedIn; // STAFF, dinas-pupr
  let citra: SignedIn; // STAFF, dinas-pupr
  let pdamAdmin: Record<string, string>;
  let staffToken: Record<string, string>;

  beforeAll(async () => {
    aduan = await createTestAduan(kind, { now: () => clock, changes });
    const prisma = aduan.test.database.prisma;
    ana = await signedInStaff(aduan, { agency: 'dinas-pupr', email: 'ana@pupr.test', role: 'SUPERVISOR', name: 'Ana' });
    budi = await signedInStaff(aduan, { agency: 'dinas-pupr', email: 'budi@pupr.test', role: 'STAFF', name: 'Budi' });
    citra = await signedInStaff(aduan, { agency: 'dinas-pupr', email: 'citra@pupr.test', role: 'STAFF', name: 'Citra' });
    const { account: gone } = await addStaffAccount(prisma, { agency: 'dinas-pupr', email: 'dodi@pupr.test', role: 'STAFF', name: 'Dodi' });
    await prisma.staffAccount.update({ where: { id: gone.id }, data: { disabledAt: clock } });
    await addStaffAccount(prisma, { agency: 'pdam-tirta-kupang', email: 'dewi@pdam.test', role: 'STAFF', name: 'Dewi' });
    pdamAdmin = { authorization: `Bearer ${(await createApiToken(prisma, { agency: 'pdam-tirta-kupang', role: 'ADMIN', name: 'admin' })).token}` };
    staffToken = { authorization: `Bearer ${(await createApiToken(prisma, { agency: 'dinas-pupr', role: 'STAFF', name: 'ticketing' })).token}` };
  }, 60_000);
  afterAll(async () => {
    await aduan?.close();
  });

  async function submit(category = 'jalan-rusak', description = 'Jalan berlubang di depan sekolah'): Promise<string> {
    clock = new Date(clock.getTime() + 1_000);
    const response = await aduan.gql(SUBMIT, { input: { site: 'demo', category, description, location: KUPANG.oebobo } });
    expect(response.data?.submitReport.__typename, JSON.stringify(response)).toBe('ReportSubmitted');
    return response.data!.submitReport.report.trackingCode as string;
  }

  /** Everything an assignment could change. */
  async function state() {
    const prisma = aduan.test.database.prisma;
    const reports = await prisma.report.findMany({ orderBy: { id: 'asc' }, select: { id: true, assignedToId: true, updatedAt: true, status: true } });
    return { reports, events: await prisma.reportEvent.count() };
  }

  async function assign(code: string, assignee: string | null, headers: Record<string, string>) {
    const result = await aduan.gql(ASSIGN, { code, assignee }, headers);
    if (result.errors) return result.errors[0]!.extensions!.code as string;
    const outcome = result.data!.assignReport;
    return outcome.__typename === 'InvalidInput' ? `${outcome.code} ${outcome.fields[0].field}` : (outcome.report.assignee?.email ?? null);
  }

  it('lets a supervisor give a report to anyone in the agency, hand it on and take it back, each an internal ASSIGNED event', async () => {
    const code = await submit();
    published.length = 0;
    expect(await assign(code, ' Budi@PUPR.test ', ana.headers)).toBe('budi@pupr.test');
    expect(await assign(code, 'citra@pupr.test', ana.headers)).toBe('citra@pupr.test');
    expect(await assign(code, null, ana.headers)).toBe(null);

    const report = (await aduan.gql(REPORT, { code }, citra.headers)).data!.report;
    expect(report.assignee).toBeNull();
    const actor = `staff:${ana.account.id}`;
    expect(report.events.filter((e: any) => e.kind === 'ASSIGNED')).toEqual([
      {
        kind: 'ASSIGNED',
        status: 'RECEIVED',
        actor,
        actorName: 'Ana',
        publicNote: null,
        internalNote: null,
        assignee: { name: 'Budi', email: 'budi@pupr.test' },
        previousAssignee: null,
      },
      {
        kind: 'ASSIGNED',
        status: 'RECEIVED',
        actor,
        actorName: 'Ana',
        publicNote: null,
        internalNote: null,
        assignee: { name: 'Citra', email: 'citra@pupr.test' },
        previousAssignee: { name: 'Budi', email: 'budi@pupr.test' },
      },
      {
        kind: 'ASSIGNED',
        status: 'RECEIVED',
        actor,
        actorName: 'Ana',
        publicNote: null,
        internalNote: null,
        assignee: null,
        previousAssignee: { name: 'Citra', email: 'citra@pupr.test' },
      },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(published.map((c) => [c.kind, c.report.assignedToId])).toEqual([
      ['ASSIGNED', budi.account.id],
      ['ASSIGNED', citra.account.id],
      ['ASSIGNED', null],
    ]);

    // Residents never see who has it: the public timeline is only the submission.
    const pub = await aduan.gql('query($c: String!) { reportStatus(trackingCode: $c) { timeline { status note } } }', { c: code });
    expect(pub.data!.reportStatus.timeline).toEqual([{ status: 'RECEIVED', note: null }]);
    expect(JSON.stringify(pub)).not.toMatch(/budi|citra|ana/i);

    // An ADMIN of any agency may assign, within the report's agency only.
    expect(await assign(code, 'budi@pupr.test', pdamAdmin)).toBe('budi@pupr.test');
    const before = await state();
    expect(await assign(code, 'dewi@pdam.test', pdamAdmin)).toBe('UNKNOWN_ASSIGNEE assignee');
    expect(await state()).toEqual(before);
  });

  it('lets a STAFF member take an unassigned report and give up their own, and nothing else', async () => {
    const code = await submit();
    const refused = async (assignee: string | null, headers: Record<string, string>, expected: string) => {
      const before = await state();
      expect(await assign(code, assignee, headers), `${assignee}`).toBe(expected);
      expect(await state()).toEqual(before);
    };
    await refused('citra@pupr.test', budi.headers, 'FORBIDDEN'); // not for someone else
    await refused(null, budi.headers, 'NOT_ASSIGNED assignee');
    await refused('budi@pupr.test', staffToken, 'FORBIDDEN'); // a token is nobody
    expect(await assign(code, 'budi@pupr.test', budi.headers)).toBe('budi@pupr.test');
    await refused('budi@pupr.test', budi.headers, 'ALREADY_ASSIGNED assignee');
    await refused('citra@pupr.test', citra.headers, 'ALREADY_ASSIGNED assignee'); // not from a colleague
    await refused(null, citra.headers, 'FORBIDDEN');
    await refused('citra@pupr.test', budi.headers, 'FORBIDDEN');
    expect(await assign(code, null, budi.headers)).toBe(null);
    expect(await assign(code, 'citra@pupr.test', citra.headers)).toBe('citra@pupr.test');

    const events = (await aduan.gql(REPORT, { code }, ana.headers)).data!.report.events.filter((e: any) => e.kind === 'ASSIGNED');
    expect(events.map((e: any) => [e.actor, e.actorName, e.assignee?.name ?? null])).toEqual([
      [`staff:${budi.account.id}`, 'Budi', 'Budi'],
      [`staff:${budi.account.id}`, 'Budi', null],
      [`staff:${citra.account.id}`, 'Citra', 'Citra'],
    ]);
  });

  it('refuses every bad assignment with a typed error, writing nothing', async () => {
    const code = await submit();
    const closed = await submit();
    const pdamReport = await submit('air-mati', 'Air tidak mengalir sejak kemarin');
    const ackFirst = await aduan.gql(
      'mutation($i: UpdateReportStatusInput!) { updateReportStatus(input: $i) { __typename } }',
      { i: { trackingCode: closed, status: 'REJECTED', reason: 'OUT_OF_SCOPE' } },
      ana.headers,
    );
    expect(ackFirst.data!.updateReportStatus.__typename).toBe('ReportUpdated');
    await aduan.gql(
      'mutation($i: UpdateReportStatusInput!) { updateReportStatus(input: $i) { __typename } }',
      { i: { trackingCode: closed, status: 'CLOSED' } },
      ana.headers,
    );
    expect(await assign(code, 'citra@pupr.test', ana.headers)).toBe('citra@pupr.test');

    const before = await state();
    for (const [reportCode, assignee, expected] of [
      ['KPG-00000-00000', 'budi@pupr.test', 'UNKNOWN_REPORT trackingCode'],
      [code, 'nobody@pupr.test', 'UNKNOWN_ASSIGNEE assignee'],
      [code, 'dodi@pupr.test', 'UNKNOWN_ASSIGNEE assignee'], // disabled
      [code, 'dewi@pdam.test', 'UNKNOWN_ASSIGNEE assignee'], // another agency
      [code, '', 'UNKNOWN_ASSIGNEE assignee'],
      [code, `${'x'.repeat(300)}@pupr.test`, 'UNKNOWN_ASSIGNEE assignee'],
      [code, 'citra@pupr.test', 'ALREADY_ASSIGNED assignee'],
      [closed, 'budi@pupr.test', 'INVALID_TRANSITION trackingCode'],
      [pdamReport, 'budi@pupr.test', 'FORBIDDEN'],
      [pdamReport, null, 'FORBIDDEN'],
    ] as const) {
      expect(await assign(reportCode, assignee, ana.headers), `${reportCode} ${assignee}`).toBe(expected);
    }
    expect(await assign(code, null, ana.headers)).toBe(null);
    const after = await state();
    expect(await assign(code, null, ana.headers)).toBe('NOT_ASSIGNED assignee');
    expect(await state()).toEqual(after);
    expect(after.events).toBe(before.events + 1);

    const anonymous = await aduan.gql(ASSIGN, { code, assignee: 'budi@pupr.test' });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await state()).toEqual(after);
  });

  it('lists the agency’s active staff for the picker, names and e-mails only', async () => {
    const own = await aduan.gql('{ agencyStaff { name email } }', {}, ana.headers);
    expect(own.data!.agencyStaff).toEqual([
      { name: 'Ana', email: 'ana@pupr.test' },
      { name: 'Budi', email: 'budi@pupr.test' },
      { name: 'Citra', email: 'citra@pupr.test' },
    ]);
    const fields = await aduan.gql('{ __type(name: "StaffMember") { fields { name } } }');
    expect(fields.data!.__type.fields.map((f: { name: string }) => f.name).sort()).toEqual(['email', 'name']);
    expect((await aduan.gql('{ agencyStaff(agency: "pdam-tirta-kupang") { email } }', {}, pdamAdmin)).data!.agencyStaff).toEqual([{ email: 'dewi@pdam.test' }]);
    const unknown = await aduan.gql('{ agencyStaff(agency: "nope") { email } }', {}, pdamAdmin);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'UNKNOWN_AGENCY', field: 'agency' });
    expect((await aduan.gql('{ agencyStaff { email } }', {}, budi.headers)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('filters the inbox by assignee (ME, UNASSIGNED, an e-mail) and by escalation, keyset pages intact', async () => {
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push(await submit('trotoar-rusak', `Trotoar retak nomor ${i}`));
    for (const i of [0, 2, 4]) expect(await assign(made[i]!, 'budi@pupr.test', ana.headers)).toBe('budi@pupr.test');
    expect(await assign(made[3]!, 'citra@pupr.test', ana.headers)).toBe('citra@pupr.test');
    const pages = async (filter: Record<string, unknown>, headers: Record<string, string>) => {
      const codes: string[][] = [];
      let after: string | null = null;
      do {
        const result: any = await aduan.gql(INBOX, { filter: { category: 'trotoar-rusak', ...filter }, first: 2, after }, headers);
        expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
        codes.push(result.data.inbox.edges.map((e: any) => e.node.trackingCode));
        after = result.data.inbox.pageInfo.hasNextPage ? result.data.inbox.pageInfo.endCursor : null;
      } while (after);
      return codes;
    };
    expect(await pages({ assignedTo: 'ME' }, budi.headers)).toEqual([[made[4], made[2]], [made[0]]]);
    expect(await pages({ assignedTo: 'me', order: 'MOST_OVERDUE' }, budi.headers)).toEqual([[made[0], made[2]], [made[4]]]);
    expect(await pages({ assignedTo: 'Budi@pupr.test' }, ana.headers)).toEqual([[made[4], made[2]], [made[0]]]);
    expect(await pages({ assignedTo: 'UNASSIGNED' }, citra.headers)).toEqual([[made[1]]]);
    expect(await pages({ assignedTo: 'ME' }, citra.headers)).toEqual([[made[3]]]);

    // Escalated: open reports the deadline job escalated.
    const prisma = aduan.test.database.prisma;
    await prisma.report.updateMany({ where: { trackingCode: { in: [made[1]!, made[2]!, made[3]!] } }, data: { escalatedAt: clock } });
    await aduan.gql(
      'mutation($i: UpdateReportStatusInput!) { updateReportStatus(input: $i) { __typename } }',
      { i: { trackingCode: made[3], status: 'REJECTED', reason: 'OUT_OF_SCOPE' } },
      ana.headers,
    );
    expect(await pages({ escalated: true }, ana.headers)).toEqual([[made[2], made[1]]]);
    expect(await pages({ escalated: true, assignedTo: 'UNASSIGNED' }, ana.headers)).toEqual([[made[1]]]);
    expect(await pages({ escalated: false }, ana.headers)).toEqual([[made[4], made[3]], [made[0]]]);

    for (const [filter, headers] of [
      [{ assignedTo: 'ME' }, staffToken], // a token has no reports of its own
      [{ assignedTo: 'nobody@pupr.test' }, ana.headers],
      [{ assignedTo: 'dewi@pdam.test' }, ana.headers], // another agency's: answered like an unknown one
    ] as const) {
      const result = await aduan.gql(INBOX, { filter }, headers);
      expect(result.errors?.[0]?.extensions, JSON.stringify(filter)).toMatchObject({ code: 'INVALID_FILTER', field: 'filter.assignedTo' });
      expect(result.data).toBeNull();
    }
    const known = await aduan.gql(INBOX, { filter: { assignedTo: 'budi@pupr.test', category: 'trotoar-rusak' } }, pdamAdmin);
    expect(known.data!.inbox.edges).toHaveLength(3);
  });

  it('unassigns a disabled account’s reports, ends its sessions, and takes it off the picker', async () => {
    const eko = await signedInStaff(aduan, { agency: 'dinas-pupr', email: 'eko@pupr.test', role: 'STAFF', name: 'Eko' });
    const code = await submit();
    expect(await assign(code, 'eko@pupr.test', eko.headers)).toBe('eko@pupr.test');
    const result = await disableStaffAccount(aduan.ledger, { email: 'EKO@pupr.test' }, clock);
    expect(result).toMatchObject({ sessionsEnded: 1, reportsUnassigned: 1 });
    expect((await aduan.gql('{ me { email } }', {}, eko.headers)).data!.me).toBeNull();
    const report = (await aduan.gql(REPORT, { code }, ana.headers)).data!.report;
    expect(report.assignee).toBeNull();
    expect(report.events.at(-1)).toMatchObject({ kind: 'ASSIGNED', actor: 'system', assignee: null, previousAssignee: { name: 'Eko' } });
    expect(JSON.stringify((await aduan.gql('{ agencyStaff { email } }', {}, ana.headers)).data)).not.toContain('eko@');
    expect(await assign(code, 'eko@pupr.test', ana.headers)).toBe('UNKNOWN_ASSIGNEE assignee');
  });
});
