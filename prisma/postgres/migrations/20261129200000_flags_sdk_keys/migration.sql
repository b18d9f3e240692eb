-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'api',
ADD COLUMN     "service" TEXT;

-- AlterTable
ALTER TABLE "Release" ADD COLUMN     "flagKeys" TEXT;
