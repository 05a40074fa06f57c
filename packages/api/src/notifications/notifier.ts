// Turns stored report changes into e-mail: residents who left an address hear of
// every public change of their report, in its language; agency staff hear of new
// and rerouted reports, supervisors of escalations, and a staff member of a report
// someone else assigned to them. Runs after the change is
// stored (it listens on ReportChanges), one message per recipient, and retries a
// failed send with backoff. Failures are logged without addresses or any text.
import type { PrismaClient, Report } from '@aduan/prisma';
import type { ReportChange, ReportChanges } from '../events/report-changes.js';
import { REOPEN_WINDOW_DAYS } from '../workflow/resident.js';
import type { Mailer } from './mailer.js';
import {
  assignmentMessage,
  escalationMessage,
  newReportMessage,
  render,
  residentMessage,
  type Composed,
  type ResidentNotice,
  type StaffReportFacts,
} from './messages.js';

export interface NotifierOptions {
  prisma: PrismaClient;
  mailer: Mailer;
  /** The public site's origin, e.g. https://aduan.kupangkota.go.id (no trailing slash). */
  publicUrl: string;
  /** Waits before each retry; the number of entries is the number of retries. */
  retryDelaysMs?: number[];
  log?: (line: string) => void;
}

export const DEFAULT_RETRY_DELAYS_MS = [2_000, 15_000, 60_000];

export function trackingUrl(publicUrl: string, trackingCode: string): string {
  return `${publicUrl}/?code=${encodeURIComponent(trackingCode)}`;
}

export function consoleUrl(publicUrl: string, trackingCode: string): string {
  return `${publicUrl}/console/?report=${encodeURIComponent(trackingCode)}`;
}

export class Notifier {
  private readonly pending = new Set<Promise<void>>();
  private readonly timers = new Map<NodeJS.Timeout, () => void>();
  private readonly retryDelaysMs: number[];
  private readonly log: (line: string) => void;
  private closed = false;

  constructor(private readonly options: NotifierOptions) {
    this.retryDelaysMs = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    this.log = options.log ?? ((line) => console.error(line));
  }

  /** Listens on `changes`; returns the function that stops listening. */
  attach(changes: ReportChanges): () => void {
    return changes.subscribe((change) => this.track(this.handle(change)));
  }

  /** Resolves when every message handed over so far was sent or given up on. */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  /** Stops retrying (pending first attempts still finish) and closes the mailer. */
  async close(): Promise<void> {
    this.closed = true;
    for (const [timer, resolve] of this.timers) {
      clearTimeout(timer);
      resolve();
    }
    this.timers.clear();
    await this.idle();
    this.options.mailer.close();
  }

  private track(work: Promise<void>): Promise<void> {
    const tracked = work
      .catch((error: unknown) => this.log(`aduan: could not prepare notifications: ${describeError(error)}`))
      .finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
    return tracked;
  }

  /** Composes and sends the mail one change calls for. */
  async handle(change: ReportChange): Promise<void> {
    if (this.closed) return;
    const { report } = change;
    switch (change.kind) {
      case 'SUBMITTED':
        await Promise.all([this.toResident(report, 'RECEIVED', null), this.newReportToStaff(report, false)]);
        return;
      case 'STATUS_CHANGED': {
        const notice = await this.statusNotice(report);
        if (notice) await this.toResident(report, notice, change.publicNote);
        return;
      }
      case 'REOPENED':
        await this.toResident(report, 'REOPENED', null);
        return;
      case 'REROUTED':
        await this.newReportToStaff(report, true);
        return;
      case 'ESCALATED':
        await this.escalationToSupervisors(report, change.at);
        return;
      case 'ASSIGNED':
        await this.assignmentToAssignee(change);
        return;
      case 'CONFIRMED':
        return; // the resident did it themselves
    }
  }

