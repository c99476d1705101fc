-- DropIndex
DROP INDEX "HumanTask_workflowId_kind_key";

-- AlterTable
ALTER TABLE "Session" ADD COLUMN "requestId" TEXT;
ALTER TABLE "Session" ADD COLUMN "requestType" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_UnitRegistration" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "requestNumber" TEXT NOT NULL,
    "uscc" TEXT NOT NULL,
    "openUscc" TEXT,
    "unitName" TEXT NOT NULL,
    "unitType" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "legalRepName" TEXT NOT NULL,
    "legalRepIdNumber" TEXT NOT NULL,
    "contactName" TEXT NOT NULL,
    "contactMobile" TEXT NOT NULL,
    "legalRepMobile" TEXT,
    "submissionId" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "businessLicenceUploadId" TEXT NOT NULL,
    "authorizationLetterUploadId" TEXT NOT NULL,
    "usccCheckWarning" BOOLEAN NOT NULL DEFAULT false,
    "registryResult" TEXT,
    "status" TEXT NOT NULL DEFAULT 'SUBMITTED',
    "workflowId" TEXT NOT NULL,
    "unitId" TEXT,
    "decidedById" TEXT,
    "decisionReason" TEXT,
    "submittedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" DATETIME,
    CONSTRAINT "UnitRegistration_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_UnitRegistration" ("authorizationLetterUploadId", "businessLicenceUploadId", "closedAt", "contactMobile", "contactName", "decidedById", "decisionReason", "id", "legalRepIdNumber", "legalRepName", "openUscc", "passwordHash", "regionCode", "registryResult", "requestNumber", "status", "submittedAt", "unitId", "unitName", "unitType", "uscc", "usccCheckWarning", "workflowId") SELECT "authorizationLetterUploadId", "businessLicenceUploadId", "closedAt", "contactMobile", "contactName", "decidedById", "decisionReason", "id", "legalRepIdNumber", "legalRepName", "openUscc", "passwordHash", "regionCode", "registryResult", "requestNumber", "status", "submittedAt", "unitId", "unitName", "unitType", "uscc", "usccCheckWarning", "workflowId" FROM "UnitRegistration";
DROP TABLE "UnitRegistration";
ALTER TABLE "new_UnitRegistration" RENAME TO "UnitRegistration";
CREATE UNIQUE INDEX "UnitRegistration_requestNumber_key" ON "UnitRegistration"("requestNumber");
CREATE UNIQUE INDEX "UnitRegistration_openUscc_key" ON "UnitRegistration"("openUscc");
CREATE UNIQUE INDEX "UnitRegistration_submissionId_key" ON "UnitRegistration"("submissionId");
CREATE UNIQUE INDEX "UnitRegistration_unitId_key" ON "UnitRegistration"("unitId");
CREATE INDEX "UnitRegistration_uscc_idx" ON "UnitRegistration"("uscc");
CREATE INDEX "UnitRegistration_workflowId_idx" ON "UnitRegistration"("workflowId");
CREATE INDEX "UnitRegistration_status_submittedAt_idx" ON "UnitRegistration"("status", "submittedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "HumanTask_workflowId_idx" ON "HumanTask"("workflowId");

-- CreateIndex
CREATE UNIQUE INDEX "HumanTask_requestId_kind_key" ON "HumanTask"("requestId", "kind");
