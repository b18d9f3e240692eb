// Issue 25: a `deployment_protection_rule` webhook from GitHub, already verified: one review row per deployment and
// environment (a redelivery finds its row), answered later by the job (answer-deployment-reviews.ts), so the answer
// survives a restart and GitHub gets its webhook acknowledged at once.
import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "../../../platform/db/client";
import { appError, HttpError } from "../../../platform/http/app-error";
import { runOfCallback, type ProtectionRulePayload } from "../../core/github-protection-rule";

/** Bounded: GitHub redelivers and a flood of runs must not grow the table without end. */
export const MAX_PENDING_REVIEWS = 1000;

export async function receiveProtectionRule(payload: ProtectionRulePayload): Promise<{ id: string; created: boolean }> {
  const run = runOfCallback(payload.deployment_callback_url);
  if (!run) {
    throw new HttpError(appError(422, "invalid_request", "deployment_callback_url does not name a workflow run's deployment_protection_rule", { field: "deployment_callback_url" }));
  }
  const deploymentId = String(payload.deployment.id);
  const found = await db().githubDeploymentReview.findUnique({ where: { deploymentId_environment: { deploymentId, environment: payload.environment } } });
  if (found) return { id: found.id, created: false };
  const pending = await db().githubDeploymentReview.count({ where: { answeredAt: null } });
  if (pending >= MAX_PENDING_REVIEWS) {
    throw new HttpError(appError(503, "too_many_pending", `${MAX_PENDING_REVIEWS} GitHub deployments are waiting already`, { limit: MAX_PENDING_REVIEWS }));
  }
  const data = {
    id: `ghr_${randomUUID().replaceAll("-", "").slice(0, 20)}`,
    deploymentId,
    environment: payload.environment,
    owner: run.owner,
    repo: run.repo,
    runId: run.runId,
    installationId: payload.installation ? String(payload.installation.id) : null,
  };
  try {
    const row = await db().githubDeploymentReview.create({ data });
    return { id: row.id, created: true };
  } catch (e) {
    // Two deliveries of one deployment at once: the second finds the first's row.
    const again = await db().githubDeploymentReview.findUnique({ where: { deploymentId_environment: { deploymentId, environment: payload.environment } } });
    if (again) return { id: again.id, created: false };
    throw e;
  }
}
