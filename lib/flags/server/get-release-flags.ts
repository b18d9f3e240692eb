// GET /api/releases/:id/flags: the flags a release's plan moves, with what each serves now.
import "server-only";
import { flagsOfPlan, type Plan } from "../../plans/core/plan";
import { db } from "../../platform/db/client";
import { readReleaseFlags } from "./read-release-flags";

/** Null when the release does not exist. */
export async function getReleaseFlags(releaseId: string, nowMs: number) {
  const row = await db().release.findUnique({ where: { id: releaseId }, select: { planJson: true } });
  if (!row) return null;
  const plan = JSON.parse(row.planJson) as Plan;
  return readReleaseFlags(releaseId, flagsOfPlan(plan), nowMs);
}
