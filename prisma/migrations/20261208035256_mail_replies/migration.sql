-- CreateEnum
CREATE TYPE "MailReplyOutcome" AS ENUM ('APPLIED', 'IGNORED', 'REFUSED');

-- CreateTable
CREATE TABLE "MailReply" (
    "messageId" TEXT NOT NULL,
    "reportId" TEXT,
    "outcome" "MailReplyOutcome" NOT NULL,
    "reason" TEXT,
    "answerDeliveryId" TEXT,
    "readAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MailReply_pkey" PRIMARY KEY ("messageId")
);

-- CreateIndex
CREATE UNIQUE INDEX "MailReply_answerDeliveryId_key" ON "MailReply"("answerDeliveryId");

-- CreateIndex
CREATE INDEX "MailReply_reportId_idx" ON "MailReply"("reportId");
