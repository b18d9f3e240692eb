-- Stages (issue 25): admin-declared environments, and GitHub deployments waiting on a stage. Additive.
-- CreateTable
CREATE TABLE "Environment" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "region" TEXT,
    "order" INTEGER NOT NULL DEFAULT 0,
    "router" TEXT,
    "approverRolesJson" TEXT NOT NULL DEFAULT '[]',
    "requiredApprovals" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "GithubDeploymentReview" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "answeredAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "GithubDeploymentReview_deploymentId_environment_key" ON "GithubDeploymentReview"("deploymentId", "environment");

-- CreateIndex
CREATE INDEX "GithubDeploymentReview_answeredAt_nextAttemptAt_idx" ON "GithubDeploymentReview"("answeredAt", "nextAttemptAt");
