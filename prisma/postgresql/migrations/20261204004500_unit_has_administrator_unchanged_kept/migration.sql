-- Hand-written, PostgreSQL only: the trigger keeping Unit.hasAdministrator (…_unit_has_administrator)
-- writes a unit only when the flag changes. Every write of a row leaves a dead version behind, and
-- a page holding one is not all-visible until VACUUM runs again: db:import, loading each unit with
-- its flag and then its role bindings, rewrote ~27,000 units, and the VACUUM at its end, meeting a
-- concurrent autovacuum's snapshot, left a fifth of Unit's pages not all-visible, so the units list's
-- count read the table instead of an index (issue 14). The semicolons are \003B, as there.
CREATE OR REPLACE FUNCTION "unit_has_administrator"() RETURNS trigger LANGUAGE plpgsql AS U&'
DECLARE
    "units" TEXT[] := ARRAY[]::TEXT[]\003B
BEGIN
    IF TG_OP <> ''INSERT'' AND OLD."role" = ''UNIT_ADMIN'' THEN
        "units" := "units" || OLD."unitId"\003B
    END IF\003B
    IF TG_OP <> ''DELETE'' AND NEW."role" = ''UNIT_ADMIN'' THEN
        "units" := "units" || NEW."unitId"\003B
    END IF\003B
    UPDATE "Unit" SET "hasAdministrator" = NOT "hasAdministrator"
    WHERE "id" = ANY ("units") AND "hasAdministrator" IS DISTINCT FROM EXISTS (
        SELECT 1 FROM "RoleBinding" "r"
        WHERE "r"."unitId" = "Unit"."id" AND "r"."role" = ''UNIT_ADMIN'' AND "r"."revokedAt" IS NULL)\003B
    RETURN NULL\003B
END\003B
';
