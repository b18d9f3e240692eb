// A chart per guardrail metric, or an empty state when the release has no metric data yet.
"use client";
import type { MetricsView } from "@/lib/client/types";
import { Panel } from "../ui/Panel";
import { MetricChart } from "./MetricChart";

export function MetricCharts({ metrics, loading }: { metrics: MetricsView | undefined; loading: boolean }) {
  const list = metrics?.metrics ?? [];
  return (
    <Panel title="Last hour: canary vs baseline" id="charts">
      {list.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">{loading ? "Loading charts…" : "No metric data to chart yet."}</p>
      ) : (
        <div className="grid gap-3 xl:grid-cols-2">
          {list.map((m) => (
            <MetricChart key={m.metric} series={m} waveMarkers={metrics?.waveMarkers ?? []} />
          ))}
        </div>
      )}
    </Panel>
  );
}
