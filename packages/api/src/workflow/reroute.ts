// rerouteReport: "wrong agency". The report moves to another agency with a fresh
// deadline; the miss is recorded in routingDecision.reroutes and as a REROUTED event
// (data.routingMiss = true), so statistics can count routing misses.
import { dueAt, isOpenStatus, type ReportStatus } from '@aduan/core';
import type { Prisma } from '@aduan/prisma';
import { forbidden, type Context } from '../schema/context.js';
import { refusal } from '../schema/refusal.js';
import { enqueueDeliveries } from '../delivery/outbox.js';
import { recordMilestones } from '../statistics/milestones.js';
import { findReport, MAX_NOTE_LENGTH } from './load.js';
import type { WorkflowOutcome } from './update-status.js';

export async function rerouteReport(
  context: Context,
  input: { trackingCode: string; agency: string; reason: string },
): Promise<WorkflowOutcome> {
  const report = await findReport(context, input.trackingCode);
  if (!report) return { ok: false, invalid: refusal('UNKNOWN_REPORT', 'There is no report with this tracking code.', 'trackingCode') };
  const viewer = context.viewer;
  const supervises = viewer !== null && (viewer.role === 'ADMIN' || (viewer.role === 'SUPERVISOR' && viewer.agencyId === report.agencyId));
  if (!supervises) throw forbidden(viewer);

  const reason = input.reason.trim();
  if (reason.length < 3 || reason.length > MAX_NOTE_LENGTH) {
    return { ok: false, invalid: refusal('REASON_REQUIRED', `Say why in 3 to ${MAX_NOTE_LENGTH} characters.`, 'reason') };
  }
  if (!isOpenStatus(report.status as ReportStatus)) {
    return { ok: false, invalid: refusal('INVALID_TRANSITION', `A ${report.status} report can no longer be rerouted.`, 'trackingCode') };
  }
  const target = await context.prisma.agency.findUnique({ where: { slug: input.agency } });
  if (!target) return { ok: false, invalid: refusal('UNKNOWN_AGENCY', `There is no agency "${input.agency}".`, 'agency') };
  if (target.id === report.agencyId) {
    return { ok: false, invalid: refusal('SAME_AGENCY', 'The report is already with this agency.', 'agency') };
  }

  const now = context.now();
  // The new agency's deadline: its rule for this category, else its default, counted from now.
  const rule = await context.prisma.routingRule.findFirst({
    where: { agencyId: target.id, OR: [{ categoryId: report.categoryId }, { categoryId: null }] },
    orderBy: [{ categoryId: { sort: 'asc', nulls: 'last' } }, { responseHours: 'asc' }],
    select: { responseHours: true },
  });
  const newDueAt = dueAt(now, rule?.responseHours ?? target.defaultResponseHours, (await context.catalog.current()).calendarOf(report.jurisdictionCode));
  const previous = (report.routingDecision ?? {}) as Record<string, unknown>;
  const miss = { at: now.toISOString(), fromAgencyId: report.agencyId, toAgencyId: target.id, toAgency: target.slug, actor: viewer.actor, reason };
  const routingDecision = {
    ...previous,
    reroutes: [...(Array.isArray(previous['reroutes']) ? previous['reroutes'] : []), miss],
  } as Prisma.InputJsonValue;

  return context.prisma.$transaction(async (tx) => {
    const moved = await tx.report.updateMany({
      where: { id: report.id, agencyId: report.agencyId, status: report.status },
      // A new agency starts afresh: nobody there has it in hand yet, and it is not escalated there.
      data: { agencyId: target.id, dueAt: newDueAt, routingDecision, assignedToId: null, escalatedAt: null },
    });
    if (moved.count !== 1) {
      return { ok: false as const, invalid: refusal('INVALID_TRANSITION', 'The report changed meanwhile; load it again.', 'trackingCode') };
    }
    await tx.reportEvent.create({
      data: {
        reportId: report.id,
        kind: 'REROUTED',
        at: now,
        status: report.status,
        publicNote: `Diteruskan ke ${target.name}`,
        internalNote: reason,
        actor: viewer.actor,
        data: { routingMiss: true, fromAgencyId: report.agencyId, toAgencyId: target.id, previousDueAt: report.dueAt.toISOString() },
      },
    });
    await recordMilestones(tx, report.id, { kind: 'REROUTED', status: report.status, actor: viewer.actor, at: now });
    await enqueueDeliveries(tx, report.id, target.id, 'report.rerouted', now);
    return { ok: true as const, report: await tx.report.findUniqueOrThrow({ where: { id: report.id } }) };
  });
}
