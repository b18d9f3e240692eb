-- Traffic routers (issue 24): what each release's router was asked for and what it reads back. Additive.
-- CreateTable
CREATE TABLE "TrafficRouterState" (
    "releaseId" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "router" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "desiredVersion" INTEGER NOT NULL,
    "desiredPercent" REAL NOT NULL,
    "desiredCause" TEXT NOT NULL,
    "desiredAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL,
    "setStable" INTEGER,
    "setCanary" INTEGER,
    "readStable" INTEGER,
    "readCanary" INTEGER,
    "appliedVersion" INTEGER,
    "detail" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME,
    "confirmedAt" DATETIME,
    "readAt" DATETIME,
    "samplesJson" TEXT,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("releaseId", "scope")
);

-- CreateIndex
CREATE INDEX "TrafficRouterState_status_idx" ON "TrafficRouterState"("status");
