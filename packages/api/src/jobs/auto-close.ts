// Auto-close: a RESOLVED or REJECTED report nobody reopened within the window
// (ADUAN_AUTO_CLOSE_DAYS, 14 by default — the reopen window) becomes CLOSED,
// with actor "system" and a public note in the report's language. "Since" is
// the latest STATUS_CHANGED event that set its current status (as for reopening).
// Each report moves in its own transaction through the ledger, only from the status it
// was read with and only if it did not reach that status again since the cutoff, so
// two replicas never close it twice.
import { Prisma, type Report } from '@aduan/prisma';
import { InvalidTransition } from '../workflow/errors.js';
import type { ReportLedger } from '../workflow/ledger.js';
import { unlessRefused } from './escalate.js';

export const AUTO_CLOSE_NOTE = { ID: 'Ditutup otomatis', EN: 'Closed automatically' } as const;
const DAY_MS = 86_400_000;

const utc = (date: Date) => Prisma.sql`(${date.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;

/** Closes every answered report past the window; returns the reports it closed. */
export async function autoCloseAnswered(ledger: ReportLedger, options: { now: Date; days: number; batchSize?: number }): Promise<Report[]> {
  const { now, days } = options;
  const batchSize = options.batchSize ?? 200;
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  const closed: Report[] = [];
  const seen = new Set<string>();
  for (;;) {
    const rows = await ledger.prisma.$queryRaw<{ id: string; status: 'RESOLVED' | 'REJECTED'; locale: 'ID' | 'EN' }[]>`
      SELECT r.id, r.status::text AS status, r.locale::text AS locale FROM "Report" r
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
      const report = await unlessRefused(
        ledger.changeUnlessBusy({
          reportId: row.id,
          actor: 'system',
          at: now,
          expect: { status: row.status },
          // Reopened and answered again since the cutoff: not yet.
          check: async (report, tx) => {
            const recent = await tx.reportEvent.count({ where: { reportId: report.id, kind: 'STATUS_CHANGED', status: row.status, at: { gt: cutoff } } });
            if (recent > 0) throw InvalidTransition.meanwhile();
          },
          changes: [{ kind: 'STATUS', to: 'CLOSED', publicNote: AUTO_CLOSE_NOTE[row.locale], data: { autoClosed: true } }],
        }),
      );
      if (report) closed.push(report);
    }
    if (rows.length < batchSize || fresh.length === 0) return closed;
  }
}
