-- AlterTable
ALTER TABLE "RealPersonCheck" ADD COLUMN "sessionId" TEXT;
