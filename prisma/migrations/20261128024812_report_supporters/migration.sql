-- CreateTable
CREATE TABLE "ReportSupport" (
    "id" TEXT NOT NULL,
    "reportId" TEXT NOT NULL,
    "idempotencyKey" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportSupport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReportSupport_reportId_idempotencyKey_key" ON "ReportSupport"("reportId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "Report_categoryId_lat_lng_idx" ON "Report"("categoryId", "lat", "lng");

-- AddForeignKey
ALTER TABLE "ReportSupport" ADD CONSTRAINT "ReportSupport_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;
