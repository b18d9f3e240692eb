-- Traffic routers (issue 24): what each release's router was asked for and what it reads back. Additive.
-- CreateTable
CREATE TABLE "TrafficRouterState" (
    "releaseId" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "router" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "desiredVersion" INTEGER NOT NULL,
    "desiredPercent" DOUBLE PRECISION NOT NULL,
    "desiredCause" TEXT NOT NULL,
    "desiredAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL,
    "setStable" INTEGER,
    "setCanary" INTEGER,
    "readStable" INTEGER,
    "readCanary" INTEGER,
    "appliedVersion" INTEGER,
    "detail" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3),
    "confirmedAt" TIMESTAMP(3),
    "readAt" TIMESTAMP(3),
    "samplesJson" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TrafficRouterState_pkey" PRIMARY KEY ("releaseId","scope")
);

-- CreateIndex
CREATE INDEX "TrafficRouterState_status_idx" ON "TrafficRouterState"("status");
