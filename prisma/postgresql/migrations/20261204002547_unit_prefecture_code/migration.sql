-- AlterTable
ALTER TABLE "Unit" ADD COLUMN     "prefectureCode" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "Unit_prefectureCode_name_id_idx" ON "Unit"("prefectureCode", "name", "id");

-- Hand-written, not from the schema: the prefecture each unit's region lies in (GB/T 2260: the code's
-- first four digits and 00), then the trigger that keeps it in every write of a unit's region,
-- whoever writes it. The function body spells its semicolons \003B (U& string): Prisma's PostgreSQL
-- driver adapter runs a migration split at every semicolon, dollar-quoted bodies included.
UPDATE "Unit" SET "prefectureCode" = substr("regionCode", 1, 4) || '00';

CREATE FUNCTION "unit_prefecture_code"() RETURNS trigger LANGUAGE plpgsql AS U&'
BEGIN
    NEW."prefectureCode" := substr(NEW."regionCode", 1, 4) || ''00''\003B
    RETURN NEW\003B
END\003B
';
CREATE TRIGGER "Unit_prefectureCode" BEFORE INSERT OR UPDATE OF "regionCode", "prefectureCode" ON "Unit"
FOR EACH ROW EXECUTE FUNCTION "unit_prefecture_code"();
