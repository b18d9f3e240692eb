-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN     "scopes" TEXT NOT NULL DEFAULT '["ingest","read"]';


-- Existing tokens keep what they could do: SDK keys evaluate flags, every other token ingests and reads.
UPDATE "ApiToken" SET "scopes" = '["sdk"]' WHERE "kind" = 'sdk';
