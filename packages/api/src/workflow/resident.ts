// What a resident holding the tracking code may do after the agency answered:
// reopen within 14 days of RESOLVED/REJECTED, or confirm that it is resolved.
import type { ReportStatus } from '@aduan/core';
import type { Report } from '@aduan/prisma';
import type { Context } from '../schema/context.js';
import { refusal } from '../schema/refusal.js';
import { findReport } from './load.js';
import type { WorkflowOutcome } from './update-status.js';

export const REOPEN_WINDOW_DAYS = 14;
const DAY_MS = 86_400_000;

const TEXT = {
  ID: {
    unknown: 'Tidak ada laporan dengan kode ini.',
    reason: 'Jelaskan alasannya (5–2.000 karakter).',
    notAnswered: 'Laporan ini hanya dapat dibuka kembali setelah diselesaikan atau ditolak.',
    windowPassed: `Laporan hanya dapat dibuka kembali dalam ${REOPEN_WINDOW_DAYS} hari setelah diselesaikan atau ditolak.`,
    notResolved: 'Hanya laporan yang sudah diselesaikan yang dapat dikonfirmasi.',
    reopened: 'Dibuka kembali oleh pelapor.',
    confirmed: 'Pelapor mengonfirmasi bahwa masalah sudah selesai.',
  },
  EN: {
    unknown: 'There is no report with this tracking code.',
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
async function statusSince(context: Context, report: Report): Promise<Date> {
  const event = await context.prisma.reportEvent.findFirst({
    where: { reportId: report.id, kind: 'STATUS_CHANGED', status: report.status },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    select: { at: true },
  });
  return event?.at ?? report.updatedAt;
}

async function move(context: Context, report: Report, to: ReportStatus, publicNote: string, internalNote: string | null, data: Record<string, string>): Promise<WorkflowOutcome> {
  return context.prisma.$transaction(async (tx) => {
    const moved = await tx.report.updateMany({ where: { id: report.id, status: report.status }, data: { status: to } });
    if (moved.count !== 1) {
      return { ok: false as const, invalid: refusal('INVALID_TRANSITION', texts(report).notAnswered, 'trackingCode') };
    }
    await tx.reportEvent.create({
      data: { reportId: report.id, kind: 'STATUS_CHANGED', at: context.now(), status: to, publicNote, internalNote, actor: 'resident', data: { from: report.status, to, ...data } },
    });
    return { ok: true as const, report: await tx.report.findUniqueOrThrow({ where: { id: report.id } }) };
  });
}

/** RESOLVED/REJECTED → IN_PROGRESS. The resident's reason is an internal note: residents may write personal details. */
export async function reopenReport(context: Context, input: { trackingCode: string; reason: string }): Promise<WorkflowOutcome> {
  const report = await findReport(context, input.trackingCode);
  const t = texts(report);
  if (!report) return { ok: false, invalid: refusal('UNKNOWN_REPORT', t.unknown, 'trackingCode') };
  const reason = input.reason.trim();
  if (reason.length < 5 || reason.length > 2_000) return { ok: false, invalid: refusal('REASON_REQUIRED', t.reason, 'reason') };
  if (report.status !== 'RESOLVED' && report.status !== 'REJECTED') {
    return { ok: false, invalid: refusal('INVALID_TRANSITION', t.notAnswered, 'trackingCode') };
  }
  const since = await statusSince(context, report);
  if (context.now().getTime() - since.getTime() > REOPEN_WINDOW_DAYS * DAY_MS) {
    return { ok: false, invalid: refusal('REOPEN_WINDOW_PASSED', t.windowPassed, 'trackingCode') };
  }
  return move(context, report, 'IN_PROGRESS', t.reopened, reason, { reopenedBy: 'resident' });
}

/** RESOLVED → CLOSED on the resident's word. */
export async function confirmResolved(context: Context, input: { trackingCode: string }): Promise<WorkflowOutcome> {
  const report = await findReport(context, input.trackingCode);
  const t = texts(report);
  if (!report) return { ok: false, invalid: refusal('UNKNOWN_REPORT', t.unknown, 'trackingCode') };
  if (report.status !== 'RESOLVED') return { ok: false, invalid: refusal('INVALID_TRANSITION', t.notResolved, 'trackingCode') };
  return move(context, report, 'CLOSED', t.confirmed, null, { confirmedBy: 'resident' });
}
