-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ApiToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "releaseId" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    "kind" TEXT NOT NULL DEFAULT 'api',
    "service" TEXT,
    "scopes" TEXT NOT NULL DEFAULT '["ingest","read"]',
    CONSTRAINT "ApiToken_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ApiToken" ("createdAt", "createdBy", "id", "kind", "lastUsedAt", "name", "releaseId", "revokedAt", "service", "tokenHash") SELECT "createdAt", "createdBy", "id", "kind", "lastUsedAt", "name", "releaseId", "revokedAt", "service", "tokenHash" FROM "ApiToken";
DROP TABLE "ApiToken";
ALTER TABLE "new_ApiToken" RENAME TO "ApiToken";
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Existing tokens keep what they could do: SDK keys evaluate flags, every other token ingests and reads.
UPDATE "ApiToken" SET "scopes" = '["sdk"]' WHERE "kind" = 'sdk';
