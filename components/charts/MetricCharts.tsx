// A chart per guardrail metric, or an empty state when the release has no metric data yet. Wave boundaries come
// with the metrics; rollbacks and pauses come from the audit trail, so the moment traffic was cut is on every chart.
"use client";
import { memo } from "react";
import type { EventView, MetricsView } from "@/lib/releases/client/types";
import { Panel } from "../ui/Panel";
import { MetricChart, type ChartMarker } from "./MetricChart";

function shortWave(label: string, index: number): string {
  const pct = /(\d+(?:\.\d+)?%)\s*$/.exec(label)?.[1];
  return `W${index + 1}${pct ? ` ${pct}` : ""}`;
}

export function chartMarkers(metrics: MetricsView | undefined, events: readonly EventView[]): ChartMarker[] {
  const waves: ChartMarker[] = (metrics?.waveMarkers ?? []).map((m, i) => ({ t: m.t, label: shortWave(m.label, i), kind: "wave" }));
  const stops: ChartMarker[] = events
    .filter((e) => e.type === "rolled_back" || e.type === "paused")
    .map((e) => ({
      t: new Date(e.at).getTime(),
      label: e.type === "rolled_back" ? "Rolled back" : "Paused",
      kind: e.type === "rolled_back" ? "rollback" : "pause",
    }));
  return [...waves, ...stops];
}

const NO_EVENTS: readonly EventView[] = [];

// Memoised: the board ticks every second for its clocks, and redrawing every chart with it is the page's biggest cost.
export const MetricCharts = memo(function MetricCharts({
  metrics,
  loading,
  events = NO_EVENTS,
}: {
  metrics: MetricsView | undefined;
  loading: boolean;
  events?: readonly EventView[];
}) {
  const list = metrics?.metrics ?? [];
  const markers = chartMarkers(metrics, events);
  return (
    <Panel title="Last hour: canary vs baseline" id="charts">
      {list.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">{loading ? "Loading charts…" : "No metric data to chart yet."}</p>
      ) : (
        <div className="grid gap-3 xl:grid-cols-2">
          {list.map((m) => (
            <MetricChart key={m.metric} series={m} markers={markers} />
          ))}
        </div>
      )}
    </Panel>
  );
});
