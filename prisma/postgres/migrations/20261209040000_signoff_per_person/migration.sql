-- Issue 26: see prisma/migrations/20261209040000_signoff_per_person.
-- AlterTable
ALTER TABLE "Signoff" DROP CONSTRAINT "Signoff_pkey",
ADD CONSTRAINT "Signoff_pkey" PRIMARY KEY ("releaseId", "waveIndex", "role", "by");
