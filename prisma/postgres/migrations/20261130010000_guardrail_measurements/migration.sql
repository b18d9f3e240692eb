-- CreateTable
CREATE TABLE "GuardrailMeasurement" (
    "id" TEXT NOT NULL,
    "releaseId" TEXT NOT NULL,
    "run" INTEGER NOT NULL,
    "metric" TEXT NOT NULL,
    "scheduledAt" TIMESTAMP(3) NOT NULL,
    "state" TEXT NOT NULL,
    "reason" TEXT,
    "failingSince" TIMESTAMP(3),
    "canaryQuery" TEXT NOT NULL,
    "baselineQuery" TEXT,
    "canaryValue" DOUBLE PRECISION,
    "baselineValue" DOUBLE PRECISION,
    "rawJson" TEXT NOT NULL,
    "windowSeconds" INTEGER NOT NULL,
    "condition" TEXT NOT NULL,
    "level" TEXT,
    "sentence" TEXT,
    "evaluatedAt" TIMESTAMP(3),

    CONSTRAINT "GuardrailMeasurement_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "GuardrailMeasurement_releaseId_metric_scheduledAt_idx" ON "GuardrailMeasurement"("releaseId", "metric", "scheduledAt");

-- CreateIndex
CREATE INDEX "GuardrailMeasurement_releaseId_run_scheduledAt_idx" ON "GuardrailMeasurement"("releaseId", "run", "scheduledAt");

-- AddForeignKey
ALTER TABLE "GuardrailMeasurement" ADD CONSTRAINT "GuardrailMeasurement_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

