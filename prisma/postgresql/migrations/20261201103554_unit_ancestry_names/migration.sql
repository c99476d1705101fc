-- The name of the unit on each of its ancestry rows: the subordinates of a unit are then listed in name order,
-- searched by name and counted from one index range (ancestorId, unitName), without a sort.
-- AlterTable
ALTER TABLE "UnitAncestor" ADD COLUMN     "unitName" TEXT NOT NULL DEFAULT '';

UPDATE "UnitAncestor" SET "unitName" = "Unit"."name" FROM "Unit" WHERE "Unit"."id" = "UnitAncestor"."unitId";

-- CreateIndex
CREATE INDEX "UnitAncestor_ancestorId_unitName_unitId_idx" ON "UnitAncestor"("ancestorId", "unitName", "unitId");

-- The trigger functions of 20261201035929_unit_ancestry, now writing the name too, and a rename rewrites
-- it. The bodies spell their semicolons \003B (U& strings): the PostgreSQL driver adapter of Prisma runs a
-- migration split at every semicolon, dollar-quoted bodies included.
CREATE OR REPLACE FUNCTION "unit_ancestry_insert"() RETURNS trigger LANGUAGE plpgsql AS U&'
BEGIN
    INSERT INTO "UnitAncestor" ("ancestorId", "unitId", "depth", "unitName") VALUES (NEW."id", NEW."id", 0, NEW."name")\003B
    INSERT INTO "UnitAncestor" ("ancestorId", "unitId", "depth", "unitName")
    SELECT "ancestorId", NEW."id", "depth" + 1, NEW."name" FROM "UnitAncestor" WHERE "unitId" = NEW."parentUnitId"\003B
    RETURN NULL\003B
END\003B
';

CREATE OR REPLACE FUNCTION "unit_ancestry_move"() RETURNS trigger LANGUAGE plpgsql AS U&'
BEGIN
    DELETE FROM "UnitAncestor"
    WHERE "unitId" IN (SELECT "unitId" FROM "UnitAncestor" WHERE "ancestorId" = NEW."id")
      AND "ancestorId" IN (SELECT "ancestorId" FROM "UnitAncestor" WHERE "unitId" = NEW."id" AND "depth" > 0)\003B
    INSERT INTO "UnitAncestor" ("ancestorId", "unitId", "depth", "unitName")
    SELECT "a"."ancestorId", "d"."unitId", "a"."depth" + "d"."depth" + 1, "d"."unitName"
    FROM "UnitAncestor" "a" JOIN "UnitAncestor" "d" ON "d"."ancestorId" = NEW."id"
    WHERE "a"."unitId" = NEW."parentUnitId"\003B
    RETURN NULL\003B
END\003B
';

CREATE FUNCTION "unit_ancestry_rename"() RETURNS trigger LANGUAGE plpgsql AS U&'
BEGIN
    UPDATE "UnitAncestor" SET "unitName" = NEW."name" WHERE "unitId" = NEW."id"\003B
    RETURN NULL\003B
END\003B
';
CREATE TRIGGER "Unit_ancestry_rename" AFTER UPDATE OF "name" ON "Unit"
FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name")
EXECUTE FUNCTION "unit_ancestry_rename"();
