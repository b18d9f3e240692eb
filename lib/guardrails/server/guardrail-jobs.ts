// The guardrails' once-per-cluster jobs, for the job catalogue (lib/main/job-catalogue.ts).
import "server-only";
import { config } from "../../platform/config/config";
import { db } from "../../platform/db/client";
import type { ClusterJobEntry, JobContext } from "../../platform/jobs/cluster-jobs";
import { stillLeading } from "../../platform/jobs/still-leading";
import { pullMetricSources } from "./prometheus/pull-metric-sources";
import { requestWatch } from "./watch-scheduler";

/** A watch pass for every live release, so silence is noticed, not only data (the leader's passes act; see watch-release.ts). */
export async function guardrailTick(): Promise<void> {
  const live = await db().release.findMany({
    where: {
      OR: [
        { status: { in: ["running", "paused", "hypercare"] } },
        // Drafts whose pre-deployment checklist has metric-bound items evaluate them, so START can open.
        { status: "draft", checklist: { some: { waveIndex: null, metricJson: { not: null } } } },
      ],
    },
    select: { id: true },
  });
  for (const r of live) requestWatch(r.id);
}

/**
 * The Prometheus pull (issue 11) runs the queries that are due and feeds their values to the guardrails. Only the
 * current leader pulls, so a value is stored once (a stale leader's pass stops at the fence).
 */
export async function pullMetrics({ epoch }: JobContext): Promise<void> {
  await stillLeading(epoch);
  await pullMetricSources();
}

export function guardrailJobs(): ClusterJobEntry[] {
  const cfg = config();
  return [
    { name: "guardrail-tick", intervalMs: cfg.GUARDRAIL_TICK_MS, run: guardrailTick },
    { name: "metric-pull", intervalMs: cfg.PROMETHEUS_PULL_TICK_MS, run: pullMetrics },
  ];
}
