-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "stopRequestedAt" TIMESTAMP(3),
ADD COLUMN     "stopRequestedBy" TEXT;

-- CreateIndex
CREATE INDEX "Run_queuedAt_idx" ON "Run"("queuedAt");
