-- DropIndex
DROP INDEX "CsObject_maId_pendingImportOp_idx";

-- CreateIndex
CREATE INDEX "CsObject_maId_pendingImportOp_id_idx" ON "CsObject"("maId", "pendingImportOp", "id");
