// addReportNote: a public and/or internal note without a status change. A public note
// by staff is an answer to the resident (it can be the first response, see
// statistics/milestones.ts), and the resident is mailed it.
import type { Report } from '@aduan/prisma';
import { actingFor } from './access.js';
import type { WorkflowContext } from './context.js';
import { Refused } from './errors.js';
import { reportOrRefuse } from './load.js';

export const MAX_ADDED_NOTE_LENGTH = 2_000;

export interface AddNoteInput {
  trackingCode: string;
  publicNote?: string | null | undefined;
  internalNote?: string | null | undefined;
}

/** AccessDenied for someone else's report, a Refused for a blank or long note; nothing is written then. */
export async function addReportNote(context: WorkflowContext, input: AddNoteInput): Promise<Report> {
  const report = await reportOrRefuse(context, input.trackingCode);
  const viewer = actingFor(context.viewer, report.agencyId);
  let given = 0;
  for (const field of ['publicNote', 'internalNote'] as const) {
    const value = input[field];
    if (value === null || value === undefined) continue;
    const text = value.trim();
    if (text.length === 0) throw new Refused('NOTE_REQUIRED', 'A note cannot be blank.', field);
    if (text.length > MAX_ADDED_NOTE_LENGTH) throw new Refused('NOTE_TOO_LONG', `A note can be at most ${MAX_ADDED_NOTE_LENGTH} characters.`, field);
    given++;
  }
  if (given === 0) throw new Refused('NOTE_REQUIRED', 'Give a publicNote, an internalNote or both.', 'publicNote');

  return context.ledger.change({
    reportId: report.id,
    actor: viewer.actor,
    at: context.now(),
    expect: { agencyId: report.agencyId },
    changes: [{ kind: 'NOTE', publicNote: input.publicNote, internalNote: input.internalNote }],
  });
}
