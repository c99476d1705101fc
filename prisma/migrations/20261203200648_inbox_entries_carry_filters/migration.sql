-- DropIndex
DROP INDEX "HumanTask_unitId_kind_open_dueAt_createdAt_queue_requestType_idx";

-- DropIndex
DROP INDEX "HumanTask_assigneeId_status_createdAt_queue_id_title_dueAt_idx";

-- DropIndex
DROP INDEX "HumanTask_unitId_open_dueAt_createdAt_title_idx";

-- DropIndex
DROP INDEX "HumanTask_unitId_kind_open_createdAt_queue_requestType_id_idx";

-- DropIndex
DROP INDEX "HumanTask_queue_kind_open_createdAt_id_idx";

-- DropIndex
DROP INDEX "HumanTask_queue_kind_open_dueAt_createdAt_idx";

-- DropIndex
DROP INDEX "HumanTask_assigneeId_createdAt_idx";

-- DropIndex
DROP INDEX "HumanTask_assigneeId_dueAt_createdAt_idx";

-- DropIndex
DROP INDEX "HumanTask_unitId_createdAt_idx";

-- DropIndex
DROP INDEX "HumanTask_unitId_dueAt_createdAt_idx";

-- DropIndex
DROP INDEX "HumanTask_unitId_status_dueAt_createdAt_idx";

-- DropIndex
DROP INDEX "HumanTask_queue_status_dueAt_createdAt_idx";

-- CreateIndex
CREATE INDEX "HumanTask_queue_status_dueAt_createdAt_open_idx" ON "HumanTask"("queue", "status", "dueAt", "createdAt", "open");

-- CreateIndex
CREATE INDEX "HumanTask_unitId_status_dueAt_createdAt_open_queue_requestType_idx" ON "HumanTask"("unitId", "status", "dueAt", "createdAt", "open", "queue", "requestType");

-- CreateIndex
CREATE INDEX "HumanTask_assigneeId_status_createdAt_queue_open_kind_id_title_dueAt_idx" ON "HumanTask"("assigneeId", "status", "createdAt", "queue", "open", "kind", "id", "title", "dueAt");

-- CreateIndex
CREATE INDEX "HumanTask_unitId_open_dueAt_createdAt_title_queue_requestType_idx" ON "HumanTask"("unitId", "open", "dueAt", "createdAt", "title", "queue", "requestType");

-- CreateIndex
CREATE INDEX "HumanTask_unitId_dueAt_createdAt_queue_requestType_idx" ON "HumanTask"("unitId", "dueAt", "createdAt", "queue", "requestType");

-- CreateIndex
CREATE INDEX "HumanTask_unitId_createdAt_queue_requestType_idx" ON "HumanTask"("unitId", "createdAt", "queue", "requestType");

-- CreateIndex
CREATE INDEX "HumanTask_assigneeId_dueAt_createdAt_queue_unitId_requestType_idx" ON "HumanTask"("assigneeId", "dueAt", "createdAt", "queue", "unitId", "requestType");

-- CreateIndex
CREATE INDEX "HumanTask_assigneeId_createdAt_queue_unitId_requestType_idx" ON "HumanTask"("assigneeId", "createdAt", "queue", "unitId", "requestType");

-- CreateIndex
CREATE INDEX "HumanTask_queue_kind_open_dueAt_createdAt_status_idx" ON "HumanTask"("queue", "kind", "open", "dueAt", "createdAt", "status");

-- CreateIndex
CREATE INDEX "HumanTask_queue_kind_open_createdAt_id_status_assigneeId_idx" ON "HumanTask"("queue", "kind", "open", "createdAt", "id", "status", "assigneeId");

-- CreateIndex
CREATE INDEX "HumanTask_unitId_kind_open_dueAt_createdAt_queue_requestType_status_idx" ON "HumanTask"("unitId", "kind", "open", "dueAt", "createdAt", "queue", "requestType", "status");

-- CreateIndex
CREATE INDEX "HumanTask_unitId_kind_open_createdAt_queue_requestType_id_status_assigneeId_idx" ON "HumanTask"("unitId", "kind", "open", "createdAt", "queue", "requestType", "id", "status", "assigneeId");
