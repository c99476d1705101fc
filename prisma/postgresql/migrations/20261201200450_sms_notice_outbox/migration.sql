-- AlterTable
ALTER TABLE "SmsMessage" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "nextAttemptAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "SmsMessage_nextAttemptAt_idx" ON "SmsMessage"("nextAttemptAt");
