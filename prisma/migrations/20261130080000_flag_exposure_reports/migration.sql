-- CreateTable
CREATE TABLE "FlagExposureReport" (
    "instanceId" TEXT NOT NULL,
    "flagKey" TEXT NOT NULL,
    "on" BIGINT NOT NULL,
    "off" BIGINT NOT NULL,
    "errors" BIGINT NOT NULL,
    "sinceOn" INTEGER NOT NULL,
    "sinceOff" INTEGER NOT NULL,
    "sinceMark" TEXT NOT NULL,
    "perMinute" INTEGER NOT NULL,
    "reportedAt" DATETIME NOT NULL,

    PRIMARY KEY ("instanceId", "flagKey")
);

-- CreateTable
CREATE TABLE "FlagSdkReport" (
    "instanceId" TEXT NOT NULL,
    "sdkKey" TEXT NOT NULL,
    "appName" TEXT NOT NULL,
    "sdkInstance" TEXT NOT NULL,
    "sdkVersion" TEXT NOT NULL,
    "protocol" TEXT NOT NULL,
    "lastSeen" DATETIME NOT NULL,
    "reportedAt" DATETIME NOT NULL,

    PRIMARY KEY ("instanceId", "sdkKey")
);

-- CreateIndex
CREATE INDEX "FlagExposureReport_reportedAt_idx" ON "FlagExposureReport"("reportedAt");

-- CreateIndex
CREATE INDEX "FlagSdkReport_reportedAt_idx" ON "FlagSdkReport"("reportedAt");

