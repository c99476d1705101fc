-- AlterTable
ALTER TABLE "HumanTask" ADD COLUMN "decidedById" TEXT;
ALTER TABLE "HumanTask" ADD COLUMN "decisionKey" TEXT;

-- AlterTable
ALTER TABLE "UnitRegistration" ADD COLUMN "openUnitName" TEXT;
-- Open registrations reserve their unit name; of two open ones with the same name (possible
-- before this migration) the earlier keeps the reservation.
UPDATE "UnitRegistration" SET "openUnitName" = "unitName"
WHERE "openUscc" IS NOT NULL AND "id" = (
  SELECT "u2"."id" FROM "UnitRegistration" "u2"
  WHERE "u2"."unitName" = "UnitRegistration"."unitName" AND "u2"."openUscc" IS NOT NULL
  ORDER BY "u2"."submittedAt" LIMIT 1
);

-- CreateTable
CREATE TABLE "RequestNumberSequence" (
    "prefix" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "last" INTEGER NOT NULL,

    PRIMARY KEY ("prefix", "day")
);

-- CreateIndex
CREATE UNIQUE INDEX "UnitRegistration_openUnitName_key" ON "UnitRegistration"("openUnitName");
