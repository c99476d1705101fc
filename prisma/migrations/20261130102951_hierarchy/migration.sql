-- AlterTable
ALTER TABLE "AffiliationRequest" ADD COLUMN "previousSuperiorUnitId" TEXT;
ALTER TABLE "AffiliationRequest" ADD COLUMN "submissionId" TEXT;

-- AlterTable
ALTER TABLE "TitleApplication" ADD COLUMN "closedAt" DATETIME;
ALTER TABLE "TitleApplication" ADD COLUMN "currentUnitId" TEXT;
ALTER TABLE "TitleApplication" ADD COLUMN "requestNumber" TEXT;
ALTER TABLE "TitleApplication" ADD COLUMN "returnReason" TEXT;
ALTER TABLE "TitleApplication" ADD COLUMN "submissionId" TEXT;
ALTER TABLE "TitleApplication" ADD COLUMN "unitId" TEXT;
ALTER TABLE "TitleApplication" ADD COLUMN "workflowId" TEXT;

-- CreateTable
CREATE TABLE "TitleApplicationStep" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "applicationId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "unitId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "decidedById" TEXT,
    "decisionKey" TEXT,
    "reason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" DATETIME,
    CONSTRAINT "TitleApplicationStep_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "TitleApplication" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "HierarchyLock" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "version" INTEGER NOT NULL DEFAULT 0
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_HumanTask" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workflowId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "requestType" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "step" INTEGER NOT NULL DEFAULT 0,
    "queue" TEXT NOT NULL,
    "unitId" TEXT,
    "title" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "assigneeId" TEXT,
    "dueAt" DATETIME,
    "remindedAt" DATETIME,
    "escalatedAt" DATETIME,
    "outcome" TEXT,
    "decidedById" TEXT,
    "decisionKey" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" DATETIME
);
INSERT INTO "new_HumanTask" ("assigneeId", "completedAt", "createdAt", "decidedById", "decisionKey", "dueAt", "escalatedAt", "id", "kind", "outcome", "queue", "remindedAt", "requestId", "requestType", "status", "title", "unitId", "workflowId") SELECT "assigneeId", "completedAt", "createdAt", "decidedById", "decisionKey", "dueAt", "escalatedAt", "id", "kind", "outcome", "queue", "remindedAt", "requestId", "requestType", "status", "title", "unitId", "workflowId" FROM "HumanTask";
DROP TABLE "HumanTask";
ALTER TABLE "new_HumanTask" RENAME TO "HumanTask";
CREATE INDEX "HumanTask_workflowId_idx" ON "HumanTask"("workflowId");
CREATE INDEX "HumanTask_queue_status_dueAt_idx" ON "HumanTask"("queue", "status", "dueAt");
CREATE INDEX "HumanTask_unitId_status_idx" ON "HumanTask"("unitId", "status");
CREATE INDEX "HumanTask_assigneeId_status_idx" ON "HumanTask"("assigneeId", "status");
CREATE UNIQUE INDEX "HumanTask_requestId_kind_step_key" ON "HumanTask"("requestId", "kind", "step");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "TitleApplicationStep_unitId_status_idx" ON "TitleApplicationStep"("unitId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "TitleApplicationStep_applicationId_position_key" ON "TitleApplicationStep"("applicationId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "AffiliationRequest_submissionId_key" ON "AffiliationRequest"("submissionId");

-- CreateIndex
CREATE UNIQUE INDEX "TitleApplication_requestNumber_key" ON "TitleApplication"("requestNumber");

-- CreateIndex
CREATE UNIQUE INDEX "TitleApplication_submissionId_key" ON "TitleApplication"("submissionId");

-- CreateIndex
CREATE INDEX "TitleApplication_currentUnitId_status_idx" ON "TitleApplication"("currentUnitId", "status");

-- The one row that hierarchy changes update first (see the model).
INSERT INTO "HierarchyLock" ("id", "version") VALUES (1, 0);
