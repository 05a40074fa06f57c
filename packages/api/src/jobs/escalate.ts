// The escalation job: open reports past their deadline get one ESCALATED event
// (actor "system", status unchanged, data { overdueByHours }) and Report.escalatedAt
// per agency — a reroute clears escalatedAt, so the report can be escalated again
// at its new agency. The ledger writes it and mails the supervisors.
//
// Safe with several replicas: each report is taken with `FOR UPDATE SKIP LOCKED` in its
// own transaction (the ledger's changeUnlessBusy), and the ledger checks "overdue, open,
// not escalated yet" again once the row is held, so a replica that finds it escalated
// by another meanwhile writes nothing.
import { OPEN_STATUSES } from '@aduan/core';
import { Prisma, type Report } from '@aduan/prisma';
import { Refused } from '../workflow/errors.js';
import type { ReportLedger } from '../workflow/ledger.js';

const utc = (date: Date) => Prisma.sql`(${date.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
const OPEN = Prisma.join(OPEN_STATUSES.map((status) => Prisma.sql`${status}::"ReportStatus"`));

/** Escalates every overdue open report not escalated yet (for its current agency); returns the reports it escalated. */
export async function escalateOverdue(ledger: ReportLedger, options: { now: Date; batchSize?: number }): Promise<Report[]> {
  const { now } = options;
  const batchSize = options.batchSize ?? 200;
  const escalated: Report[] = [];
  const seen = new Set<string>();
  for (;;) {
    // Candidates, oldest deadline first; cheap through Report(status, dueAt).
    const rows = await ledger.prisma.$queryRaw<{ id: string }[]>`
      SELECT r.id FROM "Report" r
      WHERE r.status IN (${OPEN}) AND r."dueAt" < ${utc(now)}
        AND r."escalatedAt" IS NULL
      ORDER BY r."dueAt", r.id
      LIMIT ${batchSize}`;
    const fresh = rows.filter((row) => !seen.has(row.id));
    for (const { id } of fresh) {
      seen.add(id);
      const report = await unlessRefused(ledger.changeUnlessBusy({ reportId: id, actor: 'system', at: now, changes: [{ kind: 'ESCALATE' }] }));
      if (report) escalated.push(report);
    }
    // Rows another replica holds are skipped, so a batch can come back with nothing new.
    if (rows.length < batchSize || fresh.length === 0) return escalated;
  }
}

/** Null when the ledger refused: the report moved on since it was picked (another replica, a resident, staff). */
export async function unlessRefused<T>(change: Promise<T>): Promise<T | null> {
  try {
    return await change;
  } catch (error) {
    if (error instanceof Refused) return null;
    throw error;
  }
}
