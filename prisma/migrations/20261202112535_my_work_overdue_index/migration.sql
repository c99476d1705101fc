-- DropIndex
DROP INDEX "HumanTask_unitId_kind_open_dueAt_createdAt_idx";

-- CreateIndex
CREATE INDEX "HumanTask_unitId_kind_open_dueAt_createdAt_queue_requestType_idx" ON "HumanTask"("unitId", "kind", "open", "dueAt", "createdAt", "queue", "requestType");
