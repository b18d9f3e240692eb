// The share of users a release's flags are on for, derived from the release alone. Pure.
import type { ReleaseStatus } from "../../releases/core/machine";
import type { Plan } from "../../plans/core/plan";

export interface ReleaseForShare {
  status: ReleaseStatus | string;
  currentWaveIndex: number;
  trafficPercent: number;
}

/**
 * draft 0; running or paused at the current wave's traffic; completed 100; rolled back 0. Retry restarts at wave 1,
 * which the release row already says. Anything unknown is 0: a flag that is off is the safe answer.
 */
export function flagShare(release: ReleaseForShare, plan: Pick<Plan, "waves">): number {
  switch (release.status) {
    case "running":
    case "paused":
      return plan.waves[release.currentWaveIndex]?.trafficPercent ?? release.trafficPercent;
    case "completed":
    case "hypercare":
      return 100;
    default:
      return 0;
  }
}

/** Whether the release is serving its flags at all (draft and rolled back are switched off for everyone). */
export function flagsLive(status: string): boolean {
  return status === "running" || status === "paused" || status === "hypercare" || status === "completed";
}
