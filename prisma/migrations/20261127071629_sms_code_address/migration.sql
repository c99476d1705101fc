-- AlterTable
ALTER TABLE "SmsCode" ADD COLUMN "ipAddress" TEXT;

-- CreateIndex
CREATE INDEX "SmsCode_ipAddress_createdAt_idx" ON "SmsCode"("ipAddress", "createdAt");
