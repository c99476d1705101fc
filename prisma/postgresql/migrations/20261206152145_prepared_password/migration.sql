-- CreateTable
CREATE TABLE "PreparedPassword" (
    "id" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PreparedPassword_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PreparedPassword_expiresAt_idx" ON "PreparedPassword"("expiresAt");
