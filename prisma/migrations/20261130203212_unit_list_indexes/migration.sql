-- DropIndex
DROP INDEX "Unit_type_idx";

-- DropIndex
DROP INDEX "Unit_regionCode_idx";

-- CreateIndex
CREATE INDEX "Unit_regionCode_name_idx" ON "Unit"("regionCode", "name");

-- CreateIndex
CREATE INDEX "Unit_type_name_idx" ON "Unit"("type", "name");
