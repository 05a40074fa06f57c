// assignReport: who in the agency has a report in hand. A SUPERVISOR of the report's
// agency or an ADMIN gives it to any active staff member of that agency, or to nobody;
// a STAFF member takes an unassigned report for themselves or gives up their own. The
// ledger writes an ASSIGNED event (internal: never on the public timeline), and only
// moves from the assignment checked here.
import type { Report } from '@aduan/prisma';
import { normalizeEmail } from '../staff/accounts.js';
import { actingFor } from './access.js';
import type { WorkflowContext } from './context.js';
import { AccessDenied, InvalidTransition, Refused } from './errors.js';
import { reportOrRefuse } from './load.js';

export interface AssignInput {
  trackingCode: string;
  /** A staff e-mail of the report's agency; null or absent to unassign. */
  assignee?: string | null | undefined;
}

/** AccessDenied when the viewer may not make this change, a Refused when it cannot be made; nothing is written then. */
export async function assignReport(context: WorkflowContext, input: AssignInput): Promise<Report> {
  const report = await reportOrRefuse(context, input.trackingCode);
  const viewer = actingFor(context.viewer, report.agencyId);

  const email = input.assignee === null || input.assignee === undefined ? null : normalizeEmail(input.assignee);
  const target =
    email && email.length <= 254
      ? await context.prisma.staffAccount.findUnique({ where: { email }, select: { id: true, name: true, agencyId: true, disabledAt: true } })
      : null;

  // STAFF act only for themselves: take their own, give up their own. A token is nobody.
  if (viewer.role === 'STAFF') {
    const self = viewer.accountId;
    const own = email === null ? report.assignedToId === null || report.assignedToId === self : target?.id === self;
    if (!self || !own) throw AccessDenied.for(viewer);
  }

  if (report.status === 'CLOSED') throw new InvalidTransition('A CLOSED report can no longer be assigned.', 'trackingCode');
  if (email !== null && (!target || target.disabledAt || target.agencyId !== report.agencyId)) {
    throw new Refused('UNKNOWN_ASSIGNEE', `There is no active staff member "${input.assignee}" in this report's agency.`, 'assignee');
  }
  const assigneeId = target?.id ?? null;
  if (assigneeId === null && report.assignedToId === null) throw new Refused('NOT_ASSIGNED', 'The report is not assigned to anyone.', 'assignee');
  // A supervisor may hand it on; a STAFF member must not take it from a colleague.
  if (assigneeId !== null && report.assignedToId !== null && (report.assignedToId === assigneeId || viewer.role === 'STAFF')) {
    const holder =
      report.assignedToId === assigneeId
        ? target!.name
        : ((await context.prisma.staffAccount.findUnique({ where: { id: report.assignedToId }, select: { name: true } }))?.name ?? 'someone');
    throw new Refused('ALREADY_ASSIGNED', `The report is already assigned to ${holder}.`, 'assignee');
  }

  return context.ledger.change({
    reportId: report.id,
    actor: viewer.actor,
    at: context.now(),
    expect: { agencyId: report.agencyId, assignedToId: report.assignedToId },
    changes: [{ kind: 'ASSIGN', assigneeId }],
  });
}
