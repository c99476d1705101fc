-- AlterTable
ALTER TABLE "BindingRequest" ADD COLUMN "submissionId" TEXT;

-- AlterTable
ALTER TABLE "RealPersonCheck" ADD COLUMN "originIp" TEXT;
ALTER TABLE "RealPersonCheck" ADD COLUMN "originUserAgent" TEXT;

-- CreateTable
CREATE TABLE "PersonRegistration" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "idNumber" TEXT NOT NULL,
    "mobile" TEXT NOT NULL,
    "passwordHash" TEXT,
    "status" TEXT NOT NULL DEFAULT 'AWAITING_REAL_PERSON_AUTH',
    "checkId" TEXT,
    "personId" TEXT,
    "submittedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "PersonRegistration_checkId_key" ON "PersonRegistration"("checkId");

-- CreateIndex
CREATE INDEX "PersonRegistration_idNumber_idx" ON "PersonRegistration"("idNumber");

-- CreateIndex
CREATE UNIQUE INDEX "BindingRequest_submissionId_key" ON "BindingRequest"("submissionId");
