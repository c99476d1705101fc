-- AlterTable
ALTER TABLE "RealPersonCheck" ADD COLUMN "vendorReference" TEXT;

-- AlterTable
ALTER TABLE "RequestEvent" ADD COLUMN "actorRole" TEXT;

-- AlterTable
ALTER TABLE "SmsMessage" ADD COLUMN "vendorMessageId" TEXT;

-- CreateTable
CREATE TABLE "RateLimiterFlexible" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "points" INTEGER NOT NULL,
    "expire" DATETIME
);

-- CreateIndex
CREATE INDEX "RateLimiterFlexible_expire_idx" ON "RateLimiterFlexible"("expire");
