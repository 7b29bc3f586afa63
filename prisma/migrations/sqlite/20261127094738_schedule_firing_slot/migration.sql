-- AlterTable
ALTER TABLE "ScheduleFiring" ADD COLUMN "slot" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "ScheduleFiring_slot_key" ON "ScheduleFiring"("slot");
