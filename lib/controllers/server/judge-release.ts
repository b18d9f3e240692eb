// What a controller's question is answered from: the release, the gate of its next step (the same currentGate the
// board and CONTINUE use) and its guardrails' verdicts (the same summaries the board's tiles show, sequential judges
// included), read once.
import "server-only";
import { BUCKET_SIZES_MS } from "../../guardrails/core";
import { summarizeMetrics } from "../../guardrails/core/summary";
import { watchHorizonMs } from "../../guardrails/core/watch";
import { readBuckets } from "../../guardrails/server/read-buckets";
import { guardrailsForWave } from "../../plans/core/wave-guardrails";
import { db } from "../../platform/db/client";
import { loadRelease } from "../../releases/server/load-release";
import { referenceLevelsOf } from "../../releases/server/reference-levels";
import { currentGate } from "../../releases/server/release-view";
import type { ReleaseJudgement } from "../core/answers";

export async function judgeReleaseFor(releaseId: string, now = Date.now()): Promise<ReleaseJudgement | null> {
  const loaded = await loadRelease(db(), releaseId);
  if (!loaded) return null;
  const { plan, state, row } = loaded;
  const live = state.status === "running" || state.status === "paused";
  const waveStart = live ? (state.waveStartedAt?.getTime() ?? null) : null;
  const guardrails = guardrailsForWave(plan, state.currentWaveIndex, state.tracks);
  const buckets = live ? await readBuckets(db(), releaseId, BUCKET_SIZES_MS.fine, now - watchHorizonMs(plan, state.currentWaveIndex, state.tracks, now, waveStart)) : null;
  const summaries = buckets ? summarizeMetrics(plan, state.currentWaveIndex, buckets, now, referenceLevelsOf(row), waveStart) : [];
  const lastRollback =
    state.status === "rolled_back"
      ? await db().releaseEvent.findFirst({ where: { releaseId, type: "rolled_back" }, orderBy: { seq: "desc" }, select: { actor: true, reason: true } })
      : null;
  return {
    releaseId,
    name: row.name,
    service: row.service,
    status: state.status,
    currentWaveIndex: state.currentWaveIndex,
    waveCount: plan.waves.length,
    trafficPercent: state.trafficPercent,
    gate: currentGate(loaded, new Date(now)),
    metrics: summaries.map((s) => ({
      metric: s.metric,
      level: s.level,
      detail: s.verdict ?? s.detail,
      actsAt: s.actsAt,
      onCritical: guardrails.find((g) => g.metric === s.metric)?.onCritical ?? null,
    })),
    rollbackReason: lastRollback ? `${lastRollback.actor}${lastRollback.reason ? `: ${lastRollback.reason}` : ""}` : null,
    now,
  };
}
