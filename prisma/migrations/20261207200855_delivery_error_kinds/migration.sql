-- CreateEnum
CREATE TYPE "DeliveryErrorKind" AS ENUM ('UNREACHABLE', 'TIMEOUT', 'REFUSED', 'MISCONFIGURED', 'BAD_ANSWER', 'INTERNAL');

-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "lastErrorKind" "DeliveryErrorKind";

-- AlterTable
ALTER TABLE "DeliveryAttempt" ADD COLUMN     "errorKind" "DeliveryErrorKind";
