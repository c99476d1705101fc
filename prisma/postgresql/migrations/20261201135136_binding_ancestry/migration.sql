-- CreateTable
CREATE TABLE "BindingAncestor" (
    "ancestorId" TEXT NOT NULL,
    "bindingId" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "activePersonId" TEXT NOT NULL,
    "personStatus" "AccountStatus" NOT NULL,

    CONSTRAINT "BindingAncestor_pkey" PRIMARY KEY ("ancestorId","bindingId")
);

-- CreateIndex
CREATE INDEX "BindingAncestor_ancestorId_startedAt_activePersonId_binding_idx" ON "BindingAncestor"("ancestorId", "startedAt", "activePersonId", "bindingId", "personStatus");

-- Every active binding under each unit of its unit's stored ancestry (the unit itself included).
INSERT INTO "BindingAncestor" ("ancestorId", "bindingId", "startedAt", "activePersonId", "personStatus")
SELECT "a"."ancestorId", "b"."id", "b"."startedAt", "b"."activePersonId", "p"."status"
FROM "Binding" "b"
JOIN "Person" "p" ON "p"."id" = "b"."activePersonId"
JOIN "UnitAncestor" "a" ON "a"."unitId" = "b"."unitId"
WHERE "b"."activePersonId" IS NOT NULL;

-- Kept by the database in the transaction of every write, whoever writes (activities, routes,
-- imports, seeds). A binding's rows are found by its unit's ancestry and the primary key.
-- The function bodies spell their semicolons \003B (U& strings): Prisma's PostgreSQL driver adapter
-- runs a migration split at every semicolon, dollar-quoted bodies included.
CREATE FUNCTION "binding_ancestry_insert"() RETURNS trigger LANGUAGE plpgsql AS U&'
BEGIN
    INSERT INTO "BindingAncestor" ("ancestorId", "bindingId", "startedAt", "activePersonId", "personStatus")
    SELECT "a"."ancestorId", NEW."id", NEW."startedAt", NEW."activePersonId", "p"."status"
    FROM "UnitAncestor" "a" JOIN "Person" "p" ON "p"."id" = NEW."activePersonId"
    WHERE "a"."unitId" = NEW."unitId"\003B
    RETURN NULL\003B
END\003B
';
CREATE TRIGGER "Binding_ancestry_insert" AFTER INSERT ON "Binding"
FOR EACH ROW WHEN (NEW."activePersonId" IS NOT NULL)
EXECUTE FUNCTION "binding_ancestry_insert"();

-- An ended binding (activePersonId NULL) leaves the lists, any other change of the listed columns
-- replaces the binding's rows.
CREATE FUNCTION "binding_ancestry_update"() RETURNS trigger LANGUAGE plpgsql AS U&'
BEGIN
    DELETE FROM "BindingAncestor"
    WHERE "bindingId" = OLD."id"
      AND "ancestorId" IN (SELECT "ancestorId" FROM "UnitAncestor" WHERE "unitId" = OLD."unitId")\003B
    INSERT INTO "BindingAncestor" ("ancestorId", "bindingId", "startedAt", "activePersonId", "personStatus")
    SELECT "a"."ancestorId", NEW."id", NEW."startedAt", NEW."activePersonId", "p"."status"
    FROM "UnitAncestor" "a" JOIN "Person" "p" ON "p"."id" = NEW."activePersonId"
    WHERE "a"."unitId" = NEW."unitId" AND NEW."activePersonId" IS NOT NULL\003B
    RETURN NULL\003B
END\003B
';
CREATE TRIGGER "Binding_ancestry_update" AFTER UPDATE OF "unitId", "activePersonId", "startedAt" ON "Binding"
FOR EACH ROW EXECUTE FUNCTION "binding_ancestry_update"();

CREATE FUNCTION "binding_ancestry_delete"() RETURNS trigger LANGUAGE plpgsql AS U&'
BEGIN
    DELETE FROM "BindingAncestor"
    WHERE "bindingId" = OLD."id"
      AND "ancestorId" IN (SELECT "ancestorId" FROM "UnitAncestor" WHERE "unitId" = OLD."unitId")\003B
    RETURN NULL\003B
END\003B
';
CREATE TRIGGER "Binding_ancestry_delete" AFTER DELETE ON "Binding"
FOR EACH ROW WHEN (OLD."activePersonId" IS NOT NULL)
EXECUTE FUNCTION "binding_ancestry_delete"();

-- A unit's ancestry changes (a new unit, a change of superior moving a subtree, a deleted unit):
-- the active bindings of the unit follow each ancestry row added or removed.
CREATE FUNCTION "unit_ancestor_bindings_insert"() RETURNS trigger LANGUAGE plpgsql AS U&'
BEGIN
    INSERT INTO "BindingAncestor" ("ancestorId", "bindingId", "startedAt", "activePersonId", "personStatus")
    SELECT NEW."ancestorId", "b"."id", "b"."startedAt", "b"."activePersonId", "p"."status"
    FROM "Binding" "b" JOIN "Person" "p" ON "p"."id" = "b"."activePersonId"
    WHERE "b"."unitId" = NEW."unitId" AND "b"."activePersonId" IS NOT NULL\003B
    RETURN NULL\003B
END\003B
';
CREATE TRIGGER "UnitAncestor_bindings_insert" AFTER INSERT ON "UnitAncestor"
FOR EACH ROW EXECUTE FUNCTION "unit_ancestor_bindings_insert"();

CREATE FUNCTION "unit_ancestor_bindings_delete"() RETURNS trigger LANGUAGE plpgsql AS U&'
BEGIN
    DELETE FROM "BindingAncestor"
    WHERE "ancestorId" = OLD."ancestorId"
      AND "bindingId" IN (SELECT "id" FROM "Binding" WHERE "unitId" = OLD."unitId" AND "activePersonId" IS NOT NULL)\003B
    RETURN NULL\003B
END\003B
';
CREATE TRIGGER "UnitAncestor_bindings_delete" AFTER DELETE ON "UnitAncestor"
FOR EACH ROW EXECUTE FUNCTION "unit_ancestor_bindings_delete"();

-- A person enabled or disabled (R18): their active binding's rows carry the new status.
CREATE FUNCTION "person_binding_ancestry_status"() RETURNS trigger LANGUAGE plpgsql AS U&'
BEGIN
    UPDATE "BindingAncestor" SET "personStatus" = NEW."status"
    WHERE "bindingId" IN (SELECT "id" FROM "Binding" WHERE "activePersonId" = NEW."id")
      AND "ancestorId" IN (
        SELECT "a"."ancestorId" FROM "Binding" "b" JOIN "UnitAncestor" "a" ON "a"."unitId" = "b"."unitId"
        WHERE "b"."activePersonId" = NEW."id")\003B
    RETURN NULL\003B
END\003B
';
CREATE TRIGGER "Person_binding_ancestry_status" AFTER UPDATE OF "status" ON "Person"
FOR EACH ROW WHEN (OLD."status" IS DISTINCT FROM NEW."status")
EXECUTE FUNCTION "person_binding_ancestry_status"();
