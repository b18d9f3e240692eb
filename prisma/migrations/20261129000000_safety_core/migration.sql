
-- CreateTable
CREATE TABLE "OutboxMessage" (
    "position" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "releaseId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "topic" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OutboxMessage_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OutboxCursor" (
    "consumer" TEXT NOT NULL PRIMARY KEY,
    "position" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Release" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "serviceVersion" TEXT NOT NULL,
    "planJson" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "currentWaveIndex" INTEGER NOT NULL DEFAULT 0,
    "trafficPercent" REAL NOT NULL DEFAULT 0,
    "waveStartedAt" DATETIME,
    "startedAt" DATETIME,
    "endedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 1,
    "stateVersion" INTEGER NOT NULL DEFAULT 1,
    "run" INTEGER NOT NULL DEFAULT 0,
    "lastSeq" INTEGER NOT NULL DEFAULT 0,
    "commander" TEXT,
    "simulatorScenario" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Release" ("commander", "createdAt", "createdBy", "currentWaveIndex", "endedAt", "id", "lastSeq", "name", "planJson", "service", "serviceVersion", "simulatorScenario", "startedAt", "status", "trafficPercent", "updatedAt", "version", "waveStartedAt") SELECT "commander", "createdAt", "createdBy", "currentWaveIndex", "endedAt", "id", "lastSeq", "name", "planJson", "service", "serviceVersion", "simulatorScenario", "startedAt", "status", "trafficPercent", "updatedAt", "version", "waveStartedAt" FROM "Release";
DROP TABLE "Release";
ALTER TABLE "new_Release" RENAME TO "Release";
CREATE INDEX "Release_status_idx" ON "Release"("status");
CREATE TABLE "new_Alert" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "releaseId" TEXT NOT NULL,
    "run" INTEGER NOT NULL DEFAULT 0,
    "metric" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "openedAt" DATETIME NOT NULL,
    "healthySince" DATETIME,
    "actedAt" DATETIME,
    "refusedAction" TEXT,
    "closedAt" DATETIME,
    "acknowledgedBy" TEXT,
    "acknowledgedAt" DATETIME,
    CONSTRAINT "Alert_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Alert" ("acknowledgedAt", "acknowledgedBy", "actedAt", "closedAt", "detail", "healthySince", "id", "level", "metric", "openedAt", "releaseId") SELECT "acknowledgedAt", "acknowledgedBy", "actedAt", "closedAt", "detail", "healthySince", "id", "level", "metric", "openedAt", "releaseId" FROM "Alert";
DROP TABLE "Alert";
ALTER TABLE "new_Alert" RENAME TO "Alert";
CREATE INDEX "Alert_releaseId_closedAt_idx" ON "Alert"("releaseId", "closedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "OutboxMessage_createdAt_idx" ON "OutboxMessage"("createdAt");


-- Existing releases: their last state change is as recent as their version, and a started release is in run 1.
UPDATE "Release" SET "stateVersion" = "version";
UPDATE "Release" SET "run" = 1 WHERE "startedAt" IS NOT NULL;
UPDATE "Alert" SET "run" = 1;
