-- CreateTable
CREATE TABLE "ContactMobileChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "unitId" TEXT NOT NULL,
    "openUnitId" TEXT,
    "previousMobile" TEXT NOT NULL,
    "newMobile" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "explanation" TEXT,
    "status" TEXT NOT NULL DEFAULT 'SUBMITTED',
    "workflowId" TEXT NOT NULL,
    "decidedById" TEXT,
    "decisionReason" TEXT,
    "submittedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" DATETIME,
    CONSTRAINT "ContactMobileChange_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ContactMobileChange_openUnitId_key" ON "ContactMobileChange"("openUnitId");

-- CreateIndex
CREATE INDEX "ContactMobileChange_unitId_submittedAt_idx" ON "ContactMobileChange"("unitId", "submittedAt");
