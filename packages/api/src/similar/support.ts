// supportReport: "+1 resident" — someone with the same problem follows an open report
// found by similarReports instead of sending a duplicate. It names the report by the
// handle similarReports gave, never by tracking code, and counts one supporter per
// address (kept as a keyed pseudonym, never the address itself) and report. A retried
// request with the same idempotency key counts once.
import { Prisma, type Report } from '@aduan/prisma';
import type { InvalidInput } from '../intake/invalid-input.js';
import { message, type Locale } from '../intake/messages.js';
import type { ServerSecret } from '../secrets/server-secret.js';
import type { WorkflowContext } from '../workflow/context.js';
import type { NearbyHandles } from './handles.js';
import { OPEN_STATUSES } from './nearby.js';

/** The same shape as submitReport's idempotency keys. */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_\-.:]{8,128}$/;

const TEXT = {
  ID: {
    unknown: 'Laporan ini tidak ditemukan lagi; cari laporan serupa sekali lagi.',
    notOpen: 'Laporan ini sudah tidak ditangani lagi; kirim laporan Anda sendiri.',
  },
  EN: {
    unknown: 'This report can no longer be found; look for similar reports again.',
    notOpen: 'This report is no longer being handled; send your own.',
  },
} as const;

export type SupportOutcome = { ok: true; report: Report; supporters: number; replayed: boolean } | { ok: false; invalid: InvalidInput };

function refuse(code: string, message: string, field: string): SupportOutcome {
  return { ok: false, invalid: { code: code as InvalidInput['code'], message, fields: [{ field, message }] } };
}

export async function supportReport(
  context: Pick<WorkflowContext, 'prisma' | 'now'> & { handles: NearbyHandles; secret: ServerSecret; clientAddress: string },
  input: { handle: string; idempotencyKey?: string | null | undefined; locale?: Locale | null | undefined },
): Promise<SupportOutcome> {
  const locale = input.locale ?? 'ID';
  const text = TEXT[locale];
  const key = input.idempotencyKey ?? null;
  if (key !== null && !IDEMPOTENCY_KEY.test(key)) return refuse('VALIDATION_FAILED', message('BAD_IDEMPOTENCY_KEY', locale), 'idempotencyKey');
  const reportId = context.handles.open(input.handle, context.now());
  const report = reportId ? await context.prisma.report.findUnique({ where: { id: reportId } }) : null;
  if (!report) return refuse('UNKNOWN_REPORT', text.unknown, 'handle');
  const supporter = context.secret.pseudonym('supporter', `${report.id} ${context.clientAddress}`);
  const count = () => context.prisma.reportSupport.count({ where: { reportId: report.id } });
  const earlier = await context.prisma.reportSupport.findFirst({
    where: { reportId: report.id, OR: [{ supporter }, ...(key !== null ? [{ idempotencyKey: key }] : [])] },
    select: { id: true },
  });
  if (earlier) return { ok: true, report, supporters: await count(), replayed: true };
  if (!(OPEN_STATUSES as readonly string[]).includes(report.status)) return refuse('REPORT_NOT_OPEN', text.notOpen, 'handle');
  try {
    await context.prisma.reportSupport.create({ data: { reportId: report.id, idempotencyKey: key, supporter, at: context.now() } });
  } catch (error) {
    // Two requests from one address, or two retries with one key, at the same moment: the other one counted it.
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')) throw error;
    return { ok: true, report, supporters: await count(), replayed: true };
  }
  return { ok: true, report, supporters: await count(), replayed: false };
}
