-- DropIndex
DROP INDEX "HumanTask_assigneeId_open_createdAt_queue_id_title_idx";

-- DropIndex
DROP INDEX "HumanTask_unitId_open_createdAt_queue_requestType_id_title_idx";

-- DropIndex
DROP INDEX "HumanTask_queue_open_createdAt_id_title_idx";

-- DropIndex
DROP INDEX "HumanTask_assigneeId_status_createdAt_queue_id_title_idx";

-- DropIndex
DROP INDEX "HumanTask_unitId_status_createdAt_open_kind_queue_requestType_assigneeId_id_title_idx";

-- DropIndex
DROP INDEX "HumanTask_queue_status_createdAt_open_kind_assigneeId_id_title_idx";

-- CreateIndex
CREATE INDEX "HumanTask_queue_status_createdAt_open_kind_assigneeId_id_title_dueAt_idx" ON "HumanTask"("queue", "status", "createdAt", "open", "kind", "assigneeId", "id", "title", "dueAt");

-- CreateIndex
CREATE INDEX "HumanTask_unitId_status_createdAt_open_kind_queue_requestType_assigneeId_id_title_dueAt_idx" ON "HumanTask"("unitId", "status", "createdAt", "open", "kind", "queue", "requestType", "assigneeId", "id", "title", "dueAt");

-- CreateIndex
CREATE INDEX "HumanTask_assigneeId_status_createdAt_queue_id_title_dueAt_idx" ON "HumanTask"("assigneeId", "status", "createdAt", "queue", "id", "title", "dueAt");

-- CreateIndex
CREATE INDEX "HumanTask_queue_open_createdAt_id_title_dueAt_idx" ON "HumanTask"("queue", "open", "createdAt", "id", "title", "dueAt");

-- CreateIndex
CREATE INDEX "HumanTask_unitId_open_createdAt_queue_requestType_id_title_dueAt_idx" ON "HumanTask"("unitId", "open", "createdAt", "queue", "requestType", "id", "title", "dueAt");

-- CreateIndex
CREATE INDEX "HumanTask_assigneeId_open_createdAt_queue_id_title_dueAt_idx" ON "HumanTask"("assigneeId", "open", "createdAt", "queue", "id", "title", "dueAt");
