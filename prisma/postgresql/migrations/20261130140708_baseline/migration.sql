-- CreateEnum
CREATE TYPE "RegionLevel" AS ENUM ('PROVINCE', 'PREFECTURE', 'COUNTY');

-- CreateEnum
CREATE TYPE "UnitType" AS ENUM ('ENTERPRISE', 'PUBLIC_INSTITUTION', 'GOVERNMENT_AGENCY', 'SOCIAL_ORGANIZATION', 'HR_DEPARTMENT');

-- CreateEnum
CREATE TYPE "UnitStatus" AS ENUM ('ACTIVE', 'DISABLED');

-- CreateEnum
CREATE TYPE "UnitOrigin" AS ENUM ('SELF_REGISTERED', 'IMPORTED', 'CREATED_BY_HR_DEPARTMENT', 'CREATED_BY_SUPERIOR', 'SEED');

-- CreateEnum
CREATE TYPE "AccountStatus" AS ENUM ('ENABLED', 'DISABLED');

-- CreateEnum
CREATE TYPE "BindingEndReason" AS ENUM ('EXITED', 'CHANGED_UNIT');

-- CreateEnum
CREATE TYPE "Subsystem" AS ENUM ('PLATFORM', 'PORTAL', 'SYSCONFIG', 'TITLE_REVIEW');

-- CreateEnum
CREATE TYPE "RequestStatus" AS ENUM ('SUBMITTED', 'CHECKING', 'AWAITING_REAL_PERSON_AUTH', 'IN_MANUAL_REVIEW', 'APPROVED', 'REJECTED', 'WITHDRAWN', 'EXPIRED');

-- CreateEnum
CREATE TYPE "ContactMobileChangeMethod" AS ENUM ('FACE_CHECK', 'MANUAL_REVIEW');

-- CreateEnum
CREATE TYPE "RequestType" AS ENUM ('UNIT_REGISTRATION', 'BINDING_REQUEST', 'AFFILIATION_REQUEST', 'CONTACT_MOBILE_CHANGE', 'TITLE_APPLICATION');