  private async statusNotice(report: Report): Promise<ResidentNotice | null> {
    switch (report.status) {
      case 'ACKNOWLEDGED':
      case 'RESOLVED':
      case 'REJECTED':
      case 'CLOSED':
        return report.status;
      case 'IN_PROGRESS': {
        const event = await this.latestStatusEvent(report);
        const from = (event?.data as { from?: string } | null)?.from;
        return from === 'RESOLVED' || from === 'REJECTED' ? 'REOPENED' : 'IN_PROGRESS';
      }
      default:
        return null;
    }
  }

  private latestStatusEvent(report: Report) {
    return this.options.prisma.reportEvent.findFirst({
      where: { reportId: report.id, kind: 'STATUS_CHANGED', status: report.status },
      orderBy: { id: 'desc' },
      select: { data: true },
    });
  }

  private async toResident(report: Report, notice: ResidentNotice, publicNote: string | null): Promise<void> {
    const to = report.reporterEmail?.trim();
    if (!to) return;
    const { prisma, publicUrl } = this.options;
    const [agency, category] = await Promise.all([
      prisma.agency.findUniqueOrThrow({ where: { id: report.agencyId }, select: { name: true } }),
      prisma.category.findUniqueOrThrow({ where: { id: report.categoryId }, select: { nameId: true, nameEn: true } }),
    ]);
    let reason: string | null = null;
    let duplicateOf: { trackingCode: string; url: string } | null = null;
    if (notice === 'REJECTED') {
      const data = (await this.latestStatusEvent(report))?.data as { reason?: string; duplicateOf?: string } | null;
      reason = data?.reason ?? null;
      if (data?.duplicateOf) duplicateOf = { trackingCode: data.duplicateOf, url: trackingUrl(publicUrl, data.duplicateOf) };
    }
    const composed = residentMessage({
      notice,
      locale: report.locale,
      trackingCode: report.trackingCode,
      agencyName: agency.name,
      categoryName: report.locale === 'EN' ? category.nameEn : category.nameId,
      trackingUrl: trackingUrl(publicUrl, report.trackingCode),
      publicNote: publicNote?.trim() || null,
      reason,
      duplicateOf,
      reopenDays: REOPEN_WINDOW_DAYS,
    });
    this.send(`resident ${notice}`, report.trackingCode, [to], composed);
  }

  private async staffFacts(report: Report): Promise<StaffReportFacts & { agencyName: string }> {
    const { prisma, publicUrl } = this.options;
    const [agency, category, area] = await Promise.all([
      prisma.agency.findUniqueOrThrow({ where: { id: report.agencyId }, select: { name: true } }),
      prisma.category.findUniqueOrThrow({ where: { id: report.categoryId }, select: { nameId: true } }),
      prisma.jurisdiction.findUnique({ where: { code: report.jurisdictionCode }, select: { name: true } }),
    ]);
    return {
      agencyName: agency.name,
      trackingCode: report.trackingCode,
      categoryName: category.nameId,
      areaName: area?.name ?? report.jurisdictionCode,
      placeText: report.placeText,
      description: report.description,
      dueAt: report.dueAt,
      consoleUrl: consoleUrl(publicUrl, report.trackingCode),
    };
  }

  private async newReportToStaff(report: Report, rerouted: boolean): Promise<void> {
    const accounts = await this.options.prisma.staffAccount.findMany({
      where: { agencyId: report.agencyId, disabledAt: null },
      select: { email: true },
    });
    if (!accounts.length) return;
    const composed = newReportMessage({ ...(await this.staffFacts(report)), rerouted });
    for (const email of unique(accounts.map((a) => a.email))) this.send(rerouted ? 'staff REROUTED' : 'staff SUBMITTED', report.trackingCode, [email], composed);
  }

