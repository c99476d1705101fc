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
    "open" BOOLEAN NOT NULL DEFAULT true,
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
-- open: whether the task is still to decide, from its status.
INSERT INTO "new_HumanTask" ("open", "assigneeId", "completedAt", "createdAt", "decidedById", "decisionKey", "dueAt", "escalatedAt", "id", "kind", "outcome", "queue", "remindedAt", "requestId", "requestType", "status", "step", "title", "unitId", "workflowId") SELECT "status" IN ('OPEN', 'CLAIMED'), "assigneeId", "completedAt", "createdAt", "decidedById", "decisionKey", "dueAt", "escalatedAt", "id", "kind", "outcome", "queue", "remindedAt", "requestId", "requestType", "status", "step", "title", "unitId", "workflowId" FROM "HumanTask";
DROP TABLE "HumanTask";
ALTER TABLE "new_HumanTask" RENAME TO "HumanTask";
CREATE INDEX "HumanTask_workflowId_idx" ON "HumanTask"("workflowId");
CREATE INDEX "HumanTask_queue_status_dueAt_createdAt_idx" ON "HumanTask"("queue", "status", "dueAt", "createdAt");
CREATE INDEX "HumanTask_queue_status_createdAt_idx" ON "HumanTask"("queue", "status", "createdAt");
CREATE INDEX "HumanTask_unitId_status_dueAt_createdAt_idx" ON "HumanTask"("unitId", "status", "dueAt", "createdAt");
CREATE INDEX "HumanTask_unitId_status_createdAt_idx" ON "HumanTask"("unitId", "status", "createdAt");
CREATE INDEX "HumanTask_assigneeId_status_dueAt_createdAt_idx" ON "HumanTask"("assigneeId", "status", "dueAt", "createdAt");
CREATE INDEX "HumanTask_assigneeId_status_createdAt_idx" ON "HumanTask"("assigneeId", "status", "createdAt");
CREATE INDEX "HumanTask_queue_open_dueAt_createdAt_idx" ON "HumanTask"("queue", "open", "dueAt", "createdAt");
CREATE INDEX "HumanTask_queue_open_createdAt_idx" ON "HumanTask"("queue", "open", "createdAt");
CREATE INDEX "HumanTask_unitId_open_dueAt_createdAt_idx" ON "HumanTask"("unitId", "open", "dueAt", "createdAt");
CREATE INDEX "HumanTask_unitId_open_createdAt_idx" ON "HumanTask"("unitId", "open", "createdAt");
CREATE INDEX "HumanTask_assigneeId_open_dueAt_createdAt_idx" ON "HumanTask"("assigneeId", "open", "dueAt", "createdAt");
CREATE INDEX "HumanTask_assigneeId_open_createdAt_idx" ON "HumanTask"("assigneeId", "open", "createdAt");
CREATE INDEX "HumanTask_queue_dueAt_createdAt_idx" ON "HumanTask"("queue", "dueAt", "createdAt");
CREATE INDEX "HumanTask_queue_createdAt_idx" ON "HumanTask"("queue", "createdAt");
CREATE INDEX "HumanTask_unitId_dueAt_createdAt_idx" ON "HumanTask"("unitId", "dueAt", "createdAt");
CREATE INDEX "HumanTask_unitId_createdAt_idx" ON "HumanTask"("unitId", "createdAt");
CREATE INDEX "HumanTask_assigneeId_dueAt_createdAt_idx" ON "HumanTask"("assigneeId", "dueAt", "createdAt");
CREATE INDEX "HumanTask_assigneeId_createdAt_idx" ON "HumanTask"("assigneeId", "createdAt");
CREATE UNIQUE INDEX "HumanTask_requestId_kind_step_key" ON "HumanTask"("requestId", "kind", "step");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
