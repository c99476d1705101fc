-- DropIndex
DROP INDEX "HumanTask_unitId_kind_open_dueAt_createdAt_queue_requestType_status_idx";

-- DropIndex
DROP INDEX "HumanTask_queue_kind_open_dueAt_createdAt_status_idx";

-- DropIndex
DROP INDEX "HumanTask_assigneeId_createdAt_queue_unitId_requestType_idx";

-- DropIndex
DROP INDEX "HumanTask_assigneeId_dueAt_createdAt_queue_unitId_requestType_idx";

-- DropIndex
DROP INDEX "HumanTask_unitId_createdAt_queue_requestType_idx";

-- DropIndex
DROP INDEX "HumanTask_unitId_dueAt_createdAt_queue_requestType_idx";

-- DropIndex
DROP INDEX "HumanTask_unitId_open_dueAt_createdAt_title_queue_requestType_idx";

-- DropIndex
DROP INDEX "HumanTask_unitId_status_dueAt_createdAt_open_queue_requestType_idx";

-- DropIndex
DROP INDEX "HumanTask_queue_status_dueAt_createdAt_open_idx";

-- DropIndex
DROP INDEX "HumanTask_assigneeId_open_dueAt_createdAt_title_queue_status_idx";

-- DropIndex
DROP INDEX "HumanTask_assigneeId_status_dueAt_createdAt_queue_open_idx";

-- DropIndex
DROP INDEX "HumanTask_queue_open_dueAt_createdAt_title_idx";

-- DropIndex
DROP INDEX "HumanTask_queue_createdAt_idx";

-- DropIndex
DROP INDEX "HumanTask_queue_dueAt_createdAt_idx";

-- CreateIndex
CREATE INDEX "HumanTask_queue_status_dueAt_createdAt_open_id_idx" ON "HumanTask"("queue", "status", "dueAt", "createdAt", "open", "id");

-- CreateIndex
CREATE INDEX "HumanTask_unitId_status_dueAt_createdAt_open_queue_requestType_id_idx" ON "HumanTask"("unitId", "status", "dueAt", "createdAt", "open", "queue", "requestType", "id");

-- CreateIndex
CREATE INDEX "HumanTask_assigneeId_status_dueAt_createdAt_queue_open_id_idx" ON "HumanTask"("assigneeId", "status", "dueAt", "createdAt", "queue", "open", "id");

-- CreateIndex
CREATE INDEX "HumanTask_queue_open_dueAt_createdAt_title_id_idx" ON "HumanTask"("queue", "open", "dueAt", "createdAt", "title", "id");

-- CreateIndex
CREATE INDEX "HumanTask_unitId_open_dueAt_createdAt_title_queue_requestType_id_idx" ON "HumanTask"("unitId", "open", "dueAt", "createdAt", "title", "queue", "requestType", "id");

-- CreateIndex
CREATE INDEX "HumanTask_assigneeId_open_dueAt_createdAt_title_queue_status_id_idx" ON "HumanTask"("assigneeId", "open", "dueAt", "createdAt", "title", "queue", "status", "id");

-- CreateIndex
CREATE INDEX "HumanTask_queue_dueAt_createdAt_id_idx" ON "HumanTask"("queue", "dueAt", "createdAt", "id");

-- CreateIndex
CREATE INDEX "HumanTask_queue_createdAt_id_idx" ON "HumanTask"("queue", "createdAt", "id");

-- CreateIndex
CREATE INDEX "HumanTask_unitId_dueAt_createdAt_queue_requestType_id_idx" ON "HumanTask"("unitId", "dueAt", "createdAt", "queue", "requestType", "id");

-- CreateIndex
CREATE INDEX "HumanTask_unitId_createdAt_queue_requestType_id_idx" ON "HumanTask"("unitId", "createdAt", "queue", "requestType", "id");

-- CreateIndex
CREATE INDEX "HumanTask_assigneeId_dueAt_createdAt_queue_unitId_requestType_id_idx" ON "HumanTask"("assigneeId", "dueAt", "createdAt", "queue", "unitId", "requestType", "id");

-- CreateIndex
CREATE INDEX "HumanTask_assigneeId_createdAt_queue_unitId_requestType_id_idx" ON "HumanTask"("assigneeId", "createdAt", "queue", "unitId", "requestType", "id");

-- CreateIndex
CREATE INDEX "HumanTask_queue_kind_open_dueAt_createdAt_status_id_idx" ON "HumanTask"("queue", "kind", "open", "dueAt", "createdAt", "status", "id");

-- CreateIndex
CREATE INDEX "HumanTask_unitId_kind_open_dueAt_createdAt_queue_requestType_status_id_idx" ON "HumanTask"("unitId", "kind", "open", "dueAt", "createdAt", "queue", "requestType", "status", "id");
