-- AlterTable
ALTER TABLE "Site" ADD COLUMN     "map" JSONB;
