-- CreateTable
CREATE TABLE "Release" (
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
    "lastSeq" INTEGER NOT NULL DEFAULT 0,
    "commander" TEXT,
    "simulatorScenario" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "WaveRun" (
    "releaseId" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "trafficPercent" REAL NOT NULL,
    "bakeSeconds" INTEGER NOT NULL,
    "startedAt" DATETIME,
    "endedAt" DATETIME,

    PRIMARY KEY ("releaseId", "index"),
    CONSTRAINT "WaveRun_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReleaseEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "releaseId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "actorRole" TEXT,
    "reason" TEXT,
    "at" DATETIME NOT NULL,
    "beforeJson" TEXT,
    "afterJson" TEXT,
    "dataJson" TEXT NOT NULL DEFAULT '{}',
    CONSTRAINT "ReleaseEvent_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ChecklistItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "releaseId" TEXT NOT NULL,
    "waveIndex" INTEGER,
    "position" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "ownerRole" TEXT NOT NULL,
    "required" BOOLEAN NOT NULL DEFAULT true,
    "metricJson" TEXT,
    "state" TEXT NOT NULL DEFAULT 'open',
    "reason" TEXT,
    "evidenceUrl" TEXT,
    "updatedBy" TEXT,
    "updatedAt" DATETIME,
    CONSTRAINT "ChecklistItem_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Signoff" (
    "releaseId" TEXT NOT NULL,
    "waveIndex" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "by" TEXT NOT NULL,
    "comment" TEXT,
    "at" DATETIME NOT NULL,

    PRIMARY KEY ("releaseId", "waveIndex", "role"),
    CONSTRAINT "Signoff_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "releaseId" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "openedAt" DATETIME NOT NULL,
    "healthySince" DATETIME,
    "actedAt" DATETIME,
    "closedAt" DATETIME,
    "acknowledgedBy" TEXT,
    "acknowledgedAt" DATETIME,
    CONSTRAINT "Alert_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IdempotencyRecord" (
    "key" TEXT NOT NULL,
    "releaseId" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "bodyJson" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("releaseId", "key"),
    CONSTRAINT "IdempotencyRecord_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MetricSample" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "releaseId" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "cohort" TEXT NOT NULL,
    "value" REAL NOT NULL,
    "ts" DATETIME NOT NULL,
    CONSTRAINT "MetricSample_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MetricBucket" (
    "releaseId" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "cohort" TEXT NOT NULL,
    "sizeMs" INTEGER NOT NULL,
    "start" DATETIME NOT NULL,
    "count" INTEGER NOT NULL,
    "sum" REAL NOT NULL,
    "min" REAL NOT NULL,
    "max" REAL NOT NULL,

    PRIMARY KEY ("releaseId", "metric", "cohort", "sizeMs", "start"),
    CONSTRAINT "MetricBucket_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "signoffRoles" TEXT NOT NULL DEFAULT '[]',
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "releaseId" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    CONSTRAINT "ApiToken_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LoginAttempt" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "success" BOOLEAN NOT NULL
);

-- CreateIndex
CREATE INDEX "Release_status_idx" ON "Release"("status");

-- CreateIndex
CREATE UNIQUE INDEX "ReleaseEvent_releaseId_seq_key" ON "ReleaseEvent"("releaseId", "seq");

-- CreateIndex
CREATE INDEX "ChecklistItem_releaseId_idx" ON "ChecklistItem"("releaseId");

-- CreateIndex
CREATE INDEX "Alert_releaseId_closedAt_idx" ON "Alert"("releaseId", "closedAt");

-- CreateIndex
CREATE INDEX "MetricSample_releaseId_ts_idx" ON "MetricSample"("releaseId", "ts");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "LoginAttempt_key_at_idx" ON "LoginAttempt"("key", "at");

