-- Issue 14: request notices are stored by the workflow's step and delivered by a background sender
-- (lib/notice-outbox.ts), so a decision is answered without waiting for the SMS gateway. A notice
-- row carries when it may next be claimed (the claim's lease or a retry's backoff) and its attempts.
-- (Added in place: copying the outbox table to redefine it is not needed for two new columns.)
-- AlterTable
ALTER TABLE "SmsMessage" ADD COLUMN "nextAttemptAt" DATETIME;
ALTER TABLE "SmsMessage" ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "SmsMessage_nextAttemptAt_idx" ON "SmsMessage"("nextAttemptAt");
