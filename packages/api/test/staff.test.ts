// Agency staff: accounts, sessions and tokens, authorization in the schema (with
// assignment and the escalation parent's read-only view), the workflow (status,
// reroute, reopen, confirm) and the inbox's keyset pagination.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportChanges, type ReportChangeKind } from '../src/events/report-changes.js';
import { addStaffAccount, createApiToken, revokeApiToken } from '../src/staff/index.js';
import { deriveMilestones } from '../src/statistics/milestones.js';
import { hashPassword, verifyPassword } from '../src/staff/password.js';
import { createTestAduan, KUPANG, SUBMIT, type TestAduan } from './support/aduan.js';
import { databaseKinds } from './support/databases.js';

const ROLES = ['STAFF', 'SUPERVISOR', 'ADMIN'] as const;
type Role = (typeof ROLES)[number];
/** dinas-pupr's reports; pusat-pengaduan is its escalation parent (Kupang demo); pdam-tirta-kupang is unrelated. */
const AGENCY = { own: 'dinas-pupr', parent: 'pusat-pengaduan', other: 'pdam-tirta-kupang' } as const;
type Side = keyof typeof AGENCY;

const REPORT = /* GraphQL */ `
  query Report($code: String!) {
    report(trackingCode: $code) {
      trackingCode status description lat lng placeText allowedTransitions routingReason overdue dueAt duplicateOf
      reporter { name email phone }
      agency { slug }
      photos { id contentType width height }
      events { kind status publicNote internalNote actor reason }
    }
  }
`;
const INBOX = /* GraphQL */ `
  query Inbox($filter: InboxFilter, $first: Int, $after: String) {
    inbox(filter: $filter, first: $first, after: $after) {
      edges { cursor node { trackingCode status agency { slug } submittedAt dueAt overdue } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      totalCount
    }
  }
`;
const UPDATE = /* GraphQL */ `
  mutation Update($input: UpdateReportStatusInput!) {
    updateReportStatus(input: $input) {
      __typename
      ... on ReportUpdated { report { trackingCode status duplicateOf events { kind status publicNote internalNote actor actorName reason } } }
      ... on InvalidInput { code message fields { field } }
    }
  }
`;
const NOTE = /* GraphQL */ `
  mutation Note($input: AddReportNoteInput!) {
    addReportNote(input: $input) {
      __typename
      ... on ReportUpdated { report { trackingCode status events { kind status publicNote internalNote actor } } }
      ... on InvalidInput { code message fields { field } }
    }
  }
`;
const ASSIGN = /* GraphQL */ `
  mutation Assign($code: String!, $assignee: String) {
    assignReport(trackingCode: $code, assignee: $assignee) {
      __typename
      ... on ReportUpdated { report { trackingCode assignee { name email } events { kind actor assignee { email } previousAssignee { email } } } }
      ... on InvalidInput { code message fields { field } }
    }
  }
`;
const AGENCY_STAFF = /* GraphQL */ `
  query AgencyStaff($agency: String) { agencyStaff(agency: $agency) { name email } }
`;
const REROUTE = /* GraphQL */ `
  mutation Reroute($code: String!, $agency: String!, $reason: String!) {
    rerouteReport(trackingCode: $code, agency: $agency, reason: $reason) {
      __typename
      ... on ReportRerouted { trackingCode agency { slug } dueAt }
      ... on InvalidInput { code message }
    }
  }
`;
const REOPEN = /* GraphQL */ `
  mutation Reopen($code: String!, $reason: String!, $key: String!) {
    reopenReport(trackingCode: $code, reason: $reason, residentKey: $key) {
      __typename
      ... on PublicReportUpdated { report { status timeline { status note } } }
      ... on InvalidInput { code message }
    }
  }
`;
const CONFIRM = /* GraphQL */ `
  mutation Confirm($code: String!, $key: String!) {
    confirmResolved(trackingCode: $code, residentKey: $key) {
      __typename
      ... on PublicReportUpdated { report { status timeline { status note } } }
      ... on InvalidInput { code message }
    }
  }
`;

