-- AlterTable
ALTER TABLE "HumanTask" ADD COLUMN     "open" BOOLEAN NOT NULL DEFAULT true;

-- CreateIndex
CREATE INDEX "HumanTask_queue_open_dueAt_createdAt_idx" ON "HumanTask"("queue", "open", "dueAt", "createdAt");

-- CreateIndex
CREATE INDEX "HumanTask_queue_open_createdAt_idx" ON "HumanTask"("queue", "open", "createdAt");

-- CreateIndex
CREATE INDEX "HumanTask_unitId_open_dueAt_createdAt_idx" ON "HumanTask"("unitId", "open", "dueAt", "createdAt");

-- CreateIndex
CREATE INDEX "HumanTask_unitId_open_createdAt_idx" ON "HumanTask"("unitId", "open", "createdAt");

-- CreateIndex
CREATE INDEX "HumanTask_assigneeId_open_dueAt_createdAt_idx" ON "HumanTask"("assigneeId", "open", "dueAt", "createdAt");

-- CreateIndex
CREATE INDEX "HumanTask_assigneeId_open_createdAt_idx" ON "HumanTask"("assigneeId", "open", "createdAt");

-- CreateIndex
CREATE INDEX "HumanTask_queue_dueAt_createdAt_idx" ON "HumanTask"("queue", "dueAt", "createdAt");

-- CreateIndex
CREATE INDEX "HumanTask_queue_createdAt_idx" ON "HumanTask"("queue", "createdAt");

-- CreateIndex
CREATE INDEX "HumanTask_unitId_dueAt_createdAt_idx" ON "HumanTask"("unitId", "dueAt", "createdAt");

-- CreateIndex
CREATE INDEX "HumanTask_unitId_createdAt_idx" ON "HumanTask"("unitId", "createdAt");

-- CreateIndex
CREATE INDEX "HumanTask_assigneeId_dueAt_createdAt_idx" ON "HumanTask"("assigneeId", "dueAt", "createdAt");

-- CreateIndex
CREATE INDEX "HumanTask_assigneeId_createdAt_idx" ON "HumanTask"("assigneeId", "createdAt");

-- open: whether the task is still to decide, from its status.
UPDATE "HumanTask" SET "open" = false WHERE "status" IN ('COMPLETED', 'CANCELLED');
