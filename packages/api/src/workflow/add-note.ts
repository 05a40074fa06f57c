// addReportNote: a public and/or internal note without a status change, written as
// PUBLIC_NOTE / INTERNAL_NOTE events in one transaction. A public note by staff is
// an answer to the resident (it can be the first response, see statistics/milestones.ts).
import type { ReportEventKind } from '@aduan/prisma';
import { forbidden, mayActFor, type Context } from '../schema/context.js';
import { refusal } from '../schema/refusal.js';
import { recordMilestones } from '../statistics/milestones.js';
import { findReport } from './load.js';
import type { WorkflowOutcome } from './update-status.js';

export const MAX_ADDED_NOTE_LENGTH = 2_000;

export interface AddNoteInput {
  trackingCode: string;
  publicNote?: string | null | undefined;
  internalNote?: string | null | undefined;
}

/** The stored public note (trimmed), or null when none was given. */
export function publicNoteOf(input: AddNoteInput): string | null {
  return input.publicNote?.trim() || null;
}

/** Throws FORBIDDEN (a GraphQLError) when the viewer may not touch this report; never writes before that. */
export async function addReportNote(context: Context, input: AddNoteInput): Promise<WorkflowOutcome> {
  const report = await findReport(context, input.trackingCode);
  if (!report) return { ok: false, invalid: refusal('UNKNOWN_REPORT', 'There is no report with this tracking code.', 'trackingCode') };
  if (!mayActFor(context.viewer, report.agencyId)) throw forbidden(context.viewer);
  const viewer = context.viewer!;

  const notes: { kind: ReportEventKind; field: 'publicNote' | 'internalNote'; text: string }[] = [];
  for (const [field, kind] of [['publicNote', 'PUBLIC_NOTE'], ['internalNote', 'INTERNAL_NOTE']] as const) {
    const value = input[field];
    if (value === null || value === undefined) continue;
    const text = value.trim();
    if (text.length === 0) return { ok: false, invalid: refusal('NOTE_REQUIRED', 'A note cannot be blank.', field) };
    if (text.length > MAX_ADDED_NOTE_LENGTH) {
      return { ok: false, invalid: refusal('NOTE_TOO_LONG', `A note can be at most ${MAX_ADDED_NOTE_LENGTH} characters.`, field) };
    }
    notes.push({ kind, field, text });
  }
  if (notes.length === 0) {
    return { ok: false, invalid: refusal('NOTE_REQUIRED', 'Give a publicNote, an internalNote or both.', 'publicNote') };
  }

  const now = context.now();
  return context.prisma.$transaction(async (tx) => {
    // Touching the row locks it, so the events carry the status it has while they are written.
    await tx.report.update({ where: { id: report.id }, data: { updatedAt: now } });
    const { status } = await tx.report.findUniqueOrThrow({ where: { id: report.id }, select: { status: true } });
    for (const note of notes) {
      await tx.reportEvent.create({
        data: {
          reportId: report.id,
          kind: note.kind,
          at: now,
          status,
          publicNote: note.field === 'publicNote' ? note.text : null,
          internalNote: note.field === 'internalNote' ? note.text : null,
          actor: viewer.actor,
        },
      });
      await recordMilestones(tx, report.id, { kind: note.kind, status, actor: viewer.actor, at: now });
    }
    return { ok: true as const, report: await tx.report.findUniqueOrThrow({ where: { id: report.id } }) };
  });
}