describe.each(databaseKinds)('staff on %s', (kind) => {
  let aduan: TestAduan;
  let clock = new Date('2026-12-01T02:00:00Z');
  const tokens = {} as Record<Side, Record<Role, string>>;
  let tokenByRole: (agency: Side, role: Role) => Record<string, string>;
  const changes = new ReportChanges();
  const published: { kind: ReportChangeKind; code: string; publicNote: string | null }[] = [];
  changes.subscribe((change) => {
    published.push({ kind: change.kind, code: change.report.trackingCode, publicNote: change.publicNote });
  });

  beforeAll(async () => {
    aduan = await createTestAduan(kind, { now: () => clock, changes });
    const prisma = aduan.test.database.prisma;
    for (const [side, agency] of Object.entries(AGENCY) as [Side, string][]) {
      tokens[side] = {} as Record<Role, string>;
      for (const role of ROLES) tokens[side][role] = (await createApiToken(prisma, { agency, role, name: `${side}-${role}` })).token;
    }
    tokenByRole = (agency, role) => ({ authorization: `Bearer ${tokens[agency][role]}` });
    // Colleagues to assign reports to: one in the reports' agency, one elsewhere.
    await addStaffAccount(prisma, { agency: 'dinas-pupr', email: 'budi@pupr.test', role: 'STAFF', name: 'Budi' });
    await addStaffAccount(prisma, { agency: 'pdam-tirta-kupang', email: 'dewi@pdam.test', role: 'STAFF', name: 'Dewi' });
  }, 60_000);
  afterAll(async () => {
    await aduan?.close();
  });

  /** Advances the controllable clock. */
  function tick(ms = 1_000) {
    clock = new Date(clock.getTime() + ms);
  }

  async function submit(category = 'jalan-rusak', extra: Record<string, unknown> = {}): Promise<string> {
    tick();
    const response = await aduan.gql(SUBMIT, {
      input: {
        site: 'demo',
        category,
        description: 'Jalan berlubang besar di depan pasar',
        location: KUPANG.oebobo,
        placeText: 'depan pasar',
        reporter: { name: 'Maria', email: 'maria@example.org' },
        ...extra,
      },
    });
    expect(response.data?.submitReport.__typename).toBe('ReportSubmitted');
    const code = response.data!.submitReport.report.trackingCode as string;
    residentKeys.set(code, response.data!.submitReport.residentKey);
    return code;
  }

  /** The key the server gave each report's reporter (the submissions send no hash of their own). */
  const residentKeys = new Map<string, string>();
  const asReporter = (code: string, more: Record<string, unknown> = {}) => ({ code, key: residentKeys.get(code) ?? 'no-such-key', ...more });

  /** Everything a staff request could change, to prove a refusal changed nothing. */
  async function state() {
    const prisma = aduan.test.database.prisma;
    const reports = await prisma.report.findMany({
      orderBy: { id: 'asc' },
      select: {
        id: true,
        status: true,
        agencyId: true,
        dueAt: true,
        routingDecision: true,
        duplicateOfId: true,
        updatedAt: true,
        firstRespondedAt: true,
        resolvedAt: true,
        rerouteCount: true,
        assignedToId: true,
        escalatedAt: true,
      },
    });
    return { reports, events: await prisma.reportEvent.count() };
  }

  async function statusOf(code: string) {
    return (await aduan.test.database.prisma.report.findUniqueOrThrow({ where: { trackingCode: code } })).status;
  }

  async function moveTo(code: string, path: string[], headers = tokenByRole('own', 'STAFF')) {
    for (const status of path) {
      const extra = status === 'REJECTED' ? { reason: 'OUT_OF_SCOPE' } : {};
      const result = await aduan.gql(UPDATE, { input: { trackingCode: code, status, ...extra } }, headers);
      expect(result.data?.updateReportStatus.__typename, JSON.stringify(result)).toBe('ReportUpdated');
    }
  }

  describe('passwords', () => {
    it('hashes with scrypt N=2^15 r=8 p=1, a 16-byte salt, and verifies', async () => {
      const hash = await hashPassword('correct horse');
      expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
      expect(await verifyPassword('correct horse', hash)).toBe(true);
      expect(await verifyPassword('correct horsE', hash)).toBe(false);
      expect(await verifyPassword('x', 'scrypt$1048576000$8$1$aa$bb')).toBe(false);
      expect(await hashPassword('correct horse')).not.toBe(hash);
    });
  });

  describe('authorization matrix', () => {
    it.each(ROLES.flatMap((role) => (['own', 'other'] as const).map((side) => [role, side] as const)))('%s of the %s agency', async (role, side) => {
      const code = await submit();
      const headers = tokenByRole(side, role);
      const allowed = side === 'own' || role === 'ADMIN';

      const before = await state();
      const report = await aduan.gql(REPORT, { code }, headers);
      if (allowed) {
        expect(report.errors).toBeUndefined();
        expect(report.data!.report).toMatchObject({
          trackingCode: code,
          description: 'Jalan berlubang besar di depan pasar',
          placeText: 'depan pasar',
          reporter: { name: 'Maria', email: 'maria@example.org' },
          agency: { slug: 'dinas-pupr' },
          allowedTransitions: ['ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED', 'REJECTED'],
        });
        expect(report.data!.report.lat).toBeCloseTo(KUPANG.oebobo.lat);
      } else {
        expect(report.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect(report.data?.report ?? null).toBeNull();
        expect(JSON.stringify(report)).not.toContain('berlubang');
      }

      const inbox = await aduan.gql(INBOX, { first: 100 }, headers);
      expect(inbox.errors).toBeUndefined();
      const codes = inbox.data!.inbox.edges.map((e: any) => e.node.trackingCode);
      expect(codes.includes(code)).toBe(allowed);
      if (role !== 'ADMIN') {
        const slug = side === 'own' ? 'dinas-pupr' : 'pdam-tirta-kupang';
        expect(inbox.data!.inbox.edges.every((e: any) => e.node.agency.slug === slug)).toBe(true);
        const theirs = await aduan.gql(INBOX, { filter: { agency: side === 'own' ? 'pdam-tirta-kupang' : 'dinas-pupr' } }, headers);
        expect(theirs.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect(theirs.data).toBeNull();
      }
      expect(await state()).toEqual(before);

      // Assignment: a SUPERVISOR or ADMIN who may act for the agency gives the report to someone there.
      const mayAssign = allowed && role !== 'STAFF';
      const assign = await aduan.gql(ASSIGN, { code, assignee: 'budi@pupr.test' }, headers);
      if (mayAssign) {
        expect(assign.data!.assignReport.report.assignee).toEqual({ name: 'Budi', email: 'budi@pupr.test' });
        expect(assign.data!.assignReport.report.events.at(-1)).toEqual({
          kind: 'ASSIGNED',
          actor: expect.stringMatching(/^token:/),
          assignee: { email: 'budi@pupr.test' },
          previousAssignee: null,
        });
      } else {
        expect(assign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect(assign.data?.assignReport ?? null).toBeNull();
        expect(await state()).toEqual(before);
      }
      // The picker: a supervisor's own agency; any agency for an ADMIN; nothing for STAFF.
      const picker = await aduan.gql(AGENCY_STAFF, { agency: 'dinas-pupr' }, headers);
      if (role === 'STAFF' || (role === 'SUPERVISOR' && side === 'other')) {
        expect(picker.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect(picker.data).toBeNull();
      } else {
        expect(picker.data!.agencyStaff).toContainEqual({ name: 'Budi', email: 'budi@pupr.test' });
        expect(JSON.stringify(picker.data)).not.toContain('dewi@pdam.test');
      }

      const update = await aduan.gql(UPDATE, { input: { trackingCode: code, status: 'ACKNOWLEDGED', publicNote: 'Diterima' } }, headers);
      if (allowed) {
        expect(update.data!.updateReportStatus.__typename).toBe('ReportUpdated');
        expect(update.data!.updateReportStatus.report.events.at(-1)).toMatchObject({
          kind: 'STATUS_CHANGED',
          status: 'ACKNOWLEDGED',
          publicNote: 'Diterima',
          actor: expect.stringMatching(/^token:[0-9a-f-]{36}$/),
        });
      } else {
        expect(update.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect(update.data?.updateReportStatus ?? null).toBeNull();
        expect(await state()).toEqual(before);
      }

      const mid = await state();
      const reroute = await aduan.gql(REROUTE, { code, agency: 'dishub', reason: 'Ini lampu jalan, bukan jalan' }, headers);
      const mayReroute = role === 'ADMIN' || (role === 'SUPERVISOR' && side === 'own');
      if (mayReroute) {
        expect(reroute.data!.rerouteReport).toMatchObject({ __typename: 'ReportRerouted', trackingCode: code, agency: { slug: 'dishub' } });
      } else {
        expect(reroute.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect(reroute.data?.rerouteReport ?? null).toBeNull();
        expect(await state()).toEqual(mid);
      }
    });

    it.each(ROLES.flatMap((role) => (['own', 'parent', 'other'] as const).map((side) => [role, side] as const)))(
      'an escalated report, for the %s of the %s agency',
      async (role, side) => {
        const prisma = aduan.test.database.prisma;
        const code = await submit();
        // What the escalation job does to an overdue report.
        await prisma.report.update({ where: { trackingCode: code }, data: { escalatedAt: clock } });
        const headers = tokenByRole(side, role);
        const acts = side === 'own' || role === 'ADMIN';
        const oversees = side === 'parent' && role === 'SUPERVISOR';
        const before = await state();

        const report = await aduan.gql(
          'query($code: String!) { report(trackingCode: $code) { trackingCode readOnly allowedTransitions escalatedAt description } }',
          { code },
          headers,
        );
        if (acts || oversees) {
          expect(report.errors).toBeUndefined();
          expect(report.data!.report).toEqual({
            trackingCode: code,
            readOnly: oversees,
            allowedTransitions: oversees ? [] : ['ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED', 'REJECTED'],
            escalatedAt: clock.toISOString(),
            description: 'Jalan berlubang besar di depan pasar',
          });
        } else {
          expect(report.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
          expect(JSON.stringify(report)).not.toContain('berlubang');
        }

        const listed = async (filter: Record<string, unknown>) => {
          const result = await aduan.gql(INBOX, { filter, first: 100 }, headers);
          if (result.errors) return result.errors[0]!.extensions!.code;
          return result.data!.inbox.edges.some((e: any) => e.node.trackingCode === code);
        };
        expect(await listed({ escalated: true })).toBe(acts || oversees);
        // Only the escalations view reaches another agency's reports.
        expect(await listed({})).toBe(acts);
        expect(await listed({ escalated: false })).toBe(false);
        expect(await listed({ escalated: true, agency: 'dinas-pupr' })).toBe(acts || oversees ? true : 'FORBIDDEN');
        expect(await listed({ agency: 'dinas-pupr' })).toBe(acts ? true : 'FORBIDDEN');
        expect(await state()).toEqual(before);

        if (acts) return; // changing the report is covered above
        // Read-only: nothing can be changed, by the overseeing supervisor or anyone else outside.
        for (const [query, variables] of [
          [UPDATE, { input: { trackingCode: code, status: 'ACKNOWLEDGED' } }],
          [NOTE, { input: { trackingCode: code, internalNote: 'Segera' } }],
          [ASSIGN, { code, assignee: 'budi@pupr.test' }],
          [REROUTE, { code, agency: 'dishub', reason: 'Ini lampu jalan' }],
          [AGENCY_STAFF, { agency: 'dinas-pupr' }],
        ] as const) {
          const result = await aduan.gql(query, variables, headers);
          expect(result.errors?.[0]?.extensions?.code, query).toBe('FORBIDDEN');
        }
        expect(await state()).toEqual(before);
      },
    );

    it('shows the parent’s supervisor an escalation only while it is escalated and open', async () => {
      const prisma = aduan.test.database.prisma;
      const parent = tokenByRole('parent', 'SUPERVISOR');
      const read = async (code: string) =>
        (await aduan.gql('query($code: String!) { report(trackingCode: $code) { trackingCode } }', { code }, parent)).errors?.[0]?.extensions?.code ?? 'OK';

      const quiet = await submit();
      expect(await read(quiet)).toBe('FORBIDDEN'); // not escalated: dinas-pupr's business alone

      const resolved = await submit();
      await prisma.report.update({ where: { trackingCode: resolved }, data: { escalatedAt: clock } });
      expect(await read(resolved)).toBe('OK');
      await moveTo(resolved, ['ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED']);
      expect(await read(resolved)).toBe('FORBIDDEN');

      const rerouted = await submit();
      await prisma.report.update({ where: { trackingCode: rerouted }, data: { escalatedAt: clock } });
      expect(await read(rerouted)).toBe('OK');
      await aduan.gql(REROUTE, { code: rerouted, agency: 'dishub', reason: 'Ini lampu jalan' }, tokenByRole('own', 'SUPERVISOR'));
      // A reroute clears the escalation: at dishub it starts afresh.
      expect(await read(rerouted)).toBe('FORBIDDEN');
    });

    it('refuses anonymous callers with UNAUTHENTICATED and a revoked or malformed token with 401', async () => {
      const code = await submit();
      const before = await state();
      const anonymous = await aduan.gql(REPORT, { code });
      expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const anonymousUpdate = await aduan.gql(UPDATE, { input: { trackingCode: code, status: 'ACKNOWLEDGED' } });
      expect(anonymousUpdate.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

      const prisma = aduan.test.database.prisma;
      const created = await createApiToken(prisma, { agency: 'dinas-pupr', role: 'ADMIN', name: 'to revoke' });
      const ok = await aduan.gql(REPORT, { code }, { authorization: `Bearer ${created.token}` });
      expect(ok.data!.report.trackingCode).toBe(code);
      await revokeApiToken(prisma, created.id);
      const revoked = await aduan.gql(UPDATE, { input: { trackingCode: code, status: 'ACKNOWLEDGED' } }, { authorization: `Bearer ${created.token}` });
      expect(revoked.status).toBe(401);
      expect(revoked.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const malformed = await aduan.gql(REPORT, { code }, { authorization: 'Bearer nope' });
      expect(malformed.status).toBe(401);
      const unknown = await aduan.gql(REPORT, { code }, { authorization: `Bearer ${'A'.repeat(43)}` });
      expect(unknown.status).toBe(401);
      expect(await state()).toEqual(before);
    });

    it('updates a token’s lastUsedAt at most once a minute', async () => {
      const prisma = aduan.test.database.prisma;
      const created = await createApiToken(prisma, { agency: 'dinas-pupr', role: 'STAFF', name: 'touch' });
      const headers = { authorization: `Bearer ${created.token}` };
      await aduan.gql('{ me { kind name role agency { slug } } }', {}, headers);
      const first = (await prisma.apiToken.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt;
      expect(first?.getTime()).toBe(clock.getTime());
      tick(30_000);
      const me = await aduan.gql('{ me { kind name role agency { slug } } }', {}, headers);
      expect(me.data!.me).toEqual({ kind: 'TOKEN', name: 'touch', role: 'STAFF', agency: { slug: 'dinas-pupr' } });
      expect((await prisma.apiToken.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt).toEqual(first);
      tick(31_000);
      await aduan.gql('{ me { kind } }', {}, headers);
      expect((await prisma.apiToken.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt?.getTime()).toBe(clock.getTime());
    });
  });

  describe('state machine', () => {
    const ALL = ['RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED', 'REJECTED', 'CLOSED'] as const;
    const PATH: Record<(typeof ALL)[number], string[]> = {
      RECEIVED: [],
      ACKNOWLEDGED: ['ACKNOWLEDGED'],
      IN_PROGRESS: ['ACKNOWLEDGED', 'IN_PROGRESS'],
      RESOLVED: ['ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED'],
      REJECTED: ['REJECTED'],
      CLOSED: ['ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED'],
    };
    // The next steps, then the rest of the main line (the steps between are recorded).
    const ALLOWED: Record<string, string[]> = {
      RECEIVED: ['ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED', 'REJECTED'],
      ACKNOWLEDGED: ['IN_PROGRESS', 'RESOLVED', 'REJECTED'],
      IN_PROGRESS: ['RESOLVED', 'REJECTED'],
      RESOLVED: ['CLOSED', 'IN_PROGRESS'],
      REJECTED: ['CLOSED', 'IN_PROGRESS'],
      CLOSED: [],
    };

    it('refuses every invalid transition, naming the allowed ones, changing nothing', async () => {
      let checked = 0;
      for (const from of ALL) {
        const code = await submit();
        await moveTo(code, PATH[from]);
        expect(await statusOf(code)).toBe(from);
        for (const to of ALL) {
          if (ALLOWED[from]!.includes(to)) continue;
          const before = await state();
          const result = await aduan.gql(
            UPDATE,
            { input: { trackingCode: code, status: to, reason: to === 'REJECTED' ? 'OUT_OF_SCOPE' : undefined } },
            tokenByRole('own', 'STAFF'),
          );
          const refusal = result.data!.updateReportStatus;
          expect(refusal).toMatchObject({ __typename: 'InvalidInput', code: 'INVALID_TRANSITION', fields: [{ field: 'status' }] });
          for (const next of ALLOWED[from]!) expect(refusal.message).toContain(next);
          if (from === 'CLOSED') expect(refusal.message).toMatch(/final/);
          expect(await state()).toEqual(before);
          checked++;
        }
      }
      expect(checked).toBe(36 - 13);
    });

    it('says why a report went to its agency in the staff member’s language', async () => {
      const code = await submit();
      const query = 'query($c: String!, $l: Locale) { report(trackingCode: $c) { routingReason(locale: $l) } }';
      const headers = tokenByRole('own', 'STAFF');
      const inIndonesian = (await aduan.gql(query, { c: code, l: 'ID' }, headers)).data!.report.routingReason;
      const inEnglish = (await aduan.gql(query, { c: code }, headers)).data!.report.routingReason;
      expect(inIndonesian).toMatch(/^Titik berada di Kelurahan Oebobo, Kecamatan Oebobo, Kota Kupang; aturan '.+' → /);
      expect(inEnglish).toMatch(/^Point is in Kelurahan Oebobo, Kecamatan Oebobo, Kota Kupang; rule '.+' → /);
    });

    it('resolves a received report in one change with a public note, recording each status on the way', async () => {
      const code = await submit();
      const result = await aduan.gql(
        UPDATE,
        { input: { trackingCode: code, status: 'RESOLVED', publicNote: 'Lubang sudah ditambal', internalNote: 'tim B' } },
        tokenByRole('own', 'STAFF'),
      );
      const report = result.data!.updateReportStatus.report;
      expect(report.status).toBe('RESOLVED');
      const steps = report.events.filter((e: { kind: string }) => e.kind === 'STATUS_CHANGED');
      expect(steps.map((e: { status: string }) => e.status)).toEqual(['ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED']);
      // Named as staff know them: the token's name, not its id.
      expect(steps.every((e: { actor: string; actorName: string }) => e.actor.startsWith('token:') && e.actorName === 'own-STAFF')).toBe(true);
      expect(report.events[0]).toMatchObject({ kind: 'SUBMITTED', actor: 'resident', actorName: null });
      // The notes explain the last step only.
      expect(steps.map((e: { publicNote: string | null; internalNote: string | null }) => [e.publicNote, e.internalNote])).toEqual([
        [null, null],
        [null, null],
        ['Lubang sudah ditambal', 'tim B'],
      ]);
      const row = await aduan.test.database.prisma.report.findUniqueOrThrow({ where: { trackingCode: code } });
      expect(row.firstRespondedAt).not.toBeNull();
      expect(row.resolvedAt).not.toBeNull();
      const pub = await aduan.gql('query($c:String!){ reportStatus(trackingCode:$c){ timeline { status note } } }', { c: code });
      expect(pub.data!.reportStatus.timeline.slice(-3)).toEqual([
        { status: 'ACKNOWLEDGED', note: null },
        { status: 'IN_PROGRESS', note: null },
        { status: 'RESOLVED', note: 'Lubang sudah ditambal' },
      ]);
    });

    it('requires a rejection reason, and duplicateOf naming another existing report for DUPLICATE', async () => {
      const original = await submit();
      const code = await submit();
      const headers = tokenByRole('own', 'STAFF');
      const before = await state();
      const bad = [
        [{ status: 'REJECTED' }, 'REASON_REQUIRED', 'reason'],
        [{ status: 'REJECTED', reason: 'DUPLICATE' }, 'DUPLICATE_OF_REQUIRED', 'duplicateOf'],
        [{ status: 'REJECTED', reason: 'DUPLICATE', duplicateOf: 'KPG-00000-00000' }, 'UNKNOWN_DUPLICATE_OF', 'duplicateOf'],
        [{ status: 'REJECTED', reason: 'DUPLICATE', duplicateOf: code }, 'UNKNOWN_DUPLICATE_OF', 'duplicateOf'],
        [{ status: 'REJECTED', reason: 'OUT_OF_SCOPE', duplicateOf: original }, 'DUPLICATE_OF_REQUIRED', 'duplicateOf'],
        [{ status: 'ACKNOWLEDGED', reason: 'OUT_OF_SCOPE' }, 'REASON_REQUIRED', 'reason'],
        [{ status: 'ACKNOWLEDGED', publicNote: 'x'.repeat(5_001) }, 'NOTE_TOO_LONG', 'publicNote'],
      ] as const;
      for (const [input, expected, field] of bad) {
        const result = await aduan.gql(UPDATE, { input: { trackingCode: code, ...input } }, headers);
        expect(result.data!.updateReportStatus, JSON.stringify(input)).toMatchObject({ __typename: 'InvalidInput', code: expected, fields: [{ field }] });
      }
      const unknown = await aduan.gql(UPDATE, { input: { trackingCode: 'KPG-00000-00000', status: 'ACKNOWLEDGED' } }, headers);
      expect(unknown.data!.updateReportStatus.code).toBe('UNKNOWN_REPORT');
      const badEnum = await aduan.gql(UPDATE, { input: { trackingCode: code, status: 'REJECTED', reason: 'BORED' } }, headers);
      expect(badEnum.errors?.length).toBeGreaterThan(0);
      expect(await state()).toEqual(before);

      const ok = await aduan.gql(
        UPDATE,
        {
          input: {
            trackingCode: code.toLowerCase(),
            status: 'REJECTED',
            reason: 'DUPLICATE',
            duplicateOf: original,
            publicNote: 'Sudah dilaporkan',
            internalNote: 'sama dengan laporan lain',
          },
        },
        headers,
      );
      expect(ok.data!.updateReportStatus.report).toMatchObject({ status: 'REJECTED', duplicateOf: original });
      expect(ok.data!.updateReportStatus.report.events.at(-1)).toMatchObject({
        kind: 'STATUS_CHANGED',
        reason: 'DUPLICATE',
        publicNote: 'Sudah dilaporkan',
        internalNote: 'sama dengan laporan lain',
      });
      // The internal note never reaches the public.
      const pub = await aduan.gql('query($c:String!){ reportStatus(trackingCode:$c){ status timeline { note } } }', { c: code });
      expect(JSON.stringify(pub.data)).not.toContain('sama dengan');
      expect(pub.data!.reportStatus.timeline.at(-1).note).toBe('Sudah dilaporkan');
    });
  });

  describe('reroute', () => {
    it('moves the report with a fresh deadline, a public note and a counted routing miss', async () => {
      const dishubToken = (await createApiToken(aduan.test.database.prisma, { agency: 'dishub', role: 'STAFF', name: 'dishub' })).token;
      const code = await submit();
      const result = await aduan.gql(REROUTE, { code, agency: 'dishub', reason: 'Ini lampu jalan' }, tokenByRole('own', 'SUPERVISOR'));
      const rerouted = result.data!.rerouteReport;
      expect(rerouted.agency.slug).toBe('dishub');
      // dishub's rule for jalan-rusak does not exist: its default deadline, counted from now.
      expect(new Date(rerouted.dueAt).getTime()).toBeGreaterThan(clock.getTime());
      const dishub = await aduan.gql(REPORT, { code }, { authorization: `Bearer ${dishubToken}` });
      expect(dishub.data!.report.events.at(-1)).toMatchObject({
        kind: 'REROUTED',
        publicNote: expect.stringMatching(/^Diteruskan ke /),
        internalNote: 'Ini lampu jalan',
        actor: expect.stringMatching(/^token:/),
      });
      const pub = await aduan.gql('query($c:String!){ reportStatus(trackingCode:$c){ agency { slug } timeline { kind note } } }', { c: code });
      expect(pub.data!.reportStatus.agency.slug).toBe('dishub');
      // Residents' pages say "Diteruskan ke instansi lain" for it, whatever the status.
      expect(pub.data!.reportStatus.timeline.map((e: { kind: string }) => e.kind)).toEqual(['SUBMITTED', 'REROUTED']);
      expect(JSON.stringify(pub.data)).not.toContain('lampu jalan');
      const stored = await aduan.test.database.prisma.report.findUniqueOrThrow({ where: { trackingCode: code }, include: { events: true } });
      expect((stored.routingDecision as any).reroutes).toHaveLength(1);
      expect(stored.events.find((e) => e.kind === 'REROUTED')!.data).toMatchObject({ routingMiss: true });
      // dinas-pupr's supervisor has lost it now.
      const gone = await aduan.gql(REPORT, { code }, tokenByRole('own', 'SUPERVISOR'));
      expect(gone.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

      const before = await state();
      const admin = tokenByRole('own', 'ADMIN');
      expect((await aduan.gql(REROUTE, { code, agency: 'nobody', reason: 'salah' }, admin)).data!.rerouteReport.code).toBe('UNKNOWN_AGENCY');
      expect((await aduan.gql(REROUTE, { code, agency: 'dishub', reason: 'salah' }, admin)).data!.rerouteReport.code).toBe('SAME_AGENCY');
      expect((await aduan.gql(REROUTE, { code, agency: 'dlhk', reason: ' ' }, admin)).data!.rerouteReport.code).toBe('REASON_REQUIRED');
      expect((await aduan.gql(REROUTE, { code: 'KPG-00000-00000', agency: 'dlhk', reason: 'salah' }, admin)).data!.rerouteReport.code).toBe('UNKNOWN_REPORT');
      expect(await state()).toEqual(before);
    });
  });

  describe('notes', () => {
    it.each([
      ['STAFF', 'own', true],
      ['SUPERVISOR', 'own', true],
      ['STAFF', 'other', false],
      ['SUPERVISOR', 'other', false],
      ['ADMIN', 'other', true],
    ] as const)('%s of the %s agency', async (role, side, allowed) => {
      const code = await submit();
      const before = await state();
      published.length = 0;
      const result = await aduan.gql(
        NOTE,
        { input: { trackingCode: code, publicNote: ' Petugas akan datang ', internalNote: 'Tim B' } },
        tokenByRole(side, role),
      );
      if (allowed) {
        expect(result.data!.addReportNote.__typename).toBe('ReportUpdated');
        expect(result.data!.addReportNote.report.status).toBe('RECEIVED');
        expect(result.data!.addReportNote.report.events.slice(-2)).toEqual([
          { kind: 'PUBLIC_NOTE', status: 'RECEIVED', publicNote: 'Petugas akan datang', internalNote: null, actor: expect.stringMatching(/^token:/) },
          { kind: 'INTERNAL_NOTE', status: 'RECEIVED', publicNote: null, internalNote: 'Tim B', actor: expect.stringMatching(/^token:/) },
        ]);
        const stored = await aduan.test.database.prisma.report.findUniqueOrThrow({ where: { trackingCode: code } });
        expect(stored.firstRespondedAt).toEqual(clock);
        await new Promise((resolve) => setTimeout(resolve, 10));
        expect(published).toEqual([{ kind: 'NOTE', code, publicNote: 'Petugas akan datang' }]);
      } else {
        expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect(result.data?.addReportNote ?? null).toBeNull();
        expect(await state()).toEqual(before);
        await new Promise((resolve) => setTimeout(resolve, 10));
        expect(published).toEqual([]);
      }
    });

    it('refuses no note, a blank one, a long one and an unknown report, writing nothing', async () => {
      const code = await submit();
      const headers = tokenByRole('own', 'STAFF');
      const before = await state();
      const refused = async (input: Record<string, unknown>) => {
        const result = await aduan.gql(NOTE, { input: { trackingCode: code, ...input } }, headers);
        expect(result.errors).toBeUndefined();
        const outcome = result.data!.addReportNote;
        expect(outcome.__typename).toBe('InvalidInput');
        return [outcome.code, outcome.fields[0].field];
      };
      expect(await refused({})).toEqual(['NOTE_REQUIRED', 'publicNote']);
      expect(await refused({ publicNote: null, internalNote: null })).toEqual(['NOTE_REQUIRED', 'publicNote']);
      expect(await refused({ publicNote: '   ' })).toEqual(['NOTE_REQUIRED', 'publicNote']);
      expect(await refused({ publicNote: 'ok', internalNote: '' })).toEqual(['NOTE_REQUIRED', 'internalNote']);
      expect(await refused({ internalNote: 'x'.repeat(2001) })).toEqual(['NOTE_TOO_LONG', 'internalNote']);
      expect(await refused({ trackingCode: 'KPG-00000-00000', publicNote: 'ok' })).toEqual(['UNKNOWN_REPORT', 'trackingCode']);
      expect(await state()).toEqual(before);
      const longest = await aduan.gql(NOTE, { input: { trackingCode: code, internalNote: 'x'.repeat(2000) } }, headers);
      expect(longest.data!.addReportNote.__typename).toBe('ReportUpdated');
    });

    it('keeps firstRespondedAt, resolvedAt and rerouteCount on the report by the statistics rule', async () => {
      const prisma = aduan.test.database.prisma;
      const code = await submit();
      const columns = async () => {
        const report = await prisma.report.findUniqueOrThrow({ where: { trackingCode: code }, include: { events: true } });
        expect({ firstRespondedAt: report.firstRespondedAt, resolvedAt: report.resolvedAt, rerouteCount: report.rerouteCount }).toEqual(
          deriveMilestones(report.events),
        );
        return report;
      };
      const admin = tokenByRole('own', 'ADMIN');
      tick();
      await aduan.gql(NOTE, { input: { trackingCode: code, internalNote: 'cek lokasi' } }, admin);
      expect((await columns()).firstRespondedAt).toBeNull(); // an internal note is no answer
      tick();
      const rerouted = await aduan.gql(REROUTE, { code, agency: 'dishub', reason: 'Ini lampu jalan' }, admin);
      expect(rerouted.data!.rerouteReport.__typename).toBe('ReportRerouted');
      expect(await columns()).toMatchObject({ firstRespondedAt: null, rerouteCount: 1 });
      tick();
      await aduan.gql(REROUTE, { code, agency: 'dinas-pupr', reason: 'Kembali ke PUPR' }, admin);
      tick();
      const answeredAt = clock;
      await moveTo(code, ['ACKNOWLEDGED', 'IN_PROGRESS']);
      expect(await columns()).toMatchObject({ firstRespondedAt: answeredAt, resolvedAt: null, rerouteCount: 2 });
      tick();
      const resolvedAt = clock;
      await moveTo(code, ['RESOLVED']);
      tick();
      const reopened = await aduan.gql(REOPEN, asReporter(code, { reason: 'Masih berlubang' }));
      expect(reopened.data!.reopenReport.__typename).toBe('PublicReportUpdated');
      tick();
      await moveTo(code, ['RESOLVED']);
      tick();
      await aduan.gql(NOTE, { input: { trackingCode: code, publicNote: 'Sudah ditambal' } }, admin);
      // The first answer and the first resolution stay; the resident's reopen changes neither.
      expect(await columns()).toMatchObject({ firstRespondedAt: answeredAt, resolvedAt, rerouteCount: 2, status: 'RESOLVED' });
    });
  });

  describe('residents', () => {
    it('reopen within 14 days of RESOLVED, not after; confirm closes', async () => {
      const code = await submit();
      const until = async () =>
        (await aduan.gql('query($c:String!){ reportStatus(trackingCode:$c){ reopenableUntil } }', { c: code })).data!.reportStatus.reopenableUntil;
      await moveTo(code, ['ACKNOWLEDGED', 'IN_PROGRESS']);
      expect(await until()).toBeNull();
      const resolvedAt = clock.getTime();
      await moveTo(code, ['RESOLVED']);
      // The reporter's page learns until when it may offer "not fixed, reopen".
      expect(await until()).toBe(new Date(resolvedAt + 14 * 86_400_000).toISOString());
      const early = await state();
      expect((await aduan.gql(REOPEN, asReporter(code, { reason: 'no' }))).data!.reopenReport.code).toBe('REASON_REQUIRED');
      expect((await aduan.gql(CONFIRM, asReporter('KPG-00000-00000'))).data!.confirmResolved.code).toBe('RESIDENT_KEY_INVALID');
      expect(await state()).toEqual(early);

      tick(13 * 86_400_000);
      const reopened = await aduan.gql(REOPEN, asReporter(code, { reason: 'Lubangnya masih ada, nomor saya 0812' }));
      expect(reopened.data!.reopenReport.report.status).toBe('IN_PROGRESS');
      expect(reopened.data!.reopenReport.report.timeline.at(-1).note).toBe('Dibuka kembali oleh pelapor.');
      expect(JSON.stringify(reopened.data)).not.toContain('0812');
      expect((await aduan.gql(CONFIRM, asReporter(code))).data!.confirmResolved.code).toBe('INVALID_TRANSITION');

      await moveTo(code, ['RESOLVED']);
      tick(14 * 86_400_000 + 1);
      const late = await state();
      expect((await aduan.gql(REOPEN, asReporter(code, { reason: 'Masih rusak lagi' }))).data!.reopenReport.code).toBe('REOPEN_WINDOW_PASSED');
      expect(await state()).toEqual(late);
      const confirmed = await aduan.gql(CONFIRM, asReporter(code));
      expect(confirmed.data!.confirmResolved.report.status).toBe('CLOSED');
      expect(await until()).toBeNull();
      expect((await aduan.gql(REOPEN, asReporter(code, { reason: 'Masih rusak lagi' }))).data!.reopenReport.code).toBe('INVALID_TRANSITION');
    });

    it('reopens a REJECTED report too', async () => {
      const code = await submit();
      await moveTo(code, ['REJECTED']);
      const result = await aduan.gql(REOPEN, asReporter(code, { reason: 'Ini memang tugas dinas' }));
      expect(result.data!.reopenReport.report.status).toBe('IN_PROGRESS');
    });
  });

  describe('inbox', () => {
    it('pages by keyset, stable under inserts between pages, newest and most overdue first', async () => {
      const admin = tokenByRole('own', 'ADMIN');
      const filter = { category: 'air-mati' };
      const made: string[] = [];
      for (let i = 0; i < 5; i++) made.push(await submit('air-mati'));
      const first = await aduan.gql(INBOX, { filter, first: 2 }, admin);
      const page1 = first.data!.inbox.edges.map((e: any) => e.node.trackingCode);
      expect(page1).toEqual([made[4], made[3]]);
      expect(first.data!.inbox.totalCount).toBe(5);
      expect(first.data!.inbox.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, startCursor: first.data!.inbox.edges[0].cursor });
      // New reports arrive between pages: they go on top, not into the next page.
      made.push(await submit('air-mati'), await submit('air-mati'));
      const second = await aduan.gql(INBOX, { filter, first: 2, after: first.data!.inbox.pageInfo.endCursor }, admin);
      expect(second.data!.inbox.edges.map((e: any) => e.node.trackingCode)).toEqual([made[2], made[1]]);
      const third = await aduan.gql(INBOX, { filter, first: 2, after: second.data!.inbox.pageInfo.endCursor }, admin);
      expect(third.data!.inbox.edges.map((e: any) => e.node.trackingCode)).toEqual([made[0]]);
      expect(third.data!.inbox.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
      // The count is of the whole filter, whatever the page: the two that arrived meanwhile too.
      expect(third.data!.inbox.totalCount).toBe(7);

      const overdue = await aduan.gql(INBOX, { filter: { ...filter, order: 'MOST_OVERDUE' }, first: 3 }, admin);
      expect(overdue.data!.inbox.edges.map((e: any) => e.node.trackingCode)).toEqual(made.slice(0, 3));
      const rest = await aduan.gql(INBOX, { filter: { ...filter, order: 'MOST_OVERDUE' }, first: 10, after: overdue.data!.inbox.pageInfo.endCursor }, admin);
      expect(rest.data!.inbox.edges.map((e: any) => e.node.trackingCode)).toEqual(made.slice(3));
      // A NEWEST cursor is refused for MOST_OVERDUE.
      const mixed = await aduan.gql(INBOX, { filter: { ...filter, order: 'MOST_OVERDUE' }, after: first.data!.inbox.pageInfo.endCursor }, admin);
      expect(mixed.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_FILTER', field: 'after' });
    });

    it('filters by status, area (with descendants), overdue and text; refuses bad filters', async () => {
      const admin = tokenByRole('own', 'ADMIN');
      const oebobo = await submit('pipa-bocor', { description: 'Pipa bocor di gang Mawar' });
      const alak = await submit('pipa-bocor', { location: KUPANG.namosain, description: 'Pipa bocor di pantai' });
      const codes = async (filter: Record<string, unknown>) =>
        (await aduan.gql(INBOX, { filter: { category: 'pipa-bocor', ...filter }, first: 100 }, admin)).data!.inbox.edges.map((e: any) => e.node.trackingCode);
      expect(await codes({ area: '53.71.04' })).toEqual([oebobo]);
      expect(await codes({ area: '53.71' })).toEqual([alak, oebobo]);
      expect(await codes({ text: 'MAWAR' })).toEqual([oebobo]);
      expect(await codes({ text: alak.slice(4, 9).toLowerCase() })).toEqual([alak]);
      await moveTo(alak, ['ACKNOWLEDGED'], admin);
      expect(await codes({ status: ['ACKNOWLEDGED'] })).toEqual([alak]);
      expect(await codes({ overdue: true })).toEqual([]);
      tick(49 * 3_600_000);
      expect(await codes({ overdue: true })).toEqual([alak, oebobo]);
      expect(await codes({ overdue: false })).toEqual([]);
      for (const [vars, field] of [
        [{ first: 0 }, 'first'],
        [{ first: 101 }, 'first'],
        [{ filter: { area: '99' } }, 'filter.area'],
        [{ filter: { category: 'nope' } }, 'filter.category'],
        [{ after: 'garbage' }, 'after'],
      ] as const) {
        const result = await aduan.gql(INBOX, vars, admin);
        expect(result.errors?.[0]?.extensions, JSON.stringify(vars)).toMatchObject({ code: 'INVALID_FILTER', field });
      }
      // Keyset pages go forward only.
      for (const [query, field] of [
        ['{ inbox(last: 2) { totalCount } }', 'last'],
        ['{ inbox(before: "x") { totalCount } }', 'before'],
      ] as const) {
        expect((await aduan.gql(query, {}, admin)).errors?.[0]?.extensions, query).toMatchObject({ code: 'INVALID_FILTER', field });
      }
      expect((await aduan.gql(INBOX, { filter: { agency: 'nope' } }, admin)).errors?.[0]?.extensions?.code).toBe('UNKNOWN_AGENCY');
    });

    it('counts what each filter matches in one request, within the cost limit', async () => {
      const admin = tokenByRole('own', 'ADMIN');
      const made = [await submit('lampu-jalan-mati'), await submit('lampu-jalan-mati'), await submit('lampu-jalan-mati')];
      await moveTo(made[0]!, ['ACKNOWLEDGED'], admin);
      const counts = await aduan.gql(
        `query($a: InboxFilter, $b: InboxFilter, $c: InboxFilter) {
          all: inbox(filter: $a, first: 1) { totalCount }
          received: inbox(filter: $b, first: 1) { totalCount }
          acknowledged: inbox(filter: $c, first: 1) { totalCount }
        }`,
        {
          a: { category: 'lampu-jalan-mati' },
          b: { category: 'lampu-jalan-mati', status: ['RECEIVED'] },
          c: { category: 'lampu-jalan-mati', status: ['ACKNOWLEDGED'] },
        },
        admin,
      );
      expect(counts.errors).toBeUndefined();
      expect(counts.data).toEqual({ all: { totalCount: 3 }, received: { totalCount: 2 }, acknowledged: { totalCount: 1 } });
    });
  });

  describe('agencies', () => {
    const AGENCIES = `query($code: String) { agencies(jurisdictionCode: $code) { slug name } }`;
    it('lists the agencies serving an area: its own, those above it and those below it, by name', async () => {
      const slugs = async (code: string | null) => ((await aduan.gql(AGENCIES, { code })).data!.agencies as { slug: string }[]).map((a) => a.slug);
      const everyone = await slugs(null);
      expect(everyone).toHaveLength(9);
      expect(await slugs('53.71')).toEqual(everyone);
      expect(await slugs('53.71.04')).toEqual(everyone); // Oebobo's own UPT and the city's
      const alak = await slugs('53.71.01');
      expect(alak).toHaveLength(8);
      expect(alak).not.toContain('upt-kebersihan-oebobo');
      const names = ((await aduan.gql(AGENCIES, { code: null })).data!.agencies as { name: string }[]).map((a) => a.name);
      expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      const unknown = await aduan.gql(AGENCIES, { code: '99.99' });
      expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'UNKNOWN_JURISDICTION', field: 'jurisdictionCode' });
    });
  });

  describe('sessions', () => {
    const LOGIN = /* GraphQL */ `
      mutation Login($email: String!, $password: String!) {
        login(email: $email, password: $password) {
          __typename
          ... on LoggedIn { staff { email name role agency { slug name } } }
          ... on InvalidInput { code message }
        }
      }
    `;
    let password = '';
    beforeAll(async () => {
      const prisma = aduan.test.database.prisma;
      let account: Awaited<ReturnType<typeof addStaffAccount>>['account'];
      ({ account, password } = await addStaffAccount(prisma, { agency: 'dinas-pupr', email: ' Ana@Kupang.go.id ', role: 'SUPERVISOR', name: 'Ana' }));
      // As if Ana had replaced her one-time password already (test/passwords.test.ts covers that step).
      await prisma.staffAccount.update({ where: { id: account.id }, data: { mustChangePassword: false } });
    });

    it('refuses unknown e-mail and wrong password alike, setting no cookie', async () => {
      const sessions = await aduan.test.database.prisma.staffSession.count();
      const wrong = await aduan.gql(LOGIN, { email: 'ana@kupang.go.id', password: 'wrong' });
      const unknown = await aduan.gql(LOGIN, { email: 'nobody@kupang.go.id', password: 'wrong' });
      expect(wrong.data!.login).toEqual(unknown.data!.login);
      expect(wrong.data!.login.code).toBe('INVALID_CREDENTIALS');
      expect(wrong.headers.get('set-cookie')).toBeNull();
      expect(await aduan.test.database.prisma.staffSession.count()).toBe(sessions);
    });

    it('logs in with a cookie (HttpOnly, SameSite=Lax, Path=/, Secure behind TLS), serves me, and logs out', async () => {
      const login = await aduan.gql(LOGIN, { email: 'ANA@kupang.go.id', password });
      expect(login.data!.login).toEqual({
        __typename: 'LoggedIn',
        staff: { email: 'ana@kupang.go.id', name: 'Ana', role: 'SUPERVISOR', agency: { slug: 'dinas-pupr', name: expect.any(String) } },
      });
      const setCookie = login.headers.get('set-cookie')!;
      expect(setCookie).toMatch(/^aduan_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200$/);
      const cookie = setCookie.split(';')[0]!;
      const stored = await aduan.test.database.prisma.staffSession.findMany();
      expect(JSON.stringify(stored)).not.toContain(cookie.split('=')[1]);

      const behindTls = await aduan.gql(LOGIN, { email: 'ana@kupang.go.id', password }, { 'x-forwarded-proto': 'https' });
      expect(behindTls.headers.get('set-cookie')).toMatch(/; Secure$/);

      const me = await aduan.gql('{ me { kind email role } }', {}, { cookie });
      expect(me.data!.me).toEqual({ kind: 'ACCOUNT', email: 'ana@kupang.go.id', role: 'SUPERVISOR' });
      const code = await submit();
      const updated = await aduan.gql(UPDATE, { input: { trackingCode: code, status: 'ACKNOWLEDGED' } }, { cookie });
      expect(updated.data!.updateReportStatus.report.events.at(-1).actor).toMatch(/^staff:[0-9a-f-]{36}$/);

      // CSRF: a form-like (simple) request carrying the cookie is anonymous.
      const form = await aduan.yoga.fetch('http://aduan.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'text/plain', cookie, accept: 'application/json' },
        body: JSON.stringify({
          query: 'mutation($i: UpdateReportStatusInput!){ updateReportStatus(input:$i){ __typename } }',
          variables: { i: { trackingCode: code, status: 'IN_PROGRESS' } },
        }),
      });
      const formBody = await form.text();
      expect(formBody).not.toContain('ReportUpdated');
      expect(await statusOf(code)).toBe('ACKNOWLEDGED');

      const logout = await aduan.gql('mutation { logout }', {}, { cookie });
      expect(logout.data!.logout).toBe(true);
      expect(logout.headers.get('set-cookie')).toMatch(/^aduan_session=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0/);
      expect((await aduan.gql('{ me { email } }', {}, { cookie })).data!.me).toBeNull();
      expect((await aduan.gql('mutation { logout }', {}, { cookie })).data!.logout).toBe(false);
    });

    it('ends sessions after 12 hours', async () => {
      const login = await aduan.gql(LOGIN, { email: 'ana@kupang.go.id', password });
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      expect((await aduan.gql('{ me { email } }', {}, { cookie })).data!.me).not.toBeNull();
      tick(12 * 3_600_000);
      expect((await aduan.gql('{ me { email } }', {}, { cookie })).data!.me).toBeNull();
    });
  });
});
