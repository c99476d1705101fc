-- CreateTable
CREATE TABLE "Region" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "parentCode" TEXT,
    CONSTRAINT "Region_parentCode_fkey" FOREIGN KEY ("parentCode") REFERENCES "Region" ("code") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Unit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "uscc" TEXT,
    "accountName" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "origin" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "parentUnitId" TEXT,
    "formsCommittee" BOOLEAN NOT NULL DEFAULT false,
    "legalRepName" TEXT,
    "legalRepIdNumber" TEXT,
    "contactName" TEXT NOT NULL,
    "contactMobile" TEXT NOT NULL,
    "affiliationRequired" BOOLEAN NOT NULL DEFAULT false,
    "registeredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Unit_regionCode_fkey" FOREIGN KEY ("regionCode") REFERENCES "Region" ("code") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Unit_parentUnitId_fkey" FOREIGN KEY ("parentUnitId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "UnitNameChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "unitId" TEXT NOT NULL,
    "oldName" TEXT NOT NULL,
    "newName" TEXT NOT NULL,
    "changedById" TEXT,
    "changedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "UnitNameChange_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Person" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "idNumber" TEXT NOT NULL,
    "name" TEXT,
    "mobile" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'ENABLED',
    "realPersonVerifiedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Binding" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "activePersonId" TEXT,
    "requestId" TEXT,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" DATETIME,
    "endReason" TEXT,
    "endedById" TEXT,
    CONSTRAINT "Binding_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Binding_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RoleBinding" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "subsystem" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "activeKey" TEXT,
    "exclusiveKey" TEXT,
    "grantedById" TEXT,
    "grantedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME,
    "revokedById" TEXT,
    CONSTRAINT "RoleBinding_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RoleBinding_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "UnitRegistration" (
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

-- CreateTable
CREATE TABLE "BindingRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "requestNumber" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "openPersonId" TEXT,
    "pledgeAcceptedAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'SUBMITTED',
    "workflowId" TEXT NOT NULL,
    "decidedById" TEXT,
    "decisionReason" TEXT,
    "submittedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" DATETIME,
    CONSTRAINT "BindingRequest_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "BindingRequest_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AffiliationRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "requestNumber" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "superiorUnitId" TEXT NOT NULL,
    "openUnitId" TEXT,
    "requestedById" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'SUBMITTED',
    "workflowId" TEXT NOT NULL,
    "decidedById" TEXT,
    "decisionReason" TEXT,
    "submittedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" DATETIME,
    CONSTRAINT "AffiliationRequest_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AffiliationRequest_superiorUnitId_fkey" FOREIGN KEY ("superiorUnitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RequestEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "requestType" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT,
    "reason" TEXT,
    "detail" TEXT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "HumanTask" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workflowId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "requestType" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "queue" TEXT NOT NULL,
    "unitId" TEXT,
    "title" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "assigneeId" TEXT,
    "dueAt" DATETIME,
    "remindedAt" DATETIME,
    "escalatedAt" DATETIME,
    "outcome" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" DATETIME
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "action" TEXT NOT NULL,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT,
    "ipAddress" TEXT,
    "userAgent" TEXT,
    "requestId" TEXT,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT,
    "unitId" TEXT,
    "before" TEXT,
    "after" TEXT
);

-- CreateTable
CREATE TABLE "SmsMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "idempotencyKey" TEXT NOT NULL,
    "mobile" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "params" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'QUEUED',
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME
);

-- CreateTable
CREATE TABLE "SmsCode" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "mobile" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "subjectId" TEXT,
    "codeHash" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" DATETIME NOT NULL,
    "consumedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Upload" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "originalName" TEXT NOT NULL,
    "mediaType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "personId" TEXT,
    "unitId" TEXT,
    "strength" TEXT NOT NULL,
    "ipAddress" TEXT,
    "userAgent" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "absoluteExpiresAt" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    CONSTRAINT "Session_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Session_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LoginAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "account" TEXT NOT NULL,
    "ipAddress" TEXT NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "RealPersonCheck" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "token" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "subjectName" TEXT,
    "subjectIdNumber" TEXT,
    "personId" TEXT,
    "requestId" TEXT,
    "expiresAt" DATETIME NOT NULL,
    "scannedAt" DATETIME,
    "completedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "TitleApplication" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TitleApplication_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Region_parentCode_idx" ON "Region"("parentCode");

-- CreateIndex
CREATE UNIQUE INDEX "Unit_name_key" ON "Unit"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Unit_uscc_key" ON "Unit"("uscc");

-- CreateIndex
CREATE UNIQUE INDEX "Unit_accountName_key" ON "Unit"("accountName");

-- CreateIndex
CREATE INDEX "Unit_regionCode_idx" ON "Unit"("regionCode");

-- CreateIndex
CREATE INDEX "Unit_parentUnitId_idx" ON "Unit"("parentUnitId");

-- CreateIndex
CREATE INDEX "Unit_type_idx" ON "Unit"("type");

