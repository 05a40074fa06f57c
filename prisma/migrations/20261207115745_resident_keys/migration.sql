-- CreateEnum
CREATE TYPE "ResidentKeyKind" AS ENUM ('DEVICE', 'ISSUED', 'MAIL');

-- AlterTable
ALTER TABLE "Report" ADD COLUMN     "idempotencyHash" TEXT,
ADD COLUMN     "reporterLinkKey" TEXT;

-- AlterTable
ALTER TABLE "ReportSupport" ADD COLUMN     "supporter" TEXT;

-- CreateTable
CREATE TABLE "ResidentKey" (
    "id" TEXT NOT NULL,
    "reportId" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "kind" "ResidentKeyKind" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ResidentKey_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ResidentKey_reportId_keyHash_key" ON "ResidentKey"("reportId", "keyHash");

-- CreateIndex
CREATE UNIQUE INDEX "ReportSupport_reportId_supporter_key" ON "ReportSupport"("reportId", "supporter");

-- AddForeignKey
ALTER TABLE "ResidentKey" ADD CONSTRAINT "ResidentKey_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;
