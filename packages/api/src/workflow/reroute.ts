// rerouteReport: "wrong agency". A SUPERVISOR of the report's agency or an ADMIN sends it
// to another agency, with that agency's deadline counted from now. The ledger records the
// miss in routingDecision.reroutes and as a REROUTED event (data.routingMiss = true, so
// statistics count routing misses) and queues the new agency's deliveries.
import { dueAt, isOpenStatus, type ReportStatus } from '@aduan/core';
import type { Report } from '@aduan/prisma';
import { supervises } from './access.js';
import type { WorkflowContext } from './context.js';
import { AccessDenied, InvalidTransition, Refused } from './errors.js';
import { MAX_NOTE_LENGTH, reportOrRefuse } from './load.js';
import { isWithinArea } from '../jurisdictions/tree.js';

export async function rerouteReport(context: WorkflowContext, input: { trackingCode: string; agency: string; reason: string }): Promise<Report> {
  const report = await reportOrRefuse(context, input.trackingCode);
  const viewer = context.viewer;
  if (!supervises(viewer, report.agencyId)) throw AccessDenied.for(viewer);

  const reason = input.reason.trim();
  if (reason.length < 3 || reason.length > MAX_NOTE_LENGTH) throw new Refused('REASON_REQUIRED', `Say why in 3 to ${MAX_NOTE_LENGTH} characters.`, 'reason');
  if (!isOpenStatus(report.status as ReportStatus)) throw new InvalidTransition(`A ${report.status} report can no longer be rerouted.`, 'trackingCode');
  const target = await context.prisma.agency.findUnique({
    where: { slug: input.agency },
    select: { id: true, slug: true, name: true, defaultResponseHours: true, jurisdictionCode: true },
  });
  if (!target) throw new Refused('UNKNOWN_AGENCY', `There is no agency "${input.agency}".`, 'agency');
  if (target.id === report.agencyId) throw new Refused('SAME_AGENCY', 'The report is already with this agency.', 'agency');
  // Only to an agency that serves the report's place: its city's, or one above it (a province's).
  const snapshot = await context.catalog.current();
  const city = snapshot.cityOf(report.jurisdictionCode) ?? report.jurisdictionCode;
  if (!isWithinArea(target.jurisdictionCode, city) && !isWithinArea(report.jurisdictionCode, target.jurisdictionCode)) {
    throw new Refused('AGENCY_ELSEWHERE', `"${target.slug}" does not serve this report's area.`, 'agency');
  }

  const now = context.now();
  // The new agency's deadline: its rule for this category, else its default, counted from now.
  const rule = await context.prisma.routingRule.findFirst({
    where: { agencyId: target.id, OR: [{ categoryId: report.categoryId }, { categoryId: null }] },
    orderBy: [{ categoryId: { sort: 'asc', nulls: 'last' } }, { responseHours: 'asc' }],
    select: { responseHours: true },
  });
  const calendar = snapshot.calendarOf(report.jurisdictionCode);
  return context.ledger.change({
    reportId: report.id,
    actor: viewer.actor,
    at: now,
    expect: { agencyId: report.agencyId },
    changes: [{ kind: 'REROUTE', agency: target, dueAt: dueAt(now, rule?.responseHours ?? target.defaultResponseHours, calendar), reason }],
  });
}
