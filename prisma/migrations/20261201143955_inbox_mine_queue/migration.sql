-- The mine view's indexes end in the queue (and the open flag or the status): a deep page of the
-- caller's tasks tests the scope's queue on the index entries it skips, not on their table rows.
-- DropIndex
DROP INDEX "HumanTask_assigneeId_open_dueAt_createdAt_title_idx";

-- DropIndex
DROP INDEX "HumanTask_assigneeId_status_dueAt_createdAt_idx";

-- CreateIndex
CREATE INDEX "HumanTask_assigneeId_status_dueAt_createdAt_queue_open_idx" ON "HumanTask"("assigneeId", "status", "dueAt", "createdAt", "queue", "open");

-- CreateIndex
CREATE INDEX "HumanTask_assigneeId_open_dueAt_createdAt_title_queue_status_idx" ON "HumanTask"("assigneeId", "open", "dueAt", "createdAt", "title", "queue", "status");
