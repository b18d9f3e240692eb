-- CreateTable
CREATE TABLE "GuardrailMeasurement" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "releaseId" TEXT NOT NULL,
    "run" INTEGER NOT NULL,
    "metric" TEXT NOT NULL,
    "scheduledAt" DATETIME NOT NULL,
    "state" TEXT NOT NULL,
    "reason" TEXT,
    "failingSince" DATETIME,
    "canaryQuery" TEXT NOT NULL,
    "baselineQuery" TEXT,
    "canaryValue" REAL,
    "baselineValue" REAL,
    "rawJson" TEXT NOT NULL,
    "windowSeconds" INTEGER NOT NULL,
    "condition" TEXT NOT NULL,
    "level" TEXT,
    "sentence" TEXT,
    "evaluatedAt" DATETIME,
    CONSTRAINT "GuardrailMeasurement_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "GuardrailMeasurement_releaseId_metric_scheduledAt_idx" ON "GuardrailMeasurement"("releaseId", "metric", "scheduledAt");

-- CreateIndex
CREATE INDEX "GuardrailMeasurement_releaseId_run_scheduledAt_idx" ON "GuardrailMeasurement"("releaseId", "run", "scheduledAt");