  private async escalationToSupervisors(report: Report, at: Date): Promise<void> {
    const { prisma } = this.options;
    const agency = await prisma.agency.findUniqueOrThrow({ where: { id: report.agencyId }, select: { escalationParentId: true } });
    const agencyIds = [report.agencyId, ...(agency.escalationParentId ? [agency.escalationParentId] : [])];
    const supervisors = await prisma.staffAccount.findMany({
      where: { agencyId: { in: agencyIds }, role: 'SUPERVISOR', disabledAt: null },
      select: { email: true },
    });
    if (!supervisors.length) return;
    const event = await prisma.reportEvent.findFirst({
      where: { reportId: report.id, kind: 'ESCALATED' },
      orderBy: { id: 'desc' },
      select: { data: true },
    });
    const recorded = (event?.data as { overdueByHours?: number } | null)?.overdueByHours;
    const overdueByHours = recorded ?? Math.max(0, Math.floor((at.getTime() - report.dueAt.getTime()) / 3_600_000));
    const composed = escalationMessage({ ...(await this.staffFacts(report)), overdueByHours });
    for (const email of unique(supervisors.map((s) => s.email))) this.send('staff ESCALATED', report.trackingCode, [email], composed);
  }

  /** The new assignee hears of it, unless they took it themselves (or their account is disabled). */
  private async assignmentToAssignee(change: ReportChange): Promise<void> {
    const assignment = change.assignment;
    if (!assignment?.assigneeId || assignment.actor === `staff:${assignment.assigneeId}`) return;
    const { prisma } = this.options;
    const assignee = await prisma.staffAccount.findUnique({ where: { id: assignment.assigneeId }, select: { email: true, disabledAt: true } });
    if (!assignee || assignee.disabledAt) return;
    const composed = assignmentMessage({ ...(await this.staffFacts(change.report)), assignedBy: await this.actorName(assignment.actor) });
    this.send('staff ASSIGNED', change.report.trackingCode, [assignee.email], composed);
  }

  /** A staff member's name, or the API token's, for "X assigned it to you". */
  private async actorName(actor: string): Promise<string> {
    const { prisma } = this.options;
    const [kind, id] = actor.split(':');
    if (kind === 'staff' && id) {
      const account = await prisma.staffAccount.findUnique({ where: { id }, select: { name: true } });
      if (account) return account.name;
    }
    if (kind === 'token' && id) {
      const token = await prisma.apiToken.findUnique({ where: { id }, select: { name: true } });
      if (token) return token.name;
    }
    return 'Aduan';
  }

  /** Hands one message to the mailer, retrying with backoff; never throws. */
  private send(what: string, trackingCode: string, to: string[], composed: Composed): void {
    const message = render(composed, to);
    const attempt = async (n: number): Promise<void> => {
      try {
        await this.options.mailer.send(message);
      } catch (error) {
        const delay = this.retryDelaysMs[n];
        const tries = this.retryDelaysMs.length + 1;
        if (delay === undefined || this.closed) {
          this.log(`aduan: gave up mailing ${what} for ${trackingCode} after ${n + 1} of ${tries} attempts: ${describeError(error)}`);
          return;
        }
        this.log(`aduan: mailing ${what} for ${trackingCode} failed (attempt ${n + 1} of ${tries}, retrying in ${delay} ms): ${describeError(error)}`);
        await this.sleep(delay);
        if (this.closed) {
          this.log(`aduan: gave up mailing ${what} for ${trackingCode}: shutting down.`);
          return;
        }
        await attempt(n + 1);
      }
    };
    void this.track(attempt(0));
  }

  /** A wait that close() cuts short. */
  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.set(timer, resolve);
    });
  }
}

/** Error class, code and SMTP response code only: messages can quote addresses. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown error';
  const { code, responseCode } = error as { code?: unknown; responseCode?: unknown };
  return [error.name, typeof code === 'string' ? code : null, typeof responseCode === 'number' ? `SMTP ${responseCode}` : null]
    .filter(Boolean)
    .join(' ');
}

function unique(values: string[]): string[] {
  return [...new Set(values.map((v) => v.toLowerCase()))];
}
