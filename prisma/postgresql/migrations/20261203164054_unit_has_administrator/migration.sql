-- AlterTable
ALTER TABLE "Unit" ADD COLUMN     "hasAdministrator" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "Unit_hasAdministrator_name_id_idx" ON "Unit"("hasAdministrator", "name", "id");

-- Hand-written, not from the schema: whether each unit has an active administrator binding (R7), then
-- the trigger that keeps it in the transaction of every write of RoleBinding, whoever writes it.
-- The function body spells its semicolons \003B (U& string): Prisma's PostgreSQL driver adapter
-- runs a migration split at every semicolon, dollar-quoted bodies included.
UPDATE "Unit" SET "hasAdministrator" = EXISTS (
    SELECT 1 FROM "RoleBinding" "r"
    WHERE "r"."unitId" = "Unit"."id" AND "r"."role" = 'UNIT_ADMIN' AND "r"."revokedAt" IS NULL);

CREATE FUNCTION "unit_has_administrator"() RETURNS trigger LANGUAGE plpgsql AS U&'
DECLARE
    "units" TEXT[] := ARRAY[]::TEXT[]\003B
BEGIN
    IF TG_OP <> ''INSERT'' AND OLD."role" = ''UNIT_ADMIN'' THEN
        "units" := "units" || OLD."unitId"\003B
    END IF\003B
    IF TG_OP <> ''DELETE'' AND NEW."role" = ''UNIT_ADMIN'' THEN
        "units" := "units" || NEW."unitId"\003B
    END IF\003B
    UPDATE "Unit" SET "hasAdministrator" = EXISTS (
        SELECT 1 FROM "RoleBinding" "r"
        WHERE "r"."unitId" = "Unit"."id" AND "r"."role" = ''UNIT_ADMIN'' AND "r"."revokedAt" IS NULL)
    WHERE "id" = ANY ("units")\003B
    RETURN NULL\003B
END\003B
';
CREATE TRIGGER "Unit_hasAdministrator_insert" AFTER INSERT ON "RoleBinding"
FOR EACH ROW WHEN (NEW."role" = 'UNIT_ADMIN') EXECUTE FUNCTION "unit_has_administrator"();
CREATE TRIGGER "Unit_hasAdministrator_update" AFTER UPDATE OF "unitId", "role", "revokedAt" ON "RoleBinding"
FOR EACH ROW WHEN (OLD."role" = 'UNIT_ADMIN' OR NEW."role" = 'UNIT_ADMIN') EXECUTE FUNCTION "unit_has_administrator"();
CREATE TRIGGER "Unit_hasAdministrator_delete" AFTER DELETE ON "RoleBinding"
FOR EACH ROW WHEN (OLD."role" = 'UNIT_ADMIN') EXECUTE FUNCTION "unit_has_administrator"();
