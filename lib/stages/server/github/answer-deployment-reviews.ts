// Issue 25: the job that answers GitHub deployments waiting on a stage. For each unanswered review: find the release
// with a stage in its environment (newest first, the repository's name as the service preferred), decide approve
// (the stage's gate is open, or it opened) or reject (it failed: a broken soak, an upstream rollback, a rejected
// sign-off; or no release came), then POST the review to GitHub, retrying with backoff until GitHub took it.
import "server-only";
import type { GithubDeploymentReview } from "../../../generated/prisma/sqlite/client";
import { config } from "../../../platform/config/config";
import { db } from "../../../platform/db/client";
import { logError, logNotice } from "../../../platform/logging/ops-log";
import { reviewBody, retryDelaySeconds } from "../../core/github-protection-rule";
import { stageNow } from "../wait-for-stage";
import { reviewDeployment } from "./github-client";

const BATCH = 20;
const ACTIVE = ["draft", "running", "paused", "hypercare"];
/** How many recent releases are searched for a stage in the deployment's environment. */
const CANDIDATES = 50;

async function findStage(environment: string, repo: string): Promise<{ releaseId: string; stage: string } | null> {
  const rows = await db().release.findMany({
    where: { status: { in: ACTIVE } },
    orderBy: { createdAt: "desc" },
    take: CANDIDATES,
    select: { id: true, service: true, planJson: true },
  });
  let fallback: { releaseId: string; stage: string } | null = null;
  for (const r of rows) {
    let tracks: { key: string; environment?: string }[] = [];
    try {
      tracks = (JSON.parse(r.planJson) as { tracks?: { key: string; environment?: string }[] }).tracks ?? [];
    } catch {
      continue;
    }
    const stage = tracks.find((t) => t.environment === environment);
    if (!stage) continue;
    if (r.service === repo) return { releaseId: r.id, stage: stage.key };
    fallback ??= { releaseId: r.id, stage: stage.key };
  }
  return fallback;
}

type Decision = { state: "approved" | "rejected"; comment: string } | null;

async function decide(row: GithubDeploymentReview, now: Date): Promise<{ decision: Decision; releaseId: string | null; stage: string | null }> {
  let releaseId = row.releaseId;
  let stage = row.stage;
  if (!releaseId || !stage) {
    const found = await findStage(row.environment, row.repo);
    if (!found) {
      const waited = (now.getTime() - row.createdAt.getTime()) / 1000;
      if (waited >= config().GITHUB_UNMATCHED_REJECT_SECONDS) {
        return { decision: { state: "rejected", comment: `Tidegate: no release has a stage in environment "${row.environment}"` }, releaseId: null, stage: null };
      }
      return { decision: null, releaseId: null, stage: null };
    }
    ({ releaseId, stage } = found);
  }
  const { gate, state, view } = await stageNow(releaseId, stage, now);
  const where = `${view.name} (${row.environment})`;
  if (state.status === "rolled_back") return { decision: { state: "rejected", comment: `Tidegate: ${where} was rolled back` }, releaseId, stage };
  if (gate?.kind === "failed") return { decision: { state: "rejected", comment: `Tidegate: ${gate.message}` }, releaseId, stage };
  const open = state.status !== "draft" || (gate?.kind === "open" && view.unmet.length === 0);
  if (open) return { decision: { state: "approved", comment: `Tidegate: promotion into ${where} is open` }, releaseId, stage };
  return { decision: null, releaseId, stage };
}

export async function answerDeploymentReviews(now = new Date()): Promise<void> {
  const due = await db().githubDeploymentReview.findMany({ where: { answeredAt: null, nextAttemptAt: { lte: now } }, orderBy: { nextAttemptAt: "asc" }, take: BATCH });
  for (const row of due) {
    try {
      await answerOne(row, now);
    } catch (e) {
      logError("github deployment review failed", { review: row.id, error: (e as Error).message });
    }
  }
}

async function answerOne(row: GithubDeploymentReview, now: Date): Promise<void> {
  // Once decided, the decision stands: a retry sends the same answer even if the stage moved since.
  let state = row.state as "pending" | "approved" | "rejected";
  let comment = row.comment;
  let { releaseId, stage } = row;
  if (state === "pending") {
    const decided = await decide(row, now);
    releaseId = decided.releaseId;
    stage = decided.stage;
    if (!decided.decision) {
      if (releaseId !== row.releaseId || stage !== row.stage) await db().githubDeploymentReview.update({ where: { id: row.id }, data: { releaseId, stage } });
      return;
    }
    state = decided.decision.state;
    comment = decided.decision.comment;
    await db().githubDeploymentReview.update({ where: { id: row.id }, data: { state, comment, releaseId, stage } });
  }
  const answer = await reviewDeployment(row.owner, row.repo, row.runId, row.installationId, reviewBody(row.environment, state as "approved" | "rejected", comment ?? ""));
  const attempts = row.attempts + 1;
  if (answer.status !== null && answer.status >= 200 && answer.status < 300) {
    await db().githubDeploymentReview.update({ where: { id: row.id }, data: { answeredAt: new Date(), attempts, lastError: null } });
    logNotice("github deployment reviewed", { review: row.id, environment: row.environment, state, runId: row.runId });
    return;
  }
  const error = answer.error ?? `HTTP ${answer.status}: ${answer.body.slice(0, 300)}`;
  // A 4xx other than rate limits will not change by retrying: keep the error and stop.
  const final = answer.status !== null && answer.status >= 400 && answer.status < 500 && answer.status !== 429 && answer.status !== 403;
  await db().githubDeploymentReview.update({
    where: { id: row.id },
    data: { attempts, lastError: error, ...(final ? { answeredAt: new Date() } : { nextAttemptAt: new Date(now.getTime() + retryDelaySeconds(attempts) * 1000) }) },
  });
  logError("github deployment review not taken", { review: row.id, status: answer.status, error, final });
}
