// Every once-per-cluster job, in one list: each capability contributes its entries, and its job bodies live with it.
// A feature adds its jobs here; it never starts its own timer for cluster work.
import "server-only";
import { guardrailJobs } from "../guardrails/server/guardrail-jobs";
import type { ClusterJobEntry } from "../platform/jobs/cluster-jobs";
import { releaseJobs } from "../releases/server/release-jobs";
import { stageJobs } from "../stages/server/stage-jobs";
import { webhookJobs } from "../webhooks/server/webhook-jobs";
import { retentionJob } from "./retention-job";
import { trafficJobs } from "../traffic/server";

export function jobCatalogue(): ClusterJobEntry[] {
  return [...guardrailJobs(), retentionJob, ...releaseJobs(), ...webhookJobs(), ...trafficJobs(), ...stageJobs()];
}
