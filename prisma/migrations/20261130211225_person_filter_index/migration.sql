-- CreateIndex
CREATE INDEX "Person_id_status_name_idx" ON "Person"("id", "status", "name");
