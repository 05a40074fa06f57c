// The ONE rule for what an event means to statistics: whether it is the agency's
// first response, whether it resolves the report, whether it is a reroute. The
// report ledger applies it in the same transaction that writes the event (keeping
// Report.firstRespondedAt / resolvedAt / rerouteCount and the two durations
// firstResponseSeconds / resolutionSeconds current), the test data set derives the
// columns with it, and the backfills in prisma/migrations/*_report_response_times
// and *_statistics_indexes are the same rule in SQL.
import type { Prisma, Report } from '@aduan/prisma';

/**
 * Events that count as the agency's first response: a status change or a public
 * note made by agency staff (or an agency's API token) — not by the resident
 * (a reopen) or the system (escalation, automatic closing).
 */
export const RESPONSE_EVENT_KINDS = ['STATUS_CHANGED', 'PUBLIC_NOTE'] as const;
export const NON_STAFF_ACTORS = ['resident', 'system'] as const;

export interface MilestoneEvent {
  kind: string;
  /** The report's status after the event. */
  status: string;
  actor: string;
  at: Date;
}

/** A status change or public note by staff or an agency token. */
export function countsAsResponse(event: Pick<MilestoneEvent, 'kind' | 'actor'>): boolean {
  return (RESPONSE_EVENT_KINDS as readonly string[]).includes(event.kind) && !(NON_STAFF_ACTORS as readonly string[]).includes(event.actor);
}

/** Any event whose status is RESOLVED; the earliest one is the resolution. */
export function countsAsResolution(event: Pick<MilestoneEvent, 'status'>): boolean {
  return event.status === 'RESOLVED';
}

export function countsAsReroute(event: Pick<MilestoneEvent, 'kind'>): boolean {
  return event.kind === 'REROUTED';
}

export interface Milestones {
  firstRespondedAt: Date | null;
  resolvedAt: Date | null;
  rerouteCount: number;
}

/** Seconds from submission to each milestone, as stored next to it (null while it has not happened). */
export function milestoneDurations(
  submittedAt: Date,
  milestones: Pick<Milestones, 'firstRespondedAt' | 'resolvedAt'>,
): { firstResponseSeconds: number | null; resolutionSeconds: number | null } {
  const since = (at: Date | null) => (at === null ? null : (at.getTime() - submittedAt.getTime()) / 1000);
  return { firstResponseSeconds: since(milestones.firstRespondedAt), resolutionSeconds: since(milestones.resolvedAt) };
}

/** The columns for a report with exactly these events (what the backfill computes). */
export function deriveMilestones(events: readonly MilestoneEvent[]): Milestones {
  const earliest = (dates: Date[]) => (dates.length ? new Date(Math.min(...dates.map((d) => d.getTime()))) : null);
  return {
    firstRespondedAt: earliest(events.filter(countsAsResponse).map((e) => e.at)),
    resolvedAt: earliest(events.filter(countsAsResolution).map((e) => e.at)),
    rerouteCount: events.filter(countsAsReroute).length,
  };
}

/**
 * The report's columns to set for events just written, given the report as read under
 * its lock in the same transaction (the ledger's). Each milestone only moves earlier, so
 * the earliest event wins; only what changes is returned.
 */
export function milestoneUpdate(
  report: Pick<Report, 'submittedAt' | 'firstRespondedAt' | 'resolvedAt' | 'rerouteCount'>,
  events: readonly MilestoneEvent[],
): Prisma.ReportUncheckedUpdateInput {
  const update: Prisma.ReportUncheckedUpdateInput = {};
  const seconds = (at: Date) => (at.getTime() - report.submittedAt.getTime()) / 1000;
  let { firstRespondedAt, resolvedAt } = report;
  for (const event of events) {
    if (countsAsResponse(event) && (firstRespondedAt === null || firstRespondedAt > event.at)) {
      firstRespondedAt = event.at;
      Object.assign(update, { firstRespondedAt, firstResponseSeconds: seconds(firstRespondedAt) });
    }
    if (countsAsResolution(event) && (resolvedAt === null || resolvedAt > event.at)) {
      resolvedAt = event.at;
      Object.assign(update, { resolvedAt, resolutionSeconds: seconds(resolvedAt) });
    }
  }
  const reroutes = events.filter(countsAsReroute).length;
  if (reroutes) update.rerouteCount = report.rerouteCount + reroutes;
  return update;
}
