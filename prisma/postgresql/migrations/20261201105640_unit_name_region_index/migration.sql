-- DropIndex
DROP INDEX "Unit_name_id_idx";

-- CreateIndex
CREATE INDEX "Unit_name_regionCode_id_idx" ON "Unit"("name", "regionCode", "id");
