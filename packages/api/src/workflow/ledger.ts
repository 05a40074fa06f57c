// The report ledger: the one path by which a report comes in or changes. Whoever
// asks (a GraphQL resolver, Open311, a background job, the command line) decides who
// may do what; the ledger then, in one transaction,
//   1. locks the report and checks the change against where it stands now (core's
//      lifecycle, and what the caller expected to find);
//   2. writes the report's new columns, with its statistics milestones, in one UPDATE
//      (the database's triggers keep the statistics tally from it);
//   3. writes the timeline events;
//   4. writes what must leave the building to the outbox: deliveries to agencies'
//      channels and e-mail to residents and staff (`Delivery` rows the worker sends);
// and only after commit announces the change on the bus (live status, the delivery
// worker, other replicas). A new writer calls `ledger.change(...)` or, with rows of its
// own to write in the same transaction, `ledger.transaction(...)`; nothing else in the
// code writes a ReportEvent or a report's status (test/ledger.test.ts checks).
import type { ReportStatus } from '@aduan/core';
import type { Prisma, PrismaClient, Report } from '@aduan/prisma';
import { liveChannelIds, type DeliveryEvent } from '../delivery/outbox.js';
import type { ReportChange as Announcement, ReportChangeKind, ReportChanges } from '../events/report-changes.js';
import { PUBLIC_EVENT_KINDS } from '../events/public-timeline.js';
import { mailIntents, type Audience } from '../notifications/notices.js';
import { milestoneUpdate } from '../statistics/milestones.js';
import { applyChange, draftOf, type PlannedEvent, type ReportChange } from './changes.js';
import { InvalidTransition, UnknownReport } from './errors.js';
import { insertNewReport, type NewReport } from './new-report.js';

type Tx = Prisma.TransactionClient;

export interface LedgerOptions {
  prisma: PrismaClient;
  /** Where stored changes are announced, after commit. */
  changes: ReportChanges;
  /** Whether this deployment sends e-mail (ADUAN_SMTP_URL). Without it no mail is queued. */
  mail: boolean;
}

export interface ChangeRequest {
  reportId: string;
  /** Written as each event's actor: `staff:<id>`, `token:<id>`, `resident`, `system`, `admin` or `channel:<id>`. */
  actor: string;
  at: Date;
  /** Applied in order; all or none. */
  changes: readonly ReportChange[];
  /**
   * What the caller decided on (e.g. the agency it checked access for): when the report no
   * longer matches, someone changed it meanwhile, and the change is refused.
   */
  expect?: { agencyId?: string; assignedToId?: string | null; status?: ReportStatus };
  /** Further checks on the report as locked, before anything is written; throws to refuse. */
  check?: (report: Report, tx: Tx) => Promise<void> | void;
}

/** A new report as intake decided it, and the relations to read back with it (what the caller will show). */
export interface Submission extends NewReport {
  include?: Prisma.ReportInclude | undefined;
}

export class ReportLedger {
  constructor(readonly options: LedgerOptions) {}

  get prisma(): PrismaClient {
    return this.options.prisma;
  }

  /** Applies a change to one report in its own transaction; returns the report after it. */
  async change(request: ChangeRequest): Promise<Report> {
    return this.transaction(async (writer) => (await writer.change(request))!);
  }

  /**
   * As `change`, but null at once when another transaction holds the report: a
   * background job on one replica leaves it to the replica already on it.
   */
  async changeUnlessBusy(request: ChangeRequest): Promise<Report | null> {
    return this.transaction((writer) => writer.change(request, 'skip'));
  }

  /**
   * Runs `work` in one transaction; every change it makes through the writer is
   * announced after commit, and none if it fails.
   */
  async transaction<T>(work: (writer: LedgerWriter) => Promise<T>): Promise<T> {
    const announcements: Announcement[] = [];
    const result = await this.options.prisma.$transaction((tx) => work(new LedgerWriter(tx, this.options, announcements)));
    for (const announcement of announcements) await this.options.changes.publish(announcement);
    return result;
  }

  /**
   * Stores a new report with its SUBMITTED event, its resident keys, its photos' rows and
   * its outbox in one statement (workflow/new-report.ts), and announces it. Throws what the
   * database throws: a unique violation (isUniqueViolation) when the idempotency key, proof
   * of work or tracking code is taken.
   */
  async submit(submission: Submission): Promise<Report> {
    const { include, ...report } = submission;
    const { prisma, mail } = this.options;
    const stored = await insertNewReport(prisma, report, mail);
    const row = await prisma.report.findUniqueOrThrow({ where: { id: stored.id }, ...(include ? { include } : {}) });
    await this.options.changes.publish({ kind: 'SUBMITTED', report: row, publicNote: null, at: report.columns.submittedAt, outbox: stored.outbox });
    return row;
  }
}

/** Changes inside one transaction (see ReportLedger.transaction). */
export class LedgerWriter {
  constructor(
    /** The transaction, for the caller's own rows (never a report's or its events). */
    readonly tx: Tx,
    private readonly options: LedgerOptions,
    private readonly announcements: Announcement[],
  ) {}

