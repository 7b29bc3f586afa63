-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "displayName" TEXT NOT NULL DEFAULT '',
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT NOT NULL DEFAULT '',
    "details" TEXT NOT NULL DEFAULT '{}',

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MvObjectType" (
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "MvObjectType_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "MvAttribute" (
    "objectType" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "multiValued" BOOLEAN NOT NULL DEFAULT false,
    "indexed" BOOLEAN NOT NULL DEFAULT true,
    "precedence" TEXT NOT NULL DEFAULT 'ranked',

    CONSTRAINT "MvAttribute_pkey" PRIMARY KEY ("objectType","name")
);

-- CreateTable
CREATE TABLE "ManagementAgent" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "config" TEXT NOT NULL DEFAULT '{}',
    "rules" TEXT NOT NULL DEFAULT '{}',
    "stagingMode" BOOLEAN NOT NULL DEFAULT false,
    "watermark" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ManagementAgent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CsObject" (
    "id" TEXT NOT NULL,
    "maId" TEXT NOT NULL,
    "anchor" TEXT,
    "dn" TEXT NOT NULL,
    "dnKey" TEXT NOT NULL,
    "objectType" TEXT NOT NULL,
    "attrs" TEXT NOT NULL DEFAULT '{}',
    "state" TEXT NOT NULL DEFAULT 'normal-disconnector',
    "mvId" TEXT,
    "linkType" TEXT,
    "linkedAt" TIMESTAMP(3),
    "pendingImport" TEXT,
    "pendingImportOp" TEXT,
    "deleted" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CsObject_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MvObject" (
    "id" TEXT NOT NULL,
    "objectType" TEXT NOT NULL,
    "attrs" TEXT NOT NULL DEFAULT '{}',
    "lineage" TEXT NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MvObject_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MvValue" (
    "id" SERIAL NOT NULL,
    "mvId" TEXT NOT NULL,
    "attr" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "valueKey" TEXT NOT NULL,

    CONSTRAINT "MvValue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PendingExport" (
    "id" TEXT NOT NULL,
    "maId" TEXT NOT NULL,
    "csId" TEXT NOT NULL,
    "op" TEXT NOT NULL,
    "dn" TEXT NOT NULL,
    "newDn" TEXT,
    "changes" TEXT NOT NULL DEFAULT '{}',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "error" TEXT,
    "exportRunId" TEXT,
    "exportedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PendingExport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RunProfile" (
    "id" TEXT NOT NULL,
    "maId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "steps" TEXT NOT NULL DEFAULT '[]',

    CONSTRAINT "RunProfile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Run" (
    "id" TEXT NOT NULL,
    "maId" TEXT NOT NULL,
    "profileName" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "startedBy" TEXT NOT NULL,
    "message" TEXT,
    "queuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "heartbeatAt" TIMESTAMP(3),

    CONSTRAINT "Run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RunStep" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "message" TEXT,
    "stats" TEXT NOT NULL DEFAULT '{}',
    "progress" TEXT NOT NULL DEFAULT '{}',
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "RunStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RunStepObject" (
    "id" SERIAL NOT NULL,
    "stepId" TEXT NOT NULL,
    "counter" TEXT NOT NULL,
    "csId" TEXT,
    "mvId" TEXT,
    "anchor" TEXT,
    "dn" TEXT,

    CONSTRAINT "RunStepObject_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RunError" (
    "id" SERIAL NOT NULL,
    "stepId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "location" TEXT,
    "csId" TEXT,
    "anchor" TEXT,
    "dn" TEXT,
    "detail" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RunError_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MvHistory" (
    "id" SERIAL NOT NULL,
    "mvId" TEXT NOT NULL,
    "attr" TEXT NOT NULL,
    "oldValue" TEXT NOT NULL,
    "newValue" TEXT NOT NULL,
    "maId" TEXT,
    "runId" TEXT,
    "rule" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MvHistory_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "AuditEvent_action_at_idx" ON "AuditEvent"("action", "at");

-- CreateIndex
CREATE UNIQUE INDEX "ManagementAgent_name_key" ON "ManagementAgent"("name");

-- CreateIndex
CREATE INDEX "CsObject_maId_dnKey_idx" ON "CsObject"("maId", "dnKey");

-- CreateIndex
CREATE INDEX "CsObject_maId_pendingImportOp_idx" ON "CsObject"("maId", "pendingImportOp");

-- CreateIndex
CREATE INDEX "CsObject_mvId_idx" ON "CsObject"("mvId");

-- CreateIndex
CREATE INDEX "CsObject_maId_state_idx" ON "CsObject"("maId", "state");

-- CreateIndex
CREATE UNIQUE INDEX "CsObject_maId_anchor_key" ON "CsObject"("maId", "anchor");

-- CreateIndex
CREATE INDEX "MvObject_objectType_idx" ON "MvObject"("objectType");

-- CreateIndex
CREATE INDEX "MvValue_attr_valueKey_idx" ON "MvValue"("attr", "valueKey");

-- CreateIndex
CREATE INDEX "MvValue_mvId_attr_idx" ON "MvValue"("mvId", "attr");

-- CreateIndex
CREATE UNIQUE INDEX "PendingExport_csId_key" ON "PendingExport"("csId");

-- CreateIndex
CREATE INDEX "PendingExport_maId_status_op_idx" ON "PendingExport"("maId", "status", "op");

-- CreateIndex
CREATE UNIQUE INDEX "RunProfile_maId_name_key" ON "RunProfile"("maId", "name");

-- CreateIndex
CREATE INDEX "Run_maId_queuedAt_idx" ON "Run"("maId", "queuedAt");

-- CreateIndex
CREATE INDEX "Run_status_idx" ON "Run"("status");

-- CreateIndex
CREATE INDEX "RunStep_runId_seq_idx" ON "RunStep"("runId", "seq");

-- CreateIndex
CREATE INDEX "RunStepObject_stepId_counter_idx" ON "RunStepObject"("stepId", "counter");

-- CreateIndex
CREATE INDEX "RunError_stepId_code_idx" ON "RunError"("stepId", "code");

-- CreateIndex
CREATE INDEX "MvHistory_mvId_at_idx" ON "MvHistory"("mvId", "at");

-- AddForeignKey
ALTER TABLE "MvAttribute" ADD CONSTRAINT "MvAttribute_objectType_fkey" FOREIGN KEY ("objectType") REFERENCES "MvObjectType"("name") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CsObject" ADD CONSTRAINT "CsObject_maId_fkey" FOREIGN KEY ("maId") REFERENCES "ManagementAgent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CsObject" ADD CONSTRAINT "CsObject_mvId_fkey" FOREIGN KEY ("mvId") REFERENCES "MvObject"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MvValue" ADD CONSTRAINT "MvValue_mvId_fkey" FOREIGN KEY ("mvId") REFERENCES "MvObject"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PendingExport" ADD CONSTRAINT "PendingExport_csId_fkey" FOREIGN KEY ("csId") REFERENCES "CsObject"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunProfile" ADD CONSTRAINT "RunProfile_maId_fkey" FOREIGN KEY ("maId") REFERENCES "ManagementAgent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_maId_fkey" FOREIGN KEY ("maId") REFERENCES "ManagementAgent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunStep" ADD CONSTRAINT "RunStep_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunStepObject" ADD CONSTRAINT "RunStepObject_stepId_fkey" FOREIGN KEY ("stepId") REFERENCES "RunStep"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunError" ADD CONSTRAINT "RunError_stepId_fkey" FOREIGN KEY ("stepId") REFERENCES "RunStep"("id") ON DELETE CASCADE ON UPDATE CASCADE;
