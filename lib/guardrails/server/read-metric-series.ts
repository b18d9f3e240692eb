// Chart data for a release: per metric its guardrail, level, current and previous window, and a downsampled
// canary/baseline series read from roll-ups (never raw samples), plus the wave boundaries.
import "server-only";
import { BUCKET_SIZES_MS, downsample, type Bucket } from "../core";
import { metricInfo } from "../core/metric-info";
import { summarizeMetrics } from "../core/summary";
import { seriesOf, watchHorizonMs } from "../core/watch";
import { guardrailsForWave } from "../../plans/core/wave-guardrails";
import { db } from "../../platform/db/client";
import { loadRelease } from "../../releases/server/load-release";
import { liveMetricLevel } from "../../releases/core/release-health";
import { referenceLevelsOf } from "../../releases/server/reference-levels";
import { readBuckets } from "./read-buckets";

const MAX_POINTS = 240;

export async function readMetricSeries(releaseId: string, minutes: number, now = Date.now()) {
  const loaded = await loadRelease(db(), releaseId);
  if (!loaded) return null;
  const waveIndex = loaded.state.currentWaveIndex;
  const waveStart = loaded.state.status === "running" || loaded.state.status === "paused" ? (loaded.state.waveStartedAt?.getTime() ?? null) : null;
  const sizeMs = minutes <= 30 ? BUCKET_SIZES_MS.fine : BUCKET_SIZES_MS.coarse;
  const [series, recent] = await Promise.all([
    readBuckets(db(), releaseId, sizeMs, now - minutes * 60_000),
    readBuckets(db(), releaseId, BUCKET_SIZES_MS.fine, now - watchHorizonMs(loaded.plan, waveIndex, loaded.state.tracks, now, waveStart)),
  ]);
  const guardrails = guardrailsForWave(loaded.plan, waveIndex);
  const summaries = summarizeMetrics(loaded.plan, waveIndex, recent, now, referenceLevelsOf(loaded.row), waveStart);
  // Plan v2: the plan's metrics catalogue names and labels metrics; watch-only ones are shown even before data.
  const catalogue = new Map((loaded.plan.metrics ?? []).map((m) => [m.key, m]));
  const metrics = new Set([...summaries.map((s) => s.metric), ...[...series.keys()].map((k) => k.split("|")[0]), ...catalogue.keys()]);
  return {
    bucketSeconds: sizeMs / 1000,
    metrics: [...metrics].sort().map((metric) => {
      const summary = summaries.find((s) => s.metric === metric);
      const g = guardrails.find((x) => x.metric === metric) ?? null;
      return {
        metric,
        ...metricInfo(metric),
        ...(catalogue.has(metric) ? { label: catalogue.get(metric)!.label, unitLabel: catalogue.get(metric)!.unit ?? null, watchOnly: catalogue.get(metric)!.watchOnly } : {}),
        guardrail: g,
        level: liveMetricLevel(loaded.state.status, summary?.level ?? "inconclusive"),
        current: summary?.current ?? null,
        previous: summary?.previous ?? null,
        observed: summary?.observed ?? null,
        detail: summary?.detail ?? null,
        criticalSince: summary?.criticalSince ?? null,
        actsAt: summary?.actsAt ?? null,
        verdict: summary?.verdict ?? null,
        points: mergePoints(seriesOf(series, metric, "canary"), seriesOf(series, metric, "baseline")),
      };
    }),
    waveMarkers: loaded.waves
      .filter((w) => w.startedAt)
      .map((w) => ({ t: w.startedAt!.getTime(), label: `${w.name} ${w.trafficPercent}%` })),
  };
}

function mergePoints(canary: Bucket[], baseline: Bucket[]) {
  const thin = (buckets: Bucket[]) => downsample(buckets.map((b) => ({ t: b.start, v: b.sum / b.count })), MAX_POINTS);
  const byT = new Map<number, { t: number; canary: number | null; baseline: number | null }>();
  for (const p of thin(canary)) byT.set(p.t, { t: p.t, canary: p.v, baseline: null });
  for (const p of thin(baseline)) {
    const row = byT.get(p.t);
    if (row) row.baseline = p.v;
    else byT.set(p.t, { t: p.t, canary: null, baseline: p.v });
  }
  return [...byT.values()].sort((a, b) => a.t - b.t);
}