  /** Applies a change to one report; null only when `whenLocked` is `skip` and the report is busy. */
  async change(request: ChangeRequest, whenLocked: 'wait' | 'skip' = 'wait'): Promise<Report | null> {
    const { tx } = this;
    const { reportId, actor, at } = request;
    const locked =
      whenLocked === 'skip'
        ? await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Report" WHERE id = ${reportId} FOR UPDATE SKIP LOCKED`
        : await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Report" WHERE id = ${reportId} FOR UPDATE`;
    if (locked.length === 0) {
      if (whenLocked === 'skip') return null;
      throw new UnknownReport();
    }
    const before = await tx.report.findUniqueOrThrow({ where: { id: reportId } });
    const { expect } = request;
    if (
      (expect?.agencyId !== undefined && expect.agencyId !== before.agencyId) ||
      (expect?.assignedToId !== undefined && expect.assignedToId !== before.assignedToId) ||
      (expect?.status !== undefined && expect.status !== before.status)
    ) {
      throw InvalidTransition.meanwhile();
    }
    await request.check?.(before, tx);

    const draft = draftOf(before);
    for (const change of request.changes) applyChange(draft, change, actor, at);
    if (draft.events.length === 0) throw new TypeError('A report change must write at least one event.');

    const milestones = milestoneUpdate(
      before,
      draft.events.map((event) => ({ kind: event.kind, status: event.status, actor, at })),
    );
    const report = await tx.report.update({ where: { id: reportId }, data: { ...draft.update, ...milestones, updatedAt: at } });
    const written = await tx.reportEvent.createManyAndReturn({
      data: draft.events.map((event) => ({
        reportId,
        kind: event.kind,
        at,
        status: event.status,
        publicNote: event.publicNote,
        internalNote: event.internalNote,
        actor,
        ...(event.data ? { data: event.data as Prisma.InputJsonValue } : {}),
      })),
      select: { id: true },
    });
    // Ids are handed out in the order the rows were inserted.
    const eventIds = written.map((row) => row.id).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (draft.erasePersonalData) {
      await tx.photo.deleteMany({ where: { reportId } });
      await tx.residentKey.deleteMany({ where: { reportId, kind: 'MAIL' } });
    }

    const outbox = await this.outboxRows(report, draft.events, draft.deliveries, eventIds, actor, at);
    if (outbox.length) await tx.delivery.createMany({ data: outbox });

    this.announcements.push({
      kind: announcedKind(draft.events, actor),
      report,
      publicNote: [...draft.events].reverse().find((event) => event.publicNote)?.publicNote ?? null,
      at,
      outbox: outbox.length,
    });
    return report;
  }

  /** The outbox rows for the events just written: agency deliveries, then mail. */
  private async outboxRows(
    report: Report,
    events: readonly PlannedEvent[],
    deliveries: readonly { agencyId: string; event: DeliveryEvent }[],
    eventIds: readonly bigint[],
    actor: string,
    at: Date,
  ): Promise<Prisma.DeliveryCreateManyInput[]> {
    const rows: Prisma.DeliveryCreateManyInput[] = [];
    for (const delivery of deliveries) {
      for (const channelId of await liveChannelIds(this.tx, delivery.agencyId)) {
        rows.push({ reportId: report.id, channelId, event: delivery.event, nextAttemptAt: at, createdAt: at });
      }
    }
    if (!this.options.mail) return rows;
    for (const intent of mailIntents(events, actor, report.agencyId)) {
      const reportEventId = eventIds[intent.eventIndex]!;
      for (const staffAccountId of await this.recipients(intent.audience, report)) {
        rows.push({ reportId: report.id, event: intent.event, reportEventId, staffAccountId, nextAttemptAt: at, createdAt: at });
      }
    }
    return rows;
  }

  /** Staff account ids for an audience; `[null]` for the resident when they left an address, else none. */
  private async recipients(audience: Audience, report: Report): Promise<(string | null)[]> {
    const { tx } = this;
    switch (audience.kind) {
      case 'resident':
        return report.reporterEmail ? [null] : [];
      case 'staff-account':
        return [audience.accountId];
      case 'agency-staff':
        return ids(await tx.staffAccount.findMany({ where: { agencyId: audience.agencyId, disabledAt: null }, select: { id: true } }));
      case 'supervisors': {
        const agency = await tx.agency.findUniqueOrThrow({ where: { id: audience.agencyId }, select: { escalationParentId: true } });
        const agencyIds = [audience.agencyId, ...(agency.escalationParentId ? [agency.escalationParentId] : [])];
        return ids(
          await tx.staffAccount.findMany({
            where: { agencyId: { in: agencyIds }, role: 'SUPERVISOR', disabledAt: null },
            select: { id: true },
            orderBy: { email: 'asc' },
          }),
        );
      }
    }
  }
}

function ids(rows: { id: string }[]): string[] {
  return rows.map((row) => row.id);
}

const INTERNAL_KINDS: Record<string, ReportChangeKind> = { ASSIGNED: 'ASSIGNED', INTERNAL_NOTE: 'INTERNAL_NOTE', ESCALATED: 'ESCALATED' };

/** How the bus names a change: by its last event the public sees, else by its last internal one. */
function announcedKind(events: readonly PlannedEvent[], actor: string): ReportChangeKind {
  const publicEvent = [...events].reverse().find((event) => (PUBLIC_EVENT_KINDS as readonly string[]).includes(event.kind));
  if (!publicEvent) return INTERNAL_KINDS[events[events.length - 1]!.kind] ?? 'INTERNAL_NOTE';
  switch (publicEvent.kind) {
    case 'STATUS_CHANGED':
      if (actor === 'resident') return publicEvent.status === 'CLOSED' ? 'CONFIRMED' : 'REOPENED';
      return 'STATUS_CHANGED';
    case 'PUBLIC_NOTE':
      return 'NOTE';
    default:
      return 'REROUTED';
  }
}
