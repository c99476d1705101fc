-- The person's name joins the stored subtree bindings: the account list's name search (q=) tests it
-- in the index entry instead of probing each member's person (~2 µs each: a 20,000-member unit's
-- search cost ~45 ms CPU). (Added in place: redefining the table would break the triggers that
-- write it.)
-- DropIndex
DROP INDEX "BindingAncestor_ancestorId_startedAt_activePersonId_bindingId_personStatus_personNameMissing_idx";

-- AlterTable
ALTER TABLE "BindingAncestor" ADD COLUMN "personName" TEXT;

UPDATE "BindingAncestor" SET "personName" = (
    SELECT "p"."name" FROM "Person" "p" WHERE "p"."id" = "BindingAncestor"."activePersonId");

-- CreateIndex
CREATE INDEX "BindingAncestor_ancestorId_startedAt_activePersonId_bindingId_personStatus_personNameMissing_personName_idx" ON "BindingAncestor"("ancestorId", "startedAt", "activePersonId", "bindingId", "personStatus", "personNameMissing", "personName");

-- The triggers that add rows now write the name too.
DROP TRIGGER "Binding_ancestry_insert";
CREATE TRIGGER "Binding_ancestry_insert" AFTER INSERT ON "Binding"
WHEN NEW."activePersonId" IS NOT NULL
BEGIN
    INSERT INTO "BindingAncestor" ("ancestorId", "bindingId", "startedAt", "activePersonId", "personStatus", "personNameMissing", "personName")
    SELECT "a"."ancestorId", NEW."id", NEW."startedAt", NEW."activePersonId", "p"."status",
           ("p"."name" IS NULL OR "p"."name" = ''), "p"."name"
    FROM "UnitAncestor" "a" JOIN "Person" "p" ON "p"."id" = NEW."activePersonId"
    WHERE "a"."unitId" = NEW."unitId";
END;

DROP TRIGGER "Binding_ancestry_update";
CREATE TRIGGER "Binding_ancestry_update" AFTER UPDATE OF "unitId", "activePersonId", "startedAt" ON "Binding"
BEGIN
    DELETE FROM "BindingAncestor"
    WHERE "bindingId" = OLD."id"
      AND "ancestorId" IN (SELECT "ancestorId" FROM "UnitAncestor" WHERE "unitId" = OLD."unitId");
    INSERT INTO "BindingAncestor" ("ancestorId", "bindingId", "startedAt", "activePersonId", "personStatus", "personNameMissing", "personName")
    SELECT "a"."ancestorId", NEW."id", NEW."startedAt", NEW."activePersonId", "p"."status",
           ("p"."name" IS NULL OR "p"."name" = ''), "p"."name"
    FROM "UnitAncestor" "a" JOIN "Person" "p" ON "p"."id" = NEW."activePersonId"
    WHERE "a"."unitId" = NEW."unitId" AND NEW."activePersonId" IS NOT NULL;
END;

DROP TRIGGER "UnitAncestor_bindings_insert";
CREATE TRIGGER "UnitAncestor_bindings_insert" AFTER INSERT ON "UnitAncestor"
BEGIN
    INSERT INTO "BindingAncestor" ("ancestorId", "bindingId", "startedAt", "activePersonId", "personStatus", "personNameMissing", "personName")
    SELECT NEW."ancestorId", "b"."id", "b"."startedAt", "b"."activePersonId", "p"."status",
           ("p"."name" IS NULL OR "p"."name" = ''), "p"."name"
    FROM "Binding" "b" JOIN "Person" "p" ON "p"."id" = "b"."activePersonId"
    WHERE "b"."unitId" = NEW."unitId" AND "b"."activePersonId" IS NOT NULL;
END;

-- A name completed (R19) or changed: their active binding's rows carry it and whether it is missing.
DROP TRIGGER "Person_binding_ancestry_name";
CREATE TRIGGER "Person_binding_ancestry_name" AFTER UPDATE OF "name" ON "Person"
WHEN OLD."name" IS NOT NEW."name"
BEGIN
    UPDATE "BindingAncestor"
    SET "personNameMissing" = (NEW."name" IS NULL OR NEW."name" = ''), "personName" = NEW."name"
    WHERE "bindingId" IN (SELECT "id" FROM "Binding" WHERE "activePersonId" = NEW."id")
      AND "ancestorId" IN (
        SELECT "a"."ancestorId" FROM "Binding" "b" JOIN "UnitAncestor" "a" ON "a"."unitId" = "b"."unitId"
        WHERE "b"."activePersonId" = NEW."id");
END;
