-- Issue 27: the observed value an alert's detail describes, so the watch can rewrite a detail that went stale
-- ("14.6 %" while the value is 40 %).
-- AlterTable
ALTER TABLE "Alert" ADD COLUMN "detailValue" REAL;
