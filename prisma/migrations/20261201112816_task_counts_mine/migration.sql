-- DropIndex
DROP INDEX "HumanTask_assigneeId_open_createdAt_queue_id_title_dueAt_idx";

-- CreateIndex
CREATE INDEX "HumanTask_assigneeId_open_createdAt_queue_id_title_dueAt_status_idx" ON "HumanTask"("assigneeId", "open", "createdAt", "queue", "id", "title", "dueAt", "status");
