-- CreateIndex
CREATE INDEX "CsObject_maId_id_idx" ON "CsObject"("maId", "id");

-- CreateIndex
CREATE INDEX "PendingExport_maId_status_id_idx" ON "PendingExport"("maId", "status", "id");
