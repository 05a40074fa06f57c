// What a resident may do after the agency answered: reopen within 14 days of
// RESOLVED/REJECTED, or confirm that it is resolved. Acting as the reporter needs one of
// the report's resident keys (residents/keys.ts); a tracking code alone only reads. A
// wrong key and an unknown code get the same answer, in Indonesian, so neither tells
// whether the code exists. Other refusals are in the report's language.
import type { ReportStatus } from '@aduan/core';
import type { Report } from '@aduan/prisma';
import type { WorkflowContext } from './context.js';
import { residentKeyMatches } from '../residents/keys.js';
import { InvalidTransition, Refused } from './errors.js';
import { findReport } from './load.js';

export const REOPEN_WINDOW_DAYS = 14;
const DAY_MS = 86_400_000;

const TEXT = {
  ID: {
    notYours: 'Kode pelacakan dan kunci pelapor ini tidak cocok dengan laporan mana pun.',
    reason: 'Jelaskan alasannya (5–2.000 karakter).',
    notAnswered: 'Laporan ini hanya dapat dibuka kembali setelah diselesaikan atau ditolak.',
    windowPassed: `Laporan hanya dapat dibuka kembali dalam ${REOPEN_WINDOW_DAYS} hari setelah diselesaikan atau ditolak.`,
    notResolved: 'Hanya laporan yang sudah diselesaikan yang dapat dikonfirmasi.',
    reopened: 'Dibuka kembali oleh pelapor.',
    confirmed: 'Pelapor mengonfirmasi bahwa masalah sudah selesai.',
  },
  EN: {
    notYours: 'This tracking code and resident key match no report.',
    reason: 'Say why (5–2,000 characters).',
    notAnswered: 'A report can only be reopened after it was resolved or rejected.',
    windowPassed: `A report can only be reopened within ${REOPEN_WINDOW_DAYS} days of being resolved or rejected.`,
    notResolved: 'Only a resolved report can be confirmed.',
    reopened: 'Reopened by the resident.',
    confirmed: 'The resident confirmed the problem is solved.',
  },
} as const;

function texts(report: Report | null) {
  return TEXT[report?.locale ?? 'ID'];
}

/** When the report reached its current status (the latest event that set it). */
async function statusSince(context: Pick<WorkflowContext, 'prisma'>, report: Pick<Report, 'id' | 'status' | 'updatedAt'>): Promise<Date> {
  const event = await context.prisma.reportEvent.findFirst({
    where: { reportId: report.id, kind: 'STATUS_CHANGED', status: report.status },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    select: { at: true },
  });
  return event?.at ?? report.updatedAt;
}

/** Until when the reporter may reopen the report: null unless it is RESOLVED or REJECTED. */
export async function reopenableUntil(context: Pick<WorkflowContext, 'prisma'>, report: Pick<Report, 'id' | 'status' | 'updatedAt'>): Promise<Date | null> {
  if (report.status !== 'RESOLVED' && report.status !== 'REJECTED') return null;
  return new Date((await statusSince(context, report)).getTime() + REOPEN_WINDOW_DAYS * DAY_MS);
}

async function residentsReport(context: WorkflowContext, trackingCode: string, residentKey: string): Promise<Report> {
  const report = await findReport(context, trackingCode);
  if (!report || !(await residentKeyMatches(context.prisma, report.id, residentKey))) {
    throw new Refused('RESIDENT_KEY_INVALID', TEXT.ID.notYours, 'residentKey');
  }
  return report;
}

function move(
  context: WorkflowContext,
  report: Report,
  to: ReportStatus,
  publicNote: string,
  internalNote: string | null,
  data: Record<string, string>,
): Promise<Report> {
  return context.ledger.change({
    reportId: report.id,
    actor: 'resident',
    at: context.now(),
    expect: { status: report.status as ReportStatus },
    changes: [{ kind: 'STATUS', to, publicNote, internalNote, data }],
  });
}

/** RESOLVED/REJECTED → IN_PROGRESS. The resident's reason is an internal note: residents may write personal details. */
export async function reopenReport(context: WorkflowContext, input: { trackingCode: string; reason: string; residentKey: string }): Promise<Report> {
  const report = await residentsReport(context, input.trackingCode, input.residentKey);
  const t = texts(report);
  const reason = input.reason.trim();
  if (reason.length < 5 || reason.length > 2_000) throw new Refused('REASON_REQUIRED', t.reason, 'reason');
  if (report.status !== 'RESOLVED' && report.status !== 'REJECTED') throw new InvalidTransition(t.notAnswered, 'trackingCode');
  const until = await reopenableUntil(context, report);
  if (!until || context.now() > until) throw new Refused('REOPEN_WINDOW_PASSED', t.windowPassed, 'trackingCode');
  return move(context, report, 'IN_PROGRESS', t.reopened, reason, { reopenedBy: 'resident' });
}

/** RESOLVED → CLOSED on the resident's word. */
export async function confirmResolved(context: WorkflowContext, input: { trackingCode: string; residentKey: string }): Promise<Report> {
  const report = await residentsReport(context, input.trackingCode, input.residentKey);
  if (report.status !== 'RESOLVED') throw new InvalidTransition(texts(report).notResolved, 'trackingCode');
  return move(context, report, 'CLOSED', texts(report).confirmed, null, { confirmedBy: 'resident' });
}
