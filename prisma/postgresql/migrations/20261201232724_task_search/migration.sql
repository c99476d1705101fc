-- AlterTable
ALTER TABLE "HumanTask" ADD COLUMN     "requestNumber" TEXT;

-- CreateIndex
CREATE INDEX "HumanTask_requestNumber_idx" ON "HumanTask"("requestNumber");

-- The tasks' request numbers, from their requests (written by the task's activity from now on).
UPDATE "HumanTask" t SET "requestNumber" = r."requestNumber" FROM "UnitRegistration" r WHERE t."requestType" = 'UNIT_REGISTRATION' AND r."id" = t."requestId";
UPDATE "HumanTask" t SET "requestNumber" = r."requestNumber" FROM "BindingRequest" r WHERE t."requestType" = 'BINDING_REQUEST' AND r."id" = t."requestId";
UPDATE "HumanTask" t SET "requestNumber" = r."requestNumber" FROM "AffiliationRequest" r WHERE t."requestType" = 'AFFILIATION_REQUEST' AND r."id" = t."requestId";
UPDATE "HumanTask" t SET "requestNumber" = r."requestNumber" FROM "TitleApplication" r WHERE t."requestType" = 'TITLE_APPLICATION' AND r."id" = t."requestId";

-- Hand-written, not from the schema: a trigram index of the task titles for the workbench's search
-- (a LIKE '%text%' of 3 or more characters reads it instead of every title). pg_trgm ships with
-- PostgreSQL and is a trusted extension: the database's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "HumanTask_title_trgm_idx" ON "HumanTask" USING gin ("title" gin_trgm_ops);
