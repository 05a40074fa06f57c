// supportReport: "+1 resident" — someone with the same problem follows an existing open
// report instead of sending a duplicate. Counted per report, shown to staff as supporters.
// A retried request with the same idempotency key counts once.
import { message, type Locale } from '../intake/messages.js';
import { Prisma, type Report } from '@aduan/prisma';
import type { InvalidInput } from '../intake/invalid-input.js';
import type { WorkflowContext } from '../workflow/context.js';
import { findReport } from '../workflow/load.js';
import { OPEN_STATUSES } from './nearby.js';

/** The same shape as submitReport's idempotency keys. */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_\-.:]{8,128}$/;

const TEXT = {
  ID: {
    unknown: 'Tidak ada laporan dengan kode ini.',
    notOpen: 'Laporan ini sudah tidak ditangani lagi; kirim laporan Anda sendiri.',
  },
  EN: {
    unknown: 'There is no report with this tracking code.',
    notOpen: 'This report is no longer being handled; send your own.',
  },
} as const;

export type SupportOutcome = { ok: true; report: Report; supporters: number; replayed: boolean } | { ok: false; invalid: InvalidInput };

function refuse(code: string, message: string, field: string): SupportOutcome {
  return { ok: false, invalid: { code: code as InvalidInput['code'], message, fields: [{ field, message }] } };
}

export async function supportReport(
  context: Pick<WorkflowContext, 'prisma' | 'catalog' | 'now'>,
  input: { trackingCode: string; idempotencyKey?: string | null | undefined; locale?: Locale | null | undefined },
): Promise<SupportOutcome> {
  const locale = input.locale ?? 'ID';
  const text = TEXT[locale];
  const key = input.idempotencyKey ?? null;
  if (key !== null && !IDEMPOTENCY_KEY.test(key)) return refuse('VALIDATION_FAILED', message('BAD_IDEMPOTENCY_KEY', locale), 'idempotencyKey');
  const report = await findReport(context, input.trackingCode);
  if (!report) return refuse('UNKNOWN_REPORT', text.unknown, 'trackingCode');
  const count = () => context.prisma.reportSupport.count({ where: { reportId: report.id } });
  if (key !== null && (await context.prisma.reportSupport.findUnique({ where: { reportId_idempotencyKey: { reportId: report.id, idempotencyKey: key } } }))) {
    return { ok: true, report, supporters: await count(), replayed: true };
  }
  if (!(OPEN_STATUSES as readonly string[]).includes(report.status)) return refuse('REPORT_NOT_OPEN', text.notOpen, 'trackingCode');
  try {
    await context.prisma.reportSupport.create({ data: { reportId: report.id, idempotencyKey: key, at: context.now() } });
  } catch (error) {
    // Two retries with one key at the same moment: the other one counted it.
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')) throw error;
    return { ok: true, report, supporters: await count(), replayed: true };
  }
  return { ok: true, report, supporters: await count(), replayed: false };
}
