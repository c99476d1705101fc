-- Hand-written (Prisma would redefine the table, which drops Unit's triggers): the column and its index.
ALTER TABLE "Unit" ADD COLUMN "hasAdministrator" BOOLEAN NOT NULL DEFAULT false;
CREATE INDEX "Unit_hasAdministrator_name_id_idx" ON "Unit"("hasAdministrator", "name", "id");

-- Hand-written, not from the schema: whether each unit has an active administrator binding (R7), then
-- the triggers that keep it in the transaction of every write of RoleBinding, whoever writes it.
UPDATE "Unit" SET "hasAdministrator" = EXISTS (
  SELECT 1 FROM "RoleBinding" "r"
  WHERE "r"."unitId" = "Unit"."id" AND "r"."role" = 'UNIT_ADMIN' AND "r"."revokedAt" IS NULL);

CREATE TRIGGER "Unit_hasAdministrator_insert" AFTER INSERT ON "RoleBinding"
WHEN NEW."role" = 'UNIT_ADMIN'
BEGIN
  UPDATE "Unit" SET "hasAdministrator" = EXISTS (
    SELECT 1 FROM "RoleBinding" "r"
    WHERE "r"."unitId" = NEW."unitId" AND "r"."role" = 'UNIT_ADMIN' AND "r"."revokedAt" IS NULL)
  WHERE "id" = NEW."unitId";
END;

CREATE TRIGGER "Unit_hasAdministrator_update" AFTER UPDATE OF "unitId", "role", "revokedAt" ON "RoleBinding"
WHEN OLD."role" = 'UNIT_ADMIN' OR NEW."role" = 'UNIT_ADMIN'
BEGIN
  UPDATE "Unit" SET "hasAdministrator" = EXISTS (
    SELECT 1 FROM "RoleBinding" "r"
    WHERE "r"."unitId" = "Unit"."id" AND "r"."role" = 'UNIT_ADMIN' AND "r"."revokedAt" IS NULL)
  WHERE "id" IN (OLD."unitId", NEW."unitId");
END;

CREATE TRIGGER "Unit_hasAdministrator_delete" AFTER DELETE ON "RoleBinding"
WHEN OLD."role" = 'UNIT_ADMIN'
BEGIN
  UPDATE "Unit" SET "hasAdministrator" = EXISTS (
    SELECT 1 FROM "RoleBinding" "r"
    WHERE "r"."unitId" = OLD."unitId" AND "r"."role" = 'UNIT_ADMIN' AND "r"."revokedAt" IS NULL)
  WHERE "id" = OLD."unitId";
END;
