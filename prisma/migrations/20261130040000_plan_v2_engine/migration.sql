-- Plan v2 in the engine (issue 14): entry checklists, item groups, reference levels of relative guardrails, the
-- rollback level carried out, and the action an alert episode committed. Additive columns only (no table rebuild),
-- so migrations of other changes to these tables merge cleanly.

-- AlterTable
ALTER TABLE "Release" ADD COLUMN "referenceLevelsJson" TEXT;
ALTER TABLE "Release" ADD COLUMN "rollbackJson" TEXT;
ALTER TABLE "Release" ADD COLUMN "overdueRaisedFor" DATETIME;

-- AlterTable
ALTER TABLE "Alert" ADD COLUMN "actedAction" TEXT;

-- AlterTable
ALTER TABLE "ChecklistItem" ADD COLUMN "gate" TEXT NOT NULL DEFAULT 'exit';
ALTER TABLE "ChecklistItem" ADD COLUMN "groupName" TEXT;
