-- The person's name joins the stored subtree bindings: the account list's name search (q=) tests it
-- in the index entry instead of probing each member's person.
-- DropIndex
DROP INDEX "BindingAncestor_ancestorId_startedAt_activePersonId_binding_idx";

-- AlterTable
ALTER TABLE "BindingAncestor" ADD COLUMN     "personName" TEXT;

UPDATE "BindingAncestor" "b" SET "personName" = "p"."name"
FROM "Person" "p" WHERE "p"."id" = "b"."activePersonId";

-- CreateIndex
CREATE INDEX "BindingAncestor_ancestorId_startedAt_activePersonId_binding_idx" ON "BindingAncestor"("ancestorId", "startedAt", "activePersonId", "bindingId", "personStatus", "personNameMissing", "personName");

-- The functions that add rows now write the name too. Their bodies spell their semicolons \003B
-- (U& strings): Prisma's PostgreSQL driver adapter runs a migration split at every semicolon.
CREATE OR REPLACE FUNCTION "binding_ancestry_insert"() RETURNS trigger LANGUAGE plpgsql AS U&'
BEGIN
    INSERT INTO "BindingAncestor" ("ancestorId", "bindingId", "startedAt", "activePersonId", "personStatus", "personNameMissing", "personName")
    SELECT "a"."ancestorId", NEW."id", NEW."startedAt", NEW."activePersonId", "p"."status",
           ("p"."name" IS NULL OR "p"."name" = ''''), "p"."name"
    FROM "UnitAncestor" "a" JOIN "Person" "p" ON "p"."id" = NEW."activePersonId"
    WHERE "a"."unitId" = NEW."unitId"\003B
    RETURN NULL\003B
END\003B
';

CREATE OR REPLACE FUNCTION "binding_ancestry_update"() RETURNS trigger LANGUAGE plpgsql AS U&'
BEGIN
    DELETE FROM "BindingAncestor"
    WHERE "bindingId" = OLD."id"
      AND "ancestorId" IN (SELECT "ancestorId" FROM "UnitAncestor" WHERE "unitId" = OLD."unitId")\003B
    INSERT INTO "BindingAncestor" ("ancestorId", "bindingId", "startedAt", "activePersonId", "personStatus", "personNameMissing", "personName")
    SELECT "a"."ancestorId", NEW."id", NEW."startedAt", NEW."activePersonId", "p"."status",
           ("p"."name" IS NULL OR "p"."name" = ''''), "p"."name"
    FROM "UnitAncestor" "a" JOIN "Person" "p" ON "p"."id" = NEW."activePersonId"
    WHERE "a"."unitId" = NEW."unitId" AND NEW."activePersonId" IS NOT NULL\003B
    RETURN NULL\003B
END\003B
';

CREATE OR REPLACE FUNCTION "unit_ancestor_bindings_insert"() RETURNS trigger LANGUAGE plpgsql AS U&'
BEGIN
    INSERT INTO "BindingAncestor" ("ancestorId", "bindingId", "startedAt", "activePersonId", "personStatus", "personNameMissing", "personName")
    SELECT NEW."ancestorId", "b"."id", "b"."startedAt", "b"."activePersonId", "p"."status",
           ("p"."name" IS NULL OR "p"."name" = ''''), "p"."name"
    FROM "Binding" "b" JOIN "Person" "p" ON "p"."id" = "b"."activePersonId"
    WHERE "b"."unitId" = NEW."unitId" AND "b"."activePersonId" IS NOT NULL\003B
    RETURN NULL\003B
END\003B
';

-- A name completed (R19) or changed: their active binding's rows carry it and whether it is missing.
CREATE OR REPLACE FUNCTION "person_binding_ancestry_name"() RETURNS trigger LANGUAGE plpgsql AS U&'
BEGIN
    UPDATE "BindingAncestor"
    SET "personNameMissing" = (NEW."name" IS NULL OR NEW."name" = ''''), "personName" = NEW."name"
    WHERE "bindingId" IN (SELECT "id" FROM "Binding" WHERE "activePersonId" = NEW."id")
      AND "ancestorId" IN (
        SELECT "a"."ancestorId" FROM "Binding" "b" JOIN "UnitAncestor" "a" ON "a"."unitId" = "b"."unitId"
        WHERE "b"."activePersonId" = NEW."id")\003B
    RETURN NULL\003B
END\003B
';
DROP TRIGGER "Person_binding_ancestry_name" ON "Person";
CREATE TRIGGER "Person_binding_ancestry_name" AFTER UPDATE OF "name" ON "Person"
FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name")
EXECUTE FUNCTION "person_binding_ancestry_name"();
