-- CreateTable
CREATE TABLE "Incident" (
    "id" TEXT NOT NULL,
    "releaseId" TEXT NOT NULL,
    "run" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "title" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "metric" TEXT,
    "level" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "affectedPercent" DOUBLE PRECISION NOT NULL,
    "impact" TEXT NOT NULL,
    "nextSteps" TEXT NOT NULL,
    "contact" TEXT NOT NULL,
    "openedBy" TEXT NOT NULL,
    "resolvedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportLessons" (
    "releaseId" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "text" TEXT NOT NULL,
    "updatedBy" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReportLessons_pkey" PRIMARY KEY ("releaseId")
);

-- CreateTable
CREATE TABLE "ReportActionItem" (
    "id" TEXT NOT NULL,
    "releaseId" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "text" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "dueDate" TEXT,
    "done" BOOLEAN NOT NULL DEFAULT false,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReportActionItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Incident_releaseId_idx" ON "Incident"("releaseId");

-- CreateIndex
CREATE INDEX "ReportActionItem_releaseId_idx" ON "ReportActionItem"("releaseId");

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportLessons" ADD CONSTRAINT "ReportLessons_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportActionItem" ADD CONSTRAINT "ReportActionItem_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

