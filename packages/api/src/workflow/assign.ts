// assignReport: who in the agency has a report in hand. A SUPERVISOR of the report's
// agency or an ADMIN gives it to any active staff member of that agency, or to nobody;
// a STAFF member takes an unassigned report for themselves or gives up their own. Each
// change is an ASSIGNED event (internal: never on the public timeline) written in the
// same transaction, which only moves from the assignment it checked.
import type { Report } from '@aduan/prisma';
import type { InvalidInput } from '../intake/invalid-input.js';
import { forbidden, mayActFor, type Context } from '../schema/context.js';
import { refusal } from '../schema/refusal.js';
import { normalizeEmail } from '../staff/accounts.js';
import { findReport } from './load.js';

export interface AssignInput {
  trackingCode: string;
  /** A staff e-mail of the report's agency; null or absent to unassign. */
  assignee?: string | null | undefined;
}

export interface Assignment {
  assigneeId: string | null;
  previousAssigneeId: string | null;
}

export type AssignOutcome = { ok: true; report: Report; assignment: Assignment } | { ok: false; invalid: InvalidInput };

/** Throws FORBIDDEN (a GraphQLError) when the viewer may not make this change; never writes before that. */
export async function assignReport(context: Context, input: AssignInput): Promise<AssignOutcome> {
  const report = await findReport(context, input.trackingCode);
  if (!report) return { ok: false, invalid: refusal('UNKNOWN_REPORT', 'There is no report with this tracking code.', 'trackingCode') };
  if (!mayActFor(context.viewer, report.agencyId)) throw forbidden(context.viewer);
  const viewer = context.viewer!;

  const email = input.assignee === null || input.assignee === undefined ? null : normalizeEmail(input.assignee);
  const target =
    email && email.length <= 254
      ? await context.prisma.staffAccount.findUnique({ where: { email }, select: { id: true, name: true, agencyId: true, disabledAt: true } })
      : null;

  // STAFF act only for themselves: take their own, give up their own. A token is nobody.
  if (viewer.role === 'STAFF') {
    const self = viewer.accountId;
    const own = email === null ? report.assignedToId === null || report.assignedToId === self : target?.id === self;
    if (!self || !own) throw forbidden(viewer);
  }

  if (report.status === 'CLOSED') {
    return { ok: false, invalid: refusal('INVALID_TRANSITION', 'A CLOSED report can no longer be assigned.', 'trackingCode') };
  }
  if (email !== null && (!target || target.disabledAt || target.agencyId !== report.agencyId)) {
    return {
      ok: false,
      invalid: refusal('UNKNOWN_ASSIGNEE', `There is no active staff member "${input.assignee}" in this report's agency.`, 'assignee'),
    };
  }
  const assigneeId = target?.id ?? null;
  if (assigneeId === null && report.assignedToId === null) {
    return { ok: false, invalid: refusal('NOT_ASSIGNED', 'The report is not assigned to anyone.', 'assignee') };
  }
  if (assigneeId !== null && report.assignedToId !== null) {
    const holder =
      report.assignedToId === assigneeId
        ? target!.name
        : ((await context.prisma.staffAccount.findUnique({ where: { id: report.assignedToId }, select: { name: true } }))?.name ?? 'someone');
    // A supervisor may hand it on; a STAFF member must not take it from a colleague.
    if (report.assignedToId === assigneeId || viewer.role === 'STAFF') {
      return { ok: false, invalid: refusal('ALREADY_ASSIGNED', `The report is already assigned to ${holder}.`, 'assignee') };
    }
  }

  const now = context.now();
  const assignment: Assignment = { assigneeId, previousAssigneeId: report.assignedToId };
  return context.prisma.$transaction(async (tx) => {
    const moved = await tx.report.updateMany({
      where: { id: report.id, agencyId: report.agencyId, assignedToId: report.assignedToId, status: { not: 'CLOSED' } },
      data: { assignedToId: assigneeId, updatedAt: now },
    });
    if (moved.count !== 1) {
      return { ok: false as const, invalid: refusal('INVALID_TRANSITION', 'The report changed meanwhile; load it again.', 'trackingCode') };
    }
    const updated = await tx.report.findUniqueOrThrow({ where: { id: report.id } });
    await tx.reportEvent.create({
      data: { reportId: report.id, kind: 'ASSIGNED', at: now, status: updated.status, actor: viewer.actor, data: { ...assignment } },
    });
    return { ok: true as const, report: updated, assignment };
  });
}
