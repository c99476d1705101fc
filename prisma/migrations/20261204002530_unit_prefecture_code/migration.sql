-- Hand-written (Prisma would redefine the table, which drops Unit's triggers): the column and its index.
ALTER TABLE "Unit" ADD COLUMN "prefectureCode" TEXT NOT NULL DEFAULT '';
CREATE INDEX "Unit_prefectureCode_name_id_idx" ON "Unit"("prefectureCode", "name", "id");

-- Hand-written, not from the schema: the prefecture each unit's region lies in (GB/T 2260: the code's
-- first four digits and 00), then the triggers that keep it in the transaction of every write of a
-- unit's region, whoever writes it.
UPDATE "Unit" SET "prefectureCode" = substr("regionCode", 1, 4) || '00';

CREATE TRIGGER "Unit_prefectureCode_insert" AFTER INSERT ON "Unit"
WHEN NEW."prefectureCode" IS NOT substr(NEW."regionCode", 1, 4) || '00'
BEGIN
  UPDATE "Unit" SET "prefectureCode" = substr(NEW."regionCode", 1, 4) || '00' WHERE "id" = NEW."id";
END;

CREATE TRIGGER "Unit_prefectureCode_update" AFTER UPDATE OF "regionCode", "prefectureCode" ON "Unit"
WHEN NEW."prefectureCode" IS NOT substr(NEW."regionCode", 1, 4) || '00'
BEGIN
  UPDATE "Unit" SET "prefectureCode" = substr(NEW."regionCode", 1, 4) || '00' WHERE "id" = NEW."id";
END;
