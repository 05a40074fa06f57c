// The escalation job: open reports past their deadline get one ESCALATED event
// (actor "system", status unchanged, data { overdueByHours }) and Report.escalatedAt
// per agency — a reroute clears escalatedAt, so the report can be escalated again
// at its new agency.
//
// Safe with several replicas: each report is claimed with `SELECT … FOR UPDATE
// SKIP LOCKED` inside its own transaction, and the "not escalated yet" check is
// repeated after the lock is held, in a new statement (READ COMMITTED gives it a
// fresh snapshot), so a replica that waited for or skipped another's lock never
// writes a second event.
import { OPEN_STATUSES } from '@aduan/core';
import { Prisma, type PrismaClient, type Report } from '@aduan/prisma';

export interface Escalation {
  report: Report;
  overdueByHours: number;
  at: Date;
}

const utc = (date: Date) => Prisma.sql`(${date.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
const OPEN = Prisma.join(OPEN_STATUSES.map((status) => Prisma.sql`${status}::"ReportStatus"`));

/** Escalates every overdue open report not escalated yet (for its current agency); returns what it escalated. */
export async function escalateOverdue(prisma: PrismaClient, options: { now: Date; batchSize?: number }): Promise<Escalation[]> {
  const { now } = options;
  const batchSize = options.batchSize ?? 200;
  const escalated: Escalation[] = [];
  const seen = new Set<string>();
  for (;;) {
    // Candidates, oldest deadline first; cheap through Report(status, dueAt).
    const rows = await prisma.$queryRaw<{ id: string }[]>`
      SELECT r.id FROM "Report" r
      WHERE r.status IN (${OPEN}) AND r."dueAt" < ${utc(now)}
        AND r."escalatedAt" IS NULL
      ORDER BY r."dueAt", r.id
      LIMIT ${batchSize}`;
    const fresh = rows.filter((row) => !seen.has(row.id));
    for (const { id } of fresh) {
      seen.add(id);
      const done = await escalateOne(prisma, id, now);
      if (done) escalated.push(done);
    }
    // Rows another replica holds are skipped, so a batch can come back with nothing new.
    if (rows.length < batchSize || fresh.length === 0) return escalated;
  }
}

async function escalateOne(prisma: PrismaClient, reportId: string, now: Date): Promise<Escalation | null> {
  return prisma.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Report" WHERE id = ${reportId} FOR UPDATE SKIP LOCKED`;
    if (!locked.length) return null; // another replica is on it
    // Checked again now that the row is ours: the other replica may have just committed.
    const report = await tx.report.findUnique({ where: { id: reportId } });
    if (!report || !(OPEN_STATUSES as readonly string[]).includes(report.status) || report.dueAt >= now) return null;
    if (report.escalatedAt) return null;
    const overdueByHours = Math.floor((now.getTime() - report.dueAt.getTime()) / 3_600_000);
    await tx.report.update({ where: { id: reportId }, data: { escalatedAt: now } });
    await tx.reportEvent.create({
      data: {
        reportId,
        kind: 'ESCALATED',
        at: now,
        status: report.status,
        actor: 'system',
        data: { overdueByHours, dueAt: report.dueAt.toISOString(), agencyId: report.agencyId },
      },
    });
    return { report, overdueByHours, at: now };
  });
}
