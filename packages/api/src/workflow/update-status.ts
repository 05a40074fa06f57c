// updateReportStatus: one step of core's state machine, with notes, written as a
// STATUS_CHANGED event (the audit trail) in the same transaction as the change.
import { allowedTransitions, canTransition, type ReportStatus } from '@aduan/core';
import type { Prisma, Report } from '@aduan/prisma';
import type { InvalidInput } from '../intake/invalid-input.js';
import { forbidden, mayActFor, type Context } from '../schema/context.js';
import { refusal } from '../schema/refusal.js';
import { recordMilestones } from '../statistics/milestones.js';
import { findReport, MAX_NOTE_LENGTH } from './load.js';

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

export type WorkflowOutcome = { ok: true; report: Report } | { ok: false; invalid: InvalidInput };

export function describeAllowed(from: ReportStatus): string {
  const allowed = allowedTransitions(from);
  return allowed.length ? `A ${from} report can only move to ${allowed.join(' or ')}.` : `A ${from} report is final and cannot change.`;
}

export function checkNotes(input: { publicNote?: string | null | undefined; internalNote?: string | null | undefined }): InvalidInput | null {
  for (const field of ['publicNote', 'internalNote'] as const) {
    if ((input[field]?.length ?? 0) > MAX_NOTE_LENGTH) {
      return refusal('NOTE_TOO_LONG', `A note can be at most ${MAX_NOTE_LENGTH} characters.`, field);
    }
  }
  return null;
}

function blankToNull(value: string | null | undefined): string | null {
  return value?.trim() ? value.trim() : null;
}

/** Throws FORBIDDEN (a GraphQLError) when the viewer may not touch this report; never writes before that. */
export async function updateReportStatus(context: Context, input: UpdateStatusInput): Promise<WorkflowOutcome> {
  const report = await findReport(context, input.trackingCode);
  if (!report) return { ok: false, invalid: refusal('UNKNOWN_REPORT', 'There is no report with this tracking code.', 'trackingCode') };
  if (!mayActFor(context.viewer, report.agencyId)) throw forbidden(context.viewer);
  const viewer = context.viewer!;

  const from = report.status as ReportStatus;
  if (!canTransition(from, input.status)) {
    return { ok: false, invalid: refusal('INVALID_TRANSITION', describeAllowed(from), 'status') };
  }
  const notes = checkNotes(input);
  if (notes) return { ok: false, invalid: notes };

  let duplicateOfId: string | null = null;
  let duplicateOfCode: string | null = null;
  if (input.status === 'REJECTED') {
    if (!input.reason) {
      return {
        ok: false,
        invalid: refusal('REASON_REQUIRED', `Rejecting needs a reason: ${REJECTION_REASONS.join(', ')}.`, 'reason'),
      };
    }
    if (input.reason === 'DUPLICATE') {
      if (!input.duplicateOf) {
        return { ok: false, invalid: refusal('DUPLICATE_OF_REQUIRED', 'Name the original report’s tracking code in duplicateOf.', 'duplicateOf') };
      }
      const original = await findReport(context, input.duplicateOf);
      if (!original || original.id === report.id) {
        return { ok: false, invalid: refusal('UNKNOWN_DUPLICATE_OF', 'duplicateOf must be the tracking code of another existing report.', 'duplicateOf') };
      }
      duplicateOfId = original.id;
      duplicateOfCode = original.trackingCode;
    } else if (input.duplicateOf) {
      return { ok: false, invalid: refusal('DUPLICATE_OF_REQUIRED', 'duplicateOf only goes with the reason DUPLICATE.', 'duplicateOf') };
    }
  } else if (input.reason || input.duplicateOf) {
    const field = input.reason ? 'reason' : 'duplicateOf';
    return { ok: false, invalid: refusal('REASON_REQUIRED', 'A reason (and duplicateOf) only goes with the status REJECTED.', field) };
  }

  const now = context.now();
  const data: Prisma.InputJsonValue = {
    from,
    to: input.status,
    ...(input.reason ? { reason: input.reason } : {}),
    ...(duplicateOfCode ? { duplicateOf: duplicateOfCode } : {}),
  };
  return context.prisma.$transaction(async (tx) => {
    // Only from the status we checked: a concurrent change makes this one a refusal, not a skipped step.
    const moved = await tx.report.updateMany({
      where: { id: report.id, status: from },
      data: { status: input.status, ...(duplicateOfId ? { duplicateOfId } : {}) },
    });
    if (moved.count !== 1) {
      const current = await tx.report.findUniqueOrThrow({ where: { id: report.id }, select: { status: true } });
      return { ok: false as const, invalid: refusal('INVALID_TRANSITION', describeAllowed(current.status as ReportStatus), 'status') };
    }
    await tx.reportEvent.create({
      data: {
        reportId: report.id,
        kind: 'STATUS_CHANGED',
        at: now,
        status: input.status,
        publicNote: blankToNull(input.publicNote),
        internalNote: blankToNull(input.internalNote),
        actor: viewer.actor,
        data,
      },
    });
    await recordMilestones(tx, report.id, { kind: 'STATUS_CHANGED', status: input.status, actor: viewer.actor, at: now });
    return { ok: true as const, report: await tx.report.findUniqueOrThrow({ where: { id: report.id } }) };
  });
}
