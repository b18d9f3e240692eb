// Stores the reference levels of relative guardrails (plan v2): the pre-rollout level at START (kept across
// retries unless none was captured) and the previous wave's level at each promotion (cleared when a run begins).
import "server-only";
import { BUCKET_SIZES_MS } from "../../guardrails/core";
import { capturePreRollout, capturePreviousWave, metricsNeedingReferences, PRE_ROLLOUT_WINDOW_MS, PREVIOUS_WAVE_WINDOW_MS, type ReferenceLevels } from "../../guardrails/core/references";
import type { ReleaseState } from "../core/machine";
import type { Tx } from "../../platform/db/client";
import { readBuckets } from "../../guardrails/server/read-buckets";
import type { LoadedRelease } from "./load-release";

export function referenceLevelsOf(row: { referenceLevelsJson: string | null }): ReferenceLevels | null {
  return row.referenceLevelsJson ? (JSON.parse(row.referenceLevelsJson) as ReferenceLevels) : null;
}

/** The levels to store after a state change, or undefined when they stay as they are. */
export async function nextReferenceLevels(tx: Tx, loaded: LoadedRelease, next: ReleaseState, now: Date): Promise<ReferenceLevels | undefined> {
  if (metricsNeedingReferences(loaded.plan).length === 0) return undefined;
  const prev = loaded.state;
  const current = referenceLevelsOf(loaded.row) ?? {};
  const bucketMs = BUCKET_SIZES_MS.fine;
  const runBegins = next.status === "running" && (prev.status === "draft" || prev.status === "rolled_back");
  if (runBegins) {
    let preRollout = current.preRollout;
    if (!preRollout || Object.keys(preRollout).length === 0) {
      const buckets = await readBuckets(tx, loaded.row.id, bucketMs, now.getTime() - PRE_ROLLOUT_WINDOW_MS - bucketMs, now.getTime());
      preRollout = capturePreRollout(loaded.plan, buckets, now.getTime(), bucketMs);
    }
    return { preRollout };
  }
  const promoted = next.currentWaveIndex > prev.currentWaveIndex && next.status === "running";
  if (promoted && prev.waveStartedAt) {
    const from = Math.max(prev.waveStartedAt.getTime(), now.getTime() - PREVIOUS_WAVE_WINDOW_MS) - bucketMs;
    const buckets = await readBuckets(tx, loaded.row.id, bucketMs, from, now.getTime());
    return { ...current, previousWave: capturePreviousWave(loaded.plan, buckets, prev.waveStartedAt.getTime(), now.getTime(), bucketMs) };
  }
  return undefined;
}
