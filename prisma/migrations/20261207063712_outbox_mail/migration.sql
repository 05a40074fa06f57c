-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "reportEventId" BIGINT,
ADD COLUMN     "staffAccountId" TEXT,
ALTER COLUMN "channelId" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "Delivery_staffAccountId_idx" ON "Delivery"("staffAccountId");

-- CreateIndex
CREATE INDEX "Delivery_reportEventId_idx" ON "Delivery"("reportEventId");

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_staffAccountId_fkey" FOREIGN KEY ("staffAccountId") REFERENCES "StaffAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_reportEventId_fkey" FOREIGN KEY ("reportEventId") REFERENCES "ReportEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;
