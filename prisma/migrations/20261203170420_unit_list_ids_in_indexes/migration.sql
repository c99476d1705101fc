-- DropIndex
DROP INDEX "Unit_type_name_idx";

-- DropIndex
DROP INDEX "Unit_regionCode_name_idx";

-- CreateIndex
CREATE INDEX "Unit_regionCode_name_id_idx" ON "Unit"("regionCode", "name", "id");

-- CreateIndex
CREATE INDEX "Unit_type_name_id_idx" ON "Unit"("type", "name", "id");
