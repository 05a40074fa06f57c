-- Many cities in one deployment: each city owns its catalogue (categories and their
-- groups), its tracking-code prefix (set on the city's own jurisdiction) and its Open311
-- public location (Setting `open311.publicLocation:<city>`).
--
-- Until now a deployment held one city. It becomes that city's: the area of the
-- highest triage agency (every applied city file has one; the lowest code on a tie),
-- else the first top-level jurisdiction. Its prefix comes from the old deployment-wide
-- setting, and its rules "for anywhere" become rules for the city.
CREATE TEMPORARY TABLE "_legacy_city" AS
SELECT coalesce(
  (SELECT "jurisdictionCode" FROM "Agency" WHERE triage
   ORDER BY array_length(string_to_array("jurisdictionCode", '.'), 1), "jurisdictionCode" LIMIT 1),
  (SELECT code FROM "Jurisdiction" WHERE "parentCode" IS NULL ORDER BY code LIMIT 1)
) AS code;

-- AlterTable
ALTER TABLE "Jurisdiction" ADD COLUMN     "trackingCodePrefix" TEXT;

UPDATE "Jurisdiction" SET "trackingCodePrefix" = coalesce((SELECT value #>> '{}' FROM "Setting" WHERE key = 'trackingCodePrefix'), 'ADU')
WHERE code = (SELECT code FROM "_legacy_city")
  AND (EXISTS (SELECT 1 FROM "Category") OR EXISTS (SELECT 1 FROM "Setting" WHERE key = 'trackingCodePrefix'));
DELETE FROM "Setting" WHERE key = 'trackingCodePrefix';

-- DropForeignKey
ALTER TABLE "Category" DROP CONSTRAINT "Category_groupCode_fkey";

-- DropIndex
DROP INDEX "Category_code_key";

-- AlterTable
ALTER TABLE "Category" ADD COLUMN     "cityCode" TEXT;
UPDATE "Category" SET "cityCode" = (SELECT code FROM "_legacy_city");
ALTER TABLE "Category" ALTER COLUMN "cityCode" SET NOT NULL;

-- AlterTable
ALTER TABLE "CategoryGroup" DROP CONSTRAINT "CategoryGroup_pkey",
ADD COLUMN     "cityCode" TEXT;
UPDATE "CategoryGroup" SET "cityCode" = (SELECT code FROM "_legacy_city");
ALTER TABLE "CategoryGroup" ALTER COLUMN "cityCode" SET NOT NULL,
ADD CONSTRAINT "CategoryGroup_pkey" PRIMARY KEY ("cityCode", "code");

UPDATE "RoutingRule" SET "jurisdictionCode" = (SELECT code FROM "_legacy_city") WHERE "jurisdictionCode" IS NULL;

-- CreateIndex
CREATE UNIQUE INDEX "Category_cityCode_code_key" ON "Category"("cityCode", "code");

-- CreateIndex
CREATE UNIQUE INDEX "Jurisdiction_trackingCodePrefix_key" ON "Jurisdiction"("trackingCodePrefix");

-- AddForeignKey
ALTER TABLE "CategoryGroup" ADD CONSTRAINT "CategoryGroup_cityCode_fkey" FOREIGN KEY ("cityCode") REFERENCES "Jurisdiction"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Category" ADD CONSTRAINT "Category_cityCode_fkey" FOREIGN KEY ("cityCode") REFERENCES "Jurisdiction"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Category" ADD CONSTRAINT "Category_cityCode_groupCode_fkey" FOREIGN KEY ("cityCode", "groupCode") REFERENCES "CategoryGroup"("cityCode", "code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Open311's public location is each city's choice too.
UPDATE "Setting" SET key = 'open311.publicLocation:' || (SELECT code FROM "_legacy_city")
WHERE key = 'open311.publicLocation' AND (SELECT code FROM "_legacy_city") IS NOT NULL;
DELETE FROM "Setting" WHERE key = 'open311.publicLocation';

DROP TABLE "_legacy_city";
