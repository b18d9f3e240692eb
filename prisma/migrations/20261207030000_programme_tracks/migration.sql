-- Programmes (issue 22): each track's state of a plan with tracks, JSON on the release row. Additive, nullable.
-- AlterTable
ALTER TABLE "Release" ADD COLUMN "tracksJson" TEXT;
