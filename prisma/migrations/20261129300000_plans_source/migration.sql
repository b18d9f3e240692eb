-- CreateTable
CREATE TABLE "PlanSource" (
    "releaseId" TEXT NOT NULL PRIMARY KEY,
    "format" TEXT NOT NULL,
    "document" TEXT NOT NULL,
    "unmappedJson" TEXT NOT NULL DEFAULT '[]',
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "PlanSource_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

