// The ONE rule for what an event means to statistics: whether it is the agency's
// first response, whether it resolves the report, whether it is a reroute. The
// workflow applies it in the same transaction that writes the event (keeping
// Report.firstRespondedAt / resolvedAt / rerouteCount and the two durations
// firstResponseSeconds / resolutionSeconds current), the test data set derives the
// columns with it, and the backfills in prisma/migrations/*_report_response_times
// and *_statistics_indexes are the same rule in SQL.
import { Prisma } from '@aduan/prisma';

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
  return (
    (RESPONSE_EVENT_KINDS as readonly string[]).includes(event.kind) &&
    !(NON_STAFF_ACTORS as readonly string[]).includes(event.actor)
  );
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
 * Keeps the report's columns current for one event just written in `tx` (call it
 * in the same transaction). Each column only moves earlier, so the earliest
 * event wins whatever order concurrent transactions commit in.
 */
export async function recordMilestones(tx: Prisma.TransactionClient, reportId: string, event: MilestoneEvent): Promise<void> {
  // Timestamps are `timestamp(3)` holding UTC; the instant goes in as ISO text.
  const at = Prisma.sql`(${event.at.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
  if (countsAsResponse(event)) {
    await tx.$executeRaw`
      UPDATE "Report"
      SET "firstRespondedAt" = ${at}, "firstResponseSeconds" = EXTRACT(EPOCH FROM (${at} - "submittedAt")), "updatedAt" = ${at}
      WHERE id = ${reportId} AND ("firstRespondedAt" IS NULL OR "firstRespondedAt" > ${at})`;
  }
  if (countsAsResolution(event)) {
    await tx.$executeRaw`
      UPDATE "Report"
      SET "resolvedAt" = ${at}, "resolutionSeconds" = EXTRACT(EPOCH FROM (${at} - "submittedAt")), "updatedAt" = ${at}
      WHERE id = ${reportId} AND ("resolvedAt" IS NULL OR "resolvedAt" > ${at})`;
  }
  if (countsAsReroute(event)) {
    await tx.report.update({ where: { id: reportId }, data: { rerouteCount: { increment: 1 } } });
  }
}
