-- CreateIndex
CREATE INDEX "Binding_unitId_startedAt_idx" ON "Binding"("unitId", "startedAt");
