// Stages' once-per-cluster job (issue 25), for the job catalogue (lib/main/job-catalogue.ts).
import "server-only";
import type { ClusterJobEntry, JobContext } from "../../platform/jobs/cluster-jobs";
import { stillLeading } from "../../platform/jobs/still-leading";
import { answerDeploymentReviews } from "./github/answer-deployment-reviews";

/** How often GitHub deployments waiting on a stage are looked at. */
export const GITHUB_REVIEW_TICK_MS = 1_000;

export function stageJobs(): ClusterJobEntry[] {
  return [
    {
      name: "github-deployment-reviews",
      intervalMs: GITHUB_REVIEW_TICK_MS,
      run: async ({ epoch }: JobContext) => {
        await stillLeading(epoch);
        await answerDeploymentReviews();
      },
    },
  ];
}
