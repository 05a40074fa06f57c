// GET servicerequestupdates: mySociety's extension of GeoReport v2, which FixMyStreet
// (and mySociety's open311-adapter) use to follow requests — each change to a request
// as an update with its own id, status, text and time. Aduan's updates are its
// report ledger's public events, read as they were written: a status change, a public
// note or a reroute is one update, and `update_id` is the event's number, so an update
// never changes and never repeats. The report's first step is the request itself, not
// an update. Privacy as in GET requests: internal notes, assignments and escalations are
// other kinds and never read; tracking codes in a note are withheld.
import type { ReportStatus } from '@aduan/core';
import type { Prisma } from '@aduan/prisma';
import { withholdTrackingCodes } from '../events/public-timeline.js';
import type { Locale } from '../intake/messages.js';
import { w3cDateTime } from './dates.js';
import type { Open311Dependencies } from './dependencies.js';
import { eventsWithin, resolveJurisdiction } from './jurisdiction.js';
import { param, requestWindow } from './requests.js';
import { updateStatusOf, type Outcome, type UpdateStatus } from './status.js';

/** The public events that are updates (PUBLIC_EVENT_KINDS without SUBMITTED). */
export const UPDATE_EVENT_KINDS = ['STATUS_CHANGED', 'PUBLIC_NOTE', 'REROUTED'] as const;

/** At most this many updates an answer, like GET requests. */
export const MAX_UPDATES = 1000;

export interface Open311Update {
  /** The ledger event's number. */
  update_id: string;
  service_request_id: string;
  /** The report's status after the step, in the extension's words. */
  status: UpdateStatus;
  /** What the agency told the public with this step, tracking codes withheld; null when nothing. */
  description: string | null;
  updated_datetime: string;
  /** The report's status after the step, in Aduan's own words (RECEIVED … CLOSED). */
  external_status_code: ReportStatus;
}

const UPDATE_SELECT = {
  id: true,
  reportId: true,
  at: true,
  status: true,
  publicNote: true,
  report: { select: { jurisdictionCode: true } },
} satisfies Prisma.ReportEventSelect;

type UpdateRow = Prisma.ReportEventGetPayload<{ select: typeof UPDATE_SELECT }>;

/**
 * The updates of `start_date` … `end_date` (as GET requests reads them: 90 days at
 * most, the last 90 without dates), oldest first. With a start date, the first 1000
 * from it, so a client that got 1000 asks again from the last one's time; without
 * one, the latest 1000.
 */
export async function listUpdates(deps: Open311Dependencies, params: URLSearchParams, locale: Locale): Promise<Open311Update[]> {
  const snapshot = await deps.catalog.current();
  const scope = await resolveJurisdiction(deps, snapshot, param(params, 'jurisdiction_id'), locale);
  const zone = scope ? snapshot.timeZoneOf(scope.area.code) : 'UTC';
  const window = requestWindow(params, deps.now(), zone, locale);
  const fromStart = param(params, 'start_date') !== null;
  const order = fromStart ? 'asc' : 'desc';
  const rows = await deps.prisma.reportEvent.findMany({
    where: { kind: { in: [...UPDATE_EVENT_KINDS] }, at: { gte: window.from, lte: window.to }, ...eventsWithin(snapshot, scope) },
    orderBy: [{ at: order }, { id: order }],
    take: MAX_UPDATES,
    select: UPDATE_SELECT,
  });
  if (!fromStart) rows.reverse();
  const outcomeOf = await readOutcomes(deps, rows);
  return rows.map((row) => {
    const status = row.status as ReportStatus;
    return {
      update_id: String(row.id),
      service_request_id: row.reportId,
      status: updateStatusOf(status, outcomeOf(row)),
      description: row.publicNote === null ? null : withholdTrackingCodes(row.publicNote, snapshot.trackingCodePrefixFor(row.report.jurisdictionCode), locale),
      updated_datetime: w3cDateTime(row.at, snapshot.timeZoneOf(row.report.jurisdictionCode)),
      external_status_code: status,
    };
  });
}

/**
 * How each rejected or closed report last ended before a step: its status changes to
 * RESOLVED and REJECTED (a rejection's reason is in the event's data), read for those
 * reports only, in one statement.
 */
async function readOutcomes(deps: Open311Dependencies, rows: UpdateRow[]): Promise<(row: UpdateRow) => Outcome | null> {
  const ended = [...new Set(rows.filter((row) => row.status === 'REJECTED' || row.status === 'CLOSED').map((row) => row.reportId))];
  if (ended.length === 0) return () => null;
  const outcomes = await deps.prisma.reportEvent.findMany({
    where: { reportId: { in: ended }, kind: 'STATUS_CHANGED', status: { in: ['RESOLVED', 'REJECTED'] } },
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
    select: { id: true, reportId: true, at: true, status: true, data: true },
  });
  const byReport = new Map<string, typeof outcomes>();
  for (const outcome of outcomes) byReport.set(outcome.reportId, [...(byReport.get(outcome.reportId) ?? []), outcome]);
  return (row) => {
    // The timeline's order: by time, then by the order the ledger wrote them.
    const before = (byReport.get(row.reportId) ?? []).filter((o) => o.at < row.at || (o.at.getTime() === row.at.getTime() && o.id <= row.id));
    const last = before.at(-1);
    if (!last) return null;
    const data = last.data as Record<string, unknown> | null;
    return { status: last.status as Outcome['status'], reason: typeof data?.['reason'] === 'string' ? data['reason'] : null };
  };
}
