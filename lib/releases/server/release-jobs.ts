// The release clock's once-per-cluster jobs (plan v2), for the job catalogue (lib/main/job-catalogue.ts).
import "server-only";
import type { ClusterJobEntry, JobContext } from "../../platform/jobs/cluster-jobs";
import { stillLeading } from "../../platform/jobs/still-leading";
import { followUpRollbacks } from "./follow-up-rollbacks";
import { runSchedule } from "./run-schedule";

/** How often the clock's own work (auto-promotion, end of hypercare, overdue alerts) is looked at. */
export const SCHEDULE_TICK_MS = 1_000;

/** How often rollback objectives and verifications are looked at (their resolution is seconds). */
export const ROLLBACK_FOLLOW_UP_MS = 5_000;

export async function scheduleJob({ epoch }: JobContext): Promise<void> {
  await stillLeading(epoch);
  await runSchedule();
}

export async function rollbackFollowUpJob({ epoch }: JobContext): Promise<void> {
  await stillLeading(epoch);
  await followUpRollbacks();
}

export function releaseJobs(): ClusterJobEntry[] {
  return [
    { name: "schedule", intervalMs: SCHEDULE_TICK_MS, run: scheduleJob },
    { name: "rollback-follow-up", intervalMs: ROLLBACK_FOLLOW_UP_MS, run: rollbackFollowUpJob },
  ];
}
