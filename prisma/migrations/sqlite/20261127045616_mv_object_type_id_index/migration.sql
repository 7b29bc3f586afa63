-- DropIndex
DROP INDEX "MvObject_objectType_idx";

-- CreateIndex
CREATE INDEX "MvObject_objectType_id_idx" ON "MvObject"("objectType", "id");
