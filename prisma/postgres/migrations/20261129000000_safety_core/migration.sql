
-- AlterTable
ALTER TABLE "Release" ADD COLUMN     "run" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "stateVersion" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Alert" ADD COLUMN     "refusedAction" TEXT,
ADD COLUMN     "run" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "position" SERIAL NOT NULL,
    "releaseId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "topic" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("position")
);

-- CreateTable
CREATE TABLE "OutboxCursor" (
    "consumer" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OutboxCursor_pkey" PRIMARY KEY ("consumer")
);

-- CreateIndex
CREATE INDEX "OutboxMessage_createdAt_idx" ON "OutboxMessage"("createdAt");

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Existing releases: their last state change is as recent as their version, and a started release is in run 1.
UPDATE "Release" SET "stateVersion" = "version";
UPDATE "Release" SET "run" = 1 WHERE "startedAt" IS NOT NULL;
UPDATE "Alert" SET "run" = 1;
