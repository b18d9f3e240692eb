-- Stages (issue 25): see prisma/migrations/20261208040000_stages.
-- CreateTable
CREATE TABLE "Environment" (
    "name" TEXT NOT NULL,
    "region" TEXT,
    "order" INTEGER NOT NULL DEFAULT 0,
    "router" TEXT,
    "approverRolesJson" TEXT NOT NULL DEFAULT '[]',
    "requiredApprovals" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Environment_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "GithubDeploymentReview" (
    "id" TEXT NOT NULL,
    "deploymentId" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "repo" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "installationId" TEXT,
    "releaseId" TEXT,
    "stage" TEXT,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "comment" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "answeredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GithubDeploymentReview_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "GithubDeploymentReview_deploymentId_environment_key" ON "GithubDeploymentReview"("deploymentId", "environment");

-- CreateIndex
CREATE INDEX "GithubDeploymentReview_answeredAt_nextAttemptAt_idx" ON "GithubDeploymentReview"("answeredAt", "nextAttemptAt");
