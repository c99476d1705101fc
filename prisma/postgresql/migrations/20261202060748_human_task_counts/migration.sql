-- CreateTable
CREATE TABLE "HumanTaskCount" (
    "queue" "TaskQueue" NOT NULL,
    "unitId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "requestType" "RequestType" NOT NULL,
    "status" "TaskStatus" NOT NULL,
    "tasks" INTEGER NOT NULL,

    CONSTRAINT "HumanTaskCount_pkey" PRIMARY KEY ("queue","unitId","kind","requestType","status")
);

-- Hand-written, not from the schema: the counts of the tasks there are, then the triggers that keep
-- them in the transaction of every write of HumanTask, whoever writes it. A UNIT queue's task counts
-- under its unit, any other under '' (schema.prisma, HumanTaskCount). A row that falls to 0 stays.
INSERT INTO "HumanTaskCount" ("queue", "unitId", "kind", "requestType", "status", "tasks")
SELECT "queue", CASE WHEN "queue" = 'UNIT' THEN coalesce("unitId", '') ELSE '' END, "kind", "requestType", "status", count(*)
FROM "HumanTask" GROUP BY 1, 2, 3, 4, 5;

-- A change of key takes one count from the old row and adds one to the new, in the rows' key
-- order, so two transactions moving tasks in opposite directions (a claim, a release) lock the
-- two rows in the same order and cannot deadlock. The function body spells its semicolons \003B
-- (U& string): Prisma's PostgreSQL driver adapter runs a migration split at every semicolon.
CREATE FUNCTION "human_task_counts"() RETURNS trigger LANGUAGE plpgsql AS U&'
DECLARE
    old_unit text\003B
    new_unit text\003B
    old_first boolean := TG_OP = ''DELETE''\003B
BEGIN
    IF TG_OP <> ''INSERT'' THEN
        old_unit := CASE WHEN OLD."queue" = ''UNIT'' THEN coalesce(OLD."unitId", '''') ELSE '''' END\003B
    END IF\003B
    IF TG_OP <> ''DELETE'' THEN
        new_unit := CASE WHEN NEW."queue" = ''UNIT'' THEN coalesce(NEW."unitId", '''') ELSE '''' END\003B
    END IF\003B
    IF TG_OP = ''UPDATE'' THEN
        IF (OLD."queue", old_unit, OLD."kind", OLD."requestType", OLD."status")
            = (NEW."queue", new_unit, NEW."kind", NEW."requestType", NEW."status") THEN
            RETURN NULL\003B
        END IF\003B
        old_first := (OLD."queue", old_unit, OLD."kind", OLD."requestType", OLD."status")
            < (NEW."queue", new_unit, NEW."kind", NEW."requestType", NEW."status")\003B
    END IF\003B
    IF old_first THEN
        UPDATE "HumanTaskCount" SET "tasks" = "tasks" - 1
        WHERE "queue" = OLD."queue" AND "unitId" = old_unit AND "kind" = OLD."kind"
            AND "requestType" = OLD."requestType" AND "status" = OLD."status"\003B
    END IF\003B
    IF TG_OP <> ''DELETE'' THEN
        INSERT INTO "HumanTaskCount" ("queue", "unitId", "kind", "requestType", "status", "tasks")
        VALUES (NEW."queue", new_unit, NEW."kind", NEW."requestType", NEW."status", 1)
        ON CONFLICT ("queue", "unitId", "kind", "requestType", "status")
        DO UPDATE SET "tasks" = "HumanTaskCount"."tasks" + 1\003B
    END IF\003B
    IF TG_OP = ''UPDATE'' AND NOT old_first THEN
        UPDATE "HumanTaskCount" SET "tasks" = "tasks" - 1
        WHERE "queue" = OLD."queue" AND "unitId" = old_unit AND "kind" = OLD."kind"
            AND "requestType" = OLD."requestType" AND "status" = OLD."status"\003B
    END IF\003B
    RETURN NULL\003B
END\003B
';
CREATE TRIGGER "HumanTaskCount_insert" AFTER INSERT ON "HumanTask"
FOR EACH ROW EXECUTE FUNCTION "human_task_counts"();
CREATE TRIGGER "HumanTaskCount_update" AFTER UPDATE OF "queue", "unitId", "kind", "requestType", "status" ON "HumanTask"
FOR EACH ROW EXECUTE FUNCTION "human_task_counts"();
CREATE TRIGGER "HumanTaskCount_delete" AFTER DELETE ON "HumanTask"
FOR EACH ROW EXECUTE FUNCTION "human_task_counts"();
