// Reference levels for relative guardrails other than `baseline` (plan v2): the level before the rollout, captured
// at START, and the level of the previous wave, captured at each promotion. Pure; the command path reads the
// buckets and stores what this returns with the release.
import type { Guardrail, Plan } from "../../plans/core/plan";
import { guardrailsForWave } from "../../plans/core/wave-guardrails";
import type { Bucket, BucketSeries } from "./rollup";

export interface ReferenceLevels {
  /** Mean of each metric over PRE_ROLLOUT_WINDOW_MS before START (all traffic then ran the old version). */
  preRollout?: Record<string, number>;
  /** Mean of each metric's canary over the wave just left (its last PREVIOUS_WAVE_WINDOW_MS at most). */
  previousWave?: Record<string, number>;
}

/** "The level before the rollout": the 30 minutes before START. Documented in the README (plan format). */
export const PRE_ROLLOUT_WINDOW_MS = 30 * 60_000;
/** "The previous wave's level": the canary over the wave just left, at most its last 30 minutes. */
export const PREVIOUS_WAVE_WINDOW_MS = 30 * 60_000;

/** Metrics that any wave compares with a captured level. */
export function metricsNeedingReferences(plan: Plan): string[] {
  const keys = new Set<string>();
  plan.waves.forEach((_, i) => {
    for (const g of guardrailsForWave(plan, i)) if (g.relativeTo === "pre_rollout" || g.relativeTo === "previous_wave") keys.add(g.metric);
  });
  return [...keys].sort();
}

function meanOf(lists: readonly (readonly Bucket[])[], from: number, to: number, bucketMs: number): number | null {
  let sum = 0;
  let count = 0;
  for (const list of lists) {
    for (const b of list) {
      // Only whole buckets inside [from, to): one straddling START or the promotion mixes both sides.
      if (b.start < from || b.start + bucketMs > to) continue;
      sum += b.sum;
      count += b.count;
    }
  }
  return count > 0 ? sum / count : null;
}

/** At START: each metric's level over the window before it, canary and baseline cohorts together. */
export function capturePreRollout(plan: Plan, buckets: BucketSeries, startedAt: number, bucketMs: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const metric of metricsNeedingReferences(plan)) {
    const lists = [buckets.get(`${metric}|baseline`) ?? [], buckets.get(`${metric}|canary`) ?? []];
    const v = meanOf(lists, startedAt - PRE_ROLLOUT_WINDOW_MS, startedAt, bucketMs);
    if (v !== null) out[metric] = v;
  }
  return out;
}

/** At a promotion: each metric's canary level over the wave being left. */
export function capturePreviousWave(plan: Plan, buckets: BucketSeries, waveStartedAt: number, promotedAt: number, bucketMs: number): Record<string, number> {
  const out: Record<string, number> = {};
  const from = Math.max(waveStartedAt, promotedAt - PREVIOUS_WAVE_WINDOW_MS);
  for (const metric of metricsNeedingReferences(plan)) {
    const v = meanOf([buckets.get(`${metric}|canary`) ?? []], from, promotedAt, bucketMs);
    if (v !== null) out[metric] = v;
  }
  return out;
}

/**
 * The captured level a guardrail compares with, or null (inconclusive). In the first wave there is no previous
 * wave: `previous_wave` compares with the level before the rollout, as a team reading "from Wave 1" expects.
 */
export function referenceFor(g: Pick<Guardrail, "metric" | "relativeTo">, refs: ReferenceLevels | null | undefined): number | null {
  if (!refs) return null;
  if (g.relativeTo === "pre_rollout") return refs.preRollout?.[g.metric] ?? null;
  if (g.relativeTo === "previous_wave") return refs.previousWave?.[g.metric] ?? refs.preRollout?.[g.metric] ?? null;
  return null;
}
