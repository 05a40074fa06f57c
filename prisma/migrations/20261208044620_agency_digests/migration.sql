-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "digestId" TEXT;

-- CreateTable
CREATE TABLE "AgencyDigest" (
    "id" TEXT NOT NULL,
    "agencyId" TEXT NOT NULL,
    "localDate" TEXT NOT NULL,
    "cutAt" TIMESTAMP(3) NOT NULL,
    "items" JSONB NOT NULL,

    CONSTRAINT "AgencyDigest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AgencyDigest_agencyId_cutAt_idx" ON "AgencyDigest"("agencyId", "cutAt");

-- CreateIndex
CREATE UNIQUE INDEX "AgencyDigest_agencyId_localDate_key" ON "AgencyDigest"("agencyId", "localDate");

-- CreateIndex
CREATE INDEX "Delivery_digestId_idx" ON "Delivery"("digestId");

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_digestId_fkey" FOREIGN KEY ("digestId") REFERENCES "AgencyDigest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgencyDigest" ADD CONSTRAINT "AgencyDigest_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;
