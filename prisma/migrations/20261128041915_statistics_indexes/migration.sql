-- DropIndex
DROP INDEX "Report_submittedAt_idx";

-- AlterTable
ALTER TABLE "Report" ADD COLUMN     "firstResponseSeconds" DOUBLE PRECISION,
ADD COLUMN     "resolutionSeconds" DOUBLE PRECISION;

-- Backfill, with the rule of packages/api/src/statistics/milestones.ts (kept current from now on).
UPDATE "Report"
SET "firstResponseSeconds" = EXTRACT(EPOCH FROM ("firstRespondedAt" - "submittedAt")),
    "resolutionSeconds" = EXTRACT(EPOCH FROM ("resolvedAt" - "submittedAt"))
WHERE "firstRespondedAt" IS NOT NULL OR "resolvedAt" IS NOT NULL;

-- CreateIndex
CREATE INDEX "Report_submittedAt_jurisdictionCode_categoryId_agencyId_sta_idx" ON "Report"("submittedAt", "jurisdictionCode", "categoryId", "agencyId", "status", "dueAt", "firstRespondedAt", "resolvedAt", "rerouteCount");

-- CreateIndex
CREATE INDEX "Report_agencyId_firstResponseSeconds_submittedAt_jurisdicti_idx" ON "Report"("agencyId", "firstResponseSeconds", "submittedAt", "jurisdictionCode");

-- CreateIndex
CREATE INDEX "Report_agencyId_resolutionSeconds_submittedAt_jurisdictionC_idx" ON "Report"("agencyId", "resolutionSeconds", "submittedAt", "jurisdictionCode");

-- CreateIndex
CREATE INDEX "Report_resolvedAt_submittedAt_jurisdictionCode_idx" ON "Report"("resolvedAt", "submittedAt", "jurisdictionCode");
