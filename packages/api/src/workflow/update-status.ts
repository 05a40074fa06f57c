// updateReportStatus: a move along core's state machine, with notes, by staff of the
// report's agency — one step, or further along the main line with each step between
// recorded (Received → Resolved in one go). The ledger checks every step again on the
// locked report and writes them.
import { stepsTo, type ReportStatus } from '@aduan/core';
import type { Report } from '@aduan/prisma';
import { actingFor } from './access.js';
import { describeAllowed, type EventData } from './changes.js';
import type { WorkflowContext } from './context.js';
import { InvalidTransition, Refused } from './errors.js';
import { findReport, MAX_NOTE_LENGTH, reportOrRefuse } from './load.js';

export const REJECTION_REASONS = ['DUPLICATE', 'NOT_OUR_RESPONSIBILITY', 'INSUFFICIENT_INFORMATION', 'OUT_OF_SCOPE'] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export interface UpdateStatusInput {
  trackingCode: string;
  status: ReportStatus;
  publicNote?: string | null | undefined;
  internalNote?: string | null | undefined;
  reason?: RejectionReason | null | undefined;
  duplicateOf?: string | null | undefined;
}

export function checkNotes(input: { publicNote?: string | null | undefined; internalNote?: string | null | undefined }): void {
  for (const field of ['publicNote', 'internalNote'] as const) {
    if ((input[field]?.length ?? 0) > MAX_NOTE_LENGTH) throw new Refused('NOTE_TOO_LONG', `A note can be at most ${MAX_NOTE_LENGTH} characters.`, field);
  }
}

/** AccessDenied for someone else's report, a Refused for a bad step; nothing is written then. */
export async function updateReportStatus(context: WorkflowContext, input: UpdateStatusInput): Promise<Report> {
  const report = await reportOrRefuse(context, input.trackingCode);
  const viewer = actingFor(context.viewer, report.agencyId);
  const from = report.status as ReportStatus;
  const steps = stepsTo(from, input.status);
  if (!steps) throw new InvalidTransition(describeAllowed(from));
  checkNotes(input);

  const data: EventData = {};
  let duplicateOfId: string | null = null;
  if (input.status === 'REJECTED') {
    if (!input.reason) throw new Refused('REASON_REQUIRED', `Rejecting needs a reason: ${REJECTION_REASONS.join(', ')}.`, 'reason');
    data['reason'] = input.reason;
    if (input.reason === 'DUPLICATE') {
      if (!input.duplicateOf) throw new Refused('DUPLICATE_OF_REQUIRED', 'Name the original report’s tracking code in duplicateOf.', 'duplicateOf');
      const original = await findReport(context, input.duplicateOf);
      if (!original || original.id === report.id) {
        throw new Refused('UNKNOWN_DUPLICATE_OF', 'duplicateOf must be the tracking code of another existing report.', 'duplicateOf');
      }
      duplicateOfId = original.id;
      data['duplicateOf'] = original.trackingCode;
    } else if (input.duplicateOf) {
      throw new Refused('DUPLICATE_OF_REQUIRED', 'duplicateOf only goes with the reason DUPLICATE.', 'duplicateOf');
    }
  } else if (input.reason || input.duplicateOf) {
    throw new Refused('REASON_REQUIRED', 'A reason (and duplicateOf) only goes with the status REJECTED.', input.reason ? 'reason' : 'duplicateOf');
  }

  return context.ledger.change({
    reportId: report.id,
    actor: viewer.actor,
    at: context.now(),
    expect: { agencyId: report.agencyId, status: from },
    // The notes (and a rejection's reason) go with the last step, the one they explain.
    changes: steps.map((to) =>
      to === input.status
        ? { kind: 'STATUS' as const, to, publicNote: input.publicNote, internalNote: input.internalNote, data, duplicateOfId }
        : { kind: 'STATUS' as const, to },
    ),
  });
}
