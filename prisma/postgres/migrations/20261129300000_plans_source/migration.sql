-- CreateTable
CREATE TABLE "PlanSource" (
    "releaseId" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "document" TEXT NOT NULL,
    "unmappedJson" TEXT NOT NULL DEFAULT '[]',
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PlanSource_pkey" PRIMARY KEY ("releaseId")
);

-- AddForeignKey
ALTER TABLE "PlanSource" ADD CONSTRAINT "PlanSource_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

