-- CreateIndex
CREATE INDEX "HumanTask_queue_kind_open_dueAt_createdAt_idx" ON "HumanTask"("queue", "kind", "open", "dueAt", "createdAt");

-- CreateIndex
CREATE INDEX "HumanTask_queue_kind_open_createdAt_idx" ON "HumanTask"("queue", "kind", "open", "createdAt");

-- CreateIndex
CREATE INDEX "HumanTask_unitId_kind_open_dueAt_createdAt_idx" ON "HumanTask"("unitId", "kind", "open", "dueAt", "createdAt");

-- CreateIndex
CREATE INDEX "HumanTask_unitId_kind_open_createdAt_idx" ON "HumanTask"("unitId", "kind", "open", "createdAt");
