-- CreateIndex
CREATE INDEX "Unit_name_id_idx" ON "Unit"("name", "id");
