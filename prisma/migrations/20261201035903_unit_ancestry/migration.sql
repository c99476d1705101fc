-- CreateTable
CREATE TABLE "UnitAncestor" (
    "ancestorId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "depth" INTEGER NOT NULL,

    PRIMARY KEY ("ancestorId", "unitId")
);

-- CreateIndex
CREATE INDEX "UnitAncestor_unitId_depth_idx" ON "UnitAncestor"("unitId", "depth");

-- CreateIndex
CREATE INDEX "Binding_startedAt_unitId_activePersonId_id_idx" ON "Binding"("startedAt", "unitId", "activePersonId", "id");

-- The stored ancestry of every existing unit: itself (depth 0) and each unit above it.
INSERT INTO "UnitAncestor" ("ancestorId", "unitId", "depth")
WITH RECURSIVE "chain"("ancestorId", "unitId", "depth") AS (
    SELECT "id", "id", 0 FROM "Unit"
    UNION ALL
    SELECT "u"."parentUnitId", "c"."unitId", "c"."depth" + 1
    FROM "chain" "c" JOIN "Unit" "u" ON "u"."id" = "c"."ancestorId"
    WHERE "u"."parentUnitId" IS NOT NULL AND "c"."depth" < 100
)
SELECT "ancestorId", "unitId", "depth" FROM "chain";

-- Kept by the database in the transaction of every write of Unit.parentUnitId, whoever writes it
-- (activities, routes, imports, seeds): a new unit gets its superior's ancestry one level deeper.
CREATE TRIGGER "Unit_ancestry_insert" AFTER INSERT ON "Unit"
BEGIN
    INSERT INTO "UnitAncestor" ("ancestorId", "unitId", "depth") VALUES (NEW."id", NEW."id", 0);
    INSERT INTO "UnitAncestor" ("ancestorId", "unitId", "depth")
    SELECT "ancestorId", NEW."id", "depth" + 1 FROM "UnitAncestor" WHERE "unitId" = NEW."parentUnitId";
END;

-- A change of superior moves the whole subtree: every unit below (and including) the moved one loses
-- the moved unit's former superiors and gains the new ones. Moving a unit under one of its own
-- subordinates (a cycle, R13) fails on the primary key: the unit would become its own ancestor.
CREATE TRIGGER "Unit_ancestry_move" AFTER UPDATE OF "parentUnitId" ON "Unit"
WHEN OLD."parentUnitId" IS NOT NEW."parentUnitId"
BEGIN
    DELETE FROM "UnitAncestor"
    WHERE "unitId" IN (SELECT "unitId" FROM "UnitAncestor" WHERE "ancestorId" = NEW."id")
      AND "ancestorId" IN (SELECT "ancestorId" FROM "UnitAncestor" WHERE "unitId" = NEW."id" AND "depth" > 0);
    INSERT INTO "UnitAncestor" ("ancestorId", "unitId", "depth")
    SELECT "a"."ancestorId", "d"."unitId", "a"."depth" + "d"."depth" + 1
    FROM "UnitAncestor" "a" JOIN "UnitAncestor" "d" ON "d"."ancestorId" = NEW."id"
    WHERE "a"."unitId" = NEW."parentUnitId";
END;

CREATE TRIGGER "Unit_ancestry_delete" AFTER DELETE ON "Unit"
BEGIN
    DELETE FROM "UnitAncestor" WHERE "unitId" = OLD."id";
    DELETE FROM "UnitAncestor" WHERE "ancestorId" = OLD."id";
END;
