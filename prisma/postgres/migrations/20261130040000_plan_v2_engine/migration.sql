-- Plan v2 in the engine (issue 14): see prisma/migrations/20261130040000_plan_v2_engine.
-- AlterTable
ALTER TABLE "Release" ADD COLUMN     "referenceLevelsJson" TEXT,
ADD COLUMN     "rollbackJson" TEXT,
ADD COLUMN     "overdueRaisedFor" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ChecklistItem" ADD COLUMN     "gate" TEXT NOT NULL DEFAULT 'exit',
ADD COLUMN     "groupName" TEXT;

-- AlterTable
ALTER TABLE "Alert" ADD COLUMN     "actedAction" TEXT;

