-- CreateIndex
CREATE INDEX "ReportEvent_at_id_idx" ON "ReportEvent"("at", "id");