-- CreateIndex
CREATE INDEX "UnitNameChange_unitId_changedAt_idx" ON "UnitNameChange"("unitId", "changedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Person_idNumber_key" ON "Person"("idNumber");

-- CreateIndex
CREATE INDEX "Person_mobile_idx" ON "Person"("mobile");

-- CreateIndex
CREATE UNIQUE INDEX "Binding_activePersonId_key" ON "Binding"("activePersonId");

-- CreateIndex
CREATE INDEX "Binding_unitId_endedAt_idx" ON "Binding"("unitId", "endedAt");

-- CreateIndex
CREATE INDEX "Binding_personId_idx" ON "Binding"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "RoleBinding_activeKey_key" ON "RoleBinding"("activeKey");

-- CreateIndex
CREATE UNIQUE INDEX "RoleBinding_exclusiveKey_key" ON "RoleBinding"("exclusiveKey");

-- CreateIndex
CREATE INDEX "RoleBinding_unitId_role_revokedAt_idx" ON "RoleBinding"("unitId", "role", "revokedAt");

-- CreateIndex
CREATE INDEX "RoleBinding_personId_revokedAt_idx" ON "RoleBinding"("personId", "revokedAt");

-- CreateIndex
CREATE UNIQUE INDEX "UnitRegistration_requestNumber_key" ON "UnitRegistration"("requestNumber");

-- CreateIndex
CREATE UNIQUE INDEX "UnitRegistration_openUscc_key" ON "UnitRegistration"("openUscc");

-- CreateIndex
CREATE UNIQUE INDEX "UnitRegistration_workflowId_key" ON "UnitRegistration"("workflowId");

-- CreateIndex
CREATE UNIQUE INDEX "UnitRegistration_unitId_key" ON "UnitRegistration"("unitId");

-- CreateIndex
CREATE INDEX "UnitRegistration_uscc_idx" ON "UnitRegistration"("uscc");

-- CreateIndex
CREATE INDEX "UnitRegistration_status_submittedAt_idx" ON "UnitRegistration"("status", "submittedAt");

-- CreateIndex
CREATE UNIQUE INDEX "BindingRequest_requestNumber_key" ON "BindingRequest"("requestNumber");

-- CreateIndex
CREATE UNIQUE INDEX "BindingRequest_openPersonId_key" ON "BindingRequest"("openPersonId");

-- CreateIndex
CREATE UNIQUE INDEX "BindingRequest_workflowId_key" ON "BindingRequest"("workflowId");

-- CreateIndex
CREATE INDEX "BindingRequest_unitId_status_idx" ON "BindingRequest"("unitId", "status");

-- CreateIndex
CREATE INDEX "BindingRequest_personId_submittedAt_idx" ON "BindingRequest"("personId", "submittedAt");

-- CreateIndex
CREATE UNIQUE INDEX "AffiliationRequest_requestNumber_key" ON "AffiliationRequest"("requestNumber");

-- CreateIndex
CREATE UNIQUE INDEX "AffiliationRequest_openUnitId_key" ON "AffiliationRequest"("openUnitId");

-- CreateIndex
CREATE UNIQUE INDEX "AffiliationRequest_workflowId_key" ON "AffiliationRequest"("workflowId");

-- CreateIndex
CREATE INDEX "AffiliationRequest_superiorUnitId_status_idx" ON "AffiliationRequest"("superiorUnitId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "RequestEvent_requestType_requestId_sequence_key" ON "RequestEvent"("requestType", "requestId", "sequence");

-- CreateIndex
CREATE INDEX "HumanTask_queue_status_dueAt_idx" ON "HumanTask"("queue", "status", "dueAt");

-- CreateIndex
CREATE INDEX "HumanTask_unitId_status_idx" ON "HumanTask"("unitId", "status");

-- CreateIndex
CREATE INDEX "HumanTask_assigneeId_status_idx" ON "HumanTask"("assigneeId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "HumanTask_workflowId_kind_key" ON "HumanTask"("workflowId", "kind");

-- CreateIndex
CREATE INDEX "AuditEvent_unitId_at_idx" ON "AuditEvent"("unitId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_targetType_targetId_idx" ON "AuditEvent"("targetType", "targetId");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE UNIQUE INDEX "SmsMessage_idempotencyKey_key" ON "SmsMessage"("idempotencyKey");

-- CreateIndex
CREATE INDEX "SmsMessage_mobile_createdAt_idx" ON "SmsMessage"("mobile", "createdAt");

-- CreateIndex
CREATE INDEX "SmsMessage_createdAt_idx" ON "SmsMessage"("createdAt");

-- CreateIndex
CREATE INDEX "SmsCode_mobile_purpose_createdAt_idx" ON "SmsCode"("mobile", "purpose", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Upload_storageKey_key" ON "Upload"("storageKey");

-- CreateIndex
CREATE INDEX "Session_personId_revokedAt_idx" ON "Session"("personId", "revokedAt");

-- CreateIndex
CREATE INDEX "Session_unitId_revokedAt_idx" ON "Session"("unitId", "revokedAt");

-- CreateIndex
CREATE INDEX "LoginAttempt_account_at_idx" ON "LoginAttempt"("account", "at");

-- CreateIndex
CREATE INDEX "LoginAttempt_ipAddress_at_idx" ON "LoginAttempt"("ipAddress", "at");

-- CreateIndex
CREATE UNIQUE INDEX "RealPersonCheck_token_key" ON "RealPersonCheck"("token");

-- CreateIndex
CREATE INDEX "RealPersonCheck_requestId_idx" ON "RealPersonCheck"("requestId");

-- CreateIndex
CREATE INDEX "TitleApplication_personId_status_idx" ON "TitleApplication"("personId", "status");

