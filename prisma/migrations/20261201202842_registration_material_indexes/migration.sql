-- CreateIndex
CREATE INDEX "UnitRegistration_businessLicenceUploadId_idx" ON "UnitRegistration"("businessLicenceUploadId");

-- CreateIndex
CREATE INDEX "UnitRegistration_authorizationLetterUploadId_idx" ON "UnitRegistration"("authorizationLetterUploadId");
