// The latest pull of each Prometheus-sourced guardrail of a release's current run, for the watch pass.
import "server-only";
import type { PullStatus } from "../../core/evidence";
import { effectivePrometheusSource } from "../../core/effective-source";
import { guardrailsForWave } from "../../../plans/core/wave-guardrails";
import type { Tx } from "../../../platform/db/client";
import type { LoadedRelease } from "../../../releases/server/load-release";

export async function readPullStatuses(
  tx: Tx,
  loaded: LoadedRelease,
  sinceMs: number,
  known?: ReadonlyMap<string, PullStatus>,
): Promise<Map<string, PullStatus>> {
  const pulled = guardrailsForWave(loaded.plan, loaded.state.currentWaveIndex).filter((g) => effectivePrometheusSource(loaded.plan.source, g.source));
  const out = new Map<string, PullStatus>();
  if (pulled.length === 0) return out;
  // The pull job knows every latest pull already: no read needed.
  if (known && pulled.every((g) => known.has(g.metric))) {
    for (const g of pulled) out.set(g.metric, known.get(g.metric)!);
    return out;
  }
  const rows = await tx.guardrailMeasurement.findMany({
    where: { releaseId: loaded.row.id, run: loaded.row.run, metric: { in: pulled.map((g) => g.metric) }, scheduledAt: { gte: new Date(sinceMs) } },
    orderBy: { scheduledAt: "desc" },
    take: pulled.length * 8,
  });
  for (const row of rows) {
    if (out.has(row.metric)) continue;
    const raw = JSON.parse(row.rawJson) as PullStatus["raw"];
    out.set(row.metric, {
      state: row.state as PullStatus["state"],
      failingSince: row.failingSince?.getTime() ?? null,
      reason: row.reason,
      scheduledAt: row.scheduledAt.getTime(),
      canaryQuery: row.canaryQuery,
      baselineQuery: row.baselineQuery,
      canaryValue: row.canaryValue,
      baselineValue: row.baselineValue,
      raw,
    });
  }
  for (const [metric, status] of known ?? []) if (pulled.some((g) => g.metric === metric)) out.set(metric, status);
  return out;
}
