-- CreateTable
CREATE TABLE "Freeze" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "from" DATETIME NOT NULL,
    "to" DATETIME NOT NULL,
    "reason" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "environmentsJson" TEXT,
    "servicesJson" TEXT,
    "endedAt" DATETIME,
    "endedBy" TEXT,
    "endReason" TEXT
);

-- CreateTable
CREATE TABLE "Quarantine" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "service" TEXT NOT NULL,
    "serviceVersion" TEXT NOT NULL,
    "releaseId" TEXT NOT NULL,
    "releaseName" TEXT NOT NULL,
    "run" INTEGER NOT NULL,
    "rolledBackBy" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "liftedAt" DATETIME,
    "liftedBy" TEXT,
    "liftReason" TEXT
);

-- CreateIndex
CREATE INDEX "Freeze_to_idx" ON "Freeze"("to");

-- CreateIndex
CREATE INDEX "Quarantine_service_serviceVersion_idx" ON "Quarantine"("service", "serviceVersion");

-- CreateIndex
CREATE INDEX "Quarantine_liftedAt_idx" ON "Quarantine"("liftedAt");
