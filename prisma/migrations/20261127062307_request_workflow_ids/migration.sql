-- DropIndex
DROP INDEX "AffiliationRequest_workflowId_key";

-- DropIndex
DROP INDEX "BindingRequest_workflowId_key";

-- CreateIndex
CREATE INDEX "AffiliationRequest_workflowId_idx" ON "AffiliationRequest"("workflowId");

-- CreateIndex
CREATE INDEX "BindingRequest_workflowId_idx" ON "BindingRequest"("workflowId");
