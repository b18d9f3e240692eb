-- Programmes (issue 22): see prisma/migrations/20261207030000_programme_tracks.
-- AlterTable
ALTER TABLE "Release" ADD COLUMN     "tracksJson" TEXT;
