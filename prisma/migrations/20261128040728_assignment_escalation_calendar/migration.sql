-- AlterEnum
ALTER TYPE "ReportEventKind" ADD VALUE 'ASSIGNED';

-- AlterTable
ALTER TABLE "Jurisdiction" ADD COLUMN     "workingDays" INTEGER[];

-- AlterTable
ALTER TABLE "Report" ADD COLUMN     "assignedToId" TEXT,
ADD COLUMN     "escalatedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "StaffAccount" ADD COLUMN     "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "passwordChangedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "Holiday" (
    "jurisdictionCode" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Holiday_pkey" PRIMARY KEY ("jurisdictionCode","date")
);

-- CreateIndex
CREATE INDEX "Report_assignedToId_status_idx" ON "Report"("assignedToId", "status");

-- AddForeignKey
ALTER TABLE "Holiday" ADD CONSTRAINT "Holiday_jurisdictionCode_fkey" FOREIGN KEY ("jurisdictionCode") REFERENCES "Jurisdiction"("code") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Report" ADD CONSTRAINT "Report_assignedToId_fkey" FOREIGN KEY ("assignedToId") REFERENCES "StaffAccount"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Backfill: a report escalated at its current agency is one whose latest ESCALATED
-- event comes after its latest REROUTED event (the rule packages/api/src/jobs/escalate.ts
-- used to apply to the events, and now keeps in this column).
UPDATE "Report" r
SET "escalatedAt" = m.escalated_at
FROM (
  SELECT e."reportId",
         max(e."at") FILTER (WHERE e."kind" = 'ESCALATED') AS escalated_at,
         max(e."id") FILTER (WHERE e."kind" = 'ESCALATED') AS escalated_id,
         max(e."id") FILTER (WHERE e."kind" = 'REROUTED') AS rerouted_id
  FROM "ReportEvent" e
  GROUP BY e."reportId"
) m
WHERE m."reportId" = r."id"
  AND m.escalated_id IS NOT NULL
  AND (m.rerouted_id IS NULL OR m.escalated_id > m.rerouted_id);
