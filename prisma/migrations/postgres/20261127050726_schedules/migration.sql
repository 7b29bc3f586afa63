-- CreateTable
CREATE TABLE "Schedule" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "cron" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Schedule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScheduleStep" (
    "id" TEXT NOT NULL,
    "scheduleId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "maName" TEXT NOT NULL,
    "profileName" TEXT NOT NULL,

    CONSTRAINT "ScheduleStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScheduleFiring" (
    "id" TEXT NOT NULL,
    "scheduleId" TEXT,
    "runProfileId" TEXT,
    "firedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),
    "result" TEXT NOT NULL,
    "message" TEXT,
    "runIds" TEXT NOT NULL DEFAULT '[]',

    CONSTRAINT "ScheduleFiring_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Schedule_name_key" ON "Schedule"("name");

-- CreateIndex
CREATE INDEX "ScheduleStep_maName_idx" ON "ScheduleStep"("maName");

-- CreateIndex
CREATE UNIQUE INDEX "ScheduleStep_scheduleId_seq_key" ON "ScheduleStep"("scheduleId", "seq");

-- CreateIndex
CREATE INDEX "ScheduleFiring_scheduleId_firedAt_idx" ON "ScheduleFiring"("scheduleId", "firedAt");

-- CreateIndex
CREATE INDEX "ScheduleFiring_runProfileId_firedAt_idx" ON "ScheduleFiring"("runProfileId", "firedAt");

-- AddForeignKey
ALTER TABLE "ScheduleStep" ADD CONSTRAINT "ScheduleStep_scheduleId_fkey" FOREIGN KEY ("scheduleId") REFERENCES "Schedule"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScheduleFiring" ADD CONSTRAINT "ScheduleFiring_scheduleId_fkey" FOREIGN KEY ("scheduleId") REFERENCES "Schedule"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScheduleFiring" ADD CONSTRAINT "ScheduleFiring_runProfileId_fkey" FOREIGN KEY ("runProfileId") REFERENCES "RunProfile"("id") ON DELETE CASCADE ON UPDATE CASCADE;
