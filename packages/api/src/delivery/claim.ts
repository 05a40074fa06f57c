// Claiming due deliveries, safe with any number of workers on one PostgreSQL: one
// UPDATE takes a lease on rows picked with FOR UPDATE SKIP LOCKED, so two workers
// never take the same delivery for the same attempt, and a row whose lease lapsed
// (its worker died mid-send) is due again — a resend, never a loss.
import { Prisma, type PrismaClient } from '@aduan/prisma';

export interface ClaimedDelivery {
  id: string;
  reportId: string;
  /** This attempt's number (1 for the first). */
  attempt: number;
}

const utc = (date: Date) => Prisma.sql`(${date.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;

export async function claimDueDeliveries(
  prisma: PrismaClient,
  options: { worker: string; now: Date; leaseMs: number; limit: number },
): Promise<ClaimedDelivery[]> {
  const { worker, now, leaseMs, limit } = options;
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const rows = await prisma.$queryRaw<{ id: string; reportId: string; attempts: number; createdAt: Date }[]>`
    UPDATE "Delivery" d
    SET "leaseUntil" = ${utc(leaseUntil)}, "leasedBy" = ${worker}, attempts = d.attempts + 1
    WHERE d.id IN (
      SELECT id FROM "Delivery"
      WHERE state = 'PENDING'::"DeliveryState" AND "nextAttemptAt" <= ${utc(now)}
        AND ("leaseUntil" IS NULL OR "leaseUntil" <= ${utc(now)})
      ORDER BY "nextAttemptAt", "createdAt", id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING d.id, d."reportId", d.attempts, d."createdAt"`;
  // Oldest first (RETURNING keeps no order), so one report's rows can go out in the order they were written.
  return rows
    .sort((a, b) => new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime() || (a.id < b.id ? -1 : 1))
    .map((row) => ({ id: row.id, reportId: row.reportId, attempt: Number(row.attempts) }));
}
