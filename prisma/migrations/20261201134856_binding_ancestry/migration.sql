-- CreateTable
CREATE TABLE "BindingAncestor" (
    "ancestorId" TEXT NOT NULL,
    "bindingId" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "activePersonId" TEXT NOT NULL,
    "personStatus" TEXT NOT NULL,

    PRIMARY KEY ("ancestorId", "bindingId")
);

-- CreateIndex
CREATE INDEX "BindingAncestor_ancestorId_startedAt_activePersonId_bindingId_personStatus_idx" ON "BindingAncestor"("ancestorId", "startedAt", "activePersonId", "bindingId", "personStatus");

-- Every active binding under each unit of its unit's stored ancestry (the unit itself included).
INSERT INTO "BindingAncestor" ("ancestorId", "bindingId", "startedAt", "activePersonId", "personStatus")
SELECT "a"."ancestorId", "b"."id", "b"."startedAt", "b"."activePersonId", "p"."status"
FROM "Binding" "b"
JOIN "Person" "p" ON "p"."id" = "b"."activePersonId"
JOIN "UnitAncestor" "a" ON "a"."unitId" = "b"."unitId"
WHERE "b"."activePersonId" IS NOT NULL;

-- Kept by the database in the transaction of every write, whoever writes (activities, routes,
-- imports, seeds). A binding's rows are found by its unit's ancestry and the primary key.
CREATE TRIGGER "Binding_ancestry_insert" AFTER INSERT ON "Binding"
WHEN NEW."activePersonId" IS NOT NULL
BEGIN
    INSERT INTO "BindingAncestor" ("ancestorId", "bindingId", "startedAt", "activePersonId", "personStatus")
    SELECT "a"."ancestorId", NEW."id", NEW."startedAt", NEW."activePersonId", "p"."status"
    FROM "UnitAncestor" "a" JOIN "Person" "p" ON "p"."id" = NEW."activePersonId"
    WHERE "a"."unitId" = NEW."unitId";
END;

-- An ended binding (activePersonId NULL) leaves the lists, any other change of the listed columns
-- replaces the binding's rows.
CREATE TRIGGER "Binding_ancestry_update" AFTER UPDATE OF "unitId", "activePersonId", "startedAt" ON "Binding"
BEGIN
    DELETE FROM "BindingAncestor"
    WHERE "bindingId" = OLD."id"
      AND "ancestorId" IN (SELECT "ancestorId" FROM "UnitAncestor" WHERE "unitId" = OLD."unitId");
    INSERT INTO "BindingAncestor" ("ancestorId", "bindingId", "startedAt", "activePersonId", "personStatus")
    SELECT "a"."ancestorId", NEW."id", NEW."startedAt", NEW."activePersonId", "p"."status"
    FROM "UnitAncestor" "a" JOIN "Person" "p" ON "p"."id" = NEW."activePersonId"
    WHERE "a"."unitId" = NEW."unitId" AND NEW."activePersonId" IS NOT NULL;
END;

CREATE TRIGGER "Binding_ancestry_delete" AFTER DELETE ON "Binding"
WHEN OLD."activePersonId" IS NOT NULL
BEGIN
    DELETE FROM "BindingAncestor"
    WHERE "bindingId" = OLD."id"
      AND "ancestorId" IN (SELECT "ancestorId" FROM "UnitAncestor" WHERE "unitId" = OLD."unitId");
END;

-- A unit's ancestry changes (a new unit, a change of superior moving a subtree, a deleted unit):
-- the active bindings of the unit follow each ancestry row added or removed.
CREATE TRIGGER "UnitAncestor_bindings_insert" AFTER INSERT ON "UnitAncestor"
BEGIN
    INSERT INTO "BindingAncestor" ("ancestorId", "bindingId", "startedAt", "activePersonId", "personStatus")
    SELECT NEW."ancestorId", "b"."id", "b"."startedAt", "b"."activePersonId", "p"."status"
    FROM "Binding" "b" JOIN "Person" "p" ON "p"."id" = "b"."activePersonId"
    WHERE "b"."unitId" = NEW."unitId" AND "b"."activePersonId" IS NOT NULL;
END;

CREATE TRIGGER "UnitAncestor_bindings_delete" AFTER DELETE ON "UnitAncestor"
BEGIN
    DELETE FROM "BindingAncestor"
    WHERE "ancestorId" = OLD."ancestorId"
      AND "bindingId" IN (SELECT "id" FROM "Binding" WHERE "unitId" = OLD."unitId" AND "activePersonId" IS NOT NULL);
END;

-- A person enabled or disabled (R18): their active binding's rows carry the new status.
CREATE TRIGGER "Person_binding_ancestry_status" AFTER UPDATE OF "status" ON "Person"
WHEN OLD."status" IS NOT NEW."status"
BEGIN
    UPDATE "BindingAncestor" SET "personStatus" = NEW."status"
    WHERE "bindingId" IN (SELECT "id" FROM "Binding" WHERE "activePersonId" = NEW."id")
      AND "ancestorId" IN (
        SELECT "a"."ancestorId" FROM "Binding" "b" JOIN "UnitAncestor" "a" ON "a"."unitId" = "b"."unitId"
        WHERE "b"."activePersonId" = NEW."id");
END;