-- CreateEnum
CREATE TYPE "TaskStatus" AS ENUM ('OPEN', 'CLAIMED', 'COMPLETED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "TaskQueue" AS ENUM ('PLATFORM_REVIEW', 'PLATFORM_SUPERVISOR', 'UNIT');

-- CreateEnum
CREATE TYPE "SmsStatus" AS ENUM ('QUEUED', 'SENT', 'FAILED');

-- CreateEnum
CREATE TYPE "SmsCodePurpose" AS ENUM ('UNIT_LOGIN', 'PERSON_REGISTRATION', 'PASSWORD_RESET', 'REQUEST_STATUS', 'CONTACT_MOBILE_CHANGE');

-- CreateEnum
CREATE TYPE "UploadKind" AS ENUM ('BUSINESS_LICENCE', 'AUTHORIZATION_LETTER');

-- CreateEnum
CREATE TYPE "SessionKind" AS ENUM ('PERSON', 'UNIT', 'REQUEST');

-- CreateEnum
CREATE TYPE "SessionStrength" AS ENUM ('PASSWORD', 'REAL_PERSON');

-- CreateEnum
CREATE TYPE "RealPersonCheckPurpose" AS ENUM ('QR_LOGIN', 'PERSON_REGISTRATION', 'LEGAL_REP_VERIFICATION', 'STEP_UP');

-- CreateEnum
CREATE TYPE "RealPersonCheckStatus" AS ENUM ('PENDING', 'SCANNED', 'PASSED', 'FAILED', 'EXPIRED', 'CONSUMED');

-- CreateEnum
CREATE TYPE "PersonRegistrationStatus" AS ENUM ('AWAITING_REAL_PERSON_AUTH', 'REGISTERED', 'FAILED', 'EXPIRED', 'ALREADY_REGISTERED');

-- CreateEnum
CREATE TYPE "TitleApplicationStatus" AS ENUM ('IN_PROGRESS', 'COMPLETED', 'RETURNED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "TitleApplicationStepStatus" AS ENUM ('PENDING', 'ACCEPTED', 'RETURNED', 'SKIPPED', 'WITHDRAWN');

-- CreateTable
CREATE TABLE "Region" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "level" "RegionLevel" NOT NULL,
    "parentCode" TEXT,

    CONSTRAINT "Region_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Unit" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "uscc" TEXT,
    "accountName" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "type" "UnitType" NOT NULL,
    "status" "UnitStatus" NOT NULL DEFAULT 'ACTIVE',
    "origin" "UnitOrigin" NOT NULL,
    "regionCode" TEXT NOT NULL,
    "parentUnitId" TEXT,
    "formsCommittee" BOOLEAN NOT NULL DEFAULT false,
    "legalRepName" TEXT,
    "legalRepIdNumber" TEXT,
    "contactName" TEXT NOT NULL,
    "contactMobile" TEXT NOT NULL,
    "affiliationRequired" BOOLEAN NOT NULL DEFAULT false,
    "registeredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnitNameChange" (
    "id" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "oldName" TEXT NOT NULL,
    "newName" TEXT NOT NULL,
    "changedById" TEXT,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UnitNameChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" TEXT NOT NULL,
    "idNumber" TEXT NOT NULL,
    "name" TEXT,
    "mobile" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "status" "AccountStatus" NOT NULL DEFAULT 'ENABLED',
    "realPersonVerifiedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Binding" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "activePersonId" TEXT,
    "requestId" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),
    "endReason" "BindingEndReason",
    "endedById" TEXT,

    CONSTRAINT "Binding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoleDefinition" (
    "subsystem" "Subsystem" NOT NULL,
    "role" TEXT NOT NULL,
    "labelZh" TEXT NOT NULL,
    "labelEn" TEXT NOT NULL,
    "grantableBy" TEXT NOT NULL,
    "requiresRealPerson" BOOLEAN NOT NULL DEFAULT false,
    "excludesTitleApplication" BOOLEAN NOT NULL DEFAULT false,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RoleDefinition_pkey" PRIMARY KEY ("subsystem","role")
);

-- CreateTable
CREATE TABLE "RoleBinding" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "subsystem" "Subsystem" NOT NULL,
    "role" TEXT NOT NULL,
    "activeKey" TEXT,
    "exclusiveKey" TEXT,
    "grantedById" TEXT,
    "grantedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "revokedById" TEXT,

    CONSTRAINT "RoleBinding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnitRegistration" (
    "id" TEXT NOT NULL,
    "requestNumber" TEXT NOT NULL,
    "uscc" TEXT NOT NULL,
    "openUscc" TEXT,
    "unitName" TEXT NOT NULL,
    "openUnitName" TEXT,
    "unitType" "UnitType" NOT NULL,
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
    "status" "RequestStatus" NOT NULL DEFAULT 'SUBMITTED',
    "workflowId" TEXT NOT NULL,
    "unitId" TEXT,
    "decidedById" TEXT,
    "decisionReason" TEXT,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "UnitRegistration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContactMobileChange" (
    "id" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "openUnitId" TEXT,
    "previousMobile" TEXT NOT NULL,
    "newMobile" TEXT NOT NULL,
    "method" "ContactMobileChangeMethod" NOT NULL,
    "explanation" TEXT,
    "status" "RequestStatus" NOT NULL DEFAULT 'SUBMITTED',
    "workflowId" TEXT NOT NULL,
    "decidedById" TEXT,
    "decisionReason" TEXT,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "ContactMobileChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BindingRequest" (
    "id" TEXT NOT NULL,
    "requestNumber" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "openPersonId" TEXT,
    "pledgeAcceptedAt" TIMESTAMP(3) NOT NULL,
    "submissionId" TEXT,
    "status" "RequestStatus" NOT NULL DEFAULT 'SUBMITTED',
    "workflowId" TEXT NOT NULL,
    "decidedById" TEXT,
    "decisionReason" TEXT,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "BindingRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AffiliationRequest" (
    "id" TEXT NOT NULL,
    "requestNumber" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "superiorUnitId" TEXT NOT NULL,
    "openUnitId" TEXT,
    "previousSuperiorUnitId" TEXT,
    "submissionId" TEXT,
    "requestedById" TEXT NOT NULL,
    "status" "RequestStatus" NOT NULL DEFAULT 'SUBMITTED',
    "workflowId" TEXT NOT NULL,
    "decidedById" TEXT,
    "decisionReason" TEXT,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "AffiliationRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RequestEvent" (
    "id" TEXT NOT NULL,
    "requestType" "RequestType" NOT NULL,
    "requestId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT,
    "actorRole" TEXT,
    "reason" TEXT,
    "detail" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RequestEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HumanTask" (
    "id" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "requestType" "RequestType" NOT NULL,
    "requestId" TEXT NOT NULL,
    "step" INTEGER NOT NULL DEFAULT 0,
    "queue" "TaskQueue" NOT NULL,
    "unitId" TEXT,
    "title" TEXT NOT NULL,
    "status" "TaskStatus" NOT NULL DEFAULT 'OPEN',
    "assigneeId" TEXT,
    "dueAt" TIMESTAMP(3),
    "remindedAt" TIMESTAMP(3),
    "escalatedAt" TIMESTAMP(3),
    "outcome" TEXT,
    "decidedById" TEXT,
    "decisionKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "HumanTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DecisionOrigin" (
    "decisionKey" TEXT NOT NULL,
    "ipAddress" TEXT,
    "userAgent" TEXT,
    "requestId" TEXT,
    "sessionStrength" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DecisionOrigin_pkey" PRIMARY KEY ("decisionKey")
);

-- CreateTable
CREATE TABLE "RequestNumberSequence" (
    "prefix" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "RequestNumberSequence_pkey" PRIMARY KEY ("prefix","day")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "sequence" INTEGER,
    "prevHash" TEXT,
    "hash" TEXT,
    "sessionStrength" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
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
    "after" TEXT,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SmsMessage" (
    "id" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "mobile" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "params" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" "SmsStatus" NOT NULL DEFAULT 'QUEUED',
    "error" TEXT,
    "vendorMessageId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "SmsMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SmsCode" (
    "id" TEXT NOT NULL,
    "mobile" TEXT NOT NULL,
    "purpose" "SmsCodePurpose" NOT NULL,
    "subjectId" TEXT,
    "codeHash" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "consumedAt" TIMESTAMP(3),
    "ipAddress" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SmsCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Upload" (
    "id" TEXT NOT NULL,
    "kind" "UploadKind" NOT NULL,
    "originalName" TEXT NOT NULL,
    "mediaType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Upload_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "kind" "SessionKind" NOT NULL,
    "personId" TEXT,
    "unitId" TEXT,
    "requestType" "RequestType",
    "requestId" TEXT,
    "strength" "SessionStrength" NOT NULL,
    "ipAddress" TEXT,
    "userAgent" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "absoluteExpiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginAttempt" (
    "id" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "ipAddress" TEXT NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoginAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RealPersonCheck" (
    "id" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "purpose" "RealPersonCheckPurpose" NOT NULL,
    "status" "RealPersonCheckStatus" NOT NULL DEFAULT 'PENDING',
    "subjectName" TEXT,
    "subjectIdNumber" TEXT,
    "personId" TEXT,
    "requestId" TEXT,
    "sessionId" TEXT,
    "originIp" TEXT,
    "originUserAgent" TEXT,
    "vendorReference" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "scannedAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RealPersonCheck_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PersonRegistration" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "idNumber" TEXT NOT NULL,
    "mobile" TEXT NOT NULL,
    "passwordHash" TEXT,
    "status" "PersonRegistrationStatus" NOT NULL DEFAULT 'AWAITING_REAL_PERSON_AUTH',
    "checkId" TEXT,
    "personId" TEXT,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "PersonRegistration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TitleApplication" (
    "id" TEXT NOT NULL,
    "requestNumber" TEXT,
    "personId" TEXT NOT NULL,
    "unitId" TEXT,
    "status" "TitleApplicationStatus" NOT NULL,
    "currentUnitId" TEXT,
    "workflowId" TEXT,
    "submissionId" TEXT,
    "returnReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "TitleApplication_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TitleApplicationStep" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "unitId" TEXT NOT NULL,
    "status" "TitleApplicationStepStatus" NOT NULL DEFAULT 'PENDING',
    "decidedById" TEXT,
    "decisionKey" TEXT,
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "TitleApplicationStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HierarchyLock" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "HierarchyLock_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimiterFlexible" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "expire" TIMESTAMP(3),

    CONSTRAINT "RateLimiterFlexible_pkey" PRIMARY KEY ("key")
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
CREATE INDEX "Binding_unitId_startedAt_idx" ON "Binding"("unitId", "startedAt");

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
CREATE UNIQUE INDEX "UnitRegistration_openUnitName_key" ON "UnitRegistration"("openUnitName");

-- CreateIndex
CREATE UNIQUE INDEX "UnitRegistration_submissionId_key" ON "UnitRegistration"("submissionId");

-- CreateIndex
CREATE UNIQUE INDEX "UnitRegistration_unitId_key" ON "UnitRegistration"("unitId");

-- CreateIndex
CREATE INDEX "UnitRegistration_uscc_idx" ON "UnitRegistration"("uscc");

-- CreateIndex
CREATE INDEX "UnitRegistration_workflowId_idx" ON "UnitRegistration"("workflowId");

-- CreateIndex
CREATE INDEX "UnitRegistration_status_submittedAt_idx" ON "UnitRegistration"("status", "submittedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ContactMobileChange_openUnitId_key" ON "ContactMobileChange"("openUnitId");

-- CreateIndex
CREATE INDEX "ContactMobileChange_unitId_submittedAt_idx" ON "ContactMobileChange"("unitId", "submittedAt");

-- CreateIndex
CREATE UNIQUE INDEX "BindingRequest_requestNumber_key" ON "BindingRequest"("requestNumber");

-- CreateIndex
CREATE UNIQUE INDEX "BindingRequest_openPersonId_key" ON "BindingRequest"("openPersonId");

-- CreateIndex
CREATE UNIQUE INDEX "BindingRequest_submissionId_key" ON "BindingRequest"("submissionId");

-- CreateIndex
CREATE INDEX "BindingRequest_unitId_status_idx" ON "BindingRequest"("unitId", "status");

-- CreateIndex
CREATE INDEX "BindingRequest_personId_submittedAt_idx" ON "BindingRequest"("personId", "submittedAt");

-- CreateIndex
CREATE INDEX "BindingRequest_workflowId_idx" ON "BindingRequest"("workflowId");

-- CreateIndex
CREATE UNIQUE INDEX "AffiliationRequest_requestNumber_key" ON "AffiliationRequest"("requestNumber");

-- CreateIndex
CREATE UNIQUE INDEX "AffiliationRequest_openUnitId_key" ON "AffiliationRequest"("openUnitId");

-- CreateIndex
CREATE UNIQUE INDEX "AffiliationRequest_submissionId_key" ON "AffiliationRequest"("submissionId");

-- CreateIndex
CREATE INDEX "AffiliationRequest_superiorUnitId_status_idx" ON "AffiliationRequest"("superiorUnitId", "status");

-- CreateIndex
CREATE INDEX "AffiliationRequest_workflowId_idx" ON "AffiliationRequest"("workflowId");

-- CreateIndex
CREATE UNIQUE INDEX "RequestEvent_requestType_requestId_sequence_key" ON "RequestEvent"("requestType", "requestId", "sequence");

-- CreateIndex
CREATE INDEX "HumanTask_workflowId_idx" ON "HumanTask"("workflowId");

-- CreateIndex
CREATE INDEX "HumanTask_queue_status_dueAt_idx" ON "HumanTask"("queue", "status", "dueAt");

-- CreateIndex
CREATE INDEX "HumanTask_unitId_status_idx" ON "HumanTask"("unitId", "status");

-- CreateIndex
CREATE INDEX "HumanTask_assigneeId_status_idx" ON "HumanTask"("assigneeId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "HumanTask_requestId_kind_step_key" ON "HumanTask"("requestId", "kind", "step");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_sequence_key" ON "AuditEvent"("sequence");

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
CREATE INDEX "SmsCode_ipAddress_createdAt_idx" ON "SmsCode"("ipAddress", "createdAt");

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
CREATE UNIQUE INDEX "PersonRegistration_checkId_key" ON "PersonRegistration"("checkId");

-- CreateIndex
CREATE INDEX "PersonRegistration_idNumber_idx" ON "PersonRegistration"("idNumber");

-- CreateIndex
CREATE UNIQUE INDEX "TitleApplication_requestNumber_key" ON "TitleApplication"("requestNumber");

-- CreateIndex
CREATE UNIQUE INDEX "TitleApplication_submissionId_key" ON "TitleApplication"("submissionId");

-- CreateIndex
CREATE INDEX "TitleApplication_personId_status_idx" ON "TitleApplication"("personId", "status");

-- CreateIndex
CREATE INDEX "TitleApplication_currentUnitId_status_idx" ON "TitleApplication"("currentUnitId", "status");

-- CreateIndex
CREATE INDEX "TitleApplicationStep_unitId_status_idx" ON "TitleApplicationStep"("unitId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "TitleApplicationStep_applicationId_position_key" ON "TitleApplicationStep"("applicationId", "position");

-- CreateIndex
CREATE INDEX "RateLimiterFlexible_expire_idx" ON "RateLimiterFlexible"("expire");

-- AddForeignKey
ALTER TABLE "Region" ADD CONSTRAINT "Region_parentCode_fkey" FOREIGN KEY ("parentCode") REFERENCES "Region"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_regionCode_fkey" FOREIGN KEY ("regionCode") REFERENCES "Region"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_parentUnitId_fkey" FOREIGN KEY ("parentUnitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitNameChange" ADD CONSTRAINT "UnitNameChange_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Binding" ADD CONSTRAINT "Binding_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Binding" ADD CONSTRAINT "Binding_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleBinding" ADD CONSTRAINT "RoleBinding_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleBinding" ADD CONSTRAINT "RoleBinding_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitRegistration" ADD CONSTRAINT "UnitRegistration_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContactMobileChange" ADD CONSTRAINT "ContactMobileChange_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BindingRequest" ADD CONSTRAINT "BindingRequest_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BindingRequest" ADD CONSTRAINT "BindingRequest_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AffiliationRequest" ADD CONSTRAINT "AffiliationRequest_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AffiliationRequest" ADD CONSTRAINT "AffiliationRequest_superiorUnitId_fkey" FOREIGN KEY ("superiorUnitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TitleApplication" ADD CONSTRAINT "TitleApplication_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TitleApplicationStep" ADD CONSTRAINT "TitleApplicationStep_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "TitleApplication"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Reference data (as the SQLite migrations insert it)
INSERT INTO "HierarchyLock" ("id", "version") VALUES (1, 0);
INSERT INTO "RoleDefinition" ("subsystem", "role", "labelZh", "labelEn", "grantableBy", "requiresRealPerson", "excludesTitleApplication", "sortOrder") VALUES ('PORTAL', 'UNIT_ADMIN', '单位管理员', 'Unit administrator', '[]', TRUE, TRUE, 10);
INSERT INTO "RoleDefinition" ("subsystem", "role", "labelZh", "labelEn", "grantableBy", "requiresRealPerson", "excludesTitleApplication", "sortOrder") VALUES ('TITLE_REVIEW', 'TITLE_HANDLER', '职称经办', 'Title handler', '["UNIT_ADMIN"]', TRUE, TRUE, 20);
INSERT INTO "RoleDefinition" ("subsystem", "role", "labelZh", "labelEn", "grantableBy", "requiresRealPerson", "excludesTitleApplication", "sortOrder") VALUES ('PLATFORM', 'PLATFORM_OPERATOR', '平台运维员', 'Platform operator', '["PLATFORM_OPERATOR"]', FALSE, FALSE, 110);
INSERT INTO "RoleDefinition" ("subsystem", "role", "labelZh", "labelEn", "grantableBy", "requiresRealPerson", "excludesTitleApplication", "sortOrder") VALUES ('PLATFORM', 'PLATFORM_REVIEWER', '平台审核员', 'Platform reviewer', '["PLATFORM_OPERATOR"]', FALSE, FALSE, 120);
INSERT INTO "RoleDefinition" ("subsystem", "role", "labelZh", "labelEn", "grantableBy", "requiresRealPerson", "excludesTitleApplication", "sortOrder") VALUES ('PLATFORM', 'PLATFORM_SUPERVISOR', '平台主管', 'Platform supervisor', '["PLATFORM_OPERATOR"]', FALSE, FALSE, 130);
INSERT INTO "RoleDefinition" ("subsystem", "role", "labelZh", "labelEn", "grantableBy", "requiresRealPerson", "excludesTitleApplication", "sortOrder") VALUES ('PLATFORM', 'PLATFORM_AUDITOR', '平台审计员', 'Platform auditor', '["PLATFORM_OPERATOR"]', FALSE, FALSE, 140);
