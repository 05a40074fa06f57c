-- AlterTable
ALTER TABLE "Report" ADD COLUMN     "proofOfWork" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Report_proofOfWork_key" ON "Report"("proofOfWork");
