-- Issue 26: N-of-M quorums per role: a role's sign-offs are kept per person, so the key gains "by".
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Signoff" (
    "releaseId" TEXT NOT NULL,
    "waveIndex" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "by" TEXT NOT NULL,
    "comment" TEXT,
    "at" DATETIME NOT NULL,

    PRIMARY KEY ("releaseId", "waveIndex", "role", "by"),
    CONSTRAINT "Signoff_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Signoff" ("at", "by", "comment", "decision", "releaseId", "role", "waveIndex") SELECT "at", "by", "comment", "decision", "releaseId", "role", "waveIndex" FROM "Signoff";
DROP TABLE "Signoff";
ALTER TABLE "new_Signoff" RENAME TO "Signoff";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
