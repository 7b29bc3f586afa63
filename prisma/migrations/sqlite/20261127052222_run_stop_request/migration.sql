-- AlterTable
ALTER TABLE "Run" ADD COLUMN "stopRequestedAt" DATETIME;
ALTER TABLE "Run" ADD COLUMN "stopRequestedBy" TEXT;

-- CreateIndex
CREATE INDEX "Run_queuedAt_idx" ON "Run"("queuedAt");
