-- CreateTable
CREATE TABLE "HumanTaskCount" (
    "queue" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "requestType" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "tasks" INTEGER NOT NULL,

    PRIMARY KEY ("queue", "unitId", "kind", "requestType", "status")
);

-- Hand-written, not from the schema: the counts of the tasks there are, then the triggers that keep
-- them in the transaction of every write of HumanTask, whoever writes it. A UNIT queue's task counts
-- under its unit, any other under "" (schema.prisma, HumanTaskCount). A row that falls to 0 stays.
INSERT INTO "HumanTaskCount" ("queue", "unitId", "kind", "requestType", "status", "tasks")
SELECT "queue", CASE WHEN "queue" = 'UNIT' THEN coalesce("unitId", '') ELSE '' END, "kind", "requestType", "status", count(*)
FROM "HumanTask" GROUP BY 1, 2, 3, 4, 5;

CREATE TRIGGER "HumanTaskCount_insert" AFTER INSERT ON "HumanTask" BEGIN
  INSERT INTO "HumanTaskCount" ("queue", "unitId", "kind", "requestType", "status", "tasks")
  VALUES (NEW."queue", CASE WHEN NEW."queue" = 'UNIT' THEN coalesce(NEW."unitId", '') ELSE '' END, NEW."kind", NEW."requestType", NEW."status", 1)
  ON CONFLICT ("queue", "unitId", "kind", "requestType", "status") DO UPDATE SET "tasks" = "tasks" + 1;
END;

CREATE TRIGGER "HumanTaskCount_delete" AFTER DELETE ON "HumanTask" BEGIN
  UPDATE "HumanTaskCount" SET "tasks" = "tasks" - 1
  WHERE "queue" = OLD."queue" AND "unitId" = CASE WHEN OLD."queue" = 'UNIT' THEN coalesce(OLD."unitId", '') ELSE '' END
    AND "kind" = OLD."kind" AND "requestType" = OLD."requestType" AND "status" = OLD."status";
END;

CREATE TRIGGER "HumanTaskCount_update" AFTER UPDATE OF "queue", "unitId", "kind", "requestType", "status" ON "HumanTask"
WHEN OLD."queue" IS NOT NEW."queue" OR OLD."unitId" IS NOT NEW."unitId" OR OLD."kind" IS NOT NEW."kind"
  OR OLD."requestType" IS NOT NEW."requestType" OR OLD."status" IS NOT NEW."status"
BEGIN
  UPDATE "HumanTaskCount" SET "tasks" = "tasks" - 1
  WHERE "queue" = OLD."queue" AND "unitId" = CASE WHEN OLD."queue" = 'UNIT' THEN coalesce(OLD."unitId", '') ELSE '' END
    AND "kind" = OLD."kind" AND "requestType" = OLD."requestType" AND "status" = OLD."status";
  INSERT INTO "HumanTaskCount" ("queue", "unitId", "kind", "requestType", "status", "tasks")
  VALUES (NEW."queue", CASE WHEN NEW."queue" = 'UNIT' THEN coalesce(NEW."unitId", '') ELSE '' END, NEW."kind", NEW."requestType", NEW."status", 1)
  ON CONFLICT ("queue", "unitId", "kind", "requestType", "status") DO UPDATE SET "tasks" = "tasks" + 1;
END;
