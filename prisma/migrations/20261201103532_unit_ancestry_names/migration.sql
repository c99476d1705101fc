-- The name of the unit on each of its ancestry rows: the subordinates of a unit are then listed in name order,
-- searched by name and counted from one index range (ancestorId, unitName), without a sort.
-- AlterTable
ALTER TABLE "UnitAncestor" ADD COLUMN "unitName" TEXT NOT NULL DEFAULT '';

UPDATE "UnitAncestor" SET "unitName" = (SELECT "name" FROM "Unit" WHERE "Unit"."id" = "UnitAncestor"."unitId");

-- CreateIndex
CREATE INDEX "UnitAncestor_ancestorId_unitName_unitId_idx" ON "UnitAncestor"("ancestorId", "unitName", "unitId");

-- The triggers of 20261201035903_unit_ancestry, now writing the name too, and a rename rewrites it.
DROP TRIGGER "Unit_ancestry_insert";
CREATE TRIGGER "Unit_ancestry_insert" AFTER INSERT ON "Unit"
BEGIN
    INSERT INTO "UnitAncestor" ("ancestorId", "unitId", "depth", "unitName") VALUES (NEW."id", NEW."id", 0, NEW."name");
    INSERT INTO "UnitAncestor" ("ancestorId", "unitId", "depth", "unitName")
    SELECT "ancestorId", NEW."id", "depth" + 1, NEW."name" FROM "UnitAncestor" WHERE "unitId" = NEW."parentUnitId";
END;

DROP TRIGGER "Unit_ancestry_move";
CREATE TRIGGER "Unit_ancestry_move" AFTER UPDATE OF "parentUnitId" ON "Unit"
WHEN OLD."parentUnitId" IS NOT NEW."parentUnitId"
BEGIN
    DELETE FROM "UnitAncestor"
    WHERE "unitId" IN (SELECT "unitId" FROM "UnitAncestor" WHERE "ancestorId" = NEW."id")
      AND "ancestorId" IN (SELECT "ancestorId" FROM "UnitAncestor" WHERE "unitId" = NEW."id" AND "depth" > 0);
    INSERT INTO "UnitAncestor" ("ancestorId", "unitId", "depth", "unitName")
    SELECT "a"."ancestorId", "d"."unitId", "a"."depth" + "d"."depth" + 1, "d"."unitName"
    FROM "UnitAncestor" "a" JOIN "UnitAncestor" "d" ON "d"."ancestorId" = NEW."id"
    WHERE "a"."unitId" = NEW."parentUnitId";
END;

CREATE TRIGGER "Unit_ancestry_rename" AFTER UPDATE OF "name" ON "Unit"
WHEN OLD."name" IS NOT NEW."name"
BEGIN
    UPDATE "UnitAncestor" SET "unitName" = NEW."name" WHERE "unitId" = NEW."id";
END;
