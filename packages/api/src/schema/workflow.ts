// The report workflow as GraphQL: staff change status, add notes and reroute;
// residents reopen or confirm. Each mutation calls one workflow function (which goes
// through the report ledger) and answers a refusal as InvalidInput.
import type { Report } from '@aduan/prisma';
import { confirmResolved, reopenReport } from '../workflow/resident.js';
import { rerouteReport } from '../workflow/reroute.js';
import { addReportNote, MAX_ADDED_NOTE_LENGTH } from '../workflow/add-note.js';
import { REJECTION_REASONS, updateReportStatus } from '../workflow/update-status.js';
import { builder } from './builder.js';
import { rateLimit } from './rate-limit.js';
import { Agency } from './agency.js';
import { InvalidInput } from './invalid-input.js';
import { PublicReport, ReportStatusEnum } from './public-report.js';
import { refusedAsInvalidInput } from './refusal.js';
import { StaffReport } from './staff-report.js';

const RejectionReasonEnum = builder.enumType('RejectionReason', { values: REJECTION_REASONS });

const ReportUpdated = builder.objectRef<{ report: Report }>('ReportUpdated').implement({
  description: 'The change was made and recorded as an event.',
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'report' in value && !('resident' in value),
  fields: (t) => ({ report: t.field({ type: StaffReport, resolve: (result) => result.report }) }),
});

const PublicReportUpdated = builder.objectRef<{ report: Report; resident: true }>('PublicReportUpdated').implement({
  description: 'The change was made; the report as the public sees it.',
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'resident' in value,
  fields: (t) => ({ report: t.field({ type: PublicReport, resolve: (result) => result.report }) }),
});

const ReportRerouted = builder.objectRef<{ rerouted: Report }>('ReportRerouted').implement({
  description: 'The report is now with another agency (whose report it is: the caller may no longer see it).',
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'rerouted' in value,
  fields: (t) => ({
    trackingCode: t.string({ resolve: (result) => result.rerouted.trackingCode }),
    agency: t.prismaField({
      type: Agency,
      resolve: (query, result, _args, context) => context.prisma.agency.findUniqueOrThrow({ ...query, where: { id: result.rerouted.agencyId } }),
    }),
    dueAt: t.field({ type: 'DateTime', description: 'The new agency’s deadline.', resolve: (result) => result.rerouted.dueAt }),
  }),
});

const RerouteReportResult = builder.unionType('RerouteReportResult', { types: [ReportRerouted, InvalidInput] });

export const UpdateReportResult = builder.unionType('UpdateReportResult', { types: [ReportUpdated, InvalidInput] });
const ResidentReportResult = builder.unionType('ResidentReportResult', { types: [PublicReportUpdated, InvalidInput] });

/** The staff view of the changed report, or the refusal. */
export function staffResult(change: Promise<Report>) {
  return refusedAsInvalidInput(change.then((report) => ({ report })));
}
function residentResult(change: Promise<Report>) {
  return refusedAsInvalidInput(change.then((report) => ({ report, resident: true as const })));
}

const UpdateReportStatusInput = builder.inputType('UpdateReportStatusInput', {
  fields: (t) => ({
    trackingCode: t.string({ required: true }),
    status: t.field({ type: ReportStatusEnum, required: true }),
    publicNote: t.string({ description: 'Shown on the public timeline.' }),
    internalNote: t.string({ description: 'For staff only.' }),
    reason: t.field({ type: RejectionReasonEnum, description: 'Required with REJECTED.' }),
    duplicateOf: t.string({ description: 'The original’s tracking code; required with reason DUPLICATE.' }),
  }),
});

builder.mutationField('updateReportStatus', (t) =>
  t.field({
    type: UpdateReportResult,
    authScopes: { staff: true },
    description:
      'Moves a report to one of `Report.allowedTransitions`: its next step, or a later status on the main line (RECEIVED → ACKNOWLEDGED → IN_PROGRESS → RESOLVED), every step between recorded on the timeline and the notes on the last. Another agency’s report is FORBIDDEN; anything else is InvalidInput INVALID_TRANSITION naming the allowed ones.',
    args: { input: t.arg({ type: UpdateReportStatusInput, required: true }) },
    resolve: (_root, { input }, context) => staffResult(updateReportStatus(context, input)),
  }),
);

const AddReportNoteInput = builder.inputType('AddReportNoteInput', {
  fields: (t) => ({
    trackingCode: t.string({ required: true }),
    publicNote: t.string({ description: `Shown on the public timeline (1–${MAX_ADDED_NOTE_LENGTH} characters); counts as an answer to the resident.` }),
    internalNote: t.string({ description: `For staff only (1–${MAX_ADDED_NOTE_LENGTH} characters).` }),
  }),
});

builder.mutationField('addReportNote', (t) =>
  t.field({
    type: UpdateReportResult,
    authScopes: { staff: true },
    description:
      'Adds a public and/or internal note without changing the status (at least one). Another agency’s report is FORBIDDEN; a blank note is InvalidInput NOTE_REQUIRED, a long one NOTE_TOO_LONG.',
    args: { input: t.arg({ type: AddReportNoteInput, required: true }) },
    resolve: (_root, { input }, context) => staffResult(addReportNote(context, input)),
  }),
);

builder.mutationField('rerouteReport', (t) =>
  t.field({
    type: RerouteReportResult,
    authScopes: { supervisor: true },
    description: 'SUPERVISOR (own agency) or ADMIN: sends a report to another agency; counted as a routing miss.',
    args: {
      trackingCode: t.arg.string({ required: true }),
      agency: t.arg.string({ required: true, description: 'The new agency’s slug.' }),
      reason: t.arg.string({ required: true, description: 'Why; kept as an internal note.' }),
    },
    resolve: (_root, args, context) => refusedAsInvalidInput(rerouteReport(context, args).then((report) => ({ rerouted: report }))),
  }),
);

builder.mutationField('reopenReport', (t) =>
  t.field({
    type: ResidentReportResult,
    description: `For the reporter: back to IN_PROGRESS within 14 days of RESOLVED or REJECTED. The reason reaches the agency only. Needs a resident key of the report (RESIDENT_KEY_INVALID otherwise, the same answer as for an unknown code).`,
    args: {
      trackingCode: t.arg.string({ required: true }),
      reason: t.arg.string({ required: true }),
      residentKey: t.arg.string({ required: true, description: 'The key kept with the tracking code, or the one in the reporter’s e-mail link.' }),
    },
    resolve: async (_root, args, context) => {
      await rateLimit(context, 'lookup.address');
      return residentResult(reopenReport(context, args));
    },
  }),
);

builder.mutationField('confirmResolved', (t) =>
  t.field({
    type: ResidentReportResult,
    description: 'For the reporter: a RESOLVED report is solved; it becomes CLOSED. Needs a resident key of the report (RESIDENT_KEY_INVALID otherwise).',
    args: {
      trackingCode: t.arg.string({ required: true }),
      residentKey: t.arg.string({ required: true, description: 'The key kept with the tracking code, or the one in the reporter’s e-mail link.' }),
    },
    resolve: async (_root, args, context) => {
      await rateLimit(context, 'lookup.address');
      return residentResult(confirmResolved(context, args));
    },
  }),
);
