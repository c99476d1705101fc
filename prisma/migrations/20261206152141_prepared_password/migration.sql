-- CreateTable
CREATE TABLE "PreparedPassword" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "passwordHash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "PreparedPassword_expiresAt_idx" ON "PreparedPassword"("expiresAt");
