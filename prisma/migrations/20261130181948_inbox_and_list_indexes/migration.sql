-- DropIndex
DROP INDEX "HumanTask_assigneeId_status_idx";

-- DropIndex
DROP INDEX "HumanTask_unitId_status_idx";

-- DropIndex
DROP INDEX "HumanTask_queue_status_dueAt_idx";

-- CreateIndex
CREATE INDEX "HumanTask_queue_status_dueAt_createdAt_idx" ON "HumanTask"("queue", "status", "dueAt", "createdAt");

-- CreateIndex
CREATE INDEX "HumanTask_queue_status_createdAt_idx" ON "HumanTask"("queue", "status", "createdAt");

-- CreateIndex
CREATE INDEX "HumanTask_unitId_status_dueAt_createdAt_idx" ON "HumanTask"("unitId", "status", "dueAt", "createdAt");

-- CreateIndex
CREATE INDEX "HumanTask_unitId_status_createdAt_idx" ON "HumanTask"("unitId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "HumanTask_assigneeId_status_dueAt_createdAt_idx" ON "HumanTask"("assigneeId", "status", "dueAt", "createdAt");

-- CreateIndex
CREATE INDEX "HumanTask_assigneeId_status_createdAt_idx" ON "HumanTask"("assigneeId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Unit_registeredAt_idx" ON "Unit"("registeredAt");
