-- DropIndex
DROP INDEX "Binding_unitId_startedAt_idx";

-- CreateIndex
CREATE INDEX "Binding_unitId_startedAt_activePersonId_id_idx" ON "Binding"("unitId", "startedAt", "activePersonId", "id");
