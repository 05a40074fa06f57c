// Auto-close: a RESOLVED or REJECTED report nobody reopened within the window
// (ADUAN_AUTO_CLOSE_DAYS, 14 by default — the reopen window) becomes CLOSED,
// with actor "system" and a public note in the report's language. "Since" is
// the latest STATUS_CHANGED event that set its current status (as for reopening).
// Each report moves in its own transaction and only from the status it was read
// with, so two replicas never close it twice.
import { Prisma, type PrismaClient, type Report } from '@aduan/prisma';

export const AUTO_CLOSE_NOTE = { ID: 'Ditutup otomatis', EN: 'Closed automatically' } as const;
const DAY_MS = 86_400_000;

export interface AutoClosed {
  report: Report;
  publicNote: string;
  at: Date;
}

const utc = (date: Date) => Prisma.sql`(${date.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;

export async function autoCloseAnswered(
  prisma: PrismaClient,
  options: { now: Date; days: number; batchSize?: number },
): Promise<AutoClosed[]> {
  const { now, days } = options;
  const batchSize = options.batchSize ?? 200;
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  const closed: AutoClosed[] = [];
  const seen = new Set<string>();
  for (;;) {
    const rows = await prisma.$queryRaw<{ id: string; status: 'RESOLVED' | 'REJECTED' }[]>`
      SELECT r.id, r.status::text AS status FROM "Report" r
      WHERE r.status IN ('RESOLVED'::"ReportStatus", 'REJECTED'::"ReportStatus")
        AND COALESCE(
          (SELECT max(e.at) FROM "ReportEvent" e
            WHERE e."reportId" = r.id AND e.kind = 'STATUS_CHANGED'::"ReportEventKind" AND e.status = r.status),
          r."updatedAt") <= ${utc(cutoff)}
      ORDER BY r.id
      LIMIT ${batchSize}`;
    const fresh = rows.filter((row) => !seen.has(row.id));
    for (const row of fresh) {
      seen.add(row.id);
      const done = await closeOne(prisma, row.id, row.status, now, cutoff);
      if (done) closed.push(done);
    }
    if (rows.length < batchSize || fresh.length === 0) return closed;
  }
}

async function closeOne(prisma: PrismaClient, reportId: string, from: 'RESOLVED' | 'REJECTED', now: Date, cutoff: Date): Promise<AutoClosed | null> {
  return prisma.$transaction(async (tx) => {
    // Only from the status it was read with, and only if it did not reach that status again since the cutoff.
    const moved = await tx.report.updateMany({
      where: { id: reportId, status: from, NOT: { events: { some: { kind: 'STATUS_CHANGED', status: from, at: { gt: cutoff } } } } },
      data: { status: 'CLOSED' },
    });
    if (moved.count !== 1) return null; // reopened, confirmed or closed meanwhile
    const report = await tx.report.findUniqueOrThrow({ where: { id: reportId } });
    const publicNote = AUTO_CLOSE_NOTE[report.locale];
    await tx.reportEvent.create({
      data: { reportId, kind: 'STATUS_CHANGED', at: now, status: 'CLOSED', publicNote, actor: 'system', data: { from, to: 'CLOSED', autoClosed: true } },
    });
    return { report, publicNote, at: now };
  });
}
