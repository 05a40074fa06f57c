-- CreateTable
CREATE TABLE "Open311Key" (
    "id" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "Open311Key_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Open311Key_keyHash_key" ON "Open311Key"("keyHash");

-- CreateIndex
CREATE UNIQUE INDEX "Open311Key_siteId_name_key" ON "Open311Key"("siteId", "name");

-- AddForeignKey
ALTER TABLE "Open311Key" ADD CONSTRAINT "Open311Key_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE CASCADE ON UPDATE CASCADE;
