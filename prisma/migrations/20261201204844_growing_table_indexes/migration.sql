-- CreateIndex
CREATE INDEX "AffiliationRequest_unitId_submittedAt_idx" ON "AffiliationRequest"("unitId", "submittedAt");

-- CreateIndex
CREATE INDEX "AffiliationRequest_requestedById_submittedAt_idx" ON "AffiliationRequest"("requestedById", "submittedAt");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_at_sequence_idx" ON "AuditEvent"("actorId", "at", "sequence");

-- CreateIndex
CREATE INDEX "RealPersonCheck_originIp_purpose_createdAt_idx" ON "RealPersonCheck"("originIp", "purpose", "createdAt");

-- CreateIndex
CREATE INDEX "SmsCode_subjectId_purpose_createdAt_idx" ON "SmsCode"("subjectId", "purpose", "createdAt");

-- CreateIndex
CREATE INDEX "TitleApplication_unitId_createdAt_idx" ON "TitleApplication"("unitId", "createdAt");

-- CreateIndex
CREATE INDEX "UnitNameChange_oldName_idx" ON "UnitNameChange"("oldName");
