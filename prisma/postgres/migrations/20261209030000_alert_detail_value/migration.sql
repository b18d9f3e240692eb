-- Issue 27: see prisma/migrations/20261209030000_alert_detail_value.
-- AlterTable
ALTER TABLE "Alert" ADD COLUMN     "detailValue" DOUBLE PRECISION;
