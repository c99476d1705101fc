-- AlterTable
ALTER TABLE "HumanTask" ADD COLUMN "requestNumber" TEXT;

-- CreateIndex
CREATE INDEX "HumanTask_requestNumber_idx" ON "HumanTask"("requestNumber");

-- The tasks' request numbers, from their requests (written by the task's activity from now on).
UPDATE "HumanTask" SET "requestNumber" = (SELECT r."requestNumber" FROM "UnitRegistration" r WHERE r."id" = "HumanTask"."requestId") WHERE "requestType" = 'UNIT_REGISTRATION';
UPDATE "HumanTask" SET "requestNumber" = (SELECT r."requestNumber" FROM "BindingRequest" r WHERE r."id" = "HumanTask"."requestId") WHERE "requestType" = 'BINDING_REQUEST';
UPDATE "HumanTask" SET "requestNumber" = (SELECT r."requestNumber" FROM "AffiliationRequest" r WHERE r."id" = "HumanTask"."requestId") WHERE "requestType" = 'AFFILIATION_REQUEST';
UPDATE "HumanTask" SET "requestNumber" = (SELECT r."requestNumber" FROM "TitleApplication" r WHERE r."id" = "HumanTask"."requestId") WHERE "requestType" = 'TITLE_APPLICATION';

-- Hand-written, not from the schema (Prisma does not model it; scripts/new-migration.ts leaves it
-- out of its diffs): a trigram index of the task titles for the workbench's search, an FTS5
-- external-content table over HumanTask keyed by its rowid (which VACUUM keeps), kept by triggers.
-- A LIKE '%text%' of 3 or more characters on it reads the index instead of every title.
CREATE VIRTUAL TABLE "HumanTaskTitleSearch" USING fts5("title", content='HumanTask', tokenize='trigram case_sensitive 0');
INSERT INTO "HumanTaskTitleSearch"("HumanTaskTitleSearch") VALUES ('rebuild');
CREATE TRIGGER "HumanTaskTitleSearch_insert" AFTER INSERT ON "HumanTask" BEGIN
  INSERT INTO "HumanTaskTitleSearch"("rowid", "title") VALUES (new."rowid", new."title");
END;
CREATE TRIGGER "HumanTaskTitleSearch_delete" AFTER DELETE ON "HumanTask" BEGIN
  INSERT INTO "HumanTaskTitleSearch"("HumanTaskTitleSearch", "rowid", "title") VALUES ('delete', old."rowid", old."title");
END;
CREATE TRIGGER "HumanTaskTitleSearch_update" AFTER UPDATE OF "title" ON "HumanTask" BEGIN
  INSERT INTO "HumanTaskTitleSearch"("HumanTaskTitleSearch", "rowid", "title") VALUES ('delete', old."rowid", old."title");
  INSERT INTO "HumanTaskTitleSearch"("rowid", "title") VALUES (new."rowid", new."title");
END;
