-- AlterTable
ALTER TABLE "RunProfile" ADD COLUMN "schedule" TEXT;
