-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN "hash" TEXT;
ALTER TABLE "AuditEvent" ADD COLUMN "prevHash" TEXT;
ALTER TABLE "AuditEvent" ADD COLUMN "sequence" INTEGER;
ALTER TABLE "AuditEvent" ADD COLUMN "sessionStrength" TEXT;

-- CreateTable
CREATE TABLE "RoleDefinition" (
    "subsystem" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "labelZh" TEXT NOT NULL,
    "labelEn" TEXT NOT NULL,
    "grantableBy" TEXT NOT NULL,
    "requiresRealPerson" BOOLEAN NOT NULL DEFAULT false,
    "excludesTitleApplication" BOOLEAN NOT NULL DEFAULT false,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("subsystem", "role")
);

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_sequence_key" ON "AuditEvent"("sequence");

-- The catalogue of the roles that exist today (R7, R9, R10, R12). UNIT_ADMIN is designated only
-- through admin succession (R8), never switched on the role page: nobody grants it there.
INSERT INTO "RoleDefinition" ("subsystem", "role", "labelZh", "labelEn", "grantableBy", "requiresRealPerson", "excludesTitleApplication", "sortOrder") VALUES
  ('PORTAL', 'UNIT_ADMIN', '单位管理员', 'Unit administrator', '[]', true, true, 10),
  ('TITLE_REVIEW', 'TITLE_HANDLER', '职称经办', 'Title handler', '["UNIT_ADMIN"]', true, true, 20),
  ('PLATFORM', 'PLATFORM_OPERATOR', '平台运维员', 'Platform operator', '["PLATFORM_OPERATOR"]', false, false, 110),
  ('PLATFORM', 'PLATFORM_REVIEWER', '平台审核员', 'Platform reviewer', '["PLATFORM_OPERATOR"]', false, false, 120),
  ('PLATFORM', 'PLATFORM_SUPERVISOR', '平台主管', 'Platform supervisor', '["PLATFORM_OPERATOR"]', false, false, 130),
  ('PLATFORM', 'PLATFORM_AUDITOR', '平台审计员', 'Platform auditor', '["PLATFORM_OPERATOR"]', false, false, 140);

-- Existing events take their place in the chain in the order they were written; their hashes are
-- computed by the first audit write or `npm run audit:verify -- --seal` (SQLite has no SHA-256).
UPDATE "AuditEvent" SET "sequence" = (
  SELECT COUNT(*) FROM "AuditEvent" "e2"
  WHERE "e2"."at" < "AuditEvent"."at" OR ("e2"."at" = "AuditEvent"."at" AND "e2"."id" <= "AuditEvent"."id")
);
