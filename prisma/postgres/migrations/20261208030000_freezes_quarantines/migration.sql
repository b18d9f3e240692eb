-- CreateTable
CREATE TABLE "Freeze" (
    "id" TEXT NOT NULL,
    "from" TIMESTAMP(3) NOT NULL,
    "to" TIMESTAMP(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "environmentsJson" TEXT,
    "servicesJson" TEXT,
    "endedAt" TIMESTAMP(3),
    "endedBy" TEXT,
    "endReason" TEXT,

    CONSTRAINT "Freeze_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Quarantine" (
    "id" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "serviceVersion" TEXT NOT NULL,
    "releaseId" TEXT NOT NULL,
    "releaseName" TEXT NOT NULL,
    "run" INTEGER NOT NULL,
    "rolledBackBy" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "liftedAt" TIMESTAMP(3),
    "liftedBy" TEXT,
    "liftReason" TEXT,

    CONSTRAINT "Quarantine_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Freeze_to_idx" ON "Freeze"("to");

-- CreateIndex
CREATE INDEX "Quarantine_service_serviceVersion_idx" ON "Quarantine"("service", "serviceVersion");

-- CreateIndex
CREATE INDEX "Quarantine_liftedAt_idx" ON "Quarantine"("liftedAt");
